/**
 * The one place the reaction store retries the lake: after a conflict (409), a 429, a 5xx or no
 * answer at all, with full-jitter backoff, at most `maxAttempts` times and never past a total
 * deadline. Every request of an attempt gets the deadline's abort signal, and the attempt is
 * given up at the deadline even if a request ignores the signal, so no retry, the client's own
 * included, runs after the caller has been answered. Every upstream failure ends as a
 * `ReactionError('unavailable')` (503).
 */
import {ReactionError} from './errors.ts'

/** How hard to try. */
export interface RetryPolicy {
  maxAttempts: number
  /** When to give up, as a `Date.now()` time. */
  deadline: number
  /** What is being done, for the error message: `record 3 vote(s)`. */
  what: string
}

const MAX_BACKOFF_MS = 1000

/** Whether `error` came from the lake (an HTTP answer, no answer, or our deadline). */
function isUpstream(error: unknown): boolean {
  const {statusCode, code, name} = (error ?? {}) as {
    statusCode?: unknown
    code?: unknown
    name?: unknown
  }
  return (
    typeof statusCode === 'number' ||
    typeof code === 'string' ||
    name === 'AbortError' ||
    name === 'TimeoutError'
  )
}

function isRetryable(error: unknown): boolean {
  const status = (error as {statusCode?: unknown} | null)?.statusCode
  if (typeof status === 'number') return status === 409 || status === 429 || status >= 500
  // No HTTP status: the request never got an answer (reset, refused, timed out).
  return typeof (error as {code?: unknown} | null)?.code === 'string'
}

/** Full-jitter exponential backoff, or the server's Retry-After on a 429. */
function backoffMs(error: unknown, attempt: number): number {
  const retryAfter = Number(
    (error as {response?: {headers?: Record<string, unknown>}}).response?.headers?.['retry-after'],
  )
  if (Number.isFinite(retryAfter) && retryAfter > 0) return retryAfter * 1000
  return Math.random() * Math.min(MAX_BACKOFF_MS, 20 * 2 ** attempt)
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** `attempt` settled, or rejected when `signal` aborts, whichever comes first. */
function untilAborted<T>(attempt: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(signal.reason)
    if (signal.aborted) abort()
    signal.addEventListener('abort', abort, {once: true})
    attempt.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort))
  })
}

/** Runs `attempt` until it succeeds, fails for good, runs out of attempts or hits the deadline. */
export async function withRetries<T>(
  policy: RetryPolicy,
  attempt: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const unavailable = (tries: number, error: unknown) =>
    new ReactionError(
      'unavailable',
      `Could not ${policy.what} after ${tries} attempt(s): ${(error as Error)?.message ?? String(error)}`,
      {cause: error},
    )
  let lastError: unknown = new Error('the deadline passed before the first attempt')
  for (let tries = 1; tries <= policy.maxAttempts; tries++) {
    const remaining = policy.deadline - Date.now()
    if (remaining <= 0) throw unavailable(tries - 1, lastError)
    const signal = AbortSignal.timeout(remaining)
    try {
      return await untilAborted(attempt(signal), signal)
    } catch (error) {
      if (error instanceof ReactionError) throw error
      if (!isUpstream(error)) throw error
      lastError = error
      if (signal.aborted || !isRetryable(error)) throw unavailable(tries, error)
      const wait = backoffMs(error, tries)
      if (Date.now() + wait >= policy.deadline) throw unavailable(tries, error)
      await sleep(wait)
    }
  }
  throw unavailable(policy.maxAttempts, lastError)
}
