import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {createServer, type IncomingMessage, type Server} from 'node:http'
import type {AddressInfo} from 'node:net'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {
  describeScriptFailure,
  describeTargetFailure,
  preflightTarget,
  resolveTarget,
  retryOnRateLimit,
  TargetError,
  type Target,
} from './target.ts'

/** A stand-in API host answering every request from `answer`; records the requests. */
async function fakeApi(answer: (req: IncomingMessage) => {status: number; body: unknown}) {
  const seen: string[] = []
  const server: Server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`)
    const {status, body} = answer(req)
    res.statusCode = status
    res.setHeader('content-type', 'application/json')
    res.end(JSON.stringify(body))
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {url, seen, close: () => new Promise<void>((done) => server.close(() => done()))}
}

describe('resolveTarget', () => {
  let dataDir = ''
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'target-test-'))
    writeFileSync(join(dataDir, 'admin-token'), 'sk-admin-token\n')
    writeFileSync(
      join(dataDir, 'lake.json'),
      JSON.stringify({url: 'https://localhost:4444', projectId: 'local'}),
    )
  })
  afterAll(() => rmSync(dataDir, {recursive: true, force: true}))

  it('reads the lake URL and admin token from --data', () => {
    const target = resolveTarget({data: dataDir, dataset: 'staging'}, {})
    expect(target).toMatchObject({
      kind: 'lake',
      dataset: 'staging',
      url: 'https://localhost:4444',
      description: 'the local lake at https://localhost:4444',
    })
    expect(target.client.config()).toMatchObject({
      token: 'sk-admin-token',
      dataset: 'staging',
      useProjectHostname: false,
      useCdn: false,
    })
  })

  it('lets --url override the recorded URL, and SANITY_AUTH_TOKEN the admin token', () => {
    const target = resolveTarget(
      {data: dataDir, url: 'https://127.0.0.1:5555'},
      {SANITY_AUTH_TOKEN: ' sk-other '},
    )
    expect(target.url).toBe('https://127.0.0.1:5555')
    expect(target.dataset).toBe('production')
    expect(target.client.config().token).toBe('sk-other')
  })

  it('uses SANITY_AUTH_TOKEN with --url when no data dir is around', () => {
    const target = resolveTarget(
      {data: join(dataDir, 'missing'), url: 'https://127.0.0.1:5555'},
      {SANITY_AUTH_TOKEN: 'sk-env'},
    )
    expect(target.client.config().token).toBe('sk-env')
  })

  it('builds a client for a real project from --project and SANITY_AUTH_TOKEN', () => {
    const target = resolveTarget({project: 'abc123', dataset: 'blog'}, {SANITY_AUTH_TOKEN: 'sk-x'})
    expect(target).toMatchObject({
      kind: 'project',
      url: 'https://abc123.api.sanity.io',
      description: 'project abc123',
    })
    expect(target.client.config()).toMatchObject({
      projectId: 'abc123',
      dataset: 'blog',
      token: 'sk-x',
      useCdn: false,
    })
  })

  it.each([
    [{project: 'abc123'}, {}, /^SANITY_AUTH_TOKEN is not set: writing to project abc123/],
    [{project: 'abc123', data: '.lake'}, {SANITY_AUTH_TOKEN: 'x'}, /either --project or --data/],
    [{project: 'Not A Project!'}, {SANITY_AUTH_TOKEN: 'x'}, /is not a Sanity project id/],
    [{data: '/nonexistent/lake'}, {}, /^No admin token in \/nonexistent\/lake; start the lake/],
    [{project: 'abc123', dataset: 'Böse Daten'}, {SANITY_AUTH_TOKEN: 'x'}, /^Datasets can only/],
  ])('refuses %j with one line', (flags, env, message) => {
    let thrown: unknown
    try {
      resolveTarget(flags, env)
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(TargetError)
    expect((thrown as Error).message).toMatch(message)
    expect((thrown as Error).message).not.toContain('\n')
  })
})

describe('preflightTarget', () => {
  const lakeTarget = (url: string): Target => {
    const dir = mkdtempSync(join(tmpdir(), 'target-preflight-'))
    writeFileSync(join(dir, 'admin-token'), 'sk-admin')
    writeFileSync(join(dir, 'lake.json'), JSON.stringify({url}))
    try {
      return resolveTarget({data: dir}, {})
    } finally {
      rmSync(dir, {recursive: true, force: true})
    }
  }

  const failureOf = async (target: Target, write = true) => {
    try {
      await preflightTarget(target, {write})
    } catch (error) {
      expect(error).toBeInstanceOf(TargetError)
      return (error as Error).message
    }
    return undefined
  }

  it('passes when the host answers the query and accepts the dry-run write', async () => {
    const api = await fakeApi((req) =>
      req.url?.includes('/data/mutate/')
        ? {status: 200, body: {transactionId: 't', results: []}}
        : {status: 200, body: {result: 0, ms: 1}},
    )
    try {
      expect(await failureOf(lakeTarget(api.url))).toBeUndefined()
      expect(api.seen).toHaveLength(2)
      expect(api.seen[0]).toMatch(/^GET \/v2025-02-19\/data\/query\/production\?/)
      expect(api.seen[1]).toMatch(/^POST \/v2025-02-19\/data\/mutate\/production\?.*dryRun=true/)
    } finally {
      await api.close()
    }
  })

  it.each([
    [
      401,
      {statusCode: 401, error: 'Unauthorized', message: 'Session not found'},
      'the local lake at URL rejected the token (401: Session not found); is the lake running from the data dir passed with --data?',
    ],
    [
      404,
      {statusCode: 404, error: 'Not Found', message: 'Dataset "production" not found'},
      'Dataset "production" does not exist in the local lake at URL.',
    ],
    [
      500,
      {statusCode: 500, error: 'Internal Server Error', message: 'Boom'},
      'the local lake at URL failed (500): Boom',
    ],
  ])('turns a %i into one line', async (status, body, expected) => {
    const api = await fakeApi(() => ({status, body}))
    try {
      expect(await failureOf(lakeTarget(api.url))).toBe(expected.replace('URL', api.url))
    } finally {
      await api.close()
    }
  })

  it('reports a token that may read but not write, and skips that check when asked', async () => {
    const api = await fakeApi((req) =>
      req.url?.includes('/data/mutate/')
        ? {status: 403, body: {statusCode: 403, error: 'Forbidden', message: 'Insufficient'}}
        : {status: 200, body: {result: 0, ms: 1}},
    )
    try {
      const target = lakeTarget(api.url)
      expect(await failureOf(target)).toBe(
        `The token may not write to dataset "production" of the local lake at ${api.url} (403: Insufficient).`,
      )
      expect(await failureOf(target, false)).toBeUndefined()
    } finally {
      await api.close()
    }
  })

  it('says a host that is not listening cannot be reached', async () => {
    const api = await fakeApi(() => ({status: 200, body: {}}))
    await api.close()
    expect(await failureOf(lakeTarget(api.url))).toBe(
      `Cannot reach ${api.url} (ECONNREFUSED): is the lake running? (npm run lake)`,
    )
  })
})

describe('describeTargetFailure', () => {
  const project: Target = {
    ...resolveTarget({project: 'abc123'}, {SANITY_AUTH_TOKEN: 'x'}),
  }

  it('points a real project at SANITY_AUTH_TOKEN', () => {
    const error = Object.assign(new Error('Unauthorized'), {
      statusCode: 401,
      response: {body: {message: 'Session does not match project host'}},
    })
    expect(describeTargetFailure(project, error)).toBe(
      'project abc123 rejected the token (401: Session does not match project host); check SANITY_AUTH_TOKEN',
    )
  })

  it('names an untrusted certificate', () => {
    const error = Object.assign(new Error('self-signed certificate'), {
      code: 'DEPTH_ZERO_SELF_SIGNED_CERT',
    })
    expect(describeTargetFailure(project, error)).toBe(
      'https://abc123.api.sanity.io presented a certificate this machine does not trust (DEPTH_ZERO_SELF_SIGNED_CERT).',
    )
  })

  it('finds the network code on the cause, and copes with a thrown string', () => {
    const error = new Error('fetch failed', {cause: {code: 'ENOTFOUND'}})
    expect(describeTargetFailure(project, error)).toBe(
      'Cannot reach https://abc123.api.sanity.io (ENOTFOUND)',
    )
    expect(describeTargetFailure(project, 'weird')).toBe('project abc123 failed: weird')
  })
})

describe('describeScriptFailure', () => {
  const project = resolveTarget({project: 'abc123'}, {SANITY_AUTH_TOKEN: 'x'})
  class UsageError extends Error {}

  it("gives a script's own errors and target errors as they are", () => {
    expect(
      describeScriptFailure(new UsageError('--batch-size must be above 0'), project, [UsageError]),
    ).toBe('--batch-size must be above 0')
    expect(describeScriptFailure(new TargetError('SANITY_AUTH_TOKEN is not set'), undefined)).toBe(
      'SANITY_AUTH_TOKEN is not set',
    )
  })

  it('describes a failed request against the target, on one line', () => {
    const unknownDataset = Object.assign(new Error('Dataset not found'), {statusCode: 404})
    expect(describeScriptFailure(unknownDataset, project)).toBe(
      'Dataset "production" does not exist in project abc123.',
    )
    expect(describeScriptFailure(new Error('two\n  lines'), project)).toBe('two lines')
    expect(describeScriptFailure('thrown text', undefined)).toBe('thrown text')
  })
})

describe('retryOnRateLimit', () => {
  const refused = (retryAfter?: string) =>
    Object.assign(new Error('Too Many Requests'), {
      statusCode: 429,
      response: {headers: retryAfter ? {'retry-after': retryAfter} : {}},
    })

  it('waits as Retry-After says and tries again, until the write goes through', async () => {
    const waits: number[] = []
    let calls = 0
    const result = await retryOnRateLimit(
      async () => {
        calls++
        if (calls === 1) throw refused('2')
        if (calls === 2) throw refused()
        return 'written'
      },
      {sleep: async (ms) => void waits.push(ms)},
    )
    expect(result).toBe('written')
    expect(waits).toEqual([2000, 1000])
  })

  it('gives up after its attempts, and never retries other errors', async () => {
    const sleep = async () => {}
    let calls = 0
    const always = () => {
      calls++
      return Promise.reject(refused('1'))
    }
    await expect(retryOnRateLimit(always, {attempts: 3, sleep})).rejects.toMatchObject({
      statusCode: 429,
    })
    expect(calls).toBe(3)
    calls = 0
    const conflict = () => {
      calls++
      return Promise.reject(Object.assign(new Error('Conflict'), {statusCode: 409}))
    }
    await expect(retryOnRateLimit(conflict, {sleep})).rejects.toMatchObject({statusCode: 409})
    expect(calls).toBe(1)
  })
})
