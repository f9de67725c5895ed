/**
 * The live tally of a post page. `readLiveTally` reads it (and the reader's own reaction) through
 * the reaction handler's `GET` for a reader the site knows by cookie, when the page is rendered.
 * `GET /api/reactions/live?postId=…` keeps it live on an open page: a
 * server-sent event stream of `tally` events, one whenever the Live Content API
 * (`client.live.events()`) announces a change to the post's tally document. The site relays
 * rather than letting the browser talk to the lake: same origin (no CORS to configure), the
 * reader's cookie gives their own reaction, and no token or lake URL reaches the page.
 */
import type {SanityClient, SyncTag} from '@sanity/client'
import type {Context} from 'hono'
import {streamSSE} from 'hono/streaming'
import {
  reactionTallyId,
  type ReactionHandler,
  type ReactionResult,
} from 'sanity-plugin-newsroom/reactions'

import type {ReactionTally} from './reactions.tsx'

/** The tally document of a post; only its sync tags are used. */
const TALLY_TAGS_QUERY = '*[_type == "reaction" && _id == $id][0]{counts}'
const TAG = 'newsroom.web.live-tally'
const POST_ID = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$/

/** Options of {@link createLiveTallyRoute}. */
export interface LiveTallyOptions {
  /** Reads the tally dataset (published content; a token is fine, drafts are never asked for). */
  client: SanityClient
  /** The tally and the reader's own reaction, as the page shows them; undefined if unavailable. */
  readTally: (c: Context, postId: string) => Promise<ReactionTally | undefined>
}

/** The route handler of `GET /api/reactions/live`. */
export function createLiveTallyRoute(options: LiveTallyOptions) {
  return async (c: Context) => {
    const postId = c.req.query('postId') ?? ''
    if (!POST_ID.test(postId)) return c.json({error: 'postId: expected a document id'}, 400)
    // The tags of this post's tally; a Live Content API message carrying one means it changed.
    const response = await options.client.fetch(
      TALLY_TAGS_QUERY,
      {id: reactionTallyId(postId)},
      {filterResponse: false, perspective: 'published', tag: TAG},
    )
    const tags = new Set<SyncTag>(response.syncTags ?? [])
    c.header('cache-control', 'no-store')
    return streamSSE(c, async (stream) => {
      let sending = Promise.resolve()
      const send = () => {
        sending = sending.then(async () => {
          const tally = await options.readTally(c, postId)
          if (tally && !stream.aborted) {
            await stream.writeSSE({event: 'tally', data: JSON.stringify(tally)})
          }
        })
      }
      const closed = new Promise<void>((resolve) => stream.onAbort(resolve))
      const subscription = options.client.live.events({tag: TAG}).subscribe({
        next(event) {
          // A restart means positions were lost: the tally may have changed meanwhile.
          if (event.type === 'restart') send()
          if (event.type === 'message' && event.tags.some((tag) => tags.has(tag))) send()
        },
        error: () => void stream.close(),
      })
      await closed
      subscription.unsubscribe()
    })
  }
}

/**
 * Asks `reactions` for `postId`'s tally as the reader of `request` (their cookies) sees it:
 * undefined when it cannot answer, and the page shows the CDN's tally instead.
 */
export async function readLiveTally(
  reactions: ReactionHandler,
  request: Request,
  postId: string,
  clientIp: string | undefined,
): Promise<ReactionTally | undefined> {
  const url = new URL('/api/reactions', request.url)
  url.searchParams.set('postId', postId)
  const response = await reactions(new Request(url, {headers: request.headers}), {clientIp})
  if (!response.ok) return undefined
  const {percentages, total, reaction} = (await response.json()) as ReactionResult
  return {percentages, total, reaction}
}
