/**
 * Coalesces items that arrive close together into batches.
 *
 * A batch starts `windowMs` after the previous one started, with every item that arrived
 * meanwhile, up to `maxBatchSize`. So a batcher starts at most `1000 / windowMs` batches per
 * second however fast items arrive (Sanity allows 25 mutation requests per second per client
 * IP), and an item after a quiet spell goes at once. Up to `maxInFlight` batches run at once, so a
 * slow round trip to the lake does not hold the next batch back; two items with the same key are
 * never in two running batches (they would only conflict), the later one waits for the earlier.
 */
import {ReactionError} from './errors.ts'

export interface BatcherOptions<T, R> {
  windowMs: number
  maxBatchSize: number
  /** Items beyond this many waiting are refused with `ReactionError('overloaded')`. */
  maxQueued: number
  /** Batches running at once. */
  maxInFlight: number
  /** Items with the same key are never in two running batches. */
  keyOf: (item: T) => string
  /** Processes one batch: one result (or error) per item, in order. */
  run: (items: T[]) => Promise<Array<R | Error>>
}

interface Waiting<T, R> {
  item: T
  key: string
  resolve: (value: R) => void
  reject: (error: unknown) => void
}

export class Batcher<T, R> {
  readonly #options: BatcherOptions<T, R>
  #queue: Array<Waiting<T, R>> = []
  #timer: ReturnType<typeof setTimeout> | undefined
  #inFlight = 0
  readonly #busyKeys = new Set<string>()
  #lastStart = -Infinity

  constructor(options: BatcherOptions<T, R>) {
    this.#options = options
  }

  /** Resolves with the item's result once its batch has been processed. */
  submit(item: T): Promise<R> {
    if (this.#queue.length >= this.#options.maxQueued) {
      return Promise.reject(new ReactionError('overloaded', 'Too many votes waiting; try again'))
    }
    return new Promise<R>((resolve, reject) => {
      this.#queue.push({item, key: this.#options.keyOf(item), resolve, reject})
      this.#schedule()
    })
  }

  /** Number of items waiting for a batch. */
  get queued(): number {
    return this.#queue.length
  }

  #schedule(): void {
    if (this.#timer !== undefined || this.#inFlight >= this.#options.maxInFlight) return
    if (!this.#queue.some((waiting) => !this.#busyKeys.has(waiting.key))) return
    const delay = this.#lastStart + this.#options.windowMs - Date.now()
    this.#timer = setTimeout(() => void this.#runBatch(), Math.max(0, delay))
  }

  /** The next batch: waiting items in arrival order, skipping keys of running batches. */
  #take(): Array<Waiting<T, R>> {
    const batch: Array<Waiting<T, R>> = []
    const rest: Array<Waiting<T, R>> = []
    for (const waiting of this.#queue) {
      const fits = batch.length < this.#options.maxBatchSize && !this.#busyKeys.has(waiting.key)
      ;(fits ? batch : rest).push(waiting)
    }
    this.#queue = rest
    return batch
  }

  async #runBatch(): Promise<void> {
    this.#timer = undefined
    const batch = this.#take()
    if (batch.length === 0) return
    const keys = new Set(batch.map((waiting) => waiting.key))
    this.#inFlight++
    this.#lastStart = Date.now()
    for (const key of keys) this.#busyKeys.add(key)
    this.#schedule()
    try {
      const results = await this.#options.run(batch.map((waiting) => waiting.item))
      batch.forEach((waiting, index) => {
        const result = results[index]
        if (result instanceof Error) waiting.reject(result)
        else waiting.resolve(result as R)
      })
    } catch (error) {
      for (const waiting of batch) waiting.reject(error)
    } finally {
      this.#inFlight--
      for (const key of keys) this.#busyKeys.delete(key)
      this.#schedule()
    }
  }
}
