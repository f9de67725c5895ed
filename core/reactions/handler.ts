/**
 * The reaction API as a Fetch-API handler, `(Request) => Promise<Response>`: mount it on any
 * route of Node (Hono, a plain `http` adapter), Deno, Bun or an edge runtime.
 *
 * - `POST {postId, reaction}` records a vote (`reaction: null` withdraws it) and answers the
 *   post's tally with the reader's reaction. Votes arriving close together share a transaction;
 *   each response waits for its batch to commit.
 * - `GET ?postId=…` answers the tally and the reader's own reaction.
 * - `OPTIONS` answers CORS preflights for the allowed origins.
 */
import {postIdProblem} from './documents.ts'
import {ReactionError, type ReactionErrorCode} from './errors.ts'
import {RateLimiter, rateLimitProblem, type RateLimit} from './rate-limit.ts'
import {importReaderKey, newReaderId, signReaderCookie, verifyReaderCookie} from './reader.ts'
import {Batcher} from './batcher.ts'
import {
  ReactionStore,
  storeOptionsProblem,
  voteProblem,
  type OptionProblem,
  type ReactionResult,
  type ReactionStoreOptions,
  type ReactionVote,
} from './store.ts'

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
   * The caller's IP address, for the per-IP rate limit. A second handler argument
   * `{clientIp}` (e.g. from Hono's `getConnInfo`) takes precedence.
   * @defaultValue the first address of `X-Forwarded-For`, else `X-Real-IP`: right behind a proxy
   * that sets them; without one, pass the socket's address instead (headers can be forged)
   */
  clientIp?: (request: Request) => string | null | undefined
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
   * Called with errors that became a 500 or 503 (the lake refused or did not answer).
   * @defaultValue `console.error`
   */
  onError?: (error: unknown) => void
}

/** What the handler answers; the optional second argument overrides `options.clientIp`. */
export type ReactionHandler = (
  request: Request,
  context?: {clientIp?: string | null},
) => Promise<Response>

type HandlerErrorCode =
  | ReactionErrorCode
  | 'originNotAllowed'
  | 'methodNotAllowed'
  | 'unauthenticated'
  | 'rateLimited'
  | 'payloadTooLarge'
  | 'unsupportedMediaType'
  | 'internal'

const STATUS: Record<HandlerErrorCode, number> = {
  invalidInput: 400,
  unknownReaction: 400,
  unauthenticated: 401,
  originNotAllowed: 403,
  unknownPost: 404,
  methodNotAllowed: 405,
  payloadTooLarge: 413,
  unsupportedMediaType: 415,
  rateLimited: 429,
  internal: 500,
  overloaded: 503,
  unavailable: 503,
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
type Resolved = ReactionHandlerOptions & Required<Pick<ReactionHandlerOptions, Defaulted>>

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
}

const COOKIE_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/
const ALLOWED_METHODS = 'GET, POST, OPTIONS'

/** A refusal the handler answers with `STATUS[code]`. */
class Refusal extends Error {
  readonly code: HandlerErrorCode
  readonly headers: Record<string, string>

  constructor(code: HandlerErrorCode, message: string, headers: Record<string, string> = {}) {
    super(message)
    this.code = code
    this.headers = headers
  }
}

/** One request's facts every route needs. */
interface Exchange {
  request: Request
  clientIp: string | undefined
  /** CORS headers for an allowed cross-origin caller; none for same-origin and non-browser. */
  cors: Record<string, string>
}

/**
 * Creates the reaction API handler. Fails fast on bad options.
 *
 * ```ts
 * const reactions = createReactionHandler({client, secret: process.env.REACTIONS_SECRET!})
 * app.on(['GET', 'POST', 'OPTIONS'], '/api/reactions', (c) => reactions(c.req.raw))
 * ```
 */
export function createReactionHandler(options: ReactionHandlerOptions): ReactionHandler {
  const problem = handlerOptionsProblem(options)
  if (problem) {
    throw new Error(
      `[newsroom] Invalid createReactionHandler option "${problem.option}": ${problem.message}`,
    )
  }
  const given = Object.entries(options).filter(([, value]) => value !== undefined)
  const config: Resolved = {...DEFAULTS, ...Object.fromEntries(given)} as Resolved
  const store = new ReactionStore(config)
  const key = importReaderKey(config.secret)
  const batcher = new Batcher<ReactionVote, ReactionResult>({
    windowMs: config.batchWindowMs,
    maxBatchSize: config.maxBatchSize,
    maxInFlight: config.concurrentBatches,
    maxQueued: config.maxQueuedVotes,
    keyOf: (vote) => `${vote.postId}\n${vote.readerId}`,
    run: (votes) => store.record(votes),
  })
  const readerLimiter = config.readerRateLimit && new RateLimiter(config.readerRateLimit)
  const ipLimiter = config.ipRateLimit && new RateLimiter(config.ipRateLimit)
  const allowedOrigins = new Set(config.origins)
  const onError = config.onError ?? ((error: unknown) => console.error(error))

  const limit = (limiter: RateLimiter | false, key: string | undefined, what: string) => {
    const retryAfter = limiter && key !== undefined ? limiter.take(key) : 0
    if (retryAfter > 0) {
      throw new Refusal('rateLimited', `Too many requests from this ${what}; try again later`, {
        'retry-after': String(retryAfter),
      })
    }
  }

  /** The reader's id, and the cookie to set when they are new. */
  const identify = async (
    request: Request,
    mint: boolean,
  ): Promise<{readerId: string | undefined; setCookie?: string}> => {
    if (config.readerId) {
      const readerId = (await config.readerId(request)) ?? undefined
      if (mint && !readerId) throw new Refusal('unauthenticated', 'Sign in to react')
      return {readerId: readerId || undefined}
    }
    const cookie = cookieValue(request.headers.get('cookie'), config.cookieName)
    const known = await verifyReaderCookie(await key, cookie)
    if (known || !mint) return {readerId: known}
    const readerId = newReaderId()
    return {
      readerId,
      setCookie: serializeCookie(config, await signReaderCookie(await key, readerId)),
    }
  }

  const routes: Record<string, (exchange: Exchange) => Promise<Response>> = {
    async OPTIONS({cors}) {
      return new Response(null, {
        status: 204,
        headers: {
          ...cors,
          'access-control-allow-methods': ALLOWED_METHODS,
          'access-control-allow-headers': 'content-type',
          'access-control-max-age': '600',
        },
      })
    },

    async GET({request, clientIp, cors}) {
      limit(ipLimiter, clientIp, 'address')
      const postId = new URL(request.url).searchParams.get('postId')
      const problem = postIdProblem(postId)
      if (problem) throw new ReactionError('invalidInput', problem)
      const {readerId} = await identify(request, false)
      const result = await store.read(postId as string, readerId)
      return json(result, 200, {...cors, vary: 'Origin, Cookie'})
    },

    async POST({request, clientIp, cors}) {
      limit(ipLimiter, clientIp, 'address')
      const declaredLength = Number(request.headers.get('content-length') ?? 0)
      if (declaredLength > config.maxBodyBytes) throw tooLarge(config.maxBodyBytes)
      const {readerId, setCookie} = await identify(request, true)
      limit(readerLimiter, readerId, 'reader')
      if (!/^application\/json\s*(;|$)/i.test(request.headers.get('content-type') ?? '')) {
        throw new Refusal('unsupportedMediaType', 'Send the vote as application/json')
      }
      const body = parseVote(await readBody(request, config.maxBodyBytes))
      const vote = {postId: body.postId, reaction: body.reaction, readerId} as ReactionVote
      const problem = voteProblem(vote, store.kindNames)
      if (problem) throw problem
      const result = await batcher.submit(vote)
      return json(result, 200, {...cors, ...(setCookie ? {'set-cookie': setCookie} : {})})
    },
  }

  return async (request, context) => {
    let cors: Record<string, string> = {}
    try {
      cors = corsHeaders(request, allowedOrigins)
      const route = Object.hasOwn(routes, request.method) ? routes[request.method] : undefined
      if (!route) {
        throw new Refusal('methodNotAllowed', `Use ${ALLOWED_METHODS}`, {allow: ALLOWED_METHODS})
      }
      const clientIp =
        (context?.clientIp ?? config.clientIp?.(request) ?? forwardedFor(request)) || undefined
      return await route({request, clientIp, cors})
    } catch (error) {
      return errorResponse(error, cors, onError)
    }
  }
}

/** The first bad handler option, or undefined when they are all fine. */
function handlerOptionsProblem(options: ReactionHandlerOptions): OptionProblem | undefined {
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
  for (const name of ['batchWindowMs', 'cookieMaxAgeSeconds'] as const) {
    const value = options[name]
    if (value !== undefined && (!Number.isInteger(value) || value < 0)) {
      return {option: name, message: 'must be a whole number ≥ 0'}
    }
  }
  for (const name of [
    'maxBatchSize',
    'concurrentBatches',
    'maxQueuedVotes',
    'maxBodyBytes',
  ] as const) {
    const value = options[name]
    if (value !== undefined && (!Number.isInteger(value) || value < 1)) {
      return {option: name, message: 'must be a whole number ≥ 1'}
    }
  }
  for (const name of ['readerId', 'clientIp', 'onError'] as const) {
    const value = options[name]
    if (value !== undefined && typeof value !== 'function') {
      return {option: name, message: 'must be a function'}
    }
  }
  return undefined
}

/**
 * CORS headers for an allowed cross-origin caller. A browser request from any other origin is
 * refused (so a foreign page cannot vote with the reader's cookie); requests without `Origin`
 * (servers, curl) and same-origin requests pass.
 */
function corsHeaders(request: Request, allowed: ReadonlySet<string>): Record<string, string> {
  const origin = request.headers.get('origin')
  if (origin === null || origin === new URL(request.url).origin) return {}
  if (!allowed.has(origin)) {
    throw new Refusal('originNotAllowed', `Origin ${origin} may not call this API`)
  }
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-credentials': 'true',
    'access-control-expose-headers': 'retry-after',
    vary: 'Origin',
  }
}

function forwardedFor(request: Request): string | undefined {
  const forwarded = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim()
  return forwarded || request.headers.get('x-real-ip')?.trim() || undefined
}

function cookieValue(header: string | null, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const eq = part.indexOf('=')
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim()
  }
  return undefined
}

function serializeCookie(config: Resolved, value: string): string {
  return [
    `${config.cookieName}=${value}`,
    `Path=${config.cookiePath}`,
    `Max-Age=${config.cookieMaxAgeSeconds}`,
    'HttpOnly',
    `SameSite=${config.cookieSameSite}`,
    ...(config.cookieSecure ? ['Secure'] : []),
  ].join('; ')
}

function tooLarge(maxBytes: number): Refusal {
  return new Refusal('payloadTooLarge', `The request body is larger than ${maxBytes} bytes`)
}

/** The body as text, refusing more than `maxBytes` even when no Content-Length was sent. */
async function readBody(request: Request, maxBytes: number): Promise<string> {
  if (!request.body) return ''
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const {done, value} = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > maxBytes) {
      await reader.cancel()
      throw tooLarge(maxBytes)
    }
    chunks.push(value)
  }
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  try {
    return new TextDecoder('utf-8', {fatal: true}).decode(bytes)
  } catch {
    throw new ReactionError('invalidInput', 'The request body is not valid UTF-8')
  }
}

function parseVote(text: string): {postId?: unknown; reaction?: unknown} {
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    throw new ReactionError('invalidInput', 'The request body is not valid JSON')
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ReactionError('invalidInput', 'Send {"postId": "…", "reaction": "happy" | null}')
  }
  const {postId, reaction} = body as Record<string, unknown>
  if (reaction === undefined) {
    throw new ReactionError(
      'invalidInput',
      'reaction is missing: a reaction name, or null to withdraw',
    )
  }
  return {postId, reaction}
}

function json(body: unknown, status: number, headers: Record<string, string>): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      ...headers,
    },
  })
}

function errorResponse(
  error: unknown,
  cors: Record<string, string>,
  onError: (error: unknown) => void,
): Response {
  if (error instanceof Refusal || error instanceof ReactionError) {
    const status = STATUS[error.code]
    if (status >= 500) onError(error)
    const headers = error instanceof Refusal ? error.headers : {}
    const retry: Record<string, string> = status === 503 ? {'retry-after': '1'} : {}
    return json({error: {code: error.code, message: error.message}}, status, {
      ...cors,
      ...retry,
      ...headers,
    })
  }
  onError(error)
  return json({error: {code: 'internal', message: 'The reaction could not be handled'}}, 500, cors)
}
