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
    maxInFlight: 1,
    keyOf: String,
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

  it('sends an item after a quiet spell at once, and coalesces those arriving within a window', async () => {
    const {batcher, batches} = recordingBatcher({windowMs: 50})
    const first = batcher.submit(1)
    await vi.advanceTimersByTimeAsync(0)
    expect(batches).toEqual([{items: [1], at: 0}])
    await vi.advanceTimersByTimeAsync(20)
    const second = batcher.submit(2)
    await vi.advanceTimersByTimeAsync(29)
    const third = batcher.submit(3)
    expect(batches).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(batches).toEqual([
      {items: [1], at: 0},
      {items: [2, 3], at: 50},
    ])
    expect(await Promise.all([first, second, third])).toEqual(['done 1', 'done 2', 'done 3'])
    // Quiet for longer than a window: the next item goes at once again.
    await vi.advanceTimersByTimeAsync(200)
    const fourth = batcher.submit(4)
    await vi.advanceTimersByTimeAsync(0)
    expect(batches[2]).toEqual({items: [4], at: 250})
    expect(await fourth).toBe('done 4')
  })

  it('splits a burst into full batches one window apart', async () => {
    const {batcher, batches} = recordingBatcher({windowMs: 50, maxBatchSize: 100})
    const answers = Array.from({length: 250}, (_, i) => batcher.submit(i))
    await vi.advanceTimersByTimeAsync(1000)
    expect(batches.map((batch) => batch.items.length)).toEqual([100, 100, 50])
    // Never sooner than a window after the previous batch, however many items wait.
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
      maxInFlight: 1,
      keyOf: String,
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

  it('runs up to maxInFlight batches at once, never with one key in two of them', async () => {
    const finish: Array<() => void> = []
    const batches: string[][] = []
    const batcher = new Batcher<string, string>({
      windowMs: 10,
      maxBatchSize: 100,
      maxQueued: 100,
      maxInFlight: 2,
      // "reader:vote": one key per reader.
      keyOf: (item) => item.split(':')[0] as string,
      run: async (items) => {
        batches.push(items)
        await new Promise<void>((resolve) => finish.push(resolve))
        return items
      },
    })
    const answers = [batcher.submit('ada:happy')]
    await vi.advanceTimersByTimeAsync(0)
    answers.push(batcher.submit('ada:sad'), batcher.submit('bob:happy'))
    await vi.advanceTimersByTimeAsync(10)
    // The second batch starts while the first runs, without Ada, whose vote is still in flight.
    expect(batches).toEqual([['ada:happy'], ['bob:happy']])
    answers.push(batcher.submit('cy:angry'))
    await vi.advanceTimersByTimeAsync(100)
    expect(batches).toHaveLength(2)
    finish[0]?.()
    await vi.advanceTimersByTimeAsync(0)
    expect(batches[2]).toEqual(['ada:sad', 'cy:angry'])
    finish[1]?.()
    finish[2]?.()
    expect(await Promise.all(answers)).toEqual(['ada:happy', 'ada:sad', 'bob:happy', 'cy:angry'])
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
      maxInFlight: 1,
      keyOf: String,
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
