/**
 * Coalesces items that arrive close together into batches, one batch in flight at a time.
 *
 * A batch starts once its first item has waited `windowMs` (at once when `maxBatchSize` items are
 * waiting), once the previous batch has finished, and never sooner than `windowMs` after the
 * previous batch started: so a batcher starts at most `1000 / windowMs` batches per second however
 * fast items arrive (Sanity allows 25 mutation requests per second per client IP).
 */
import {ReactionError} from './errors.ts'

export interface BatcherOptions<T, R> {
  windowMs: number
  maxBatchSize: number
  /** Items beyond this many waiting are refused with `ReactionError('overloaded')`. */
  maxQueued: number
  /** Processes one batch: one result (or error) per item, in order. */
  run: (items: T[]) => Promise<Array<R | Error>>
}

interface Waiting<T, R> {
  item: T
  arrivedAt: number
  resolve: (value: R) => void
  reject: (error: unknown) => void
}

export class Batcher<T, R> {
  readonly #options: BatcherOptions<T, R>
  readonly #queue: Array<Waiting<T, R>> = []
  #timer: ReturnType<typeof setTimeout> | undefined
  #running = false
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
      this.#queue.push({item, arrivedAt: Date.now(), resolve, reject})
      // A full batch may start sooner than the timer set for the first item.
      if (this.#timer === undefined || this.#queue.length === this.#options.maxBatchSize) {
        this.#schedule()
      }
    })
  }

  /** Number of items waiting for a batch. */
  get queued(): number {
    return this.#queue.length
  }

  #schedule(): void {
    if (this.#running || this.#queue.length === 0) return
    clearTimeout(this.#timer)
    const {windowMs, maxBatchSize} = this.#options
    const now = Date.now()
    const first = this.#queue[0] as Waiting<T, R>
    const ready = this.#queue.length >= maxBatchSize ? now : first.arrivedAt + windowMs
    const startAt = Math.max(ready, this.#lastStart + windowMs)
    this.#timer = setTimeout(() => void this.#runBatch(), Math.max(0, startAt - now))
  }

  async #runBatch(): Promise<void> {
    this.#timer = undefined
    this.#running = true
    this.#lastStart = Date.now()
    const batch = this.#queue.splice(0, this.#options.maxBatchSize)
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
      this.#running = false
      this.#schedule()
    }
  }
}
