import {describe, expect, it} from 'vitest'
import {classifyRequest, RequestLimiter} from './limits.ts'

function clock(start = 1_000_000) {
  let now = start
  return {now: () => now, advance: (ms: number) => (now += ms)}
}

describe('classifyRequest', () => {
  it.each([
    ['POST', '/data/mutate/production', 'mutation'],
    ['POST', '/data/actions/production', 'mutation'],
    ['POST', '/assets/images/production', 'upload'],
    ['POST', '/assets/files/production', 'upload'],
    ['GET', '/data/query/production', 'api'],
    ['POST', '/data/query/production', 'api'],
    ['GET', '/data/live/events/production', 'api'],
    ['GET', '/users/me', 'api'],
    ['GET', '/images/local/production/abc-1x1.png', undefined],
    ['GET', '/files/local/production/abc.pdf', undefined],
  ])('%s %s counts as %s', (method, path, kind) => {
    expect(classifyRequest(method, path)).toBe(kind)
  })
})

describe('RequestLimiter', () => {
  it('passes a burst up to the limit, refuses the rest with the wait, refills at the rate', () => {
    const time = clock()
    const limiter = new RequestLimiter({mutation: 25, upload: 25, api: 500}, time.now)
    const decisions = Array.from({length: 60}, () => limiter.take('127.0.0.1', 'mutation'))
    expect(decisions.filter((d) => d.allowed)).toHaveLength(25)
    expect(decisions[25]).toEqual({
      allowed: false,
      limit: 'mutation',
      perSecond: 25,
      retryAfterS: 1,
    })
    time.advance(200) // 5 tokens back
    const after = Array.from({length: 10}, () => limiter.take('127.0.0.1', 'mutation'))
    expect(after.filter((d) => d.allowed)).toHaveLength(5)
  })

  it('keeps clients and classes apart; a refused request takes no API-call token', () => {
    const time = clock()
    const limiter = new RequestLimiter({mutation: 2, upload: 2, api: 5}, time.now)
    for (let i = 0; i < 2; i++) expect(limiter.take('a', 'mutation').allowed).toBe(true)
    for (let i = 0; i < 4; i++) expect(limiter.take('a', 'mutation').allowed).toBe(false)
    expect(limiter.take('b', 'mutation').allowed).toBe(true)
    expect(limiter.take('a', 'upload').allowed).toBe(true)
    // 2 mutations + 1 upload took API-call tokens; the 4 refused mutations did not.
    expect(limiter.take('a', 'api').allowed).toBe(true)
    expect(limiter.take('a', 'api').allowed).toBe(true)
    expect(limiter.take('a', 'api')).toMatchObject({allowed: false, limit: 'api'})
  })

  it('asks for a longer wait when the rate is below one a second', () => {
    const time = clock()
    const limiter = new RequestLimiter({mutation: 0.25, upload: 1, api: 10}, time.now)
    expect(limiter.take('a', 'mutation').allowed).toBe(true)
    expect(limiter.take('a', 'mutation')).toEqual({
      allowed: false,
      limit: 'mutation',
      perSecond: 0.25,
      retryAfterS: 4,
    })
  })
})
