import {describe, expect, it} from 'vitest'

import {RateLimiter, rateLimitProblem} from './rate-limit.ts'

/** A clock the test moves by hand. */
function manualClock() {
  let now = 1_000_000
  return {now: () => now, advance: (ms: number) => (now += ms)}
}

describe('RateLimiter', () => {
  it('allows a burst of `limit`, then says how many seconds to wait', () => {
    const clock = manualClock()
    const limiter = new RateLimiter({limit: 3, windowSeconds: 60}, clock.now)
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([0, 0, 0])
    // One token comes back every 20 s.
    expect(limiter.take('a')).toBe(20)
    clock.advance(15_000)
    expect(limiter.take('a')).toBe(5)
    clock.advance(5_000)
    expect(limiter.take('a')).toBe(0)
    expect(limiter.take('a')).toBe(20)
  })

  it('keeps keys apart', () => {
    const clock = manualClock()
    const limiter = new RateLimiter({limit: 1, windowSeconds: 10}, clock.now)
    expect(limiter.take('reader-1')).toBe(0)
    expect(limiter.take('reader-1')).toBe(10)
    expect(limiter.take('reader-2')).toBe(0)
    expect(limiter.take('192.0.2.1')).toBe(0)
  })

  it('never refills beyond the limit', () => {
    const clock = manualClock()
    const limiter = new RateLimiter({limit: 2, windowSeconds: 1}, clock.now)
    limiter.take('a')
    clock.advance(3_600_000)
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([0, 0, 1])
  })

  it('forgets idle keys once it tracks many, and keeps limiting busy ones', () => {
    const clock = manualClock()
    const limiter = new RateLimiter({limit: 1, windowSeconds: 1}, clock.now)
    for (let i = 0; i < 10_000; i++) limiter.take(`idle-${i}`)
    expect(limiter.trackedKeys).toBe(10_000)
    clock.advance(2_000)
    // One key more makes the limiter sweep: the refilled idle keys go, the busy one stays.
    expect(limiter.take('busy')).toBe(0)
    expect(limiter.trackedKeys).toBe(1)
    expect(limiter.take('busy')).toBe(1)
  })
})

describe('rateLimitProblem', () => {
  it.each([
    [{limit: 10, windowSeconds: 60}, undefined],
    [{limit: 1, windowSeconds: 0.5}, undefined],
    [null, 'must be {limit, windowSeconds} or false'],
    [{limit: 0, windowSeconds: 60}, 'limit must be a whole number ≥ 1'],
    [{limit: 2.5, windowSeconds: 60}, 'limit must be a whole number ≥ 1'],
    [{limit: 10}, 'windowSeconds must be a number > 0'],
    [{limit: 10, windowSeconds: -1}, 'windowSeconds must be a number > 0'],
  ])('%j → %s', (rate, problem) => {
    expect(rateLimitProblem(rate)).toBe(problem)
  })
})
