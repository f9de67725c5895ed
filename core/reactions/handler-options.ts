/** The options of `createReactionHandler`: documented, checked and merged over the defaults once. */
import {assertNoProblem, wholeNumberProblem, type OptionProblem} from '../option-checks.ts'
import {trustProxyProblem, type TrustProxy} from './client-ip.ts'
import {errorLogLine} from './responses.ts'
import {rateLimitProblem, type RateLimit} from './rate-limit.ts'
import {storeOptionsProblem, type ReactionStoreOptions} from './store.ts'

/** Options of `createReactionHandler`; only `client` and `secret` are required. */
export interface ReactionHandlerOptions extends ReactionStoreOptions {
  /**
   * Browser origins allowed to call the API from another origin (CORS), e.g.
   * `['https://news.example']`. Same-origin requests are always allowed.
   * @defaultValue `[]`
   */
  origins?: readonly string[]
  /**
   * For sites with their own logins: the signed-in reader's id, or nothing when the request is not
   * signed in (then votes get 401). When set, no cookie is used.
   * @defaultValue an anonymous reader id from a signed cookie the handler sets
   */
  readerId?: (request: Request) => string | null | undefined | Promise<string | null | undefined>
  /**
   * The address of the peer the request came from (the socket's), for the per-IP rate limit. A
   * second handler argument `{clientIp}` (e.g. from Hono's `getConnInfo`) takes precedence.
   * @defaultValue none: requests without an address share one per-IP budget, so pass it
   */
  clientIp?: (request: Request) => string | null | undefined
  /**
   * The proxies in front of the server, whose forwarded headers may be believed: a number of
   * hops that append to `X-Forwarded-For` (the reader is the address the outermost of them saw),
   * or `{header: 'cf-connecting-ip'}` for a platform that sets a header of its own. Without it
   * no forwarded header is read, as a client can forge any of them.
   * @defaultValue none: the peer's address only
   */
  trustProxy?: TrustProxy
  /** @defaultValue `'newsroom_reader'` */
  cookieName?: string
  /** @defaultValue one year */
  cookieMaxAgeSeconds?: number
  /**
   * `'None'` only if the site calls the API from another site (requires `cookieSecure`).
   * @defaultValue `'Lax'`
   */
  cookieSameSite?: 'Lax' | 'Strict' | 'None'
  /**
   * Send the cookie over HTTPS only. Browsers treat http://localhost as secure, so development works.
   * @defaultValue `true`
   */
  cookieSecure?: boolean
  /** @defaultValue `'/'` */
  cookiePath?: string
  /**
   * Votes per reader; `false` for no limit.
   * @defaultValue `{limit: 30, windowSeconds: 60}`
   */
  readerRateLimit?: RateLimit | false
  /**
   * Requests (votes and reads) per IP address; `false` for no limit.
   * @defaultValue `{limit: 300, windowSeconds: 60}`
   */
  ipRateLimit?: RateLimit | false
  /**
   * How long the first vote of a batch waits for others, and the least time between two
   * transactions: at most `1000 / batchWindowMs` transactions per second.
   * @defaultValue `50` (at most 20 transactions per second, under Sanity's 25 mutations/s per IP)
   */
  batchWindowMs?: number
  /** @defaultValue `100` */
  maxBatchSize?: number
  /**
   * Batches written at once, so a slow round trip to the lake does not hold the next batch back
   * (a reader's votes are never in two batches at once).
   * @defaultValue `2`
   */
  concurrentBatches?: number
  /**
   * Votes waiting beyond this get 503 with `Retry-After`.
   * @defaultValue `10000`
   */
  maxQueuedVotes?: number
  /**
   * Larger request bodies get 413.
   * @defaultValue `1024` bytes
   */
  maxBodyBytes?: number
  /**
   * Called with errors that became a 500 or 503 (the lake refused or did not answer), and the
   * request they were the answer to.
   * @defaultValue one line on stderr: `reactions: POST /api/reactions 503 ReactionError: …`
   */
  onError?: (error: unknown, request: Request) => void
}

type Defaulted =
  | 'origins'
  | 'cookieName'
  | 'cookieMaxAgeSeconds'
  | 'cookieSameSite'
  | 'cookieSecure'
  | 'cookiePath'
  | 'readerRateLimit'
  | 'ipRateLimit'
  | 'batchWindowMs'
  | 'maxBatchSize'
  | 'concurrentBatches'
  | 'maxQueuedVotes'
  | 'maxBodyBytes'
  | 'onError'

/** The handler's options with every default filled in. */
export type ResolvedHandlerOptions = ReactionHandlerOptions &
  Required<Pick<ReactionHandlerOptions, Defaulted>>

const DEFAULTS: Required<Pick<ReactionHandlerOptions, Defaulted>> = {
  origins: [],
  cookieName: 'newsroom_reader',
  cookieMaxAgeSeconds: 365 * 24 * 60 * 60,
  cookieSameSite: 'Lax',
  cookieSecure: true,
  cookiePath: '/',
  readerRateLimit: {limit: 30, windowSeconds: 60},
  ipRateLimit: {limit: 300, windowSeconds: 60},
  batchWindowMs: 50,
  maxBatchSize: 100,
  concurrentBatches: 2,
  maxQueuedVotes: 10_000,
  maxBodyBytes: 1024,
  onError: (error: unknown, request: Request) => console.error(errorLogLine(error, request)),
}

const COOKIE_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/

/** Merges `options` over the defaults once. @throws a configuration error naming the bad option. */
export function resolveHandlerOptions(options: ReactionHandlerOptions): ResolvedHandlerOptions {
  assertNoProblem(handlerOptionsProblem(options), 'createReactionHandler')
  const given = Object.entries(options).filter(([, value]) => value !== undefined)
  return {...DEFAULTS, ...Object.fromEntries(given)} as ResolvedHandlerOptions
}

/** The first bad handler option, or undefined when they are all fine. */
export function handlerOptionsProblem(options: ReactionHandlerOptions): OptionProblem | undefined {
  if (typeof options !== 'object' || options === null) {
    return {option: 'options', message: 'must be an object with at least client and secret'}
  }
  const store = storeOptionsProblem(options)
  if (store) return store
  const {origins, cookieName, cookieSameSite, cookieSecure, cookiePath} = options
  if (origins !== undefined) {
    if (!Array.isArray(origins)) return {option: 'origins', message: 'must be an array of origins'}
    for (const origin of origins) {
      if (typeof origin !== 'string' || URL.parse(origin)?.origin !== origin) {
        return {
          option: 'origins',
          message: `"${String(origin)}" is not an origin like https://news.example`,
        }
      }
    }
  }
  if (
    cookieName !== undefined &&
    (typeof cookieName !== 'string' || !COOKIE_NAME.test(cookieName))
  ) {
    return {option: 'cookieName', message: `"${String(cookieName)}" is not a cookie name`}
  }
  if (cookieSameSite !== undefined && !['Lax', 'Strict', 'None'].includes(cookieSameSite)) {
    return {option: 'cookieSameSite', message: 'must be "Lax", "Strict" or "None"'}
  }
  if (cookieSameSite === 'None' && cookieSecure === false) {
    return {option: 'cookieSameSite', message: '"None" needs cookieSecure: true (browsers insist)'}
  }
  if (
    cookiePath !== undefined &&
    (typeof cookiePath !== 'string' || !/^\/[^;\s]*$/.test(cookiePath))
  ) {
    return {option: 'cookiePath', message: 'must be a path starting with /'}
  }
  for (const name of ['readerRateLimit', 'ipRateLimit'] as const) {
    const rate = options[name]
    const problem = rate === undefined || rate === false ? undefined : rateLimitProblem(rate)
    if (problem) return {option: name, message: problem}
  }
  const minimums = {
    batchWindowMs: 0,
    cookieMaxAgeSeconds: 0,
    maxBatchSize: 1,
    concurrentBatches: 1,
    maxQueuedVotes: 1,
    maxBodyBytes: 1,
  } as const
  for (const [name, min] of Object.entries(minimums) as Array<[keyof typeof minimums, number]>) {
    const problem = options[name] === undefined ? undefined : wholeNumberProblem(options[name], min)
    if (problem) return {option: name, message: problem}
  }
  const trustProxy =
    options.trustProxy === undefined ? undefined : trustProxyProblem(options.trustProxy)
  if (trustProxy) return {option: 'trustProxy', message: trustProxy}
  for (const name of ['readerId', 'clientIp', 'onError'] as const) {
    const value = options[name]
    if (value !== undefined && typeof value !== 'function') {
      return {option: name, message: 'must be a function'}
    }
  }
  return undefined
}
