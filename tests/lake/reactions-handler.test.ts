/**
 * `createReactionHandler` against a real lake: every status code, the cookie, rate limits, CORS,
 * and coalescing (1,000 readers' votes in a handful of transactions, counted exactly).
 */
import type {SanityClient} from '@sanity/client'
import {createClient} from '@sanity/client'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {API_VERSION} from '../../core/api-version.ts'
import {DEFAULT_REACTION_KINDS} from '../../core/reaction-kinds.ts'
import {reactionTallyId} from '../../core/reactions/documents.ts'
import {
  createReactionHandler,
  type ReactionHandler,
  type ReactionHandlerOptions,
} from '../../core/reactions/handler.ts'
import type {CommittedTransaction} from '../../lake/types.ts'
import {freePort} from '../support/studio.ts'
import {startTestLake, type TestLake} from '../support/lake.ts'

const SECRET = 'handler-test-secret-that-is-long-enough-0123456789'
const URL_BASE = 'https://news.example/api/reactions'
const KINDS = DEFAULT_REACTION_KINDS.map((kind) => kind.name)
const ZERO = Object.fromEntries(KINDS.map((name) => [name, 0]))

let t: TestLake
let admin: SanityClient
const transactions: CommittedTransaction[] = []
const responses: Response[] = []

function handlerWith(options: Partial<ReactionHandlerOptions> = {}): ReactionHandler {
  const handler = createReactionHandler({
    client: admin,
    secret: SECRET,
    origins: ['https://friend.example'],
    batchWindowMs: 5,
    readerRateLimit: false,
    ipRateLimit: false,
    onError: () => {},
    ...options,
  })
  return async (request, context) => {
    const response = await handler(request, context)
    responses.push(response.clone())
    return response
  }
}

interface VoteOptions {
  cookie?: string
  headers?: Record<string, string>
  clientIp?: string
}

function vote(handler: ReactionHandler, body: unknown, options: VoteOptions = {}) {
  const request = new Request(URL_BASE, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.cookie ? {cookie: options.cookie} : {}),
      ...options.headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
  return handler(request, options.clientIp ? {clientIp: options.clientIp} : undefined)
}

function read(handler: ReactionHandler, postId: string, cookie?: string) {
  const request = new Request(`${URL_BASE}?postId=${encodeURIComponent(postId)}`, {
    headers: cookie ? {cookie} : {},
  })
  return handler(request)
}

/** `name=value` of the response's Set-Cookie, to send back as a browser would. */
function cookieOf(response: Response): string {
  const header = response.headers.get('set-cookie') ?? ''
  return header.split(';')[0] as string
}

async function errorCode(response: Response): Promise<string> {
  return ((await response.json()) as {error: {code: string}}).error.code
}

async function createPosts(...ids: string[]) {
  const tx = admin.transaction()
  for (const id of ids) tx.create({_id: id, _type: 'post', title: `Post ${id}`})
  await tx.commit()
}

beforeAll(async () => {
  t = await startTestLake()
  admin = t.client({token: 'admin'})
  t.lake.store.onCommit((tx) => transactions.push(tx))
  await createPosts('post-1', 'post-2', 'post-crowd', 'post-eager')
})
afterAll(async () => {
  // The write token never leaves the server.
  for (const response of responses) {
    const text = `${JSON.stringify([...response.headers])}${await response.text()}`
    expect(text).not.toContain(t.adminToken)
  }
  await t?.close()
})

describe('the reaction handler', () => {
  it('records a vote and sets a signed HttpOnly, SameSite, Secure reader cookie', async () => {
    const handler = handlerWith()
    const response = await vote(handler, {postId: 'post-1', reaction: 'happy'})
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8')
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(await response.json()).toEqual({
      postId: 'post-1',
      counts: {...ZERO, happy: 1},
      percentages: {...ZERO, happy: 100},
      total: 1,
      reaction: 'happy',
    })
    const setCookie = response.headers.get('set-cookie') ?? ''
    const [pair, ...attributes] = setCookie.split('; ')
    expect(pair).toMatch(/^newsroom_reader=[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/)
    expect(attributes.sort()).toEqual(
      ['HttpOnly', 'Max-Age=31536000', 'Path=/', 'SameSite=Lax', 'Secure'].sort(),
    )
  })

  it('knows the reader by the cookie: a repeat changes nothing, a change moves the vote', async () => {
    const handler = handlerWith()
    const first = await vote(handler, {postId: 'post-2', reaction: 'sad'})
    const cookie = cookieOf(first)
    const repeat = await vote(handler, {postId: 'post-2', reaction: 'sad'}, {cookie})
    expect(repeat.headers.get('set-cookie')).toBeNull()
    expect(((await repeat.json()) as {counts: unknown}).counts).toEqual({...ZERO, sad: 1})
    const change = await vote(handler, {postId: 'post-2', reaction: 'angry'}, {cookie})
    expect(await change.json()).toMatchObject({counts: {...ZERO, angry: 1}, reaction: 'angry'})

    // GET answers the tally, and the reader's own reaction only to that reader.
    const mine = await read(handler, 'post-2', cookie)
    expect(mine.status).toBe(200)
    expect(await mine.json()).toMatchObject({counts: {...ZERO, angry: 1}, reaction: 'angry'})
    const someoneElse = await read(handler, 'post-2')
    expect(await someoneElse.json()).toMatchObject({counts: {...ZERO, angry: 1}, reaction: null})
    // Reading never hands out a cookie.
    expect(someoneElse.headers.get('set-cookie')).toBeNull()

    const withdraw = await vote(handler, {postId: 'post-2', reaction: null}, {cookie})
    expect(await withdraw.json()).toMatchObject({total: 0, reaction: null})
  })

  it('treats a forged cookie as a new reader', async () => {
    const handler = handlerWith()
    const genuine = cookieOf(await vote(handler, {postId: 'post-1', reaction: 'sleepy'}))
    const [name, value] = genuine.split('=') as [string, string]
    const forged = `${name}=someone-else.${value.split('.')[1]}`
    const response = await vote(handler, {postId: 'post-1', reaction: 'sleepy'}, {cookie: forged})
    expect(response.headers.get('set-cookie')).toMatch(/^newsroom_reader=/)
    expect(cookieOf(response)).not.toBe(genuine)
    expect(((await response.json()) as {counts: {sleepy: number}}).counts.sleepy).toBe(2)
  })

  it('knows a reader who sends a junk reader cookie before the signed one, so they never vote twice', async () => {
    const handler = handlerWith()
    await createPosts('post-two-cookies')
    const genuine = cookieOf(await vote(handler, {postId: 'post-two-cookies', reaction: 'angry'}))
    for (const cookie of [
      `newsroom_reader=junk; ${genuine}`,
      `newsroom_reader=; other=1; ${genuine}`,
      `${genuine}; newsroom_reader=junk`,
    ]) {
      const again = await vote(handler, {postId: 'post-two-cookies', reaction: 'angry'}, {cookie})
      expect(again.status).toBe(200)
      expect(again.headers.get('set-cookie')).toBeNull()
      expect(((await again.json()) as {counts: {angry: number}}).counts.angry).toBe(1)
    }
  })

  it.each([
    ['an unknown post', {postId: 'post-404', reaction: 'happy'}, 404, 'unknownPost'],
    ['an unknown reaction', {postId: 'post-1', reaction: 'meh'}, 400, 'unknownReaction'],
    ['a missing reaction', {postId: 'post-1'}, 400, 'invalidInput'],
    ['a missing post id', {reaction: 'happy'}, 400, 'invalidInput'],
    ['a draft id', {postId: 'drafts.post-1', reaction: 'happy'}, 400, 'invalidInput'],
    ['a number as reaction', {postId: 'post-1', reaction: 3}, 400, 'invalidInput'],
    ['an array body', [{postId: 'post-1', reaction: 'happy'}], 400, 'invalidInput'],
    ['malformed JSON', '{"postId": "post-1", "reaction": ', 400, 'invalidInput'],
    ['an empty body', '', 400, 'invalidInput'],
    ['an emoji as reaction', {postId: 'post-1', reaction: '😀'}, 400, 'unknownReaction'],
  ])('answers %s with %i', async (_label, body, status, code) => {
    const response = await vote(handlerWith(), body)
    expect(response.status).toBe(status)
    expect(await errorCode(response)).toBe(code)
  })

  it('answers an oversized body with 413, declared or streamed', async () => {
    const handler = handlerWith({maxBodyBytes: 256})
    const big = JSON.stringify({postId: 'post-1', reaction: 'happy', padding: 'x'.repeat(300)})
    const declared = await vote(handler, big)
    expect(declared.status).toBe(413)
    expect(await errorCode(declared)).toBe('payloadTooLarge')
    // No Content-Length: the handler stops reading past the limit.
    const encoder = new TextEncoder()
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(encoder.encode('x'.repeat(100)))
      },
    })
    const streamed = await handler(
      new Request(URL_BASE, {
        method: 'POST',
        headers: {'content-type': 'application/json'},
        body: stream,
        duplex: 'half',
      } as RequestInit),
    )
    expect(streamed.status).toBe(413)
  })

  it('answers other bad requests with their status codes', async () => {
    const handler = handlerWith()
    const text = await vote(handler, JSON.stringify({postId: 'post-1', reaction: 'happy'}), {
      headers: {'content-type': 'text/plain'},
    })
    expect(text.status).toBe(415)
    const put = await handler(new Request(URL_BASE, {method: 'PUT', body: '{}'}))
    expect(put.status).toBe(405)
    expect(put.headers.get('allow')).toBe('GET, POST, OPTIONS')
    // Not a way into the handler's own object.
    const odd = await handler(new Request(URL_BASE, {method: 'constructor'}))
    expect(odd.status).toBe(405)
    expect((await read(handler, 'post-404')).status).toBe(404)
    expect((await read(handler, 'drafts.post-1')).status).toBe(400)
    expect((await handler(new Request(URL_BASE))).status).toBe(400)
  })

  it('allows CORS from the allow-list only', async () => {
    const handler = handlerWith()
    const preflight = await handler(
      new Request(URL_BASE, {
        method: 'OPTIONS',
        headers: {
          origin: 'https://friend.example',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type',
        },
      }),
    )
    expect(preflight.status).toBe(204)
    expect(Object.fromEntries(preflight.headers)).toMatchObject({
      'access-control-allow-origin': 'https://friend.example',
      'access-control-allow-credentials': 'true',
      'access-control-allow-methods': 'GET, POST, OPTIONS',
      'access-control-allow-headers': 'content-type',
      vary: 'Origin',
    })
    const allowed = await vote(
      handler,
      {postId: 'post-1', reaction: 'happy'},
      {headers: {origin: 'https://friend.example'}},
    )
    expect(allowed.status).toBe(200)
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://friend.example')

    const before = transactions.length
    const foreign = {origin: 'https://evil.example'}
    const refusedPreflight = await handler(
      new Request(URL_BASE, {method: 'OPTIONS', headers: foreign}),
    )
    expect(refusedPreflight.status).toBe(403)
    expect(refusedPreflight.headers.get('access-control-allow-origin')).toBeNull()
    const refused = await vote(handler, {postId: 'post-1', reaction: 'happy'}, {headers: foreign})
    expect(refused.status).toBe(403)
    expect(await errorCode(refused)).toBe('originNotAllowed')
    expect(transactions.length).toBe(before)
    // The site's own pages are same-origin.
    const own = await vote(
      handler,
      {postId: 'post-1', reaction: 'happy'},
      {headers: {origin: 'https://news.example'}},
    )
    expect(own.status).toBe(200)
  })

  it('limits votes per reader, with Retry-After', async () => {
    const handler = handlerWith({readerRateLimit: {limit: 2, windowSeconds: 60}})
    const first = await vote(handler, {postId: 'post-1', reaction: 'happy'})
    const cookie = cookieOf(first)
    expect((await vote(handler, {postId: 'post-1', reaction: 'sad'}, {cookie})).status).toBe(200)
    const limited = await vote(handler, {postId: 'post-1', reaction: 'happy'}, {cookie})
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('30')
    expect(await errorCode(limited)).toBe('rateLimited')
    // Another reader is not affected.
    expect((await vote(handler, {postId: 'post-1', reaction: 'happy'})).status).toBe(200)
  })

  it('limits requests per IP address, from the server’s peer address, never a forged header', async () => {
    const handler = handlerWith({ipRateLimit: {limit: 3, windowSeconds: 1}})
    const post = {postId: 'post-1', reaction: 'happy'}
    // A new X-Forwarded-For on every request from one peer earns no new budget.
    const statuses = []
    for (let i = 0; i < 4; i++) {
      const forged = {'x-forwarded-for': `203.0.113.${i}`, 'x-real-ip': `203.0.113.${i}`}
      statuses.push((await vote(handler, post, {clientIp: '198.51.100.1', headers: forged})).status)
    }
    expect(statuses).toEqual([200, 200, 200, 429])
    expect((await vote(handler, post, {clientIp: '198.51.100.2'})).status).toBe(200)

    // Mounted without the peer's address, requests share one budget: still none per forgery.
    const blind = handlerWith({ipRateLimit: {limit: 3, windowSeconds: 1}})
    const unknown = []
    for (let i = 0; i < 4; i++) {
      const forged = {'x-forwarded-for': `203.0.113.${i}`}
      unknown.push((await vote(blind, post, {headers: forged})).status)
    }
    expect(unknown).toEqual([200, 200, 200, 429])
  })

  it('behind trusted proxies, limits the address they saw, whatever the client wrote before it', async () => {
    const handler = handlerWith({ipRateLimit: {limit: 3, windowSeconds: 1}, trustProxy: 1})
    const post = {postId: 'post-1', reaction: 'happy'}
    const via = (forged: string, real: string) => ({
      clientIp: '10.0.0.1',
      headers: {'x-forwarded-for': `${forged}, ${real}`},
    })
    const statuses = []
    for (let i = 0; i < 4; i++) {
      statuses.push((await vote(handler, post, via(`203.0.113.${i}`, '192.0.2.7'))).status)
    }
    expect(statuses).toEqual([200, 200, 200, 429])
    const limited = await vote(handler, post, via('203.0.113.99', '192.0.2.7'))
    expect(limited.headers.get('retry-after')).toBe('1')
    // Another reader behind the same proxy has a budget of their own.
    expect((await vote(handler, post, via('203.0.113.99', '192.0.2.8'))).status).toBe(200)

    const platform = handlerWith({
      ipRateLimit: {limit: 1, windowSeconds: 1},
      trustProxy: {header: 'cf-connecting-ip'},
    })
    const from = (ip: string, forged: string) => ({
      clientIp: '10.0.0.1',
      headers: {'cf-connecting-ip': ip, 'x-forwarded-for': forged},
    })
    expect((await vote(platform, post, from('192.0.2.9', '203.0.113.1'))).status).toBe(200)
    expect((await vote(platform, post, from('192.0.2.9', '203.0.113.2'))).status).toBe(429)
  })

  it('takes the reader from the site login when configured, and refuses anonymous votes', async () => {
    const handler = handlerWith({
      readerId: (request) => request.headers.get('x-test-user'),
    })
    const anonymous = await vote(handler, {postId: 'post-1', reaction: 'happy'})
    expect(anonymous.status).toBe(401)
    const first = await vote(
      handler,
      {postId: 'post-2', reaction: 'excited'},
      {headers: {'x-test-user': 'user-42'}},
    )
    expect(first.status).toBe(200)
    expect(first.headers.get('set-cookie')).toBeNull()
    const again = await vote(
      handler,
      {postId: 'post-2', reaction: 'excited'},
      {headers: {'x-test-user': 'user-42'}},
    )
    expect(((await again.json()) as {counts: {excited: number}}).counts.excited).toBe(1)
  })

  it('coalesces 1,000 concurrent readers into a few transactions, counting each exactly', async () => {
    const handler = handlerWith({batchWindowMs: 20, maxBatchSize: 100})
    const before = transactions.length
    const expected: Record<string, number> = {...ZERO}
    const answers = await Promise.all(
      Array.from({length: 1000}, (_, i) => {
        const reaction = KINDS[(i * 5) % KINDS.length] as string
        expected[reaction] = (expected[reaction] ?? 0) + 1
        return vote(handler, {postId: 'post-crowd', reaction})
      }),
    )
    expect(answers.map((answer) => answer.status)).toEqual(Array(1000).fill(200))
    const tally = await admin.getDocument(reactionTallyId('post-crowd'))
    expect(tally?.counts).toEqual(expected)
    const voters = await admin.fetch<number>(
      'count(*[_type == "reactionVoter" && post._ref == "post-crowd" && defined(reaction)])',
      {},
      {perspective: 'raw'},
    )
    expect(voters).toBe(1000)
    // At most 100 votes per transaction: 10 at best; far fewer than one per vote at worst.
    const used = transactions.length - before
    expect(used).toBeGreaterThanOrEqual(10)
    expect(used).toBeLessThanOrEqual(100)
  })

  it('counts one reader firing 100 concurrent votes once', async () => {
    const handler = handlerWith()
    const cookie = cookieOf(await vote(handler, {postId: 'post-eager', reaction: 'happy'}))
    const answers = await Promise.all(
      Array.from({length: 100}, (_, i) =>
        vote(handler, {postId: 'post-eager', reaction: KINDS[i % KINDS.length]}, {cookie}),
      ),
    )
    expect(answers.every((answer) => answer.status === 200)).toBe(true)
    const counts = (await admin.getDocument(reactionTallyId('post-eager')))?.counts as Record<
      string,
      number
    >
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(1)
    const mine = (await (await read(handler, 'post-eager', cookie)).json()) as {reaction: string}
    expect(counts[mine.reaction]).toBe(1)
  })

  it('answers 503 with Retry-After when the lake cannot be reached', async () => {
    const port = await freePort()
    const errors: unknown[] = []
    const unreachable = createClient({
      projectId: 'local',
      dataset: 'production',
      apiHost: `https://127.0.0.1:${port}`,
      useProjectHostname: false,
      apiVersion: API_VERSION,
      useCdn: false,
      token: 'not-a-real-token',
      maxRetries: 0,
    })
    const handler = handlerWith({
      client: unreachable,
      maxAttempts: 2,
      onError: (error) => errors.push(error),
    })
    const response = await vote(handler, {postId: 'post-1', reaction: 'happy'})
    expect(response.status).toBe(503)
    expect(response.headers.get('retry-after')).toBe('1')
    expect(await errorCode(response)).toBe('unavailable')
    expect(errors).toHaveLength(1)
  })
})
