/** A rate: at most `limit` requests per `windowSeconds`, with bursts up to `limit`. */
export interface RateLimit {
  limit: number
  windowSeconds: number
}

/** How many keys a limiter tracks before it forgets the idle ones. */
const SWEEP_AT_KEYS = 10_000

interface Bucket {
  tokens: number
  updatedAt: number
}

/**
 * A token bucket per key (a reader id, an IP address), in memory: each key holds up to `limit`
 * tokens and regains `limit` every `windowSeconds`. Per process: run several server instances and
 * each allows the full rate.
 */
export class RateLimiter {
  readonly #limit: number
  readonly #perMs: number
  readonly #now: () => number
  readonly #buckets = new Map<string, Bucket>()
  #sweepAt = SWEEP_AT_KEYS

  constructor(rate: RateLimit, now: () => number = Date.now) {
    this.#limit = rate.limit
    this.#perMs = rate.limit / (rate.windowSeconds * 1000)
    this.#now = now
  }

  /** How many keys the limiter remembers (memory stays bounded by idle keys being forgotten). */
  get trackedKeys(): number {
    return this.#buckets.size
  }

  /** Takes a token for `key`: 0 when allowed, else the whole seconds until one is available. */
  take(key: string): number {
    const now = this.#now()
    const bucket = this.#refill(this.#buckets.get(key), now)
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1
      this.#buckets.set(key, bucket)
      if (this.#buckets.size > this.#sweepAt) this.#sweep(now)
      return 0
    }
    this.#buckets.set(key, bucket)
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.#perMs / 1000))
  }

  #refill(bucket: Bucket | undefined, now: number): Bucket {
    if (!bucket) return {tokens: this.#limit, updatedAt: now}
    const tokens = Math.min(this.#limit, bucket.tokens + (now - bucket.updatedAt) * this.#perMs)
    return {tokens, updatedAt: now}
  }

  /**
   * Forget keys whose bucket has refilled: they are indistinguishable from new keys. The next
   * sweep waits until the map has doubled, so sweeping stays linear overall.
   */
  #sweep(now: number): void {
    for (const [key, bucket] of this.#buckets) {
      if (this.#refill(bucket, now).tokens >= this.#limit) this.#buckets.delete(key)
    }
    this.#sweepAt = Math.max(SWEEP_AT_KEYS, this.#buckets.size * 2)
  }
}

/** Why `rate` is not a usable rate limit, or undefined when it is. */
export function rateLimitProblem(rate: unknown): string | undefined {
  const {limit, windowSeconds} = (rate ?? {}) as Partial<RateLimit>
  if (typeof rate !== 'object' || rate === null) return 'must be {limit, windowSeconds} or false'
  if (!Number.isInteger(limit) || (limit as number) < 1) return 'limit must be a whole number ≥ 1'
  if (typeof windowSeconds !== 'number' || !(windowSeconds > 0)) {
    return 'windowSeconds must be a number > 0'
  }
  return undefined
}
