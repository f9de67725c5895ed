/**
 * The reaction API as a Fetch-API handler, `(Request) => Promise<Response>`: mount it on any
 * route of Node (Hono, a plain `http` adapter), Deno, Bun or an edge runtime.
 *
 * - `POST {postId, reaction}` records a vote (`reaction: null` withdraws it) and answers the
 *   post's tally with the reader's reaction. Votes arriving close together share a transaction;
 *   each response waits for its batch to commit.
 * - `GET ?postId=…` answers the tally and the reader's own reaction.
 * - `OPTIONS` answers CORS preflights for the allowed origins.
 *
 * Each job has its module: options (`handler-options.ts`), CORS (`cors.ts`), the reader cookie
 * (`cookies.ts`), the body (`body.ts`), the vote (`vote.ts`) and the answers (`responses.ts`).
 */
import {Batcher} from './batcher.ts'
import {checkDeclaredLength, readBody} from './body.ts'
import {clientAddress} from './client-ip.ts'
import {cookieValues, serializeReaderCookie} from './cookies.ts'
import {ALLOWED_METHODS, corsHeaders, preflightResponse} from './cors.ts'
import {ReactionError} from './errors.ts'
import {postIdProblem} from './documents.ts'
import {resolveHandlerOptions, type ReactionHandlerOptions} from './handler-options.ts'
import {RateLimiter} from './rate-limit.ts'
import {importReaderKey, newReaderId, signReaderCookie, verifyReaderCookie} from './reader.ts'
import {errorResponse, jsonResponse} from './responses.ts'
import {DEFAULT_DEADLINE_MS, ReactionStore, type ReactionResult} from './store.ts'
import {parseVote, voteProblem, type ReactionVote} from './vote.ts'

export type {ReactionHandlerOptions} from './handler-options.ts'

/** What the handler answers; the optional second argument overrides `options.clientIp`. */
export type ReactionHandler = (
  request: Request,
  context?: {clientIp?: string | null},
) => Promise<Response>

/** One request's facts every route needs. */
interface Exchange {
  request: Request
  clientIp: string | undefined
  /**
   * Headers every answer carries, an error's too: CORS headers for an allowed cross-origin caller
   * (none for same-origin and non-browser), and a new reader's cookie.
   */
  headers: Record<string, string>
}

/** A vote waiting for its batch, and when it must be answered by. */
type QueuedVote = ReactionVote & {deadline: number}

/**
 * Creates the reaction API handler. Fails fast on bad options.
 *
 * ```ts
 * const reactions = createReactionHandler({client, secret: process.env.REACTIONS_SECRET!})
 * app.on(['GET', 'POST', 'OPTIONS'], '/api/reactions', (c) => reactions(c.req.raw))
 * ```
 */
export function createReactionHandler(options: ReactionHandlerOptions): ReactionHandler {
  const config = resolveHandlerOptions(options)
  const store = new ReactionStore(config, 'createReactionHandler')
  const key = importReaderKey(config.secret)
  const deadlineMs = config.deadlineMs ?? DEFAULT_DEADLINE_MS
  const batcher = new Batcher<QueuedVote, ReactionResult>({
    windowMs: config.batchWindowMs,
    maxBatchSize: config.maxBatchSize,
    maxInFlight: config.concurrentBatches,
    maxQueued: config.maxQueuedVotes,
    keyOf: (vote) => `${vote.postId}\n${vote.readerId}`,
    // A batch is answered by the deadline of its oldest vote, time spent queued included.
    run: (votes) => store.record(votes, Math.min(...votes.map((vote) => vote.deadline))),
  })
  const readerLimiter = config.readerRateLimit && new RateLimiter(config.readerRateLimit)
  const ipLimiter = config.ipRateLimit && new RateLimiter(config.ipRateLimit)
  const allowedOrigins = new Set(config.origins)

  const limit = (limiter: RateLimiter | false, key: string | undefined, what: string) => {
    const retryAfter = limiter && key !== undefined ? limiter.take(key) : 0
    if (retryAfter > 0) {
      throw new ReactionError(
        'rateLimited',
        `Too many requests from this ${what}; try again later`,
        {
          headers: {'retry-after': String(retryAfter)},
        },
      )
    }
  }

  /** The reader's id, and the cookie to set when they are new. */
  const identify = async (
    request: Request,
    mint: boolean,
  ): Promise<{readerId: string | undefined; setCookie?: string}> => {
    if (config.readerId) {
      const readerId = (await config.readerId(request)) ?? undefined
      if (mint && !readerId) throw new ReactionError('unauthenticated', 'Sign in to react')
      return {readerId: readerId || undefined}
    }
    const known = await knownReader(await key, request.headers.get('cookie'), config.cookieName)
    if (known || !mint) return {readerId: known}
    const readerId = newReaderId()
    const value = await signReaderCookie(await key, readerId)
    return {readerId, setCookie: serializeReaderCookie(config, value)}
  }

  const routes: Record<string, (exchange: Exchange) => Promise<Response>> = {
    OPTIONS: async ({headers}) => preflightResponse(headers),

    async GET({request, clientIp, headers}) {
      limit(ipLimiter, clientIp, 'address')
      const postId = new URL(request.url).searchParams.get('postId')
      const problem = postIdProblem(postId)
      if (problem) throw new ReactionError('invalidInput', problem)
      const {readerId} = await identify(request, false)
      const result = await store.read(postId as string, readerId)
      return jsonResponse(result, 200, {...headers, vary: 'Origin, Cookie'})
    },

    async POST({request, clientIp, headers}) {
      const deadline = Date.now() + deadlineMs
      limit(ipLimiter, clientIp, 'address')
      checkDeclaredLength(request, config.maxBodyBytes)
      const {readerId, setCookie} = await identify(request, true)
      // A new reader gets their cookie with any answer, a 503 too: if the vote did reach the lake,
      // their retry is the same reader and cannot count twice.
      if (setCookie) headers['set-cookie'] = setCookie
      limit(readerLimiter, readerId, 'reader')
      if (!/^application\/json\s*(;|$)/i.test(request.headers.get('content-type') ?? '')) {
        throw new ReactionError('unsupportedMediaType', 'Send the vote as application/json')
      }
      const body = parseVote(await readBody(request, config.maxBodyBytes))
      const vote = {postId: body.postId, reaction: body.reaction, readerId} as ReactionVote
      const problem = voteProblem(vote, store.kindNames)
      if (problem) throw problem
      const result = await batcher.submit({...vote, deadline})
      return jsonResponse(result, 200, headers)
    },
  }

  return async (request, context) => {
    const headers: Record<string, string> = {}
    try {
      Object.assign(headers, corsHeaders(request, allowedOrigins))
      const route = Object.hasOwn(routes, request.method) ? routes[request.method] : undefined
      if (!route) {
        throw new ReactionError('methodNotAllowed', `Use ${ALLOWED_METHODS}`, {
          headers: {allow: ALLOWED_METHODS},
        })
      }
      const peer = (context?.clientIp ?? config.clientIp?.(request)) || undefined
      // Requests whose address is unknown share one budget, so no header can buy another.
      const clientIp = clientAddress(request.headers, peer, config.trustProxy) ?? ''

      return await route({request, clientIp, headers})
    } catch (error) {
      return errorResponse(error, request, headers, config.onError)
    }
  }
}

/**
 * The reader of the first validly signed reader cookie. Every value is checked: a request that
 * sends `newsroom_reader=junk; newsroom_reader=<signed>` is the signed reader, never a new one
 * (which would let a known reader vote again).
 */
async function knownReader(
  key: CryptoKey,
  header: string | null,
  name: string,
): Promise<string | undefined> {
  for (const value of cookieValues(header, name)) {
    const readerId = await verifyReaderCookie(key, value)
    if (readerId) return readerId
  }
  return undefined
}
