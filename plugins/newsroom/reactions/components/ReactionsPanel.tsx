import {Box, Card, Flex, Spinner, Stack, Text} from '@sanity/ui'
import {useEffect, useMemo, useState} from 'react'
import {useClient} from 'sanity'

import {API_VERSION} from '../../../../core/api-version.ts'
import {reactionKindLabel, type ReactionKind} from '../../../../core/reaction-kinds.ts'
import {reactionTallyId} from '../../../../core/reactions/documents.ts'
import {reactionTotalLabel, summarizeTally} from '../../../../core/reactions/summary.ts'

/** The tally's counts: one fetch after the listener's welcome, then each change as it happens. */
export const TALLY_COUNTS_QUERY = '*[_id == $id][0].counts'
export const TALLY_LISTEN_QUERY = '*[_id == $id]'
const TAG = 'newsroom.reactions-panel'

type RawCounts = Record<string, unknown> | null

/** What the panel knows: still loading, the counts (null: nobody reacted yet), or an error. */
export type TallyState =
  {status: 'loading'} | {status: 'ready'; counts: RawCounts} | {status: 'error'; message: string}

/**
 * The live counts of a post's tally. The listener is opened first and the counts fetched on its
 * welcome (and again after each reconnect), so no vote falls between fetch and listen; a fetch that
 * answers after a newer change arrived is dropped.
 */
export function useReactionTally(postId: string, dataset: string | undefined): TallyState {
  const studioClient = useClient({apiVersion: API_VERSION})
  const client = useMemo(
    () => (dataset ? studioClient.withConfig({dataset}) : studioClient),
    [studioClient, dataset],
  )
  const [state, setState] = useState<TallyState>({status: 'loading'})
  useEffect(() => {
    const params = {id: reactionTallyId(postId)}
    // Changes seen so far: a fetch started before the latest change is stale.
    const seen = {changes: 0}
    let active = true
    const subscription = client
      .listen(TALLY_LISTEN_QUERY, params, {
        events: ['welcome', 'mutation', 'reconnect'],
        includeResult: true,
        visibility: 'query',
        tag: TAG,
      })
      .subscribe({
        next: (event) => {
          if (event.type === 'welcome') {
            const changesAtFetch = seen.changes
            client
              .fetch<RawCounts>(TALLY_COUNTS_QUERY, params, {tag: TAG, perspective: 'raw'})
              .then((counts) => {
                if (active && changesAtFetch === seen.changes) setState({status: 'ready', counts})
              })
              .catch(
                (error: Error) => active && setState({status: 'error', message: error.message}),
              )
          } else if (event.type === 'mutation') {
            seen.changes += 1
            const counts = (event.result?.counts as RawCounts | undefined) ?? null
            setState({status: 'ready', counts})
          }
        },
        error: (error: Error) => setState({status: 'error', message: error.message}),
      })
    return () => {
      active = false
      subscription.unsubscribe()
    }
  }, [client, postId])
  return state
}

/** @sanity/ui has no meter primitive: a bordered track, filled in the theme's focus colour. */
function Bar({label, percent}: {label: string; percent: number}) {
  return (
    <Card
      radius={2}
      tone="transparent"
      border
      role="meter"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      style={{height: 10, overflow: 'hidden'}}
    >
      <Box
        style={{width: `${percent}%`, height: '100%', background: 'var(--card-focus-ring-color)'}}
      />
    </Card>
  )
}

/** A read-only summary of a post's tally: count, percentage and a bar per reaction kind. */
export function ReactionsPanel({
  state,
  kinds,
}: {
  state: TallyState
  kinds: readonly ReactionKind[]
}) {
  const {counts, percentages, total} = summarizeTally(
    state.status === 'ready' ? state.counts : null,
    kinds,
  )
  return (
    <Card data-testid="reactions-panel" padding={4} radius={3} border>
      <Stack gap={4}>
        <Flex align="center" justify="space-between" gap={3}>
          <Text size={1} weight="semibold">
            Reader reactions
          </Text>
          {state.status === 'loading' ? (
            <Spinner muted />
          ) : (
            <Text size={1} muted data-testid="reactions-panel-total">
              {state.status === 'error'
                ? `Could not load reactions: ${state.message}`
                : reactionTotalLabel(total)}
            </Text>
          )}
        </Flex>
        {kinds.map((kind) => (
          <Flex key={kind.name} align="center" gap={3} data-testid={`reactions-panel-${kind.name}`}>
            <Box style={{width: '8em'}}>
              <Text size={1}>{reactionKindLabel(kind)}</Text>
            </Box>
            <Box flex={1}>
              <Bar label={kind.title} percent={percentages[kind.name] ?? 0} />
            </Box>
            <Box style={{width: '7em'}}>
              <Text size={1} align="right">
                {`${counts[kind.name]} · ${percentages[kind.name]} %`}
              </Text>
            </Box>
          </Flex>
        ))}
      </Stack>
    </Card>
  )
}

/** The Reactions panel of one post, updating live as votes arrive. */
export function LiveReactionsPanel(props: {
  postId: string
  kinds: readonly ReactionKind[]
  dataset: string | undefined
}) {
  const state = useReactionTally(props.postId, props.dataset)
  return <ReactionsPanel state={state} kinds={props.kinds} />
}
