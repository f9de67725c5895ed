import type {SanityClient} from '@sanity/client'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {startTestLake, TEST_API_VERSION, type TestLake} from '../support/lake.ts'
import {tinyPng} from './core-fixtures.ts'

let t: TestLake
let admin: SanityClient
let imageUrl: string

beforeAll(async () => {
  t = await startTestLake()
  admin = t.client({token: 'admin'})
  await admin
    .transaction()
    .create({_id: 'story', _type: 'post', title: 'Published title'})
    .create({_id: 'drafts.story', _type: 'post', title: 'Draft title'})
    .create({_id: 'drafts.unpublished', _type: 'post', title: 'Only a draft'})
    .create({_id: 'voters.story.abc', _type: 'reactionVoter', voter: 'hash'})
    .commit()
  const asset = await admin.assets.upload('image', tinyPng(2, 3), {filename: 'a.png'})
  imageUrl = asset.url
})
afterAll(() => t?.close())

async function raw(path: string, init: RequestInit = {}, token?: string) {
  const res = await fetch(`${t.url}${path}`, {
    ...init,
    headers: {...(token ? {authorization: `Bearer ${token}`} : {}), ...init.headers},
  })
  return {status: res.status, text: await res.text()}
}

const ALL_IDS = '*[_type in ["post", "reactionVoter"]] | order(_id asc) {_id, title}'

describe('anonymous callers', () => {
  it('query: published perspective only, never a dotted id, whatever they ask for', async () => {
    const anonymous = t.client()
    for (const perspective of ['raw', 'drafts', 'published'] as const) {
      const result = await anonymous.fetch(ALL_IDS, {}, {perspective})
      expect(result, perspective).toEqual([{_id: 'story', title: 'Published title'}])
    }
    const everyId: string[] = await anonymous.fetch('*._id', {}, {perspective: 'raw'})
    expect(everyId).toContain('story')
    expect(everyId.filter((id) => id.includes('.'))).toEqual([])
    expect(await anonymous.fetch('*[_id == $id][0]', {id: 'voters.story.abc'})).toBeNull()
    const old = t.client({apiVersion: '2021-06-07'})
    expect(await old.fetch('*[_id in ["drafts.story", "voters.story.abc"]]._id')).toEqual([])
  })

  it('query through the CDN client works for published content', async () => {
    const cdn = t.client({useCdn: true})
    expect(await cdn.fetch('*[_id == "story"][0].title')).toBe('Published title')
    expect(await cdn.fetch('*[_id == "drafts.story"][0].title')).toBeNull()
  })

  it('doc: dotted ids are omitted for permission', async () => {
    const res = await raw(
      `/v${TEST_API_VERSION}/data/doc/production/story,drafts.story,voters.story.abc`,
    )
    const body = JSON.parse(res.text)
    expect(body.documents.map((d: {_id: string}) => d._id)).toEqual(['story'])
    expect(body.omitted).toEqual([
      {id: 'drafts.story', reason: 'permission'},
      {id: 'voters.story.abc', reason: 'permission'},
    ])
  })

  it('mutate: 403, nothing written', async () => {
    const res = await raw(`/v${TEST_API_VERSION}/data/mutate/production`, {
      method: 'POST',
      headers: {'content-type': 'application/json'},
      body: JSON.stringify({mutations: [{create: {_id: 'anon-write', _type: 'post'}}]}),
    })
    expect(res.status).toBe(403)
    expect(JSON.parse(res.text).error.type).toBe('mutationError')
    expect(await admin.getDocument('anon-write')).toBeUndefined()
  })

  it('export: no dotted ids', async () => {
    const res = await raw(`/v${TEST_API_VERSION}/data/export/production`)
    expect(res.status).toBe(200)
    const ids = res.text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line)._id as string)
    expect(ids).toContain('story')
    expect(ids.some((id) => id.includes('.'))).toBe(false)
  })

  it('assets: may fetch public files but not upload', async () => {
    const file = await fetch(imageUrl)
    expect(file.status).toBe(200)
    const upload = await raw(`/v${TEST_API_VERSION}/assets/images/production?filename=x.png`, {
      method: 'POST',
      body: new Uint8Array(tinyPng(5, 5)),
    })
    expect(upload.status).toBe(403)
    const files = await raw(`/v${TEST_API_VERSION}/assets/files/production?filename=x.txt`, {
      method: 'POST',
      body: 'hello',
    })
    expect(files.status).toBe(403)
  })
})

describe('viewer token', () => {
  it('reads everything: drafts and dotted ids, in every perspective it asks for', async () => {
    const viewer = t.client({token: 'viewer'})
    const rawResult = await viewer.fetch(ALL_IDS, {}, {perspective: 'raw'})
    expect(rawResult.map((d: {_id: string}) => d._id)).toEqual([
      'drafts.story',
      'drafts.unpublished',
      'story',
      'voters.story.abc',
    ])
    const drafts = await viewer.fetch(
      '*[_type == "post"] | order(title asc).title',
      {},
      {
        perspective: 'drafts',
      },
    )
    expect(drafts).toEqual(['Draft title', 'Only a draft'])
    const doc = await viewer.getDocument('drafts.story')
    expect(doc?.title).toBe('Draft title')
    const exported = await raw('/v1/data/export/production', {}, t.viewerToken)
    expect(exported.text).toContain('"drafts.story"')
  })

  it('writes nothing: mutate and uploads are 403', async () => {
    const viewer = t.client({token: 'viewer'})
    await expect(viewer.create({_id: 'viewer-write', _type: 'post'})).rejects.toMatchObject({
      statusCode: 403,
    })
    await expect(viewer.patch('story').set({title: 'hacked'}).commit()).rejects.toMatchObject({
      statusCode: 403,
    })
    await expect(viewer.assets.upload('image', tinyPng(4, 4))).rejects.toMatchObject({
      statusCode: 403,
    })
    expect((await admin.getDocument('story'))?.title).toBe('Published title')
    expect(await admin.getDocument('viewer-write')).toBeUndefined()
  })
})

describe('invalid tokens', () => {
  it('401 on every endpoint', async () => {
    for (const [method, path] of [
      ['GET', '/v1/data/query/production?query=*'],
      ['GET', '/v1/data/doc/production/story'],
      ['POST', '/v1/data/mutate/production'],
      ['GET', '/v1/data/export/production'],
      ['POST', '/v1/assets/images/production'],
    ] as const) {
      const res = await raw(path, {method, ...(method === 'POST' ? {body: '{}'} : {})}, 'sk-wrong')
      expect(res.status, path).toBe(401)
    }
  })
})
