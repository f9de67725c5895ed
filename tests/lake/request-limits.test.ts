/**
 * Sanity's per-client request limits, on by default: over HTTPS through `@sanity/client`, a burst
 * beyond 25 mutation requests (or uploads) a second is refused with 429 and `Retry-After`, a
 * refused request writes nothing, reads are retried by the client itself, and `limits: false`
 * (the CLI's `--limits off`) lets everything through.
 */
import {connect} from 'node:http2'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {startTestLake, type TestLake} from '../support/lake.ts'
import {tinyPng} from './core-fixtures.ts'

let limited: TestLake
let unlimited: TestLake

beforeAll(async () => {
  ;[limited, unlimited] = await Promise.all([startTestLake(), startTestLake({limits: false})])
})
afterAll(() => Promise.all([limited?.close(), unlimited?.close()]))

interface Answer {
  status: number
  retryAfter: string | undefined
  body: string
}

/**
 * Send `bodies` as POSTs to `path` all at once over one HTTP/2 connection, as a client that does
 * not batch would (a pool of HTTP/1.1 connections spends its time in TLS handshakes instead). The
 * answers, in order.
 */
async function burst(
  t: TestLake,
  path: string,
  bodies: Buffer[],
  contentType = 'application/json',
): Promise<Answer[]> {
  const session = connect(t.url)
  try {
    return await Promise.all(
      bodies.map(
        (body) =>
          new Promise<Answer>((resolve, reject) => {
            const stream = session.request({
              ':method': 'POST',
              ':path': path,
              authorization: `Bearer ${t.adminToken}`,
              'content-type': contentType,
            })
            let status = 0
            let retryAfter: string | undefined
            let text = ''
            stream.on('response', (headers) => {
              status = Number(headers[':status'])
              retryAfter = headers['retry-after'] as string | undefined
            })
            stream.setEncoding('utf8')
            stream.on('data', (chunk: string) => (text += chunk))
            stream.on('end', () => resolve({status, retryAfter, body: text}))
            stream.on('error', reject)
            stream.end(body)
          }),
      ),
    )
  } finally {
    session.close()
  }
}

const creates = (prefix: string, count: number) =>
  Array.from({length: count}, (_, i) =>
    Buffer.from(JSON.stringify({mutations: [{create: {_id: `${prefix}-${i}`, _type: prefix}}]})),
  )

describe('request limits', () => {
  it('refuses mutation requests beyond 25 a second with 429 and Retry-After, writing nothing', async () => {
    const admin = limited.client({token: 'admin'})
    const seq = limited.lake.store.seq
    const answers = await burst(
      limited,
      '/v2025-02-19/data/mutate/production',
      creates('burst', 60),
    )
    const passed = answers.filter((a) => a.status === 200)
    const refused = answers.filter((a) => a.status === 429)
    expect(passed.length + refused.length).toBe(60)
    // The bucket refills while the burst is handled: a few more than 25 may pass, never all.
    expect(passed.length).toBeGreaterThanOrEqual(25)
    expect(refused.length).toBeGreaterThan(0)
    expect(refused[0]?.retryAfter).toBe('1')
    expect(JSON.parse(refused[0]?.body ?? '{}')).toEqual({
      statusCode: 429,
      error: 'Too Many Requests',
      message: expect.stringContaining('at most 25 mutation requests a second per client'),
    })
    // Only the requests that passed wrote anything.
    expect(limited.lake.store.seq - seq).toBe(passed.length)
    expect(await admin.fetch('count(*[_type == "burst"])')).toBe(passed.length)
  })

  it('limits uploads to 25 a second as well', async () => {
    const admin = limited.client({token: 'admin'})
    const images = Array.from({length: 40}, (_, i) => tinyPng(4, 4, 1000 + i))
    const answers = await burst(
      limited,
      '/v2025-02-19/assets/images/production',
      images,
      'image/png',
    )
    const refused = answers.filter((a) => a.status === 429)
    expect(refused.length).toBeGreaterThan(0)
    expect(refused[0]?.body).toContain('at most 25 uploads a second')
    const stored = await admin.fetch<number>('count(*[_type == "sanity.imageAsset"])')
    expect(stored).toBe(40 - refused.length)
  })

  it('lets @sanity/client retry the reads it refuses, as the client does with Sanity', async () => {
    const anonymous = limited.client()
    const answers = await Promise.all(
      Array.from({length: 650}, () => anonymous.request<string>({uri: '/ping'})),
    )
    expect(answers.every((answer) => answer === 'PONG')).toBe(true)
  })

  it('lets every request through with limits off', async () => {
    const answers = await burst(
      unlimited,
      '/v2025-02-19/data/mutate/production',
      creates('free', 60),
    )
    expect(answers.filter((a) => a.status === 200)).toHaveLength(60)
    expect(await unlimited.client().fetch('count(*[_type == "free"])')).toBe(60)
  })
})
