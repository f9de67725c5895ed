import type {SanityClient} from '@sanity/client'
import {describe, expect, it, vi} from 'vitest'

import {createReactionHandler, type ReactionHandlerOptions} from './handler.ts'

const client = {
  config: () => ({dataset: 'production'}),
  withConfig: () => client,
  fetch: () => Promise.reject(new Error('offline')),
} as unknown as SanityClient
const valid: ReactionHandlerOptions = {
  client,
  secret: 'a-test-secret-that-is-long-enough-0123456789',
}

describe('createReactionHandler options', () => {
  it('takes the minimal and a full set of options', () => {
    expect(typeof createReactionHandler(valid)).toBe('function')
    const handler = createReactionHandler({
      ...valid,
      kinds: [{name: 'love', title: 'Love', emoji: '❤️'}],
      dataset: 'reactions',
      origins: ['https://news.example', 'http://localhost:3000'],
      readerId: () => 'user-1',
      clientIp: () => '192.0.2.1',
      cookieName: '__Host-reader',
      cookieMaxAgeSeconds: 3600,
      cookieSameSite: 'None',
      cookieSecure: true,
      cookiePath: '/api/reactions',
      readerRateLimit: false,
      ipRateLimit: {limit: 1000, windowSeconds: 1},
      batchWindowMs: 0,
      maxBatchSize: 1,
      concurrentBatches: 1,
      maxQueuedVotes: 1,
      maxBodyBytes: 64,
      maxAttempts: 3,
      onError: () => {},
    })
    expect(typeof handler).toBe('function')
  })

  it.each([
    ['no options', undefined, '"options": must be an object'],
    ['no client', {client: undefined}, '"client": must be a @sanity/client instance'],
    ['a short secret', {secret: 'x'.repeat(31)}, '"secret": must be a string of at least 32'],
    ['empty kinds', {kinds: []}, '"kinds": needs at least one reaction kind'],
    ['a bad dataset', {dataset: 'My Reactions'}, '"dataset": "My Reactions" is not a dataset name'],
    [
      'an origin with a path',
      {origins: ['https://news.example/']},
      '"origins": "https://news.example/" is not an origin',
    ],
    ['a wildcard origin', {origins: ['*']}, '"origins": "*" is not an origin'],
    ['origins as a string', {origins: 'https://news.example'}, '"origins": must be an array'],
    [
      'a cookie name with a space',
      {cookieName: 'reader id'},
      '"cookieName": "reader id" is not a cookie name',
    ],
    [
      'SameSite=Lax in lower case',
      {cookieSameSite: 'lax'},
      '"cookieSameSite": must be "Lax", "Strict" or "None"',
    ],
    [
      'SameSite=None without Secure',
      {cookieSameSite: 'None', cookieSecure: false},
      '"cookieSameSite": "None" needs cookieSecure',
    ],
    ['a relative cookie path', {cookiePath: 'api'}, '"cookiePath": must be a path starting with /'],
    [
      'a zero rate',
      {readerRateLimit: {limit: 0, windowSeconds: 60}},
      '"readerRateLimit": limit must be',
    ],
    ['a rate without window', {ipRateLimit: {limit: 5}}, '"ipRateLimit": windowSeconds must be'],
    ['a negative window', {batchWindowMs: -1}, '"batchWindowMs": must be a whole number ≥ 0'],
    ['an empty batch', {maxBatchSize: 0}, '"maxBatchSize": must be a whole number ≥ 1'],
    [
      'no batches at all',
      {concurrentBatches: 0},
      '"concurrentBatches": must be a whole number ≥ 1',
    ],
    ['a fractional body limit', {maxBodyBytes: 1.5}, '"maxBodyBytes": must be a whole number ≥ 1'],
    ['a readerId that is not a function', {readerId: 'user-1'}, '"readerId": must be a function'],
  ])('rejects %s, naming the option', (_label, change, message) => {
    const options = change === undefined ? undefined : {...valid, ...change}
    expect(() => createReactionHandler(options as unknown as ReactionHandlerOptions)).toThrow(
      `[newsroom] Invalid createReactionHandler option ${message}`,
    )
  })
})

describe('createReactionHandler errors', () => {
  it('logs an error as one line with the method, path, status and error, by default', async () => {
    const lines: unknown[][] = []
    const spy = vi.spyOn(console, 'error').mockImplementation((...args) => void lines.push(args))
    try {
      // What @sanity/client rejects with: the whole response (and request) attached.
      const upstream = Object.assign(new Error('Internal'), {
        statusCode: 502,
        response: {headers: {server: 'lake'}, body: 'x\n'.repeat(100), request: {url: '/'}},
      })
      const failing = {
        config: () => ({dataset: 'production'}),
        withConfig: () => failing,
        fetch: () => Promise.reject(upstream),
        getDocuments: () => Promise.reject(upstream),
      } as unknown as SanityClient
      const handler = createReactionHandler({...valid, client: failing, maxAttempts: 1})
      const response = await handler(new Request('https://news.example/api/reactions?postId=p-1'))
      expect(response.status).toBe(503)
      expect(lines).toEqual([
        [
          'reactions: GET /api/reactions 503 ReactionError: Could not read the tally of p-1 after 1 attempt(s): Internal (cause: Error: Internal)',
        ],
      ])
    } finally {
      spy.mockRestore()
    }
  })
})
