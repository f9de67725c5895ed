/**
 * The local content lake's internal contract. Every module under `lake/` builds against these
 * types: the store (durable documents + transaction log), the query engine (worker pool), the
 * HTTP layer (router, auth, errors) and the route modules (data, listen, assets, studio, actions).
 */
import type {IncomingHttpHeaders} from 'node:http'

/** A stored Sanity document. System fields are maintained by the store. */
export interface LakeDocument {
  _id: string
  _type: string
  _rev: string
  _createdAt: string
  _updatedAt: string
  [field: string]: unknown
}

/** What a caller may do, derived from its token. */
export type Role = 'anonymous' | 'viewer' | 'editor' | 'administrator'

export interface Access {
  role: Role
  /** User or robot id, e.g. `pLocalUser1`; '' for anonymous callers. */
  identity: string
  canRead: boolean
  canWrite: boolean
  /** Anonymous callers see the published perspective only and never a dotted `_id`. */
  publishedOnly: boolean
}

/** A Sanity mutation as sent to `/data/mutate` (`{create: doc}`, `{patch: {...}}`, ...). */
export type Mutation = Record<string, unknown>

/** One document's change inside a committed transaction. */
export interface DocumentChange {
  id: string
  before: LakeDocument | null
  after: LakeDocument | null
  /** The request's mutations that touched this document, as received. */
  mutations: Mutation[]
}

export interface CommittedTransaction {
  /** Store-wide, strictly increasing. Workers and listeners use it to stay in step. */
  seq: number
  dataset: string
  transactionId: string
  identity: string
  /** ISO timestamp; also the `_updatedAt` of every changed document. */
  timestamp: string
  changes: DocumentChange[]
}

export interface CommitOptions {
  transactionId?: string
  identity: string
}

/**
 * The durable document store. Writes are synchronous: when `commit` returns, the transaction is
 * on disk (fsync'd) and visible to every later read.
 */
export interface Store {
  /** Path of the SQLite database file; query workers open it read-only to load a snapshot. */
  readonly dbPath: string
  readonly seq: number
  datasets(): string[]
  hasDataset(name: string): boolean
  createDataset(name: string): void
  getDocument(dataset: string, id: string): LakeDocument | undefined
  /** All documents of a dataset (the live in-memory map; do not mutate). */
  documents(dataset: string): ReadonlyMap<string, LakeDocument>
  /**
   * Apply the mutations as one atomic transaction. Throws `LakeError` (nothing written) on any
   * failure: unknown mutation type, missing document for a patch, `ifRevisionID` mismatch, ...
   */
  commit(dataset: string, mutations: Mutation[], options: CommitOptions): CommittedTransaction
  /** Called synchronously after each commit, in commit order. Returns an unsubscribe function. */
  onCommit(listener: (tx: CommittedTransaction) => void): () => void
  /** Transactions touching any of `ids`, oldest first (for the history endpoints). */
  transactionsFor(
    dataset: string,
    ids: string[],
    options?: {fromTime?: string; toTime?: string; limit?: number; reverse?: boolean},
  ): CommittedTransaction[]
  /** A document as it was right after the transaction `rev`, or at an ISO `time`. */
  documentAt(dataset: string, id: string, at: {rev?: string; time?: string}): LakeDocument | null
  close(): void
}

export type Perspective = 'raw' | 'drafts' | 'published'

export interface QueryRequest {
  /** Who asked (`LakeRequest.client`); queries are scheduled fairly between clients. */
  client?: string
  dataset: string
  query: string
  params: Record<string, unknown>
  perspective: Perspective
  access: Access
}

export interface QueryResponse {
  /**
   * The result, serialized by the worker. The HTTP route writes it into the response as is, so
   * the server thread never parses and re-serializes a large result.
   */
  resultJson: string
  /** Milliseconds spent evaluating. */
  ms: number
}

/** One open listener's filter: the `query` and `$params` of `/data/listen`. */
export interface ListenerFilter {
  listenerId: string
  query: string
  params: Record<string, unknown>
  access: Access
}

/** Evaluates GROQ off the event loop, with a deadline and a result-size bound. */
export interface QueryEngine {
  query(request: QueryRequest): Promise<QueryResponse>
  /**
   * For each listener filter, whether it matches `before` or `after` of each change.
   * Returns, per listener id, the ids of the changed documents it should be told about.
   */
  matchListeners(
    dataset: string,
    filters: ListenerFilter[],
    tx: CommittedTransaction,
  ): Promise<Map<string, Set<string>>>
  close(): Promise<void>
}

export interface LakeRequest {
  method: string
  /** Path without the `/v…` version prefix, e.g. `/data/query/production`. */
  path: string
  /** e.g. `v2025-02-19`, `v1`; '' when the path had no version prefix. */
  apiVersion: string
  query: URLSearchParams
  headers: IncomingHttpHeaders
  /** Route parameters (`:dataset` in a pattern → `params.dataset`). */
  params: Record<string, string>
  access: Access
  /**
   * Who is asking, for fair query scheduling: the peer's address, the token's identity and the
   * User-Agent. Not a security boundary: it only decides whose queries wait when the pool is busy.
   */
  client: string
  /** The raw token, if any (never log it). */
  token: string | undefined
  /** Body, limited to the configured maximum (413 beyond it). */
  body(): Promise<Buffer>
  /** Body parsed as JSON (400 with a clear message if malformed). */
  json(): Promise<unknown>
}

/** Server configuration, from `npm run lake -- …` flags or `createLake(options)`. */
export interface LakeConfig {
  host: string
  port: number
  dataDir: string
  projectId: string
  datasets: string[]
  /** Browser origins allowed by CORS (the Studio's and the web demo's dev URLs by default). */
  corsOrigins: string[]
  /**
   * Where the certificate guide (`http://localhost:<port>/`) sends a person once their browser
   * trusts the lake, unless a Studio on an allowed origin sent them there; empty: nowhere.
   */
  studioUrl: string
  maxBodyBytes: number
  queryTimeoutMs: number
  maxResultBytes: number
  queryWorkers: number
  /** Print one line per request. */
  logRequests: boolean
  /** Queries at least this slow (in ms) are logged even when they succeed. */
  slowQueryMs: number
  /**
   * Slow-query log lines carry the whole query text and its parameters (JSON) instead of the
   * first 200 characters: to reproduce what a client sent. `--log-full-queries`, or the
   * environment variable `NEWSROOM_LAKE_LOG_QUERIES=full`.
   */
  logFullQueries: boolean
  /**
   * Sanity's per-client request limits (25 mutation requests, 25 uploads, 500 API calls a second;
   * 429 with `Retry-After` beyond them). Off for bulk work and throughput benchmarks.
   */
  limits: boolean
}

/** Tokens and Studio login sessions (`lake/auth.ts`). */
export interface Auth {
  /** Administrator token, also in `<data>/admin-token`. */
  readonly adminToken: string
  /** Read-only token, also in `<data>/viewer-token`. */
  readonly viewerToken: string
  /** Access for a bearer token (undefined: anonymous). Throws `LakeError` 401 for unknown tokens. */
  resolve(token: string | undefined): Access
  /** A single-use login id (≥20 chars) for the Studio's `#sid=` redirect. */
  createLoginSid(): string
  /** Exchange a login id for a new session token; undefined if unknown or already used. */
  exchangeSid(sid: string): string | undefined
  /** End a login session (logout). Admin/viewer tokens cannot be revoked. */
  revoke(token: string): void
}

export interface LakeContext {
  config: LakeConfig
  store: Store
  queries: QueryEngine
  auth: Auth
  log: (line: string) => void
}
