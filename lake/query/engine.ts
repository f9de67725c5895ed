/**
 * The lake's query engine: GROQ runs in a pool of worker processes so that no query, however slow,
 * blocks the thread that serves HTTP, listeners and writes.
 *
 * - Snapshot and consistency: each worker loads the whole store from SQLite in one read
 *   transaction, then applies every commit the engine posts to it (those already in its snapshot
 *   are skipped by `seq`). A worker's messages are FIFO, so a query sent after a commit returns is
 *   evaluated with that commit applied: a writer always reads its own writes.
 * - Deadline: past `queryTimeoutMs` the worker is killed and replaced (the replacement loads the
 *   newest snapshot), and the caller gets 422 `queryTimeout`, which clients do not retry.
 * - Queueing, fair per client: jobs wait in one queue per client (address, identity, User-Agent)
 *   while every normal-priority worker is busy or loading. A free worker takes the oldest job of
 *   the client with the fewest jobs running, so one client's burst never makes another wait behind
 *   all of it; and a client already running `size - 1` jobs (demoted runaways included) never gets
 *   the last idle worker, which stays free for the others. Closing the engine rejects every
 *   queued job.
 * - Isolation: a job that has used `DEMOTE_AFTER_MS` of CPU gets its worker's OS priority lowered
 *   (niceness 19 on every thread of the process, no privilege needed) and a fresh normal-priority
 *   worker takes its place in the pool, so ordinary queries keep their latency while runaways
 *   crawl on. A demoted worker cannot be raised back without privilege, so it is retired when its
 *   job ends.
 * - Why processes, not worker threads: worker threads share V8's garbage-collector threads (which
 *   a runaway keeps busy at normal priority) and terminating one makes the main thread join it
 *   while its heap is torn down at the lowered priority; both stalled ordinary queries for up to
 *   seconds in the benchmark. A child process has its own GC threads, all of which are demoted,
 *   and SIGKILL reclaims it without the server waiting.
 * - Memory: results larger than `maxResultBytes` fail with 422 `queryResultTooLarge`; each worker
 *   has a V8 heap limit, so a query that explodes in memory kills only its own worker.
 */
import {fork, type ChildProcess} from 'node:child_process'
import {existsSync, readdirSync, readFileSync} from 'node:fs'
import {platform, setPriority} from 'node:os'
import {fileURLToPath} from 'node:url'
import {defaultQueryWorkers} from '../config.ts'
import {LakeError} from '../http.ts'
import type {
  CommittedTransaction,
  LakeConfig,
  ListenerFilter,
  QueryEngine,
  QueryRequest,
  QueryResponse,
  Store,
} from '../types.ts'
import {
  WORKER_DATA_ENV,
  type FromWorker,
  type JobFailure,
  type MatchMessage,
  type QueryMessage,
  type WorkerData,
} from './protocol.ts'

/**
 * How much CPU time a job may use at normal priority before its worker is demoted. Measured on the
 * worker's JavaScript thread where Linux exposes it, so a cheap query that merely waited for a
 * busy CPU keeps its priority; elsewhere it is wall time.
 */
export const DEMOTE_AFTER_MS = 100
/** Heap limit of one worker; it holds a full copy of the data, so keep it generous. */
const WORKER_HEAP_MB = 4096
/** Linux reports process CPU time in clock ticks of 1/100 s. */
const CLOCK_TICK_MS = 10
/** Characters of query text in a log line (unless `logFullQueries`). */
const LOGGED_QUERY_CHARS = 200

export interface QueryEngineOptions {
  store: Store
  config: LakeConfig
  log: (line: string) => void
}

/** Observable pool state, for tests and the benchmark. */
export interface QueryEngineStats {
  /** Live workers, demoted ones included. */
  workers: number
  demoted: number
  queued: number
  /** Workers terminated at a deadline or after a crash, since start. */
  replaced: number
  /** Workers started since start: the pool, and each replacement (after a demotion too). */
  started: number
}

/** The engine, with a stats hook beyond the `QueryEngine` contract. */
export interface LakeQueryEngine extends QueryEngine {
  stats(): QueryEngineStats
}

type JobMessage = Omit<QueryMessage, 'jobId'> | Omit<MatchMessage, 'jobId'>

interface Job {
  id: number
  /** Who asked; `''` for the engine's own work (listener matching). */
  client: string
  message: JobMessage
  /** The query text, for log lines. */
  label: string
  resolve: (value: FromWorker) => void
  reject: (error: unknown) => void
}

interface PoolWorker {
  child: ChildProcess
  ready: boolean
  /** False while the worker catches up on commits (its indexes are stale): others go first. */
  warm: boolean
  demoted: boolean
  /** Set once the engine has decided to end this worker; its exit is then expected. */
  retiring: boolean
  job: Job | undefined
  startedAt: number
  /** The worker's CPU time when its current job started (Linux), for the demotion check. */
  cpuAtStart: number | undefined
  deadline: NodeJS.Timeout | undefined
  demoteTimer: NodeJS.Timeout | undefined
}

/**
 * The worker entry beside the engine module at `engineUrl`, with the engine's own extension:
 * `worker.ts` when the lake runs from source, `worker.js` from the built package (where the worker
 * stays a separate entry in the same directory as the code of this module).
 */
export function workerUrl(engineUrl: string): URL {
  const url = new URL(engineUrl)
  const extension = /\.[cm]?[jt]s$/.exec(url.pathname)?.[0]
  if (!extension) throw new Error(`The query engine's module URL has no script extension: ${url}`)
  return new URL(`./worker${extension}`, url)
}

/** Start the worker pool for `store`. Workers load their snapshot in the background. */
export function createQueryEngine({store, config, log}: QueryEngineOptions): LakeQueryEngine {
  const size = config.queryWorkers > 0 ? config.queryWorkers : defaultQueryWorkers()
  // Demoted workers run on beside the pool (each holds a copy of the data, so not without
  // bound); beyond this many, slow jobs keep their normal-priority slot.
  const maxWorkers = size * 2 + 2
  const workerPath = fileURLToPath(workerUrl(import.meta.url))
  // Fail at start, not with a worker that crashes on every respawn.
  if (!existsSync(workerPath)) throw new Error(`The query worker is missing: ${workerPath}`)
  const workerData: WorkerData = {
    dbPath: store.dbPath,
    projectId: config.projectId,
    maxResultBytes: config.maxResultBytes,
  }
  const workers = new Set<PoolWorker>()
  /** Waiting jobs per client, each in arrival order; a client with none has no entry. */
  const queues = new Map<string, Job[]>()
  /** Running jobs per client, demoted ones included. */
  const running = new Map<string, number>()
  /** Beyond this many running jobs, a client's work waits while anyone else has some. */
  const share = Math.max(1, size - 1)
  // With one worker there is none to keep free: clients only take turns.
  const reserve = size > 1
  let nextJobId = 1
  let replaced = 0
  let started = 0
  let closed = false

  const unsubscribe = store.onCommit((tx: CommittedTransaction) => {
    const message = {
      type: 'commit' as const,
      seq: tx.seq,
      dataset: tx.dataset,
      changes: tx.changes.map(({id, after}) => ({id, after})),
    }
    for (const entry of workers) if (!entry.retiring) send(entry, message)
  })

  function normalWorkers(): number {
    let count = 0
    for (const entry of workers) if (!entry.demoted && !entry.retiring) count++
    return count
  }

  function fillPool(): void {
    while (!closed && normalWorkers() < size && workers.size < maxWorkers) spawn()
  }

  function spawn(): void {
    started++
    const child = fork(workerPath, [], {
      // V8's structured clone: result JSON strings travel without another round of escaping.
      serialization: 'advanced',
      // --expose-gc: a worker collects its loading garbage before taking jobs.
      execArgv: [`--max-old-space-size=${WORKER_HEAP_MB}`, '--expose-gc'],
      env: {...process.env, [WORKER_DATA_ENV]: JSON.stringify(workerData)},
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    const entry: PoolWorker = {
      child,
      ready: false,
      warm: true,
      demoted: false,
      retiring: false,
      job: undefined,
      startedAt: 0,
      cpuAtStart: undefined,
      deadline: undefined,
      demoteTimer: undefined,
    }
    workers.add(entry)
    child.on('message', (message: FromWorker) => onMessage(entry, message))
    child.on('error', (error: Error) => {
      if (!entry.retiring) onCrash(entry, error)
    })
    child.on('exit', (code, signal) => {
      if (entry.retiring) return
      onCrash(entry, exitError(code, signal))
    })
  }

  function remove(entry: PoolWorker): void {
    clearTimeout(entry.deadline)
    clearTimeout(entry.demoteTimer)
    workers.delete(entry)
  }

  function retire(entry: PoolWorker): void {
    entry.retiring = true
    remove(entry)
    entry.child.kill('SIGKILL')
  }

  function send(entry: PoolWorker, message: unknown): void {
    // A worker that died is reported by its 'exit' event; a failed send needs no other handling.
    if (entry.child.connected) entry.child.send(message as object, (error) => void error)
  }

  function onMessage(entry: PoolWorker, message: FromWorker): void {
    if (message.type === 'ready') {
      entry.ready = true
      dispatch()
      return
    }
    if (message.type === 'warm') {
      entry.warm = message.warm
      return
    }
    const job = entry.job
    if (!job || job.id !== message.jobId) return
    const ms = performance.now() - entry.startedAt
    finish(job)
    entry.job = undefined
    clearTimeout(entry.deadline)
    clearTimeout(entry.demoteTimer)
    if (ms >= config.slowQueryMs) log(`slow query (${Math.round(ms)} ms): ${job.label}`)
    if (entry.demoted) {
      retire(entry)
      fillPool()
    }
    job.resolve(message)
    dispatch()
  }

  function onCrash(entry: PoolWorker, error: Error): void {
    const job = entry.job
    if (job) finish(job)
    entry.job = undefined
    retire(entry)
    replaced++
    if (job) {
      log(`query worker failed (${error.message}): ${job.label}`)
      job.reject(crashError(error))
    } else log(`query worker failed: ${error.message}`)
    if (entry.ready) fillPool()
    // A worker that cannot even load its snapshot would fail again at once: back off.
    else setTimeout(fillPool, 1000).unref()
    dispatch()
  }

  function onDeadline(entry: PoolWorker): void {
    const job = entry.job
    if (!job) return
    const ms = Math.round(performance.now() - entry.startedAt)
    log(`slow query (${ms} ms): ${job.label}`)
    finish(job)
    entry.job = undefined
    retire(entry)
    replaced++
    job.reject(
      LakeError.sanity(
        422,
        'queryTimeout',
        `Query exceeded the time limit of ${config.queryTimeoutMs} ms`,
      ),
    )
    fillPool()
    dispatch()
  }

  function checkDemotion(entry: PoolWorker): void {
    if (!entry.job || entry.demoted) return
    const cpu = cpuTimeMs(entry.child.pid)
    if (cpu !== undefined && entry.cpuAtStart !== undefined) {
      if (cpu - entry.cpuAtStart < DEMOTE_AFTER_MS) {
        entry.demoteTimer = setTimeout(checkDemotion, DEMOTE_AFTER_MS / 2, entry)
        return
      }
    }
    demote(entry)
  }

  function demote(entry: PoolWorker): void {
    if (!entry.job || entry.demoted || workers.size >= maxWorkers) return
    entry.demoted = true
    lowerPriority(entry.child.pid)
    fillPool()
  }

  function finish(job: Job): void {
    const count = (running.get(job.client) ?? 1) - 1
    if (count > 0) running.set(job.client, count)
    else running.delete(job.client)
  }

  /**
   * The next job to run: the oldest of the client with the fewest running jobs (the oldest waiting
   * first on a tie). A client already at its share gets the last idle worker of the pool never:
   * that one is kept for whoever comes next.
   */
  function nextJob(idleWorkers: number): Job | undefined {
    let best: Job[] | undefined
    let bestRunning = Infinity
    for (const jobs of queues.values()) {
      const head = jobs[0] as Job
      const count = running.get(head.client) ?? 0
      if (
        count < bestRunning ||
        (count === bestRunning && best !== undefined && head.id < (best[0] as Job).id)
      ) {
        best = jobs
        bestRunning = count
      }
    }
    if (!best || (reserve && bestRunning >= share && idleWorkers <= 1)) return undefined
    const job = best.shift() as Job
    if (best.length === 0) queues.delete(job.client)
    running.set(job.client, (running.get(job.client) ?? 0) + 1)
    return job
  }

  function queuedJobs(): number {
    let count = 0
    for (const jobs of queues.values()) count += jobs.length
    return count
  }

  function dispatch(): void {
    while (queues.size > 0) {
      const idleWorkers = [...workers].filter(
        (entry) => entry.ready && !entry.job && !entry.demoted && !entry.retiring,
      )
      // A worker still catching up on commits would pay for it on the query's clock (and be
      // demoted for it): a warm one takes the query where there is one.
      const idle = idleWorkers.find((entry) => entry.warm) ?? idleWorkers[0]
      if (!idle) return
      const job = nextJob(idleWorkers.length)
      if (!job) return
      idle.job = job
      idle.startedAt = performance.now()
      idle.cpuAtStart = cpuTimeMs(idle.child.pid)
      idle.deadline = setTimeout(onDeadline, config.queryTimeoutMs, idle)
      idle.demoteTimer = setTimeout(checkDemotion, DEMOTE_AFTER_MS, idle)
      send(idle, {...job.message, jobId: job.id})
    }
  }

  function run(message: JobMessage, label: string, client = ''): Promise<FromWorker> {
    if (closed) return Promise.reject(closedError())
    return new Promise((resolve, reject) => {
      const jobs = queues.get(client) ?? []
      jobs.push({id: nextJobId++, client, message, label, resolve, reject})
      queues.set(client, jobs)
      dispatch()
    })
  }

  fillPool()

  return {
    async query(request: QueryRequest): Promise<QueryResponse> {
      const reply = await run(
        {
          type: 'query',
          dataset: request.dataset,
          query: request.query,
          params: request.params,
          perspective: request.perspective,
          publishedOnly: request.access.publishedOnly,
          identity: request.access.identity,
        },
        config.logFullQueries
          ? fullLabel(
              request.query,
              request.params,
              request.access.publishedOnly ? 'published (anonymous)' : request.perspective,
            )
          : logLabel(request.query),
        request.client,
      )
      if (reply.type === 'failed') throw failureError(reply.failure, request.query, config)
      if (reply.type !== 'result') throw new Error(`unexpected worker reply ${reply.type}`)
      return {resultJson: reply.json, ms: Math.round(reply.ms)}
    },

    async matchListeners(
      dataset: string,
      filters: ListenerFilter[],
      tx: CommittedTransaction,
    ): Promise<Map<string, Set<string>>> {
      const matched = new Map<string, Set<string>>()
      if (filters.length === 0 || tx.changes.length === 0) return matched
      const reply = await run(
        {
          type: 'match',
          filters: filters.map(({listenerId, query, params, access}) => ({
            listenerId,
            query,
            params,
            publishedOnly: access.publishedOnly,
          })),
          docs: tx.changes.map(({id, before, after}) => ({id, before, after})),
        },
        `listener filters for ${dataset}: ${logLabel(filters.map((f) => f.query).join(' | '))}`,
      )
      if (reply.type === 'failed') {
        throw failureError(reply.failure, filters[0]?.query ?? '', config)
      }
      if (reply.type !== 'matched') throw new Error(`unexpected worker reply ${reply.type}`)
      for (const [listenerId, ids] of reply.matches) matched.set(listenerId, new Set(ids))
      return matched
    },

    stats(): QueryEngineStats {
      let demoted = 0
      for (const entry of workers) if (entry.demoted) demoted++
      return {workers: workers.size, demoted, queued: queuedJobs(), replaced, started}
    },

    async close(): Promise<void> {
      if (closed) return
      closed = true
      unsubscribe()
      for (const jobs of queues.values()) for (const job of jobs) job.reject(closedError())
      queues.clear()
      const exiting = [...workers].map((entry) => {
        const job = entry.job
        entry.job = undefined
        job?.reject(closedError())
        entry.retiring = true
        remove(entry)
        if (entry.child.exitCode !== null || entry.child.signalCode !== null) return undefined
        const exited = new Promise<void>((resolve) => entry.child.once('exit', () => resolve()))
        entry.child.kill('SIGKILL')
        return exited
      })
      await Promise.all(exiting)
    },
  }
}

/**
 * Niceness 19 for every thread of a worker process (on Linux a priority is per thread, and V8's
 * helper threads already exist). Failing that, the worker still leaves the pool.
 */
function lowerPriority(pid: number | undefined): void {
  if (pid === undefined) return
  try {
    if (platform() !== 'linux') {
      setPriority(pid, 19)
      return
    }
    for (const tid of readdirSync(`/proc/${pid}/task`)) setPriority(Number(tid), 19)
  } catch {
    // Not permitted or already gone: nothing else to do.
  }
}

/**
 * CPU time (user + system) of a worker's JavaScript thread, in ms; Linux only. V8's helper
 * threads are left out: a fresh worker's background GC is not the query's doing.
 */
function cpuTimeMs(pid: number | undefined): number | undefined {
  if (pid === undefined || platform() !== 'linux') return undefined
  try {
    const stat = readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8')
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[11]) + Number(fields[12])) * CLOCK_TICK_MS
  } catch {
    return undefined
  }
}

function exitError(code: number | null, signal: NodeJS.Signals | null): Error {
  const error = new Error(`query worker exited (${signal ?? `code ${code}`})`)
  // V8 aborts (SIGABRT, exit code 134) when a worker runs out of heap.
  if (signal === 'SIGABRT' || code === 134) {
    Object.assign(error, {code: 'ERR_WORKER_OUT_OF_MEMORY'})
  }
  return error
}

/** Query text for a log line: one line, truncated. Tokens never reach the engine. */
function logLabel(query: string): string {
  const oneLine = query.replace(/\s+/g, ' ').trim()
  return oneLine.length > LOGGED_QUERY_CHARS ? `${oneLine.slice(0, LOGGED_QUERY_CHARS)}…` : oneLine
}

/**
 * The whole query, its parameters and perspective (`logFullQueries`): enough to run it again.
 * Tokens never reach the engine; parameters are the caller's own values.
 */
export function fullLabel(
  query: string,
  params: Record<string, unknown>,
  perspective: string,
): string {
  return `${query}\n  params: ${JSON.stringify(params)}\n  perspective: ${perspective}`
}

function closedError(): LakeError {
  return LakeError.sanity(503, 'serviceUnavailable', 'The query engine is shutting down')
}

function crashError(error: Error): LakeError {
  const outOfMemory = (error as {code?: string}).code === 'ERR_WORKER_OUT_OF_MEMORY'
  return outOfMemory
    ? LakeError.sanity(422, 'queryMemoryLimitExceeded', 'Query exceeded the memory limit')
    : LakeError.sanity(500, 'queryError', `Query evaluation failed: ${error.message}`)
}

function failureError(failure: JobFailure, query: string, config: LakeConfig): LakeError {
  switch (failure.kind) {
    case 'parse':
      return LakeError.sanity(400, 'queryParseError', failure.description, {
        query,
        start: failure.start,
        end: failure.end,
      })
    case 'tooLarge':
      return LakeError.sanity(
        422,
        'queryResultTooLarge',
        `Query result of ${failure.bytes} bytes exceeds the limit of ${config.maxResultBytes} bytes`,
      )
    case 'eval':
      return LakeError.sanity(400, 'queryError', failure.description)
  }
}
