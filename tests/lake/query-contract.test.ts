import {readFileSync} from 'node:fs'
import {evaluate, parse} from 'groq-js'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {ADMIN_ROBOT_ID} from '../../lake/auth.ts'
import type {LakeDocument} from '../../lake/types.ts'
import {startTestLake, type TestLake} from '../support/lake.ts'

/**
 * The distinct query and listen GETs of a real Studio 6.9.2 session, extracted from the recorded
 * traffic in the shared lake contract (`lake-contract/*.jsonl`).
 */
const fixture = JSON.parse(
  readFileSync(new URL('./query-contract.fixture.json', import.meta.url), 'utf8'),
) as {queries: Recorded[]; listens: Recorded[]}

interface Recorded {
  path: string
  query: Record<string, string>
}

const HELLO = 'post-hello'
const SECOND = '263176e0-e0dc-4105-9ebe-5c6b005b9e7a'
const DRAFT_ONLY = 'fb2612be-2ec8-4004-8818-574bf3ac4dc0'
const IMAGE = 'image-e7c83652bd12aedcb0d0d79429472937698ba77f-1400x900-png'

const block = (text: string) => ({
  _type: 'block',
  _key: text.length.toString(36),
  style: 'normal',
  markDefs: [],
  children: [{_type: 'span', _key: 's1', text, marks: []}],
})

/**
 * The documents the recorded session touched (the same ids, so its queries find them), plus one of
 * each system type it asked about: a group, a release with a version, a canvas link, a saved
 * Vision query.
 */
const SEED: Array<{_id: string; _type: string; [field: string]: unknown}> = [
  {_id: 'tag-news', _type: 'tag', title: 'News'},
  {
    _id: HELLO,
    _type: 'post',
    title: 'Hello, local lake',
    slug: {_type: 'slug', current: 'hello-local-lake'},
    tags: [{_type: 'reference', _ref: 'tag-news', _key: 't1'}],
    heroImage: {_type: 'image', asset: {_type: 'reference', _ref: IMAGE}, alt: 'A harbour at dawn'},
    body: [block('First paragraph.'), block('東京の朝 🌅')],
  },
  {_id: `drafts.${HELLO}`, _type: 'post', title: 'Hello, edited', body: [block('Edited.')]},
  {_id: `versions.rSpring.${HELLO}`, _type: 'post', title: 'Hello, for spring'},
  {_id: SECOND, _type: 'post', title: 'Second post', next: {_type: 'reference', _ref: HELLO}},
  {_id: `drafts.${SECOND}`, _type: 'post', title: 'Second post, edited'},
  {_id: `drafts.${DRAFT_ONLY}`, _type: 'post', title: 'Only a draft', heroImage: {alt: ''}},
  {
    _id: IMAGE,
    _type: 'sanity.imageAsset',
    sha1hash: 'e7c83652bd12aedcb0d0d79429472937698ba77f',
    originalFilename: 'harbour.png',
    url: 'https://localhost/images/local/production/e7c8-1400x900.png',
    metadata: {dimensions: {width: 1400, height: 900, aspectRatio: 1400 / 900}},
    size: 4096,
  },
  {_id: 'canvas-link-1', _type: 'sanity.canvas.link', studioDocumentId: HELLO},
  {
    _id: '_.groups.editors',
    _type: 'system.group',
    members: ['pLocalUser1'],
    grants: [{filter: '_type == "post"', permissions: ['read', 'update']}],
  },
  {
    _id: '_.releases.rSpring',
    _type: 'system.release',
    state: 'active',
    metadata: {title: 'Spring', releaseType: 'asap'},
    error: {message: ''},
  },
  {
    _id: 'vision-query-1',
    _type: 'vision.sharedQuery',
    authorId: 'pLocalUser1',
    savedAt: '2026-11-26T12:00:00.000Z',
    title: 'All posts',
    url: '/vision?query=*',
  },
]

let lake: TestLake
let stored: LakeDocument[]

beforeAll(async () => {
  lake = await startTestLake()
  // Committed in id order, one transaction: the order a worker holds documents in whether it
  // loads them from SQLite (keyed by id) or receives the commit, and so the order of `*`.
  const inIdOrder = [...SEED].sort((a, b) => (a._id < b._id ? -1 : 1))
  const transaction = lake.client({token: 'admin'}).transaction()
  for (const doc of inIdOrder) transaction.create(doc)
  await transaction.commit()
  stored = [...lake.lake.store.documents('production').values()]
  expect(stored.map((doc) => doc._id)).toEqual(inIdOrder.map((doc) => doc._id))
})

afterAll(async () => {
  await lake?.close()
})

function urlFor(entry: Recorded): string {
  return `${lake.url}${entry.path}?${new URLSearchParams(entry.query)}`
}

/**
 * The documents a perspective shows, by Sanity's rules as the lake applies them: `raw` is
 * everything; `published` leaves out every dotted id (drafts, versions, system documents);
 * `drafts` shows each draft in place of its published document (`_id` the published id,
 * `_originalId` the draft's) and leaves out release versions.
 */
function perspectiveDocuments(docs: LakeDocument[], perspective: string): LakeDocument[] {
  if (perspective === 'raw') return docs
  if (perspective === 'published') return docs.filter((doc) => !doc._id.includes('.'))
  expect(perspective).toBe('drafts')
  const ids = new Set(docs.map((doc) => doc._id))
  const byId = new Map(docs.map((doc) => [doc._id, doc]))
  return docs.flatMap((doc): LakeDocument[] => {
    if (doc._id.startsWith('versions.')) return []
    if (doc._id.startsWith('drafts.')) {
      const publishedId = doc._id.slice('drafts.'.length)
      return ids.has(publishedId) ? [] : [{...doc, _id: publishedId, _originalId: doc._id}]
    }
    const draft = byId.get(`drafts.${doc._id}`)
    return draft ? [{...draft, _id: doc._id, _originalId: draft._id}] : [doc]
  })
}

/**
 * The query in plain GROQ. groq-js has no `text::query()`; the one recorded query that calls it
 * searches for `*`, which matches every document with any text: every document, as `_id` is in
 * the searched list.
 */
function plainGroq(entry: Recorded): string {
  const query = entry.query.query as string
  if (!query.includes('text::query')) return query
  expect(entry.query.$__query).toBe('"*"')
  const plain = query.replace('[@, _id] match text::query($__query)', 'true')
  expect(plain).not.toContain('text::query')
  return plain
}

/** What groq-js answers for the recorded query on the same documents, through JSON. */
async function groqJsResult(entry: Recorded): Promise<unknown> {
  const params = Object.fromEntries(
    Object.entries(entry.query)
      .filter(([key]) => key.startsWith('$'))
      .map(([key, value]) => [key.slice(1), JSON.parse(value) as unknown]),
  )
  const perspective = entry.query.perspective as string
  const value = await evaluate(parse(plainGroq(entry), {params}), {
    dataset: perspectiveDocuments(stored, perspective),
    params,
    identity: ADMIN_ROBOT_ID,
    sanity: {projectId: lake.lake.config.projectId, dataset: 'production'},
  })
  return JSON.parse(JSON.stringify((await value.get()) ?? null)) as unknown
}

/** Null, or an array of nothing but empty results (`[]`, `[[]]`). */
function isEmpty(result: unknown): boolean {
  return result === null || (Array.isArray(result) && result.every(isEmpty))
}

describe('recorded Studio traffic', () => {
  const {queries, listens} = fixture

  it('answers every query the Studio sent as groq-js does on the same documents', async () => {
    expect(queries.length).toBeGreaterThan(20)
    let answered = 0
    for (const entry of queries) {
      const response = await fetch(urlFor(entry), {
        headers: {authorization: `Bearer ${lake.adminToken}`},
      })
      const body = (await response.json()) as {result?: unknown}
      const expected = await groqJsResult(entry)
      expect({
        query: entry.query.query,
        perspective: entry.query.perspective,
        status: response.status,
        result: body.result,
      }).toEqual({
        query: entry.query.query,
        perspective: entry.query.perspective,
        status: 200,
        result: expected,
      })
      if (!isEmpty(expected)) answered++
    }
    // The seed makes most of them find something; an all-empty comparison would prove little.
    expect(answered).toBeGreaterThan(queries.length * 0.75)
  })

  it('opens every listener the Studio opened, welcome first', async () => {
    expect(listens.length).toBeGreaterThan(5)
    for (const entry of listens) {
      const response = await fetch(urlFor(entry), {
        headers: {authorization: `Bearer ${lake.adminToken}`, accept: 'text/event-stream'},
      })
      expect({query: entry.query.query, status: response.status}).toEqual({
        query: entry.query.query,
        status: 200,
      })
      const reader = (response.body as ReadableStream<Uint8Array>).getReader()
      const {value} = await reader.read()
      await reader.cancel()
      expect(new TextDecoder().decode(value)).toMatch(/^event: welcome\n/)
    }
  })
})
