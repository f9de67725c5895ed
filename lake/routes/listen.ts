/**
 * `GET /data/listen/:dataset`: Sanity's listener endpoint, a server-sent event stream of
 * `welcome` then one `mutation` event per changed document that the listener's GROQ filter
 * matches before or after the change.
 *
 * Filters run in the query workers (`ctx.queries.matchListeners`, one job per transaction for all
 * of a dataset's listeners, with the query deadline), so a pathological filter cannot block the
 * server. Transactions are matched and delivered strictly one after another per dataset, so every
 * listener receives its events in commit order.
 */
import {randomBytes} from 'node:crypto'
import {ServerResponse} from 'node:http'
import {checkParams, parseQuery, QueryParseError} from '../query/evaluate.ts'
import {LakeError, type LakeResponse} from '../http.ts'
import type {Router} from '../router.ts'
import type {
  Access,
  CommittedTransaction,
  DocumentChange,
  LakeContext,
  LakeRequest,
} from '../types.ts'
import {parseQueryParams, requireDataset} from './request.ts'

/** Interval of `:` keep-alive comments, inside the 15-25 s proxies and clients expect. */
export const KEEP_ALIVE_MS = 20_000

const EVENT_KINDS = ['welcome', 'mutation', 'reconnect', 'reset', 'welcomeback'] as const
type EventKind = (typeof EVENT_KINDS)[number]

interface ListenerOptions {
  includeResult: boolean
  includePreviousRevision: boolean
  includeMutations: boolean
  visibility: 'query' | 'transaction'
  events: Set<EventKind>
}

interface Listener {
  id: string
  query: string
  params: Record<string, unknown>
  access: Access
  options: ListenerOptions
  send(event: EventKind, data: unknown, id?: string): void
}

interface Registry {
  byDataset: Map<string, Map<string, Listener>>
  /** Per dataset, the delivery of the latest transaction; the next one waits for it. */
  delivering: Map<string, Promise<void>>
}

/** What the listener needs of a response; both HTTP/2 and HTTP/1.1 responses provide it. */
interface EventStream {
  writeHead(status: number, headers: Record<string, string>): unknown
  flushHeaders(): void
  write(chunk: string): boolean
  readonly writableEnded: boolean
  readonly destroyed: boolean
  on(event: 'close' | 'error', listener: () => void): unknown
}

const registries = new WeakMap<LakeContext, Registry>()

/** Open listener streams of a lake (all datasets), to check that disconnects clean up. */
export function listenerCount(ctx: LakeContext): number {
  const registry = registries.get(ctx)
  let count = 0
  for (const listeners of registry?.byDataset.values() ?? []) count += listeners.size
  return count
}

/** Register the listen endpoint and start relaying the store's commits to listeners. */
export function registerListenRoutes(router: Router, ctx: LakeContext): void {
  const registry: Registry = {byDataset: new Map(), delivering: new Map()}
  registries.set(ctx, registry)

  ctx.store.onCommit((tx) => {
    const listeners = registry.byDataset.get(tx.dataset)
    if (!listeners || listeners.size === 0) return
    const previous = registry.delivering.get(tx.dataset) ?? Promise.resolve()
    const next = previous.then(() => deliver(ctx, listeners, tx))
    registry.delivering.set(tx.dataset, next)
  })

  router.add('GET', '/data/listen/:dataset', (req, res) => listen(ctx, registry, req, res))
}

async function deliver(
  ctx: LakeContext,
  listeners: Map<string, Listener>,
  tx: CommittedTransaction,
): Promise<void> {
  // Listeners that connect while this transaction is being matched do not see it.
  const current = [...listeners.values()]
  const filterOf = ({id, query, params, access}: Listener) => ({
    listenerId: id,
    query,
    params,
    access,
  })
  let matched: Map<string, Set<string>>
  try {
    matched = await ctx.queries.matchListeners(tx.dataset, current.map(filterOf), tx)
  } catch {
    // One filter may be too slow for the deadline: match each listener on its own so only that
    // listener misses the transaction.
    matched = new Map()
    const single = await Promise.allSettled(
      current.map((listener) => ctx.queries.matchListeners(tx.dataset, [filterOf(listener)], tx)),
    )
    single.forEach((outcome, index) => {
      if (outcome.status === 'fulfilled') {
        for (const [id, ids] of outcome.value) matched.set(id, ids)
        return
      }
      const reason = (outcome.reason as Error).message
      const name = current[index]?.id ?? ''
      ctx.log(`listen: transaction ${tx.transactionId} not delivered to ${name}: ${reason}`)
    })
  }
  for (const listener of current) {
    const ids = matched.get(listener.id)
    if (!ids || !listeners.has(listener.id)) continue
    tx.changes.forEach((change, index) => {
      if (ids.has(change.id)) {
        const event = mutationEvent(tx, change, index, listener.options)
        listener.send('mutation', event, event.eventId)
      }
    })
  }
}

function mutationEvent(
  tx: CommittedTransaction,
  change: DocumentChange,
  index: number,
  options: ListenerOptions,
) {
  const {before, after} = change
  const transition = !before ? 'appear' : !after ? 'disappear' : 'update'
  return {
    eventId: `${tx.transactionId}#${change.id}`,
    documentId: change.id,
    transactionId: tx.transactionId,
    transition,
    identity: tx.identity,
    ...(options.includeMutations ? {mutations: change.mutations} : {}),
    ...(before ? {previousRev: before._rev} : {}),
    resultRev: after?._rev ?? tx.transactionId,
    ...(options.includeResult && after ? {result: after} : {}),
    ...(options.includePreviousRevision && before ? {previous: before} : {}),
    timestamp: tx.timestamp,
    visibility: options.visibility,
    transactionTotalEvents: tx.changes.length,
    transactionCurrentEvent: index + 1,
    // Whole-value replacement is valid mendoza: `[0, value]`.
    effects: {apply: [0, after ?? null], revert: [0, before ?? null]},
  }
}

function flag(value: string | null, fallback: boolean): boolean {
  if (value === null || value === '') return fallback
  return value === 'true' || value === '1'
}

function listenerOptions(query: URLSearchParams): ListenerOptions {
  const events = query.get('events')
  const requested = events
    ? events
        .split(',')
        .map((kind) => kind.trim())
        .filter((kind): kind is EventKind => (EVENT_KINDS as readonly string[]).includes(kind))
    : EVENT_KINDS
  return {
    includeResult: flag(query.get('includeResult'), true),
    includePreviousRevision: flag(query.get('includePreviousRevision'), false),
    includeMutations: flag(query.get('includeMutations'), true),
    visibility: query.get('visibility') === 'transaction' ? 'transaction' : 'query',
    events: new Set(requested),
  }
}

function listen(ctx: LakeContext, registry: Registry, req: LakeRequest, res: LakeResponse): void {
  const dataset = requireDataset(ctx, req)
  if (!req.access.canRead) throw LakeError.plain(403, 'Forbidden', 'Not allowed to listen')
  const query = req.query.get('query') ?? ''
  if (query.trim() === '') throw LakeError.sanity(400, 'httpBadRequest', 'Missing `query`')
  const params = parseQueryParams(req.query)
  try {
    // Parsing is linear and cheap; bad filters fail here, before the stream starts.
    checkParams(parseQuery(query, params), params)
  } catch (error) {
    if (!(error instanceof QueryParseError)) throw error
    throw LakeError.sanity(400, 'queryParseError', error.message, {
      query,
      start: error.start,
      end: error.end,
    })
  }

  const options = listenerOptions(req.query)
  const headers: Record<string, string> = {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
  }
  // `connection` is forbidden in HTTP/2; HTTP/1.1 clients need it to keep the stream open.
  if (res instanceof ServerResponse) headers.connection = 'keep-alive'
  const stream = res as unknown as EventStream
  stream.writeHead(200, headers)
  // Clients see the stream open at once, even when `events` leaves out `welcome`.
  stream.flushHeaders()

  const listenerName = `L${randomBytes(8).toString('base64url').slice(0, 10)}`
  const write = (chunk: string) => {
    if (!stream.writableEnded && !stream.destroyed) stream.write(chunk)
  }
  const listener: Listener = {
    id: listenerName,
    query,
    params,
    access: req.access,
    options,
    send(event, data, id) {
      if (!options.events.has(event)) return
      write(`${id ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`)
    },
  }
  let listeners = registry.byDataset.get(dataset)
  if (!listeners) {
    listeners = new Map()
    registry.byDataset.set(dataset, listeners)
  }
  listeners.set(listener.id, listener)
  listener.send('welcome', {listenerName})

  const keepAlive = setInterval(() => write(':\n\n'), KEEP_ALIVE_MS)
  keepAlive.unref()
  const cleanUp = () => {
    clearInterval(keepAlive)
    listeners.delete(listener.id)
    if (listeners.size === 0 && registry.byDataset.get(dataset) === listeners) {
      registry.byDataset.delete(dataset)
    }
  }
  stream.on('close', cleanUp)
  stream.on('error', cleanUp)
}
