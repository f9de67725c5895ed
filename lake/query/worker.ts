/**
 * A query worker process, forked by engine.ts. On start it loads a consistent snapshot of every
 * dataset from the store's SQLite file in one read transaction, then applies the commits the
 * engine sends (skipping those already in its snapshot) and answers query and listener-match jobs
 * in message order. Because the engine sends each commit before any later job over the same
 * channel, a query always sees every write committed before it was sent.
 */
import {DatabaseSync} from 'node:sqlite'
import type {ExprNode} from 'groq-js'
import type {LakeDocument} from '../types.ts'
import {checkParams, evaluateOnView, parseQuery, QueryParseError} from './evaluate.ts'
import {
  WORKER_DATA_ENV,
  type FromWorker,
  type JobFailure,
  type MatchMessage,
  type QueryMessage,
  type ToWorker,
  type WorkerData,
} from './protocol.ts'
import {DatasetCopy, View} from './views.ts'

if (!process.send) throw new Error('lake/query/worker.ts runs as a child process of the engine')
const options = JSON.parse(process.env[WORKER_DATA_ENV] ?? '{}') as WorkerData
// The lake went away (even by kill -9): no one is left to answer.
process.on('disconnect', () => process.exit(0))

const datasets = new Map<string, DatasetCopy>()
let snapshotSeq = 0

function datasetCopy(name: string): DatasetCopy {
  let copy = datasets.get(name)
  if (!copy) {
    copy = new DatasetCopy()
    datasets.set(name, copy)
  }
  return copy
}

function loadSnapshot(): void {
  const db = new DatabaseSync(options.dbPath, {readOnly: true})
  try {
    db.exec('BEGIN')
    const row = db.prepare(`SELECT value FROM meta WHERE key = 'seq'`).get() as
      {value: string} | undefined
    snapshotSeq = Number(row?.value ?? 0)
    const rows = db.prepare('SELECT dataset, id, doc FROM documents').iterate()
    for (const {dataset, id, doc} of rows as Iterable<{dataset: string; id: string; doc: string}>) {
      datasetCopy(dataset).set(id, JSON.parse(doc) as LakeDocument)
    }
    db.exec('COMMIT')
  } finally {
    db.close()
  }
}

function send(message: FromWorker): void {
  process.send?.(message)
}

function failure(error: unknown): JobFailure {
  if (error instanceof QueryParseError) {
    return {kind: 'parse', description: error.message, start: error.start, end: error.end}
  }
  return {kind: 'eval', description: error instanceof Error ? error.message : String(error)}
}

async function runQuery(message: QueryMessage): Promise<void> {
  const started = performance.now()
  try {
    const tree = parseQuery(message.query, message.params)
    checkParams(tree, message.params)
    const perspective = message.publishedOnly ? 'published' : message.perspective
    const view = datasetCopy(message.dataset).view(perspective)
    const result = await evaluateOnView(view, tree, message.params, {
      identity: message.identity,
      projectId: options.projectId,
      dataset: message.dataset,
    })
    const json = JSON.stringify(result ?? null)
    const bytes = Buffer.byteLength(json)
    if (bytes > options.maxResultBytes) {
      send({type: 'failed', jobId: message.jobId, failure: {kind: 'tooLarge', bytes}})
      return
    }
    send({type: 'result', jobId: message.jobId, json, ms: performance.now() - started})
  } catch (error) {
    send({type: 'failed', jobId: message.jobId, failure: failure(error)})
  }
}

function matches(result: unknown): boolean {
  return Array.isArray(result) ? result.length > 0 : result !== null && result !== undefined
}

async function runMatch(message: MatchMessage): Promise<void> {
  try {
    const trees = new Map<string, ExprNode>()
    for (const filter of message.filters) {
      trees.set(filter.listenerId, parseQuery(filter.query, filter.params))
    }
    const out: Array<[string, string[]]> = []
    for (const filter of message.filters) {
      const tree = trees.get(filter.listenerId) as ExprNode
      const ids: string[] = []
      for (const change of message.docs) {
        if (filter.publishedOnly && change.id.includes('.')) continue
        for (const doc of [change.before, change.after]) {
          if (!doc) continue
          const result = await evaluateOnView(new View([doc]), tree, filter.params)
          if (matches(result)) {
            ids.push(change.id)
            break
          }
        }
      }
      if (ids.length > 0) out.push([filter.listenerId, ids])
    }
    send({type: 'matched', jobId: message.jobId, matches: out})
  } catch (error) {
    send({type: 'failed', jobId: message.jobId, failure: failure(error)})
  }
}

// Jobs run one at a time, in order, so a commit is never applied in the middle of a query.
let queue: Promise<void> = Promise.resolve()
let waiting = 0
process.on('message', (message: ToWorker) => {
  waiting++
  queue = queue
    .then(() => handle(message))
    .catch((error: unknown) => console.error('query worker:', error))
    .finally(() => {
      waiting--
      scheduleWarm()
    })
})

/** How long one slice of idle work may hold the worker: a query arriving waits at most this. */
const WARM_SLICE_MS = 10
let warmTimer: NodeJS.Timeout | undefined

/**
 * While no job waits, the worker catches up on what commits made stale (the text index, the
 * drafts view and its tokens) in short slices, so the next list or search does not pay for it on
 * its own clock (a query that uses 100 ms of CPU is demoted: engine.ts).
 */
function scheduleWarm(delayMs = 20): void {
  clearTimeout(warmTimer)
  warmTimer = setTimeout(() => {
    if (waiting > 0) return
    for (const copy of datasets.values()) {
      if (copy.warm(WARM_SLICE_MS)) {
        scheduleWarm(0)
        return
      }
    }
    reportWarm(true)
  }, delayMs)
}

/** Tells the engine, which prefers warm workers for queries, when this one changes state. */
let reportedWarm = true
function reportWarm(warm: boolean): void {
  if (warm === reportedWarm) return
  reportedWarm = warm
  send({type: 'warm', warm})
}

function handle(message: ToWorker): Promise<void> | void {
  if (message.type === 'commit') {
    if (message.seq <= snapshotSeq) return
    const copy = datasetCopy(message.dataset)
    for (const change of message.changes) copy.set(change.id, change.after)
    reportWarm(false)
    return
  }
  if (message.type === 'query') return runQuery(message)
  return runMatch(message)
}

loadSnapshot()
// Build the perspective views, the text index and the drafts view's tokens (what the Studio's
// lists search) now, so that the first queries do not pay for them: a query that does is demoted
// and its worker retired, with everything it built (engine.ts).
for (const copy of datasets.values()) {
  for (const kind of ['published', 'drafts', 'raw'] as const) copy.view(kind)
  while (copy.warm(Infinity));
}
// Collect the loading garbage now rather than in the middle of the first queries.
const collectGarbage = (globalThis as {gc?: () => void}).gc
collectGarbage?.()
send({type: 'ready', seq: snapshotSeq})
