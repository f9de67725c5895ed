/** The pieces the related-post picker is made of, thin over @sanity/ui. */
import {DocumentTextIcon} from '@sanity/icons/DocumentText'
import {Badge, Box, Button, Card, Flex, Inline, Stack, Text} from '@sanity/ui'
import type {KeyboardEvent, ReactNode} from 'react'
import {IntentLink} from 'sanity/router'

import type {RelatedSuggestion} from '../../../core/related/types.ts'
import {postSubtitle} from '../../../schemas/documents/post.ts'

const THUMBNAIL_SIZE = 40

/** "Jan 15, 2026", or "No publish date". */
export function publishDateLabel(publishedAt: string | undefined): string {
  return postSubtitle(publishedAt, undefined)
}

/** The hero image, cropped square, or a document icon when the post has none. */
export function PostThumbnail({url}: {url?: string}) {
  return (
    <Card
      radius={2}
      tone="transparent"
      overflow="hidden"
      style={{width: THUMBNAIL_SIZE, height: THUMBNAIL_SIZE, flex: 'none'}}
    >
      {url ? (
        <img
          src={`${url}?w=${THUMBNAIL_SIZE * 2}&h=${THUMBNAIL_SIZE * 2}&fit=crop`}
          alt=""
          width={THUMBNAIL_SIZE}
          height={THUMBNAIL_SIZE}
          style={{objectFit: 'cover', display: 'block', width: '100%', height: '100%'}}
        />
      ) : (
        <Flex align="center" justify="center" height="fill">
          <Text muted>
            <DocumentTextIcon />
          </Text>
        </Flex>
      )}
    </Card>
  )
}

/** Title, date and extra lines beside a thumbnail. */
function PostSummary(props: {
  title: string
  publishedAt?: string
  thumbnailUrl?: string
  children?: ReactNode
}) {
  return (
    <Flex gap={3} align="center">
      <PostThumbnail url={props.thumbnailUrl} />
      <Stack gap={2} flex={1}>
        <Text size={1} weight="medium" textOverflow="ellipsis">
          {props.title}
        </Text>
        <Text size={1} muted>
          {publishDateLabel(props.publishedAt)}
        </Text>
        {props.children}
      </Stack>
    </Flex>
  )
}

/** DOM id of a suggestion, for `aria-activedescendant`. */
export const suggestionOptionId = (listId: string, index: number) => `${listId}-option-${index}`

/**
 * The suggestions as a listbox: title, date, hero thumbnail, shared tags, the reason, and an
 * "Unpublished" badge for posts readers cannot see yet.
 */
export function SuggestionList(props: {
  id: string
  label: string
  suggestions: RelatedSuggestion[]
  tagTitles: ReadonlyMap<string, string>
  activeIndex: number
  onPick: (suggestion: RelatedSuggestion) => void
}) {
  return (
    <Stack
      as="ul"
      id={props.id}
      role="listbox"
      aria-label={props.label}
      gap={1}
      padding={0}
      margin={0}
      data-testid="related-suggestions"
      style={{listStyle: 'none'}}
    >
      {props.suggestions.map((suggestion, index) => (
        <li key={suggestion.id} role="presentation">
          <Card
            as="button"
            type="button"
            id={suggestionOptionId(props.id, index)}
            role="option"
            aria-selected={index === props.activeIndex}
            selected={index === props.activeIndex}
            tabIndex={-1}
            padding={2}
            radius={2}
            data-testid="related-suggestion"
            // Keep focus in the search field so arrow keys keep working after a click.
            onMouseDown={(event: {preventDefault: () => void}) => event.preventDefault()}
            onClick={() => props.onPick(suggestion)}
            style={{width: '100%', textAlign: 'left'}}
          >
            <PostSummary
              title={suggestion.title}
              publishedAt={suggestion.publishedAt}
              thumbnailUrl={suggestion.thumbnailUrl}
            >
              <Text size={1} muted data-testid="related-reason">
                {suggestion.reason}
              </Text>
              {suggestion.sharedTagIds.length > 0 || suggestion.unpublished ? (
                <Inline gap={1}>
                  {suggestion.unpublished && <Badge tone="caution">Unpublished</Badge>}
                  {suggestion.sharedTagIds.map((tagId) => (
                    <Badge key={tagId}>{props.tagTitles.get(tagId) ?? tagId}</Badge>
                  ))}
                </Inline>
              ) : null}
            </PostSummary>
          </Card>
        </li>
      ))}
    </Stack>
  )
}

/** Arrow keys move through the list, Enter picks, Escape clears the search. */
export function listKeyHandler(options: {
  count: number
  activeIndex: number
  setActiveIndex: (index: number) => void
  pick: (index: number) => void
  clear: () => void
}) {
  return (event: KeyboardEvent<HTMLInputElement>) => {
    const {count, activeIndex} = options
    if (event.key === 'ArrowDown' && count > 0) {
      event.preventDefault()
      options.setActiveIndex((activeIndex + 1) % count)
    } else if (event.key === 'ArrowUp' && count > 0) {
      event.preventDefault()
      options.setActiveIndex((activeIndex - 1 + count) % count)
    } else if (event.key === 'Enter' && activeIndex >= 0 && activeIndex < count) {
      event.preventDefault()
      options.pick(activeIndex)
    } else if (event.key === 'Escape') {
      options.clear()
    }
  }
}

/** The chosen post as a card that opens it in the Studio. */
export function LinkedPostCard(props: {
  id: string
  title: string
  publishedAt?: string
  thumbnailUrl?: string
  status: string
}) {
  return (
    <Card
      as={IntentLink}
      intent="edit"
      params={{id: props.id, type: 'post'}}
      padding={2}
      radius={2}
      border
      flex={1}
      data-testid="related-linked-post"
      style={{textDecoration: 'none'}}
    >
      <PostSummary
        title={props.title}
        publishedAt={props.publishedAt}
        thumbnailUrl={props.thumbnailUrl}
      >
        {props.status === 'unpublished' && (
          <Box>
            <Badge tone="caution">Unpublished</Badge>
          </Box>
        )}
      </PostSummary>
    </Card>
  )
}

/** A notice with one or two actions (broken link, reciprocal link). */
export function LinkNotice(props: {
  tone: 'caution' | 'primary' | 'critical' | 'positive'
  testId: string
  message: string
  actions?: Array<{text: string; onClick: () => void; testId: string; primary?: boolean}>
}) {
  return (
    <Card tone={props.tone} padding={3} radius={2} border data-testid={props.testId}>
      <Stack gap={3}>
        <Text size={1}>{props.message}</Text>
        {props.actions?.length ? (
          <Flex gap={2} wrap="wrap">
            {props.actions.map((action) => (
              <Button
                key={action.testId}
                text={action.text}
                mode={action.primary ? 'default' : 'ghost'}
                tone={action.primary ? 'primary' : 'default'}
                fontSize={1}
                padding={2}
                onClick={action.onClick}
                data-testid={action.testId}
              />
            ))}
          </Flex>
        ) : null}
      </Stack>
    </Card>
  )
}
