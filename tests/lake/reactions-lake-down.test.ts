/**
 * The reaction API when the lake is down, hangs, or loses an answer: every failure is a 503
 * `unavailable` with `Retry-After` within the handler's deadline, nothing is retried after the
 * reader was answered, and a new reader whose vote may have landed gets their cookie, so their
 * retry cannot count twice.
 */
import {createServer, type Server, type Socket} from 'node:net'

import type {SanityClient} from '@sanity/client'
import {createLakeClient} from '../../lake/client.ts'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {API_VERSION} from '../../core/api-version.ts'
import {reactionTallyId} from '../../core/reactions/documents.ts'
import {createReactionHandler, type ReactionHandlerOptions} from '../../core/reactions/handler.ts'
import {startTestLake, type TestLake} from '../support/lake.ts'

const SECRET = 'lake-down-test-secret-that-is-long-enough-0123456'
const URL_BASE = 'https://news.example/api/reactions'

/** A TCP server standing in for a lake: `reset` drops each connection, `hang` never answers. */
async function fakeLake(mode: 'reset' | 'hang') {
  const sockets = new Set<Socket>()
  let connections = 0
  const server: Server = createServer((socket) => {
    connections++
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => {})
    if (mode === 'reset') socket.resetAndDestroy()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const {port} = server.address() as {port: number}
  return {
    url: `https://127.0.0.1:${port}`,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}

/** A client as a site would build it, with @sanity/client's own retries left at their default. */
function clientFor(url: string): SanityClient {
  return createLakeClient({
    url,
    dataset: 'production',
    apiVersion: API_VERSION,
    token: 'not-a-real-token',
  })
}

function handlerWith(
  options: Partial<ReactionHandlerOptions> & Pick<ReactionHandlerOptions, 'client'>,
) {
  return createReactionHandler({
    secret: SECRET,
    batchWindowMs: 5,
    readerRateLimit: false,
    ipRateLimit: false,
    onError: () => {},
    ...options,
  })
}

const vote = (body: unknown, cookie?: string) =>
  new Request(URL_BASE, {
    method: 'POST',
    headers: {'content-type': 'application/json', ...(cookie ? {cookie} : {})},
    body: JSON.stringify(body),
  })

async function errorCode(response: Response): Promise<string> {
  return ((await response.json()) as {error: {code: string}}).error.code
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('the reaction API with the lake down', () => {
  it('answers a tally read with 503 unavailable, not 500', async () => {
    const lake = await fakeLake('reset')
    try {
      const handler = handlerWith({client: clientFor(lake.url), deadlineMs: 1000})
      const response = await handler(new Request(`${URL_BASE}?postId=post-1`))
      expect(response.status).toBe(503)
      expect(response.headers.get('retry-after')).toBe('1')
      expect(await errorCode(response)).toBe('unavailable')
    } finally {
      await lake.close()
    }
  })

  it('answers a vote against a lake that never answers with 503 and the new reader’s cookie', async () => {
    const lake = await fakeLake('hang')
    try {
      const errors: unknown[] = []
      const handler = handlerWith({
        client: clientFor(lake.url),
        deadlineMs: 1000,
        onError: (error) => errors.push(error),
      })
      const response = await handler(vote({postId: 'post-1', reaction: 'happy'}))
      expect(response.status).toBe(503)
      expect(response.headers.get('retry-after')).toBe('1')
      expect(response.headers.get('set-cookie')).toMatch(/^newsroom_reader=/)
      expect(await errorCode(response)).toBe('unavailable')
      expect(errors).toHaveLength(1)
    } finally {
      await lake.close()
    }
  })

  it('tries the lake no more once the reader has been answered', async () => {
    const lake = await fakeLake('reset')
    try {
      const handler = handlerWith({client: clientFor(lake.url), deadlineMs: 1000})
      const response = await handler(vote({postId: 'post-1', reaction: 'happy'}))
      expect(response.status).toBe(503)
      const answeredAfter = lake.connections()
      expect(answeredAfter).toBeGreaterThan(0)
      // @sanity/client's own retries back off for up to 3 s; none of them may still come.
      await pause(3500)
      expect(lake.connections()).toBe(answeredAfter)
    } finally {
      await lake.close()
    }
  })
})

describe('the reaction API when the lake commits a vote but its answer is lost', () => {
  let t: TestLake
  let admin: SanityClient

  beforeAll(async () => {
    t = await startTestLake()
    admin = t.client({token: 'admin'})
    await admin.create({_id: 'post-lost', _type: 'post', title: 'Lost answers'})
    // The lake's first query starts its query worker; warm it before deadlines count.
    await admin.fetch('count(*)')
  })
  afterAll(async () => {
    await t?.close()
  })

  /** `client`, whose mutations reach the lake and commit, but whose answers never come back. */
  function losingAnswers(client: SanityClient): SanityClient {
    return new Proxy(client, {
      get(target, property) {
        if (property === 'withConfig') {
          return (config: object) => losingAnswers(target.withConfig(config))
        }
        if (property === 'mutate') {
          return async (...args: Parameters<SanityClient['mutate']>) => {
            await target.mutate(...args)
            return new Promise(() => {})
          }
        }
        const value = Reflect.get(target, property, target) as unknown
        return typeof value === 'function' ? value.bind(target) : value
      },
    })
  }

  it('gives the new reader a cookie with the 503, so their retry counts once', async () => {
    const lossy = handlerWith({client: losingAnswers(admin), deadlineMs: 3000})
    const first = await lossy(vote({postId: 'post-lost', reaction: 'excited'}))
    expect(first.status).toBe(503)
    const cookie = (first.headers.get('set-cookie') ?? '').split(';')[0] as string
    expect(cookie).toMatch(/^newsroom_reader=.+/)
    // The vote did land.
    expect((await admin.getDocument(reactionTallyId('post-lost')))?.counts).toMatchObject({
      excited: 1,
    })

    const retry = await handlerWith({client: admin})(
      vote({postId: 'post-lost', reaction: 'excited'}, cookie),
    )
    expect(retry.status).toBe(200)
    expect(retry.headers.get('set-cookie')).toBeNull()
    expect(((await retry.json()) as {counts: {excited: number}}).counts.excited).toBe(1)
  })
})
