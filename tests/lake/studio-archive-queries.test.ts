/**
 * The Studio's document list, list search and version checks on an archive, over HTTPS through
 * `@sanity/client`, exactly as Studio 6.9.2 sends them (captured with `--log-full-queries` in
 * `npm run bench:studio`): every answer the lake gives from its indexes must equal plain groq-js'
 * over the same documents, before and after each kind of write (create, patch, delete, a
 * transaction of several), since the text index is kept up to date document by document.
 */
import type {SanityClient} from '@sanity/client'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {evaluateOnView, parseQuery} from '../../lake/query/evaluate.ts'
import {DatasetCopy} from '../../lake/query/views.ts'
import type {LakeDocument, Perspective} from '../../lake/types.ts'
import {startTestLake, type TestLake} from '../support/lake.ts'

/** A type whose default ordering is a date field: the list orders by `dateTime(publishedAt)`. */
const LIST_BY_DATE =
  '// findability-mvi:5\n// findability-source: list\n*[_type in $__types && ([@, _id] match text::query($__query) || references($__rawQuery)) && (_type == $type)] {_type, _id, _originalId, "orderings": [publishedAt]} | order(dateTime(orderings[0]) desc) [0...$__limit]'
/** A type ordered by its last edit. */
const LIST_BY_EDIT =
  '// findability-mvi:5\n// findability-source: list\n*[_type in $__types && ([@, _id] match text::query($__query) || references($__rawQuery)) && (_type == $type)] {_type, _id, _originalId, "orderings": [_updatedAt]} | order(orderings[0] desc) [0...$__limit]'
/** Text typed into "Search list". */
const LIST_SEARCH =
  '// findability-mvi:5\n// findability-source: list-query\n*[_type in $__types && (_type == $type)] | score(boost(_type in ["post"] && title match text::query($__query), 10), ([@, _id] match text::query($__query) || references($__rawQuery))) [_score > 0] {_type, _id, _originalId, "orderings": [_score, publishedAt]} | order(orderings[0] desc,dateTime(orderings[1]) desc) [0...$__limit]'

const POSTS = 400
const WORDS = ['harbour', 'election', 'Élan', 'snow_fall', "it's", 'budget', 'Harbour-side']

let lake: TestLake
let studio: SanityClient

function post(i: number): LakeDocument {
  const base = Date.parse('2026-02-01T00:00:00.000Z')
  // Ties, offsets, fractions, date-only and missing dates: the orders groq-js gives them.
  const publishedAt =
    i % 17 === 0
      ? undefined
      : i % 19 === 0
        ? '2026-02-03'
        : i % 23 === 0
          ? '2026-02-02T09:00:00+02:00'
          : new Date(base + Math.floor(i / 2) * 3_600_000 + (i % 5 === 0 ? 500 : 0)).toISOString()
  return {
    _id: `post-${i}`,
    _type: 'post',
    _createdAt: '2026-02-01T00:00:00Z',
    _updatedAt: '2026-02-01T00:00:00Z',
    _rev: 'r',
    title: `Post number ${i} about ${WORDS[i % WORDS.length]}`,
    ...(publishedAt ? {publishedAt} : {}),
    excerpt: `The ${i}th story, ${WORDS[(i * 3) % WORDS.length]} again.`,
    tags: [{_type: 'reference', _ref: `tag-${i % 5}`, _key: 'a'}],
  }
}

/** Each query the Studio sends, with the parameters it sends. */
function studioQueries(): Array<{query: string; params: Record<string, unknown>}> {
  const list = (text: string, raw = '') => ({
    __types: ['post'],
    __limit: 101,
    __query: text,
    __rawQuery: raw,
    type: 'post',
  })
  const ids = ['post-7', 'post-12', 'post-399', 'missing', 'post-new']
  return [
    {query: LIST_BY_DATE, params: list('*')},
    {query: LIST_BY_DATE, params: list('harbour*', 'harbour')},
    {query: LIST_BY_EDIT, params: list('*')},
    {query: LIST_SEARCH, params: list('Post number 12*', 'Post number 12')},
    {query: LIST_SEARCH, params: list('harbour*', 'harbour')},
    {query: LIST_SEARCH, params: list('élan budget*', 'élan budget')},
    {query: LIST_SEARCH, params: list('snow_fall*', 'snow_fall')},
    {query: LIST_SEARCH, params: list('tag-3*', 'tag-3')},
    {query: LIST_SEARCH, params: list('zebracorn*', 'zebracorn')},
    {
      query: `[${ids.map((id) => `*[sanity::versionOf("${id}")]._id`).join(',')}]`,
      params: {},
    },
  ]
}

/** What plain groq-js (no indexes; only `text::query` rewritten) answers on the lake's documents. */
async function groqJs(query: string, params: Record<string, unknown>, perspective: Perspective) {
  const copy = new DatasetCopy()
  for (const [id, doc] of lake.lake.store.documents('production')) copy.set(id, doc)
  const tree = parseQuery(query, params)
  return evaluateOnView(copy.view(perspective), tree, params, {useIndexes: false})
}

/** Every Studio query over HTTPS against groq-js; returns the lake's answers by query. */
async function expectGroqJsAnswers(): Promise<unknown[]> {
  const answers: unknown[] = []
  for (const {query, params} of studioQueries()) {
    const perspective: Perspective = query.includes('versionOf') ? 'raw' : 'drafts'
    const answer = await studio.fetch(query, params, {perspective})
    expect({query, params, answer}).toEqual({
      query,
      params,
      answer: await groqJs(query, params, perspective),
    })
    answers.push(answer)
  }
  return answers
}

const search = (text: string) =>
  studio.fetch<Array<{_id: string}>>(
    LIST_SEARCH,
    {__types: ['post'], __limit: 101, __query: `${text}*`, __rawQuery: text, type: 'post'},
    {perspective: 'drafts'},
  )

beforeAll(async () => {
  lake = await startTestLake()
  studio = lake.client({token: 'admin'})
  // Ties keep dataset order: a worker that loads its snapshot after the archive arrives reads it
  // in id order, one that is running sees it in commit order, as the store does. Wait for the
  // (one) worker first, so that the lake and the store agree on that order.
  await studio.fetch('count(*)')
  const tx = studio.transaction()
  for (let i = 0; i < POSTS; i++) tx.create(post(i))
  for (let t = 0; t < 5; t++) tx.create({_id: `tag-${t}`, _type: 'tag', title: `Tag ${t}`})
  tx.create({_id: 'drafts.post-7', _type: 'post', title: 'Post number 7 redrafted: lighthouse'})
  tx.create({_id: 'drafts.post-draft', _type: 'post', title: 'Only a draft about harbour'})
  tx.create({_id: 'versions.r1.post-12', _type: 'post', title: 'Post number 12 for release'})
  await tx.commit()
})

afterAll(async () => {
  await lake?.close()
})

describe("the Studio's list, search and version checks on an archive", () => {
  it('answer as plain groq-js does over the same documents', async () => {
    const answers = await expectGroqJsAnswers()
    // Not vacuous: the list is full, the search finds the post first, drafts show overlaid.
    expect(answers[0]).toHaveLength(101)
    const found = (answers[3] as Array<{_id: string}>).map((doc) => doc._id)
    expect(found.slice(0, 11).sort()).toEqual(
      ['post-12', ...Array.from({length: 10}, (_, i) => `post-12${i}`)].sort(),
    )
    expect(answers[1]).toContainEqual(expect.objectContaining({_id: 'post-draft'}))
    expect((answers[9] as string[][]).map((ids) => ids.sort())).toEqual([
      ['drafts.post-7', 'post-7'],
      ['post-12', 'versions.r1.post-12'],
      ['post-399'],
      [],
      [],
    ])
  })

  it('sees a created document', async () => {
    await studio.create({_id: 'post-new', _type: 'post', title: 'A quokka on the harbour'})
    expect((await search('quokka')).map((doc) => doc._id)).toEqual(['post-new'])
    await expectGroqJsAnswers()
  })

  it('sees a patched document: its new words found, its old ones gone', async () => {
    await studio.patch('post-new').set({title: 'A wombat on the harbour'}).commit()
    expect(await search('quokka')).toEqual([])
    expect((await search('wombat')).map((doc) => doc._id)).toEqual(['post-new'])
    await expectGroqJsAnswers()
  })

  it('sees a deleted document', async () => {
    await studio.delete('post-new')
    expect(await search('wombat')).toEqual([])
    await expectGroqJsAnswers()
  })

  it('sees every change of a transaction', async () => {
    await studio
      .transaction()
      .create({_id: 'post-new', _type: 'post', title: 'Platypus at dawn'})
      .patch('post-3', (patch) => patch.set({title: 'Post number 3 about platypus'}))
      .createOrReplace({_id: 'drafts.post-5', _type: 'post', title: 'Platypus draft of 5'})
      .delete('drafts.post-7')
      .commit()
    expect((await search('platypus')).map((doc) => doc._id).sort()).toEqual([
      'post-3',
      'post-5',
      'post-new',
    ])
    expect(await search('lighthouse')).toEqual([])
    await expectGroqJsAnswers()
  })
})
