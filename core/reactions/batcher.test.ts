import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest'

import {Batcher} from './batcher.ts'
import {ReactionError} from './errors.ts'

/** A batcher whose `run` records each batch and the (fake) time it started. */
function recordingBatcher(options: {windowMs?: number; maxBatchSize?: number; maxQueued?: number}) {
  const batches: Array<{items: number[]; at: number}> = []
  const start = Date.now()
  const batcher = new Batcher<number, string>({
    windowMs: options.windowMs ?? 50,
    maxBatchSize: options.maxBatchSize ?? 100,
    maxQueued: options.maxQueued ?? 10_000,
    run: async (items) => {
      batches.push({items, at: Date.now() - start})
      return items.map((item) => (item < 0 ? new Error(`negative ${item}`) : `done ${item}`))
    },
  })
  return {batcher, batches}
}

describe('Batcher', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('puts items arriving within the window into one batch, and answers each', async () => {
    const {batcher, batches} = recordingBatcher({windowMs: 50})
    const first = batcher.submit(1)
    await vi.advanceTimersByTimeAsync(20)
    const second = batcher.submit(2)
    await vi.advanceTimersByTimeAsync(29)
    expect(batches).toEqual([])
    const third = batcher.submit(3)
    await vi.advanceTimersByTimeAsync(1)
    expect(batches).toEqual([{items: [1, 2, 3], at: 50}])
    expect(await Promise.all([first, second, third])).toEqual(['done 1', 'done 2', 'done 3'])
  })

  it('splits a burst into full batches at most one window apart', async () => {
    const {batcher, batches} = recordingBatcher({windowMs: 50, maxBatchSize: 100})
    const answers = Array.from({length: 250}, (_, i) => batcher.submit(i))
    await vi.advanceTimersByTimeAsync(1000)
    expect(batches.map((batch) => batch.items.length)).toEqual([100, 100, 50])
    // Full batches start at once, but never sooner than a window after the previous one.
    expect(batches.map((batch) => batch.at)).toEqual([0, 50, 100])
    expect((await Promise.all(answers))[249]).toBe('done 249')
  })

  it('keeps one batch in flight; items arriving meanwhile form the next', async () => {
    let finishFirst: () => void = () => {}
    const batches: number[][] = []
    const batcher = new Batcher<number, number>({
      windowMs: 10,
      maxBatchSize: 100,
      maxQueued: 100,
      run: async (items) => {
        batches.push(items)
        if (batches.length === 1) await new Promise<void>((resolve) => (finishFirst = resolve))
        return items
      },
    })
    const first = batcher.submit(1)
    await vi.advanceTimersByTimeAsync(10)
    const later = [batcher.submit(2), batcher.submit(3)]
    await vi.advanceTimersByTimeAsync(500)
    expect(batches).toEqual([[1]])
    finishFirst()
    await vi.advanceTimersByTimeAsync(0)
    expect(batches).toEqual([[1], [2, 3]])
    expect(await Promise.all([first, ...later])).toEqual([1, 2, 3])
  })

  it('rejects only the items whose result is an error, and all of a failed batch', async () => {
    const {batcher} = recordingBatcher({})
    const good = batcher.submit(1)
    const bad = batcher.submit(-1)
    const badResult = expect(bad).rejects.toThrow('negative -1')
    await vi.advanceTimersByTimeAsync(50)
    await badResult
    expect(await good).toBe('done 1')

    const failing = new Batcher<number, number>({
      windowMs: 0,
      maxBatchSize: 10,
      maxQueued: 10,
      run: async () => {
        throw new Error('lake down')
      },
    })
    const all = Promise.allSettled([failing.submit(1), failing.submit(2)])
    await vi.advanceTimersByTimeAsync(1)
    expect((await all).map((outcome) => outcome.status)).toEqual(['rejected', 'rejected'])
  })

  it('refuses items beyond maxQueued as overloaded', async () => {
    const {batcher} = recordingBatcher({maxQueued: 2})
    const accepted = [batcher.submit(1), batcher.submit(2)]
    const refused = batcher.submit(3)
    await expect(refused).rejects.toBeInstanceOf(ReactionError)
    await expect(refused).rejects.toMatchObject({code: 'overloaded'})
    expect(batcher.queued).toBe(2)
    await vi.advanceTimersByTimeAsync(50)
    expect(await Promise.all(accepted)).toEqual(['done 1', 'done 2'])
  })
})
