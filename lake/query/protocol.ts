/** Messages between the query engine (lake process) and its worker processes. */
import type {LakeDocument, Perspective} from '../types.ts'

/** Environment variable that carries a worker's `WorkerData` as JSON. */
export const WORKER_DATA_ENV = 'LAKE_QUERY_WORKER'

export interface WorkerData {
  dbPath: string
  projectId: string
  maxResultBytes: number
}

/** A committed transaction, reduced to what a worker's dataset copy needs. */
export interface CommitMessage {
  type: 'commit'
  seq: number
  dataset: string
  changes: Array<{id: string; after: LakeDocument | null}>
}

export interface QueryMessage {
  type: 'query'
  jobId: number
  dataset: string
  query: string
  params: Record<string, unknown>
  perspective: Perspective
  /** Anonymous callers: published view only, whatever perspective they asked for. */
  publishedOnly: boolean
  identity: string
}

export interface MatchMessage {
  type: 'match'
  jobId: number
  filters: Array<{
    listenerId: string
    query: string
    params: Record<string, unknown>
    publishedOnly: boolean
  }>
  docs: Array<{id: string; before: LakeDocument | null; after: LakeDocument | null}>
}

export type ToWorker = CommitMessage | QueryMessage | MatchMessage

export type JobFailure =
  | {kind: 'parse'; description: string; start: number; end: number}
  | {kind: 'tooLarge'; bytes: number}
  | {kind: 'eval'; description: string}

export type FromWorker =
  | {type: 'ready'; seq: number}
  /** The worker has (or, after a commit, no longer has) every index the Studio's lists use. */
  | {type: 'warm'; warm: boolean}
  | {type: 'result'; jobId: number; json: string; ms: number}
  | {type: 'matched'; jobId: number; matches: Array<[string, string[]]>}
  | {type: 'failed'; jobId: number; failure: JobFailure}
