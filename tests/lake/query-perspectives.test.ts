import type {SanityClient} from '@sanity/client'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {startTestLake, TEST_API_VERSION, type TestLake} from '../support/lake.ts'

let lake: TestLake
let admin: SanityClient

beforeAll(async () => {
  lake = await startTestLake()
  admin = lake.client({token: 'admin'})
  await admin
    .transaction()
    .create({_id: 'post-a', _type: 'post', title: 'Published A', body: 'Alpha words'})
    .create({_id: 'drafts.post-a', _type: 'post', title: 'Draft A', body: 'Alpha edited'})
    .create({_id: 'drafts.post-b', _type: 'post', title: 'Only a draft B'})
    .create({_id: 'versions.r1.post-a', _type: 'post', title: 'Release A'})
    .create({_id: 'post-c', _type: 'post', title: 'Zebra crossing', tags: ['stripes']})
    .create({_id: 'tag-1', _type: 'tag', title: 'Zebra tag'})
    .commit()
})

afterAll(async () => {
  await lake?.close()
})

const ids = '*[_type == "post"] | order(_id asc) {_id, _originalId, title}'

describe('perspectives', () => {
  it('raw returns every document the token may see', async () => {
    const result = await admin.fetch<Array<{_id: string}>>(ids, {}, {perspective: 'raw'})
    expect(result.map((doc) => doc._id)).toEqual([
      'drafts.post-a',
      'drafts.post-b',
      'post-a',
      'post-c',
      'versions.r1.post-a',
    ])
  })

  it('published drops every dotted id', async () => {
    const result = await admin.fetch<Array<{_id: string}>>(ids, {}, {perspective: 'published'})
    expect(result.map((doc) => doc._id)).toEqual(['post-a', 'post-c'])
  })

  it('drafts overlays drafts on published ids and reports the original id', async () => {
    const result = await admin.fetch(ids, {}, {perspective: 'drafts'})
    expect(result).toEqual([
      {_id: 'post-a', _originalId: 'drafts.post-a', title: 'Draft A'},
      {_id: 'post-b', _originalId: 'drafts.post-b', title: 'Only a draft B'},
      expect.objectContaining({_id: 'post-c', title: 'Zebra crossing'}),
    ])
  })

  it('dereferences to the overlaid document in the drafts perspective', async () => {
    await admin.create({_id: 'ref-holder', _type: 'holder', target: {_ref: 'post-a'}})
    const raw = await admin.fetch(
      '*[_id == "ref-holder"][0].target->title',
      {},
      {
        perspective: 'raw',
      },
    )
    const drafts = await admin.fetch(
      '*[_id == "ref-holder"][0].target->title',
      {},
      {
        perspective: 'drafts',
      },
    )
    expect([raw, drafts]).toEqual(['Published A', 'Draft A'])
  })

  it('gives anonymous callers published documents only, whatever they ask for', async () => {
    const anonymous = lake.client()
    for (const perspective of ['raw', 'drafts', 'published'] as const) {
      const result = await anonymous.fetch<Array<{_id: string}>>(ids, {}, {perspective})
      expect(result.map((doc) => doc._id)).toEqual(['post-a', 'post-c'])
    }
    expect(await anonymous.fetch('count(*[_id in path("drafts.**")])')).toBe(0)
  })
})

describe('text::query', () => {
  // Exactly what Studio 6.9.2's document list sent (recorded in lake-contract).
  const studioListQuery =
    '// findability-mvi:5\n// findability-source: list\n*[_type in $__types && ([@, _id] match text::query($__query) || references($__rawQuery)) && (_type == $type)] {_type, _id, _originalId, "orderings": [_updatedAt]} | order(orderings[0] desc) [0...$__limit]'

  it('answers the Studio list query as recorded (GET with JSON-encoded params)', async () => {
    const search = new URLSearchParams({
      query: studioListQuery,
      $__types: '["post"]',
      $__limit: '101',
      $__query: '"*"',
      $__rawQuery: '""',
      $type: '"post"',
      returnQuery: 'false',
      perspective: 'drafts',
      tag: 'sanity.studio',
    })
    const response = await fetch(
      `${lake.url}/v${TEST_API_VERSION}/data/query/production?${search}`,
      {headers: {authorization: `Bearer ${lake.adminToken}`}},
    )
    expect(response.status).toBe(200)
    const body = (await response.json()) as {result: Array<{_id: string; _type: string}>}
    expect(body.result.map((doc) => doc._id).sort()).toEqual(['post-a', 'post-b', 'post-c'])
    expect(body.result.every((doc) => doc._type === 'post')).toBe(true)
  })

  it('matches words anywhere in the document, with a prefix wildcard', async () => {
    const params = {__types: ['post'], __limit: 10, __rawQuery: 'zeb', type: 'post'}
    const hits = await admin.fetch<Array<{_id: string}>>(
      studioListQuery,
      {...params, __query: 'zeb*'},
      {perspective: 'drafts'},
    )
    expect(hits.map((doc) => doc._id)).toEqual(['post-c'])
    const nested = await admin.fetch<Array<{_id: string}>>(
      studioListQuery,
      {...params, __query: 'stripes'},
      {perspective: 'drafts'},
    )
    expect(nested.map((doc) => doc._id)).toEqual(['post-c'])
    const none = await admin.fetch(studioListQuery, {...params, __query: 'nothing*'})
    expect(none).toEqual([])
  })

  it('orders a scored search by relevance (the Studio global search shape)', async () => {
    const scored =
      '*[_type in $__types] | score(boost(_type in ["post"] && title match text::query($__query), 10), ([@, _id] match text::query($__query) || references($__rawQuery))) [_score > 0] {_type, _id, _score} | order(_score desc) [0...$__limit]'
    const result = await admin.fetch<Array<{_id: string; _score: number}>>(
      scored,
      {__types: ['post', 'tag'], __query: 'zebra*', __rawQuery: 'zebra', __limit: 10},
      {perspective: 'drafts'},
    )
    expect(result.map((doc) => doc._id)).toEqual(['post-c', 'tag-1'])
    expect(result[0]?._score).toBeGreaterThan(result[1]?._score ?? Infinity)
  })
})

describe('query errors', () => {
  it('reports a parse error in Sanity shape with its position', async () => {
    const error = await admin.fetch('*[_type == "post"').catch((e: unknown) => e)
    expect(error).toMatchObject({
      statusCode: 400,
      response: {
        body: {
          error: {type: 'queryParseError', query: '*[_type == "post"', start: expect.any(Number)},
        },
      },
    })
  })

  it('rejects a query whose parameter was not provided', async () => {
    const error = await admin.fetch('*[_id == $missing]').catch((e: unknown) => e)
    expect(error).toMatchObject({
      statusCode: 400,
      response: {
        body: {error: {type: 'queryParseError', description: expect.stringContaining('$missing')}},
      },
    })
  })
})
