/** @jsxImportSource hono/jsx */
/**
 * The reactions under a post: one button per reaction kind with its share of the votes. Without
 * JavaScript the buttons post a form (`POST /api/reactions`, answered with a 303 back to the
 * post); with it, `reactions-script.ts` sends the vote as JSON and updates the block in place.
 */
import type {ReactionKind} from 'sanity-plugin-newsroom/reactions'
import {tallyCounts} from 'sanity-plugin-newsroom/reactions'
import {toPercentages, type ReactionCounts} from 'sanity-plugin-newsroom/reactions'

/** What the block shows: each kind's share, how many readers reacted, the reader's own reaction. */
export interface ReactionTally {
  percentages: ReactionCounts
  total: number
  /** The reader's own reaction, when the site knows the reader. */
  reaction: string | null
}

/** The tally as the CDN serves it (a post's `reactions` counts), for a reader the site does not know. */
export function tallyFromCounts(
  counts: Readonly<Record<string, unknown>> | null | undefined,
  kinds: readonly ReactionKind[],
): ReactionTally {
  const known = tallyCounts(
    counts,
    kinds.map((kind) => kind.name),
  )
  const total = Object.values(known).reduce((sum, count) => sum + count, 0)
  return {percentages: toPercentages(known), total, reaction: null}
}

/** "No reactions yet", "1 reaction", "12 reactions". `reactions-script.ts` writes the same. */
export function reactionTotalText(total: number): string {
  if (total === 0) return 'No reactions yet'
  return total === 1 ? '1 reaction' : `${total.toLocaleString('en')} reactions`
}

/**
 * The reactions section. `enabled`: a form whose buttons vote (the reader's own reaction pressed;
 * pressing it again withdraws it); otherwise the same buttons, disabled, as a read-only tally.
 */
export function ReactionsBlock(props: {
  postId: string
  slug: string
  kinds: readonly ReactionKind[]
  tally: ReactionTally
  enabled: boolean
}) {
  const {kinds, tally, enabled} = props
  const buttons = kinds.map((kind) => {
    const pressed = tally.reaction === kind.name
    return (
      <button
        type="submit"
        class="reaction"
        name="reaction"
        // The pressed button withdraws the reaction: an empty value is "none".
        value={pressed ? '' : kind.name}
        data-kind={kind.name}
        data-title={kind.title}
        aria-pressed={pressed ? 'true' : 'false'}
        disabled={!enabled}
      >
        {kind.emoji ? (
          <span class="reaction-emoji" aria-hidden="true">
            {kind.emoji}
          </span>
        ) : null}
        <span class="reaction-name">{kind.title}</span>{' '}
        <span class="reaction-share">{`${tally.percentages[kind.name] ?? 0} %`}</span>
      </button>
    )
  })
  const total = (
    <p class="reactions-total" data-reaction-total="">
      {reactionTotalText(tally.total)}
    </p>
  )
  return (
    <section class="reactions" id="reactions" aria-labelledby="reactions-heading">
      <h2 id="reactions-heading">Reactions</h2>
      {enabled ? (
        <form method="post" action="/api/reactions" data-reactions="">
          <input type="hidden" name="postId" value={props.postId} />
          <input type="hidden" name="slug" value={props.slug} />
          <div class="reaction-buttons">{buttons}</div>
          {total}
          <p class="reactions-status" role="status" data-reaction-status=""></p>
        </form>
      ) : (
        <>
          <div class="reaction-buttons">{buttons}</div>
          {total}
        </>
      )}
    </section>
  )
}
