import {connect} from 'node:http2'
import type {SanityClient} from '@sanity/client'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {startTestLake, TEST_API_VERSION, type TestLake} from '../support/lake.ts'

let t: TestLake
let admin: SanityClient

beforeAll(async () => {
  // Many requests a second, each about the data API's answers, not Sanity's request limits (those
  // are request-limits.test.ts's): a 429 here would only stand in for the answer under test.
  t = await startTestLake({maxBodyBytes: 64 * 1024, limits: false})
  admin = t.client({token: 'admin'})
})
afterAll(() => t?.close())

/** A request with the admin token; returns status and parsed JSON body. */
async function api(path: string, init: RequestInit & {token?: string | null} = {}) {
  const token = init.token === undefined ? t.adminToken : init.token
  const response = await fetch(`${t.url}${path}`, {
    ...init,
    headers: {
      ...(token ? {authorization: `Bearer ${token}`} : {}),
      ...(init.body ? {'content-type': 'application/json'} : {}),
      ...(init.headers as Record<string, string> | undefined),
    },
  })
  const text = await response.text()
  let body: unknown = text
  try {
    body = JSON.parse(text)
  } catch {
    // not JSON; keep the text
  }
  // Response bodies are asserted field by field; loose typing keeps the assertions readable.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return {status: response.status, body: body as Record<string, any>, headers: response.headers}
}

function mutate(mutations: unknown[], query = '') {
  return api(`/v${TEST_API_VERSION}/data/mutate/production${query}`, {
    method: 'POST',
    body: JSON.stringify({mutations}),
  })
}

describe('documents through @sanity/client', () => {
  it('creates a document with system fields and reads it back', async () => {
    const created = await admin.create({_id: 'post-1', _type: 'post', title: 'First'})
    expect(created).toMatchObject({_id: 'post-1', _type: 'post', title: 'First'})
    expect(created._rev).toMatch(/^\w{10,}$/)
    expect(created._createdAt).toBe(created._updatedAt)
    expect(new Date(created._createdAt).toISOString()).toBe(created._createdAt)
    expect(await admin.getDocument('post-1')).toEqual(created)
  })

  it('generates an id when create has none', async () => {
    const created = await admin.create({_type: 'post', title: 'No id'})
    expect(created._id).toMatch(/^[\w-]{20,}$/)
    expect((await admin.getDocument(created._id))?.title).toBe('No id')
  })

  it('patches: set, unset, setIfMissing, inc, dec, insert, keyed paths, diffMatchPatch', async () => {
    await admin.create({
      _id: 'patch-me',
      _type: 'post',
      title: 'Hello world',
      drop: true,
      count: 10,
      tags: [
        {_key: 'a', name: 'A'},
        {_key: 'b', name: 'B'},
      ],
    })
    const before = await admin.getDocument('patch-me')
    const patched = await admin
      .patch('patch-me')
      .set({'tags[_key=="b"].name': 'Bee', subtitle: 'Sub'})
      .unset(['drop'])
      .setIfMissing({subtitle: 'ignored', views: 0})
      .inc({count: 5, views: 2})
      .dec({count: 1})
      .insert('after', 'tags[-1]', [{_key: 'c', name: 'C'}])
      .diffMatchPatch({title: '@@ -1,11 +1,11 @@\n Hello \n-world\n+there\n'})
      .commit()
    expect(patched).toMatchObject({
      title: 'Hello there',
      subtitle: 'Sub',
      count: 14,
      views: 2,
      tags: [
        {_key: 'a', name: 'A'},
        {_key: 'b', name: 'Bee'},
        {_key: 'c', name: 'C'},
      ],
    })
    expect(patched).not.toHaveProperty('drop')
    expect(patched._rev).not.toBe(before?._rev)
    expect(patched._createdAt).toBe(before?._createdAt)
    expect(patched._updatedAt > (before?._updatedAt ?? '')).toBe(true)
  })

  it('createOrReplace, createIfNotExists and delete', async () => {
    await admin.createOrReplace({_id: 'cor', _type: 'post', title: 'one', extra: 1})
    const replaced = await admin.createOrReplace({_id: 'cor', _type: 'post', title: 'two'})
    expect(replaced).not.toHaveProperty('extra')
    expect(replaced.title).toBe('two')
    const kept = await admin.createIfNotExists({_id: 'cor', _type: 'post', title: 'three'})
    expect(kept.title).toBe('two')
    await admin.delete('cor')
    expect(await admin.getDocument('cor')).toBeUndefined()
  })

  it('runs a multi-mutation transaction atomically with one _rev', async () => {
    const result = await admin
      .transaction()
      .create({_id: 'tx-a', _type: 'post', title: 'A'})
      .create({_id: 'tx-b', _type: 'post', title: 'B'})
      .patch('tx-a', (p) => p.set({title: 'A2'}))
      .commit({transactionId: 'my-transaction-1'})
    expect(result.transactionId).toBe('my-transaction-1')
    expect(result.results.map((r) => [r.id, r.operation])).toEqual([
      ['tx-a', 'create'],
      ['tx-b', 'create'],
      ['tx-a', 'update'],
    ])
    const [a, b] = await admin.getDocuments(['tx-a', 'tx-b'])
    expect(a).toMatchObject({title: 'A2', _rev: 'my-transaction-1'})
    expect(b).toMatchObject({title: 'B', _rev: 'my-transaction-1'})

    // The second mutation fails (already exists), so the first must not be applied either.
    const failed = await mutate([
      {create: {_id: 'tx-c', _type: 'post'}},
      {create: {_id: 'tx-a', _type: 'post'}},
    ])
    expect(failed.status).toBe(409)
    expect(failed.body.error.type).toBe('mutationError')
    expect(failed.body.error.items[0]).toMatchObject({index: 1, error: {id: 'tx-a'}})
    expect(await admin.getDocument('tx-c')).toBeUndefined()
  })

  it('answers returnIds and returnDocuments like Sanity', async () => {
    const plain = await mutate([{create: {_id: 'ret-1', _type: 'post'}}])
    expect(plain.status).toBe(200)
    expect(plain.body).toEqual({
      transactionId: expect.any(String),
      results: [{id: 'ret-1', operation: 'create'}],
    })
    const withIds = await mutate([{delete: {id: 'ret-1'}}], '?returnIds=true')
    expect(withIds.body.documentIds).toEqual(['ret-1'])
    expect(withIds.body.results).toEqual([{id: 'ret-1', operation: 'delete'}])
    const withDocs = await mutate(
      [{createOrReplace: {_id: 'ret-2', _type: 'post', n: 1}}],
      '?returnDocuments=true&visibility=async',
    )
    expect(withDocs.body.results[0].document).toMatchObject({_id: 'ret-2', n: 1})
  })

  it('answers a dryRun without writing', async () => {
    const seq = t.lake.store.seq
    const res = await mutate(
      [{create: {_id: 'dry-1', _type: 'post', title: 'Dry'}}],
      '?dryRun=true&returnDocuments=true',
    )
    expect(res.status).toBe(200)
    expect(res.body.results[0]).toMatchObject({id: 'dry-1', operation: 'create'})
    expect(res.body.results[0].document.title).toBe('Dry')
    expect(t.lake.store.seq).toBe(seq)
    expect(await admin.getDocument('dry-1')).toBeUndefined()
  })

  it('accepts drafts. ids and generates array keys on request', async () => {
    const res = await mutate(
      [
        {
          create: {
            _id: 'drafts.keyed',
            _type: 'post',
            items: [{name: 'x'}, {_key: 'k', name: 'y'}],
          },
        },
      ],
      '?autoGenerateArrayKeys=true&returnDocuments=true',
    )
    expect(res.status).toBe(200)
    const items = res.body.results[0].document.items
    expect(items[0]._key).toMatch(/^\w{6,}$/)
    expect(items[1]._key).toBe('k')
  })

  it('serves /data/doc with omitted ids', async () => {
    await admin.create({_id: 'doc-a', _type: 'post'})
    const res = await api(`/v${TEST_API_VERSION}/data/doc/production/doc-a,missing-doc`)
    expect(res.status).toBe(200)
    expect(res.body.documents.map((d: {_id: string}) => d._id)).toEqual(['doc-a'])
    expect(res.body.omitted).toEqual([{id: 'missing-doc', reason: 'existence'}])
    const bare = await api(`/v${TEST_API_VERSION}/data/doc/production/post-1?excludeContent=true`)
    expect(Object.keys(bare.body.documents[0]).sort()).toEqual([
      '_createdAt',
      '_id',
      '_rev',
      '_type',
      '_updatedAt',
    ])
  })

  it('deletes by query', async () => {
    await admin.create({_id: 'bulk-1', _type: 'bulkDelete'})
    await admin.create({_id: 'bulk-2', _type: 'bulkDelete'})
    await admin.delete({query: '*[_type == $t]', params: {t: 'bulkDelete'}})
    expect(await admin.getDocuments(['bulk-1', 'bulk-2'])).toEqual([null, null])
  })

  it('exports NDJSON in id order', async () => {
    const res = await fetch(`${t.url}/v${TEST_API_VERSION}/data/export/production`, {
      headers: {authorization: `Bearer ${t.adminToken}`},
    })
    expect(res.headers.get('content-type')).toMatch(/ndjson/)
    const lines = (await res.text()).trim().split('\n')
    const ids = lines.map((line) => (JSON.parse(line) as {_id: string})._id)
    expect(ids).toContain('post-1')
    expect(ids).toEqual([...ids].sort())
  })
})

describe('/data/query', () => {
  beforeAll(async () => {
    await admin.createOrReplace({_id: 'q-post', _type: 'qpost', title: 'Published'})
    await admin.createOrReplace({_id: 'drafts.q-post', _type: 'qpost', title: 'Draft'})
  })

  it('answers GET and POST with the {query, result, ms, syncTags} envelope', async () => {
    const query = '*[_type == $type] | order(_id asc)._id'
    const get = await api(
      `/v2021-06-07/data/query/production?query=${encodeURIComponent(query)}&$type="qpost"`,
    )
    expect(get.status).toBe(200)
    expect(get.body).toEqual({
      query,
      result: ['drafts.q-post', 'q-post'],
      ms: expect.any(Number),
      syncTags: [expect.stringMatching(/^s1:/)],
    })
    const post = await api('/v2021-06-07/data/query/production', {
      method: 'POST',
      body: JSON.stringify({query, params: {type: 'qpost'}}),
    })
    expect(post.body.result).toEqual(['drafts.q-post', 'q-post'])
    const bare = await api(
      `/v2021-06-07/data/query/production?query=${encodeURIComponent('count(*)')}&returnQuery=false`,
    )
    expect(bare.body).not.toHaveProperty('query')
  })

  it('defaults to raw before v2025-02-19 and to published from it', async () => {
    const query = encodeURIComponent('*[_type == "qpost"].title')
    const old = await api(`/v2024-01-01/data/query/production?query=${query}`)
    expect([...old.body.result].sort()).toEqual(['Draft', 'Published'])
    const current = await api(`/v2025-02-19/data/query/production?query=${query}`)
    expect(current.body.result).toEqual(['Published'])
    const drafts = await api(`/v2025-02-19/data/query/production?query=${query}&perspective=drafts`)
    expect(drafts.body.result).toEqual(['Draft'])
    const raw = await api(`/v2025-02-19/data/query/production?query=${query}&perspective=raw`)
    expect(raw.body.result).toHaveLength(2)
  })

  it('rejects invalid GROQ with a 400 queryParseError', async () => {
    const res = await api(`/v1/data/query/production?query=${encodeURIComponent('*[_type == ]')}`)
    expect(res.status).toBe(400)
    expect(res.body.error.type).toBe('queryParseError')
    await expect(admin.fetch('*[')).rejects.toMatchObject({statusCode: 400})
    const missing = await api('/v1/data/query/production')
    expect(missing.status).toBe(400)
  })
})

describe('transport', () => {
  it('speaks HTTP/2 over TLS and accepts any version prefix', async () => {
    const session = connect(t.url)
    try {
      const {status, body} = await new Promise<{status: number; body: string}>(
        (resolve, reject) => {
          const req = session.request({
            ':path': '/v1/data/doc/production/post-1',
            authorization: `Bearer ${t.adminToken}`,
          })
          let data = ''
          let status = 0
          req.on('response', (headers) => (status = Number(headers[':status'])))
          req.setEncoding('utf8')
          req.on('data', (chunk: string) => (data += chunk))
          req.on('end', () => resolve({status, body: data}))
          req.on('error', reject)
          req.end()
        },
      )
      expect(status).toBe(200)
      expect(JSON.parse(body).documents[0]._id).toBe('post-1')
    } finally {
      session.close()
    }
    for (const prefix of ['/v2021-06-07', '/vX', '/v2026-05-04']) {
      expect((await api(`${prefix}/data/doc/production/post-1`)).status).toBe(200)
    }
  })

  it('answers CORS preflights for configured origins only', async () => {
    const allowed = await fetch(`${t.url}/v2026-05-04/data/mutate/production`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:3333',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type, x-sanity-app',
      },
    })
    expect(allowed.status).toBe(204)
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:3333')
    expect(allowed.headers.get('access-control-allow-credentials')).toBe('true')
    expect(allowed.headers.get('access-control-allow-headers')).toBe(
      'authorization, content-type, x-sanity-app',
    )
    const evil = await fetch(`${t.url}/v2026-05-04/data/mutate/production`, {
      method: 'OPTIONS',
      headers: {origin: 'https://evil.example', 'access-control-request-method': 'POST'},
    })
    expect(evil.headers.get('access-control-allow-origin')).toBeNull()
    const get = await api('/v1/data/doc/production/post-1', {
      headers: {origin: 'https://evil.example'},
    })
    expect(get.headers.get('access-control-allow-origin')).toBeNull()
  })
})

describe('bad input: clear 4xx, nothing written', () => {
  async function count() {
    const res = await api('/v1/data/export/production')
    return (res.body as unknown as string).length
  }

  it('rejects malformed JSON', async () => {
    const size = await count()
    const res = await api('/v1/data/mutate/production', {method: 'POST', body: '{"mutations": ['})
    expect(res.status).toBe(400)
    expect(res.body.error).toMatchObject({type: 'httpBadRequest'})
    expect(res.body.error.description).toMatch(/JSON/)
    expect(await count()).toBe(size)
  })

  it('rejects an unknown mutation type', async () => {
    const res = await mutate([{create: {_id: 'never-1', _type: 'x'}}, {upsert: {_id: 'x'}}])
    expect(res.status).toBe(400)
    expect(res.body.error.type).toBe('mutationError')
    expect(res.body.error.description).toMatch(/Unknown mutation type/)
    expect(await admin.getDocument('never-1')).toBeUndefined()
  })

  it('rejects a patch of a missing document', async () => {
    const res = await mutate([
      {create: {_id: 'never-2', _type: 'x'}},
      {patch: {id: 'no-such-doc', set: {a: 1}}},
    ])
    expect(res.status).toBe(404)
    expect(res.body.error.items[0].error.type).toBe('documentNotFoundError')
    expect(await admin.getDocument('never-2')).toBeUndefined()
  })

  it('rejects a stale ifRevisionID with 409', async () => {
    const doc = await admin.create({_id: 'rev-doc', _type: 'post', n: 1})
    await admin.patch('rev-doc').set({n: 2}).commit()
    const stale = admin.patch('rev-doc').ifRevisionId(doc._rev).set({n: 3}).commit()
    await expect(stale).rejects.toMatchObject({statusCode: 409})
    expect((await admin.getDocument('rev-doc'))?.n).toBe(2)
    const current = (await admin.getDocument('rev-doc'))!._rev
    const ok = await admin.patch('rev-doc').ifRevisionId(current).set({n: 4}).commit()
    expect(ok.n).toBe(4)
  })

  it('rejects an oversized body with 413', async () => {
    const res = await mutate([{create: {_id: 'huge', _type: 'x', blob: 'x'.repeat(100 * 1024)}}])
    expect(res.status).toBe(413)
    expect(await admin.getDocument('huge')).toBeUndefined()
  })

  it('rejects invalid document ids', async () => {
    for (const id of ['drafts.', 'has space', 'a..b', 'ümlaut', 'x'.repeat(200), '']) {
      const res = await mutate([{create: {_id: id, _type: 'x'}}])
      expect(res.status, id).toBe(400)
      expect(res.body.error.type).toBe('mutationError')
    }
    const missingType = await mutate([{create: {_id: 'no-type'}}])
    expect(missingType.status).toBe(400)
    expect((await api('/v1/data/doc/production/no-type')).body.omitted).toHaveLength(1)
  })

  it('404s an unknown dataset in one shape on every endpoint that names a dataset', async () => {
    for (const [method, path, body] of [
      ['GET', '/data/query/nope?query=*'],
      ['POST', '/data/query/nope', {query: '*'}],
      ['GET', '/data/doc/nope/a'],
      ['POST', '/data/mutate/nope', {mutations: []}],
      ['GET', '/data/export/nope'],
      ['GET', '/data/listen/nope?query=*'],
      ['POST', '/data/actions/nope', {actions: []}],
      ['GET', '/data/history/nope/transactions/a'],
      ['GET', '/data/history/nope/documents/a?revision=r'],
      ['GET', '/data/history/nope/events/documents/a'],
      ['POST', '/assets/images/nope'],
      ['POST', '/assets/files/nope'],
    ] as const) {
      const res = await api(`/v${TEST_API_VERSION}${path}`, {
        method,
        ...(body ? {body: JSON.stringify(body)} : {}),
      })
      expect({path, status: res.status, body: res.body}).toEqual({
        path,
        status: 404,
        body: {
          statusCode: 404,
          error: 'Not Found',
          message: 'Dataset "nope" not found for project ID "local"',
        },
      })
    }
  })

  it('401s an invalid token and 405s an unsupported method', async () => {
    const bad = await api('/v1/data/doc/production/post-1', {token: 'not-a-token'})
    expect(bad.status).toBe(401)
    expect(bad.body).toEqual({statusCode: 401, error: 'Unauthorized', message: 'Session not found'})
    const method = await api('/v1/data/mutate/production', {method: 'DELETE'})
    expect(method.status).toBe(405)
    expect(method.headers.get('allow')).toContain('POST')
    const route = await api('/v1/no/such/route')
    expect(route.status).toBe(404)
  })

  it('rejects query params that are not JSON and unknown perspectives', async () => {
    const res = await api(
      `/v${TEST_API_VERSION}/data/query/production?query=*[_id==$id]&$id=unquoted`,
    )
    expect(res.status).toBe(400)
    expect(res.body.error.description).toMatch(/\$id/)
    const perspective = await api(
      `/v${TEST_API_VERSION}/data/query/production?query=*&perspective=weird`,
    )
    expect(perspective.status).toBe(400)
  })
})
