/**
 * The related-post picker: the input of a post's `previous` and `next` fields. Suggestions before
 * any typing, title search, one click for the chronological neighbour, the chosen post as a card,
 * a fix for broken links, and the reciprocal link on the other post's draft.
 */
import {CloseIcon} from '@sanity/icons/Close'
import {SearchIcon} from '@sanity/icons/Search'
import {Button, Flex, Spinner, Stack, Text, TextInput} from '@sanity/ui'
import {useCallback, useEffect, useId, useMemo, useState} from 'react'
import {set, unset, useClient, useFormValue, type FormPatch} from 'sanity'

import {API_VERSION} from '../../../core/api-version.ts'
import {publishedIdOf} from '../../../core/ids.ts'
import {bothVersions, documentsByIdQuery, linkedPostQuery} from '../../../core/related/queries.ts'
import {oppositeField} from '../../../core/related/rank.ts'
import {
  planReciprocalLink,
  postReference,
  reciprocalLinkAction,
  type LinkedPostDocument,
  type ReciprocalLinkPlan,
} from '../../../core/related/links.ts'
import {
  type PostLinkField,
  type ReciprocalLinkMode,
  type RelatedContext,
  type RelatedSuggestion,
  type StoredReference,
} from '../../../core/related/types.ts'
import {
  LinkedPostCard,
  LinkNotice,
  listKeyHandler,
  SuggestionList,
  suggestionOptionId,
} from './RelatedPostParts.tsx'
import {
  REQUEST_TAGS,
  useChronologicalNeighbour,
  useDebouncedValue,
  useLinkedPost,
  useRelatedSuggestions,
} from './useRelatedPosts.ts'

/** How long typing must pause before the search runs. */
export const SEARCH_DEBOUNCE_MS = 250

export interface RelatedPostInputProps {
  field: PostLinkField
  value: StoredReference | undefined
  onChange: (patch: FormPatch | FormPatch[]) => void
  readOnly?: boolean
  /** The plugin's `relatedPosts.reciprocal` option. */
  reciprocal: ReciprocalLinkMode
}

/** A reciprocal link waiting for the editor's answer. */
interface Prompt {
  plan: Extract<ReciprocalLinkPlan, {mutations: unknown}>
  targetTitle: string
  currentTitle?: string
}

interface Notice {
  tone: 'positive' | 'critical'
  message: string
}

const quoted = (title: string | undefined) => (title ? `“${title}”` : 'the linked post')

/** The edited post as the ranking sees it, stable while the relevant form values are. */
function useRelatedContext(field: PostLinkField): RelatedContext {
  const documentId = useFormValue(['_id']) as string | undefined
  const publishedAt = useFormValue(['publishedAt']) as string | undefined
  const tags = useFormValue(['tags']) as StoredReference[] | undefined
  const other = useFormValue([oppositeField(field)]) as StoredReference | undefined
  const tagKey = (tags ?? [])
    .map((tag) => tag?._ref)
    .filter(Boolean)
    .join('\n')
  const otherLinkId = other?._ref
  return useMemo(
    () => ({
      id: documentId ?? '',
      publishedAt: publishedAt ?? null,
      tagIds: tagKey ? tagKey.split('\n') : [],
      otherLinkId: otherLinkId ?? null,
    }),
    [documentId, publishedAt, tagKey, otherLinkId],
  )
}

export function RelatedPostInput(props: RelatedPostInputProps) {
  const {field, value, onChange, readOnly, reciprocal} = props
  const client = useClient({apiVersion: API_VERSION})
  const context = useRelatedContext(field)
  const listId = useId()
  const ref = value?._ref

  const [searchText, setSearchText] = useState('')
  const search = useDebouncedValue(searchText, SEARCH_DEBOUNCE_MS)
  const [activeIndex, setActiveIndex] = useState(-1)
  // The keyboard's position is shown only while the search field has focus.
  const [searchFocused, setSearchFocused] = useState(false)
  const [prompt, setPrompt] = useState<Prompt | null>(null)
  const [notice, setNotice] = useState<Notice | null>(null)

  const {status, suggestions, tagTitles} = useRelatedSuggestions(
    client,
    context,
    field,
    search,
    !ref,
  )
  const neighbour = useChronologicalNeighbour(client, context, field)
  const linked = useLinkedPost(client, ref)

  useEffect(() => setActiveIndex(suggestions.length > 0 ? 0 : -1), [suggestions])
  // A prompt or notice is about the link that was just set; it goes when the link changes.
  useEffect(() => {
    setPrompt((current) => (current && ref ? current : null))
  }, [ref])

  const writeBack = useCallback(
    async (plan: Prompt['plan'], targetTitle: string) => {
      setPrompt(null)
      try {
        await client.mutate(plan.mutations, {tag: REQUEST_TAGS.reciprocal})
        setNotice({
          tone: 'positive',
          message: `${quoted(targetTitle)} now links back here as its ${plan.field} post (in its draft).`,
        })
      } catch (error) {
        setNotice({
          tone: 'critical',
          message: `Could not link back from ${quoted(targetTitle)}: ${(error as Error).message}`,
        })
      }
    },
    [client],
  )

  /** Sets the link, then offers (or writes) the link back from the chosen post. */
  const pick = useCallback(
    async (suggestion: Pick<RelatedSuggestion, 'id' | 'title' | 'unpublished'>) => {
      onChange(set(postReference(suggestion.id, {published: !suggestion.unpublished})))
      setSearchText('')
      setPrompt(null)
      setNotice(null)
      if (reciprocal === 'never' || !context.id) return
      const sourceId = publishedIdOf(context.id) as string
      const options = {perspective: 'raw', tag: REQUEST_TAGS.reciprocal} as const
      const docs = await client.fetch<LinkedPostDocument[]>(
        documentsByIdQuery,
        {ids: [...bothVersions(suggestion.id), sourceId]},
        options,
      )
      const find = (id: string) => docs.find((doc) => doc._id === id) ?? null
      const plan = planReciprocalLink({
        sourceId,
        sourcePublished: find(sourceId) !== null,
        field,
        target: {draft: find(`drafts.${suggestion.id}`), published: find(suggestion.id)},
      })
      const action = reciprocalLinkAction(plan, reciprocal)
      if (action === 'skip' || plan.status === 'linked' || plan.status === 'missing') return
      const targetTitle =
        (find(`drafts.${suggestion.id}`) ?? find(suggestion.id))?.title ?? suggestion.title
      if (action === 'write') {
        await writeBack(plan, targetTitle)
        return
      }
      let currentTitle: string | undefined
      if (plan.status === 'conflict') {
        const current = await client.fetch<Array<{_id: string; title?: string}>>(
          linkedPostQuery,
          {ids: bothVersions(plan.currentRef)},
          options,
        )
        currentTitle = (current.find((doc) => doc._id === plan.currentRef) ?? current[0])?.title
      }
      setPrompt({plan, targetTitle, ...(currentTitle ? {currentTitle} : {})})
    },
    [client, context.id, field, onChange, reciprocal, writeBack],
  )

  const pickAndReport = useCallback(
    (suggestion: Pick<RelatedSuggestion, 'id' | 'title' | 'unpublished'>) => {
      pick(suggestion).catch((error: Error) =>
        setNotice({tone: 'critical', message: `Could not check the other post: ${error.message}`}),
      )
    },
    [pick],
  )

  const clear = useCallback(() => {
    onChange(unset())
    setPrompt(null)
    setNotice(null)
  }, [onChange])

  const side = field === 'previous' ? 'older' : 'newer'

  if (ref) {
    const broken = linked.status === 'missing' || linked.status === 'unpublished'
    return (
      <Stack gap={3} data-testid={`related-input-${field}`}>
        <Flex gap={2} align="center">
          <LinkedPostCard
            id={ref}
            title={linked.title ?? (linked.status === 'loading' ? 'Loading…' : 'Deleted post')}
            publishedAt={linked.publishedAt}
            thumbnailUrl={linked.thumbnailUrl}
            status={linked.status}
          />
          <Button
            icon={CloseIcon}
            mode="bleed"
            aria-label="Clear"
            title="Clear"
            disabled={readOnly}
            onClick={clear}
            data-testid="related-clear"
          />
        </Flex>
        {broken && (
          <LinkNotice
            tone="caution"
            testId="related-broken-link"
            message={
              linked.status === 'missing'
                ? 'The linked post was deleted: readers see the chronological neighbour instead.'
                : `${quoted(linked.title)} is not published: readers see the chronological neighbour instead.`
            }
            actions={
              readOnly
                ? []
                : [
                    neighbour
                      ? {
                          text: `Link ${quoted(neighbour.title)} instead`,
                          onClick: () => pickAndReport(neighbour),
                          testId: 'related-fix',
                          primary: true,
                        }
                      : {text: 'Remove the link', onClick: clear, testId: 'related-fix'},
                  ]
            }
          />
        )}
        {prompt && (
          <LinkNotice
            tone={prompt.plan.status === 'conflict' ? 'caution' : 'primary'}
            testId="related-reciprocal"
            message={
              prompt.plan.status === 'conflict'
                ? `${quoted(prompt.targetTitle)} already has ${quoted(prompt.currentTitle ?? 'another post')} as its ${prompt.plan.field} post. Replace it with this post?`
                : `Also make this post the ${prompt.plan.field} post of ${quoted(prompt.targetTitle)}?`
            }
            actions={[
              {
                text: prompt.plan.status === 'conflict' ? 'Replace' : 'Link both ways',
                onClick: () => void writeBack(prompt.plan, prompt.targetTitle),
                testId: 'related-reciprocal-accept',
                primary: true,
              },
              {
                text:
                  prompt.plan.status === 'conflict'
                    ? `Keep ${quoted(prompt.currentTitle ?? 'the other post')}`
                    : 'Not now',
                onClick: () => setPrompt(null),
                testId: 'related-reciprocal-dismiss',
              },
            ]}
          />
        )}
        {notice && (
          <LinkNotice tone={notice.tone} testId="related-notice" message={notice.message} />
        )}
      </Stack>
    )
  }

  const searching = search.trim() !== ''
  const emptyMessage =
    status === 'error'
      ? 'Suggestions could not be loaded.'
      : searching
        ? `No post title matches “${search.trim()}”.`
        : `No ${side} posts to suggest.`
  return (
    <Stack gap={3} data-testid={`related-input-${field}`}>
      <Flex gap={2} wrap="wrap">
        <TextInput
          icon={SearchIcon}
          placeholder="Search posts by title"
          value={searchText}
          readOnly={readOnly}
          onChange={(event) => setSearchText(event.currentTarget.value)}
          onFocus={() => setSearchFocused(true)}
          onBlur={() => setSearchFocused(false)}
          onKeyDown={listKeyHandler({
            count: suggestions.length,
            activeIndex,
            setActiveIndex,
            pick: (index) => {
              const suggestion = suggestions[index]
              if (suggestion && !readOnly) pickAndReport(suggestion)
            },
            clear: () => setSearchText(''),
          })}
          role="combobox"
          aria-label={`Search ${field} posts by title`}
          aria-expanded={suggestions.length > 0}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={
            searchFocused && activeIndex >= 0 ? suggestionOptionId(listId, activeIndex) : undefined
          }
          data-testid="related-search"
        />
        {neighbour && (
          <Button
            mode="ghost"
            fontSize={1}
            padding={2}
            disabled={readOnly}
            text={`Nearest ${side}: ${quoted(neighbour.title)}`}
            onClick={() => pickAndReport(neighbour)}
            data-testid="related-neighbour"
          />
        )}
      </Flex>
      {status === 'loading' && suggestions.length === 0 ? (
        <Flex justify="center" padding={3}>
          <Spinner muted />
        </Flex>
      ) : suggestions.length > 0 ? (
        <SuggestionList
          id={listId}
          label={`Suggested ${field} posts`}
          suggestions={suggestions}
          tagTitles={tagTitles}
          activeIndex={searchFocused ? activeIndex : -1}
          onPick={(suggestion) => !readOnly && pickAndReport(suggestion)}
        />
      ) : (
        <Text size={1} muted>
          {emptyMessage}
        </Text>
      )}
      {notice && <LinkNotice tone={notice.tone} testId="related-notice" message={notice.message} />}
    </Stack>
  )
}
