/**
 * Sanity's documented per-client request limits: 25 mutation requests, 25 uploads and 500 API
 * calls a second per client IP, beyond which a request is answered 429 with `Retry-After` before
 * anything of it runs (so a refused write writes nothing). On by default, so that code Sanity would
 * throttle in production is throttled here too; `--limits off` for bulk work and benchmarks.
 *
 * Each limit is a token bucket per client: it holds a second's worth of requests and refills at
 * the limit's rate, so a burst of up to the limit passes at once and a steady stream passes at the
 * limit's rate. Every request takes a token from the API-call bucket, mutations and uploads from
 * theirs as well; a request refused by one bucket takes nothing from the other.
 */

/** Which of Sanity's limits a request counts against, beyond the one on all API calls. */
export type RequestClass = 'mutation' | 'upload' | 'api'

/** Requests a second per client, by class (Sanity's documented figures). */
export const SANITY_LIMITS: Readonly<Record<RequestClass, number>> = {
  mutation: 25,
  upload: 25,
  api: 500,
}

/** What `RequestLimiter.take` decided. */
export type LimitDecision =
  {allowed: true} | {allowed: false; limit: RequestClass; perSecond: number; retryAfterS: number}

interface Bucket {
  tokens: number
  updatedMs: number
}

/** Clients idle this long are forgotten (their buckets are full again by then anyway). */
const IDLE_MS = 10_000

/**
 * The class of a request to the lake, by method and path (without the `/v…` prefix): writes to
 * `/data/mutate` and `/data/actions` are mutations, `POST /assets/…` uploads; the public asset
 * URLs (`/images/…`, `/files/…`, Sanity's CDN) are not API calls at all (undefined).
 */
export function classifyRequest(method: string, path: string): RequestClass | undefined {
  if (path.startsWith('/images/') || path.startsWith('/files/')) return undefined
  if (method === 'POST' && (path.startsWith('/data/mutate/') || path.startsWith('/data/actions/')))
    return 'mutation'
  if (method === 'POST' && path.startsWith('/assets/')) return 'upload'
  return 'api'
}

export class RequestLimiter {
  readonly #limits: Readonly<Record<RequestClass, number>>
  readonly #now: () => number
  readonly #buckets = new Map<string, Bucket>()
  #lastSweepMs = 0

  constructor(limits: Readonly<Record<RequestClass, number>> = SANITY_LIMITS, now = Date.now) {
    this.#limits = limits
    this.#now = now
  }

  /** Count one request of `kind` from `client`, or say how long it must wait. */
  take(client: string, kind: RequestClass): LimitDecision {
    const now = this.#now()
    this.#sweep(now)
    const classes: RequestClass[] = kind === 'api' ? ['api'] : [kind, 'api']
    const buckets = classes.map((name) => this.#bucket(`${name}\0${client}`, name, now))
    for (const [index, bucket] of buckets.entries()) {
      if (bucket.tokens >= 1) continue
      const name = classes[index] as RequestClass
      const perSecond = this.#limits[name]
      const waitMs = ((1 - bucket.tokens) / perSecond) * 1000
      return {
        allowed: false,
        limit: name,
        perSecond,
        retryAfterS: Math.max(1, Math.ceil(waitMs / 1000)),
      }
    }
    for (const bucket of buckets) bucket.tokens -= 1
    return {allowed: true}
  }

  #bucket(key: string, kind: RequestClass, now: number): Bucket {
    const perSecond = this.#limits[kind]
    // A second's worth, and at least one request.
    const capacity = Math.max(1, perSecond)
    let bucket = this.#buckets.get(key)
    if (!bucket) {
      bucket = {tokens: capacity, updatedMs: now}
      this.#buckets.set(key, bucket)
      return bucket
    }
    const elapsed = Math.max(0, now - bucket.updatedMs)
    bucket.tokens = Math.min(capacity, bucket.tokens + (elapsed / 1000) * perSecond)
    bucket.updatedMs = now
    return bucket
  }

  #sweep(now: number): void {
    if (now - this.#lastSweepMs < IDLE_MS) return
    this.#lastSweepMs = now
    for (const [key, bucket] of this.#buckets) {
      if (now - bucket.updatedMs > IDLE_MS) this.#buckets.delete(key)
    }
  }
}
