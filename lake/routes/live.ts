/**
 * `GET /data/live/events/:dataset`: the Live Content API, a server-sent event stream that
 * `@sanity/client`'s `client.live.events()` reads. `welcome` first; then, per committed
 * transaction, one `message` event whose `id` is the position (the store's sequence number) and
 * whose data is `{tags}`, the sync tags the transaction invalidated; a `restart` when a
 * `Last-Event-ID` cannot be resumed from.
 *
 * Anonymous streams, and any without `includeDrafts=true`, reflect published content only: a
 * change to a draft or a version (a dotted id) emits nothing to them. `includeDrafts` needs a
 * token, as on Sanity.
 */
import {ServerResponse} from 'node:http'
import {LakeError, type LakeResponse} from '../http.ts'
import {changeTags, type SyncTag} from '../live/sync-tags.ts'
import type {Router} from '../router.ts'
import type {CommittedTransaction, LakeContext, LakeRequest} from '../types.ts'
import {KEEP_ALIVE_MS} from './listen.ts'
import {requireDataset} from './request.ts'

/** Recent events kept per dataset for clients resuming with `Last-Event-ID`. */
export const LIVE_EVENT_BUFFER = 1000

interface LiveEvent {
  seq: number
  /** Tags for streams that see published content only; empty if only drafts changed. */
  publishedTags: SyncTag[]
  /** Tags for `includeDrafts` streams. */
  allTags: SyncTag[]
}

interface LiveStream {
  includeDrafts: boolean
  send(event: 'welcome' | 'message' | 'restart', id?: string, data?: unknown): void
}

interface DatasetFeed {
  events: LiveEvent[]
  /** Positions after this one are all in `events` (older ones were dropped or predate start). */
  coveredFrom: number
  streams: Set<LiveStream>
}

const unique = (tags: SyncTag[]) => [...new Set(tags)]

function eventOf(tx: CommittedTransaction): LiveEvent | undefined {
  const allTags: SyncTag[] = []
  const publishedTags: SyncTag[] = []
  for (const change of tx.changes) {
    const tags = changeTags(tx.dataset, change.before, change.after)
    allTags.push(...tags)
    if (!change.id.includes('.')) publishedTags.push(...tags)
  }
  if (allTags.length === 0) return undefined
  return {seq: tx.seq, publishedTags: unique(publishedTags), allTags: unique(allTags)}
}

function deliver(stream: LiveStream, event: LiveEvent): void {
  const tags = stream.includeDrafts ? event.allTags : event.publishedTags
  if (tags.length > 0) stream.send('message', String(event.seq), {tags})
}

/** Register the live events endpoint and start turning commits into events. */
export function registerLiveRoutes(router: Router, ctx: LakeContext): void {
  const feeds = new Map<string, DatasetFeed>()
  const feedOf = (dataset: string) => {
    let feed = feeds.get(dataset)
    if (!feed) {
      feed = {events: [], coveredFrom: ctx.store.seq, streams: new Set()}
      feeds.set(dataset, feed)
    }
    return feed
  }
  for (const dataset of ctx.store.datasets()) feedOf(dataset)

  ctx.store.onCommit((tx) => {
    const event = eventOf(tx)
    const feed = feedOf(tx.dataset)
    if (!event) return
    feed.events.push(event)
    if (feed.events.length > LIVE_EVENT_BUFFER) {
      feed.coveredFrom = (feed.events.shift() as LiveEvent).seq
    }
    for (const stream of feed.streams) deliver(stream, event)
  })

  router.add('GET', '/data/live/events/:dataset', (req, res) => {
    const dataset = requireDataset(ctx, req)
    openStream(ctx, feedOf(dataset), req, res)
  })
}

function openStream(ctx: LakeContext, feed: DatasetFeed, req: LakeRequest, res: LakeResponse) {
  const accept = req.headers.accept
  if (accept && !/text\/event-stream|\*\/\*/.test(accept)) {
    throw LakeError.plain(406, 'Not Acceptable', 'The live events API answers text/event-stream')
  }
  const includeDrafts = req.query.get('includeDrafts') === 'true'
  if (includeDrafts && req.access.role === 'anonymous') {
    throw LakeError.plain(
      401,
      'Unauthorized',
      'includeDrafts=true needs a token that can read drafts',
    )
  }
  if (!req.access.canRead) throw LakeError.plain(403, 'Forbidden', 'Not allowed to read')

  const headers: Record<string, string> = {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
  }
  // `connection` is forbidden in HTTP/2; HTTP/1.1 clients need it to keep the stream open.
  if (res instanceof ServerResponse) headers.connection = 'keep-alive'
  const out = res as unknown as {
    writeHead(status: number, headers: Record<string, string>): unknown
    write(chunk: string): boolean
  }
  out.writeHead(200, headers)
  const write = (chunk: string) => {
    if (!res.writableEnded && !res.destroyed) out.write(chunk)
  }
  const stream: LiveStream = {
    includeDrafts,
    send(event, id, data = {}) {
      write(
        `${id !== undefined ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`,
      )
    },
  }
  stream.send('welcome')
  resume(ctx, feed, stream, req.headers['last-event-id'])
  feed.streams.add(stream)

  const keepAlive = setInterval(() => write(':\n\n'), KEEP_ALIVE_MS)
  keepAlive.unref()
  const cleanUp = () => {
    clearInterval(keepAlive)
    feed.streams.delete(stream)
  }
  res.on('close', cleanUp)
  res.on('error', cleanUp)
}

/**
 * Continue after `lastEventId` from the buffer, or send `restart` when that position is unknown,
 * too old, or from the future (a client must then refetch everything).
 */
function resume(
  ctx: LakeContext,
  feed: DatasetFeed,
  stream: LiveStream,
  lastEventId: string | string[] | undefined,
): void {
  if (lastEventId === undefined) return
  const position = Number(Array.isArray(lastEventId) ? lastEventId[0] : lastEventId)
  const usable =
    Number.isSafeInteger(position) && position >= feed.coveredFrom && position <= ctx.store.seq
  if (!usable) {
    stream.send('restart', String(ctx.store.seq))
    return
  }
  for (const event of feed.events) if (event.seq > position) deliver(stream, event)
}
