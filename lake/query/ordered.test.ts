import {describe, expect, it} from 'vitest'
import type {LakeDocument} from '../types.ts'
import {evaluateOnView, parseQuery} from './evaluate.ts'
import type {OrderedReadStats} from './ordered.ts'
import {planQuery, type DocumentRead} from './plan.ts'
import {DatasetCopy, type View} from './views.ts'

/**
 * A dataset built to trip an ordered index: publish dates with ties, date-only values, numbers,
 * booleans, null, missing, objects and arrays in the same field; drafts that move a post in time;
 * words for text search; references; inserted in a scrambled order.
 */
function dataset(): DatasetCopy {
  const docs: LakeDocument[] = []
  const base = Date.parse('2026-03-01T00:00:00.000Z')
  const publishedAt = (i: number): unknown => {
    switch (i % 13) {
      case 0:
        return undefined
      case 1:
        return null
      case 2:
        return `2026-03-${String(1 + (i % 9)).padStart(2, '0')}`
      case 3:
        return i % 2 === 0 ? 17 : 4.5
      case 4:
        return i % 2 === 0
      case 5:
        return i % 3 === 0 ? {at: 'x'} : ['2026-03-01']
      default:
        // Ties: three posts share each instant.
        return new Date(base + Math.floor(i / 3) * 3_600_000).toISOString()
    }
  }
  const words = ['alpha', 'beta', 'Gamma', 'delta', 'Déjà', 'ALPHABET']
  for (let i = 0; i < 90; i++) {
    const value = publishedAt(i)
    docs.push(
      doc({
        _id: `post-${String(i).padStart(2, '0')}`,
        _type: 'post',
        _updatedAt: new Date(base + ((i * 37) % 90) * 60_000).toISOString(),
        title: `${words[i % words.length]} story ${i}`,
        rank: i % 4 === 0 ? null : i % 5,
        flag: i % 3 === 0,
        ...(value === undefined ? {} : {publishedAt: value}),
        tags: [{_type: 'reference', _ref: `tag-${i % 4}`, _key: 'a'}],
        ...(i % 11 === 0 ? {} : {slug: {current: `post-${i}`}}),
      }),
    )
    docs.push(doc({_id: `reaction-${i}`, _type: 'reaction', post: {_ref: `post-${i}`}, n: i % 6}))
  }
  for (let t = 0; t < 4; t++) docs.push(doc({_id: `tag-${t}`, _type: 'tag', title: `Tag ${t}`}))
  // Drafts: one moves a post to the newest date, one to no date, one exists only as a draft.
  docs.push(
    doc({
      _id: 'drafts.post-10',
      _type: 'post',
      title: 'alpha draft',
      publishedAt: '2027-01-01T00:00:00.000Z',
    }),
  )
  docs.push(doc({_id: 'drafts.post-20', _type: 'post', title: 'beta draft'}))
  docs.push(doc({_id: 'drafts.new', _type: 'post', title: 'gamma new', publishedAt: '2026-03-02'}))
  docs.push(
    doc({_id: 'versions.r1.post-30', _type: 'post', title: 'release', publishedAt: '2030-01-01'}),
  )
  // Instants whose text sorts apart from their time (an offset, a fraction): `dateTime()` orders.
  docs.push(
    doc({_id: 'post-east', _type: 'post', title: 'east', publishedAt: '2026-03-05T06:00:00+05:00'}),
  )
  docs.push(
    doc({_id: 'post-frac', _type: 'post', title: 'frac', publishedAt: '2026-03-05T01:00:00.5Z'}),
  )
  // A value carrying the marker's separator: its neighbours fall back to the written read.
  docs.push(doc({_id: 'post-sep', _type: 'post', title: 'odd', publishedAt: '2026-03-05\u0000x'}))
  const copy = new DatasetCopy()
  const order = docs.map((d, i) => [(i * 7919) % docs.length, d] as const)
  for (const [, d] of order.sort((a, b) => a[0] - b[0])) copy.set(d._id, d)
  return copy
}

function doc(fields: Record<string, unknown> & {_id: string; _type: string}): LakeDocument {
  return {
    _rev: 'r',
    _createdAt: '2026-01-01T00:00:00Z',
    _updatedAt: '2026-01-01T00:00:00Z',
    ...fields,
  }
}

/** The reader site's previous/next with the chronological fallback (core/related/queries.ts). */
const previousNextProjection = `"previous": coalesce(
  previous->{_id, title},
  *[_type == "post" && _id in path("*") && (publishedAt < ^.publishedAt || (publishedAt == ^.publishedAt && _id < ^._id))]
    | order(publishedAt desc, _id desc)[0]{_id, title}
),
"next": coalesce(
  next->{_id, title},
  *[_type == "post" && _id in path("*") && (publishedAt > ^.publishedAt || (publishedAt == ^.publishedAt && _id > ^._id))]
    | order(publishedAt asc, _id asc)[0]{_id, title}
)`

/** The reader site's cursor pages (queries/listings.ts). */
const latestPostsQuery = `*[_type == "post" && defined(slug.current) && defined(publishedAt) &&
  ($cursor == null || publishedAt < $cursor.publishedAt
    || (publishedAt == $cursor.publishedAt && _id < $cursor.id))]
  | order(publishedAt desc, _id desc) [0...$limit] {_id, title, "slug": slug.current, publishedAt}`

const STUDIO_LIST =
  '*[_type in $__types && ([@, _id] match text::query($__query) || references($__rawQuery)) && (_type == $type)] {_type, _id, _originalId, "orderings": [_updatedAt]} | order(orderings[0] desc) [0...$__limit]'
/** The Studio's list search once a term is typed ("Sorted by relevance"). */
const STUDIO_SEARCH =
  '*[_type in $__types && (_type == $type)] | score(boost(_type in ["post"] && title match text::query($__query), 10), boost(_type in ["post"] && slug.current match text::query($__query), 5), ([@, _id] match text::query($__query) || references($__rawQuery))) [_score > 0] {_type, _id, _originalId, "orderings": [_score]} | order(orderings[0] desc) [0...$__limit]'
/** Studio 6.9.2's list and search for a type whose default ordering is a date field. */
const STUDIO_LIST_BY_DATE =
  '*[_type in $__types && ([@, _id] match text::query($__query) || references($__rawQuery)) && (_type == $type)] {_type, _id, _originalId, "orderings": [publishedAt]} | order(dateTime(orderings[0]) desc) [0...$__limit]'
const STUDIO_SEARCH_BY_DATE =
  '*[_type in $__types && (_type == $type)] | score(boost(_type in ["post"] && title match text::query($__query), 10), ([@, _id] match text::query($__query) || references($__rawQuery))) [_score > 0] {_type, _id, _originalId, "orderings": [_score, publishedAt]} | order(orderings[0] desc,dateTime(orderings[1]) desc) [0...$__limit]'
const studio = (query: string, rawQuery = '') => ({
  __types: ['post'],
  __query: query,
  __rawQuery: rawQuery,
  type: 'post',
  __limit: 11,
})

/** Ordered reads, with parameters: every answer must equal groq-js' over the same documents. */
const cases: Array<[string, Record<string, unknown>]> = [
  ['*[_type == "post"] | order(publishedAt desc)[0...12]._id', {}],
  ['*[_type == "post"] | order(publishedAt asc)[0...40]{_id, publishedAt}', {}],
  ['*[_type == "post"] | order(publishedAt desc)[3...9]._id', {}],
  ['*[_type == "post"] | order(publishedAt asc)[2..4]._id', {}],
  ['*[_type == "post"] | order(publishedAt desc)[0]._id', {}],
  ['*[_type == "post"] | order(publishedAt asc)[85]._id', {}],
  ['*[_type == "post"] | order(publishedAt desc)[0...0]', {}],
  ['*[_type == "post"] | order(publishedAt desc)[5...2]', {}],
  ['*[_type == "post"] | order(publishedAt desc)[-1]._id', {}],
  ['*[_type == "post"] | order(publishedAt desc, _id desc)[0...30]._id', {}],
  ['*[_type == "post"] | order(publishedAt asc, title desc)[0...30]._id', {}],
  ['*[] | order(publishedAt desc)[0...25]._id', {}],
  [
    '*[_type == "post" && publishedAt < $d] | order(publishedAt desc)[0...4]._id',
    {d: '2026-03-02T05:00:00.000Z'},
  ],
  [
    '*[_type == "post" && publishedAt < $d] | order(publishedAt desc)[0...4]._id',
    {d: '2026-03-04'},
  ],
  ['*[_type == "post" && publishedAt <= $d] | order(publishedAt desc)[0...4]._id', {d: 10}],
  ['*[_type == "post" && publishedAt > $d] | order(publishedAt asc)[0...4]._id', {d: false}],
  ['*[_type == "post" && publishedAt >= $d] | order(publishedAt asc)[0...4]._id', {d: null}],
  ['*[_type == "post" && publishedAt == $d] | order(publishedAt asc)[0...20]._id', {d: null}],
  ['*[_type == "post" && publishedAt == $d] | order(publishedAt asc)[0...20]._id', {d: {at: 'x'}}],
  ['*[_type == "post" && $d > publishedAt] | order(publishedAt desc)[0]._id', {d: '2026-03-03'}],
  [
    '*[_type == "post" && (publishedAt < $d || (publishedAt == $d && _id < $id))] | order(publishedAt desc, _id desc)[0]{_id, publishedAt}',
    {d: '2026-03-02T04:00:00.000Z', id: 'post-40'},
  ],
  ['*[defined(publishedAt)] | order(publishedAt desc)[0...5]._id', {}],
  ['*[defined(publishedAt)] | order(publishedAt asc)[80...95]._id', {}],
  ['*[_type == "post" && defined(rank)] | order(rank desc, _id asc)[0...10]._id', {}],
  ['*[rank > 1] | order(rank asc, title desc)[0...7]._id', {}],
  ['*[rank >= 2 && rank <= 3] | order(rank desc)[1...4]._id', {}],
  ['*[flag == true] | order(flag)[0...3]._id', {}],
  ['*[_id in path("*")] | order(_id desc)[0...4]._id', {}],
  ['*[_type == "post" && title match "alpha*"] | order(publishedAt desc)[0...3]._id', {}],
  [
    '*[_type == "post" && title match $q] | order(_updatedAt asc)[0...30]._id',
    {q: ['Gamma', 'story']},
  ],
  ['*[references("tag-2")] | order(publishedAt asc)[0...5]._id', {}],
  ['*[references($ids)] | order(publishedAt asc)[0...5]._id', {ids: ['tag-1', 'post-3', 7]}],
  ['*[_type == "post"] | order(lower(title))[0...3]._id', {}],
  [latestPostsQuery, {cursor: null, limit: 8}],
  [latestPostsQuery, {cursor: {publishedAt: '2026-03-03T07:00:00.000Z', id: 'post-62'}, limit: 8}],
  // Scope-dependent: each post's chronological neighbours, every type of value as the anchor.
  [`*[_type == "post"]{_id, ${previousNextProjection}}`, {}],
  [
    '*[_type == "post"]{_id, "before": *[_type == "post" && publishedAt < ^.publishedAt] | order(publishedAt desc)[0]._id, "after": *[_type == "post" && publishedAt > ^.publishedAt] | order(publishedAt asc)[0...2]._id}',
    {},
  ],
  [
    '*[_type == "tag"]{_id, "latest": *[_type == "post" && references(^._id)] | order(publishedAt desc)[0...2]._id}',
    {},
  ],
  [
    '*[_type == "post"][0...8]{_id, "top": *[_type == "reaction" && post._ref == ^._id] | order(n desc)[0].n}',
    {},
  ],
  [
    '*[_type == "post"][0...4]{_id, "same": *[_type == "post" && rank == ^.rank && _id != ^._id] | order(_updatedAt desc)[0...3]._id}',
    {},
  ],
  [
    '*[_type == "tag"]{_id, "nested": *[_type == "post" && references(^._id)] | order(publishedAt desc)[0...3]{_id, "next": *[_type == "post" && publishedAt > ^.publishedAt] | order(publishedAt asc)[0]._id}}',
    {},
  ],
  [STUDIO_LIST, studio('*')],
  [STUDIO_LIST, studio('alpha*')],
  [STUDIO_LIST, studio('story 1*')],
  [STUDIO_LIST, studio('story -alpha "beta"')],
  [STUDIO_LIST, studio('nothing*', 'tag-2')],
  [STUDIO_LIST, {...studio('d*'), __limit: 200}],
  [STUDIO_LIST_BY_DATE, studio('*')],
  [STUDIO_LIST_BY_DATE, {...studio('*'), __limit: 200}],
  [STUDIO_LIST_BY_DATE, studio('story 1*')],
  [STUDIO_LIST_BY_DATE, studio('nothing*', 'tag-2')],
  [STUDIO_SEARCH_BY_DATE, studio('story 1*', 'story 1')],
  [STUDIO_SEARCH_BY_DATE, {...studio('alpha*'), __limit: 200}],
  ['*[_type == "post"] | order(dateTime(publishedAt) asc, _id desc)[0...30]._id', {}],
  [
    '*[_type == "post" && publishedAt < "2026-03-02T05"] | order(dateTime(publishedAt) desc)[0...5]._id',
    {},
  ],
  ['*[_type == "post"]{"at": publishedAt, _id} | order(dateTime(at) desc)[0...20]._id', {}],
  [STUDIO_SEARCH, studio('alpha*')],
  [STUDIO_SEARCH, studio('story 1*')],
  [STUDIO_SEARCH, {...studio('Déjà gamma'), __limit: 200}],
  [STUDIO_SEARCH, studio('story -alpha')],
  [STUDIO_SEARCH, studio('nothing*', 'tag-2')],
  [STUDIO_SEARCH, {...studio('post*'), __limit: 200}],
  [
    '*[_type in $__types && ([@, _id] match text::query($__query) || references($__rawQuery)) && (_type == $type) && ((_updatedAt < "2026-03-01T00:40:00.000Z") || (_updatedAt == "2026-03-01T00:40:00.000Z" && _id > "post-20"))] {_type, _id, _originalId, "orderings": [_updatedAt]} | order(orderings[0] desc) [0...$__limit]',
    studio('*'),
  ],
]

async function answers(view: View, query: string, params: Record<string, unknown>) {
  const tree = parseQuery(query, params)
  const planned = await evaluateOnView(view, tree, params)
  const plain = await evaluateOnView(view, tree, params, {useIndexes: false})
  return {planned, plain}
}

describe('ordered reads', () => {
  for (const perspective of ['raw', 'drafts', 'published'] as const) {
    it(`answer as groq-js does over the same documents (${perspective})`, async () => {
      const view = dataset().view(perspective)
      for (const [query, params] of cases) {
        const {planned, plain} = await answers(view, query, params)
        expect({query, params, result: planned}).toEqual({query, params, result: plain})
      }
    })
  }

  it('reads the ordered index where a sliced order() allows it, and only there', () => {
    const view = dataset().view('raw')
    const reads = (query: string, params: Record<string, unknown> = {}) =>
      planQuery(parseQuery(query, params), params, view).reads
    const order = (path: string, direction: 'asc' | 'desc'): DocumentRead => ({
      kind: 'order',
      path,
      direction,
    })
    expect(reads('*[_type == "post"] | order(publishedAt desc)[0...3]')).toEqual([
      order('publishedAt', 'desc'),
    ])
    expect(reads('*[_type == "post"] | order(publishedAt asc, _id asc)[4]')).toEqual([
      order('publishedAt', 'asc'),
    ])
    expect(reads(STUDIO_LIST, studio('*'))).toEqual([order('_updatedAt', 'desc')])
    expect(reads(STUDIO_LIST_BY_DATE, studio('*'))).toEqual([order('publishedAt', 'desc')])
    expect(reads('*[_type == "post"] | order(dateTime(publishedAt))[0...3]')).toEqual([
      order('publishedAt', 'asc'),
    ])
    expect(
      reads(`*[_type == "post" && slug.current == "post-3"][0]{${previousNextProjection}}`),
    ).toEqual([
      {kind: 'index', path: 'slug.current'},
      order('publishedAt', 'desc'),
      order('publishedAt', 'asc'),
    ])
    // No slice, a negative index, or an order term that is not an attribute: as before.
    expect(reads('*[_type == "post"] | order(publishedAt desc)')).toEqual([
      {kind: 'index', path: '_type'},
    ])
    expect(reads('*[_type == "post"] | order(publishedAt desc)[-1]')).toEqual([
      {kind: 'index', path: '_type'},
    ])
    expect(reads('*[_type == "post"] | order(lower(title))[0...3]')).toEqual([
      {kind: 'index', path: '_type'},
    ])
    // A parent reference the marker cannot carry (`^.^` inside a nested filter): as written.
    expect(
      reads(
        '*[_type == "tag"]{"x": *[_type == "post" && count(*[references(^.^._id)]) > 0] | order(publishedAt desc)[0]}',
      ),
    ).toEqual([{kind: 'index', path: '_type'}, {kind: 'scan'}, {kind: 'index', path: '_type'}])
  })

  it('reads the text and reference indexes where a filter matches words or references', () => {
    const view = dataset().view('raw')
    const reads = (query: string, params: Record<string, unknown> = {}) =>
      planQuery(parseQuery(query, params), params, view).reads
    expect(reads('*[title match "alpha*"]._id')).toEqual([{kind: 'text'}])
    expect(reads('*[_type == "post" && [@, _id] match text::query("story")]')).toEqual([
      {kind: 'text'},
    ])
    expect(reads('*[references("tag-1")]._id')).toEqual([{kind: 'references'}])
    expect(reads(STUDIO_SEARCH, studio('alpha*'))).toEqual([{kind: 'score'}])
    expect(reads('*[title match "alpha" || references("tag-1")]._id')).toEqual([{kind: 'text'}])
    // One side of an `||` without an index: every document is a candidate.
    expect(reads('*[title match "alpha" || rank > 2]._id')).toEqual([{kind: 'scan'}])
    // A narrower equality index wins.
    expect(reads('*[_id == "post-01" && title match "alpha"]._id')).toEqual([
      {kind: 'index', path: '_id'},
    ])
  })

  it('stops at the end of the slice: a neighbour or a first page costs a few documents', async () => {
    const view = dataset().view('published')
    const run = async (query: string, params: Record<string, unknown> = {}) => {
      const stats: OrderedReadStats[] = []
      await evaluateOnView(view, parseQuery(query, params), params, {
        onOrderedRead: (read) => stats.push(read),
      })
      return stats
    }
    const neighbour = await run(
      '*[_type == "post" && (publishedAt < $d || (publishedAt == $d && _id < $id))] | order(publishedAt desc, _id desc)[0]._id',
      {d: '2026-03-02T04:00:00.000Z', id: 'post-40'},
    )
    // Three posts share each instant: the anchor's group, then the one before it.
    expect(neighbour).toEqual([{strategy: 'walk', evaluated: 6}])
    const page = await run(STUDIO_LIST, studio('*'))
    expect(page).toEqual([{strategy: 'walk', evaluated: 11}])
    // A rare word: its few candidates are filtered and sorted directly.
    const search = await run(STUDIO_LIST, studio('odd'))
    expect(search[0]?.strategy).toBe('direct')
    expect(search[0]?.evaluated).toBe(1)
  })

  it('orders by dateTime() from its own index: the instant, not the text', async () => {
    const view = dataset().view('published')
    const stats: OrderedReadStats[] = []
    const query = parseQuery(STUDIO_LIST_BY_DATE, studio('*'))
    const ids = (await evaluateOnView(view, query, studio('*'), {
      onOrderedRead: (read) => stats.push(read),
    })) as Array<{_id: string}>
    // Descending, null comes first (undated posts, date-only strings), then the newest instants.
    const posts = view.docs.filter((d) => d._type === 'post').length
    expect(stats[0]?.strategy).toBe('walk')
    expect(stats[0]?.evaluated).toBeLessThan(posts / 2)
    // 06:00+05:00 is 01:00Z: after 01:00:00.5Z, which sorts first as text.
    const everything = {...studio('*'), __limit: 200}
    const all = (await evaluateOnView(
      view,
      parseQuery(STUDIO_LIST_BY_DATE, everything),
      everything,
    )) as Array<{
      _id: string
    }>
    const order = all.map((row) => row._id)
    expect(order.indexOf('post-east')).toBeGreaterThan(order.indexOf('post-frac'))
    expect(ids.map((row) => row._id)).toEqual(order.slice(0, 11))
  })

  it('reads as written where a dateTime() index cannot order as groq-js does', async () => {
    const copy = dataset()
    // Matches RFC 3339's pattern, yet no date: groq-js compares it as NaN.
    copy.set('post-bad', doc({_id: 'post-bad', _type: 'post', publishedAt: '2026-13-45T99:00:00Z'}))
    const view = copy.view('raw')
    const stats: OrderedReadStats[] = []
    const params = studio('*')
    const planned = await evaluateOnView(view, parseQuery(STUDIO_LIST_BY_DATE, params), params, {
      onOrderedRead: (read) => stats.push(read),
    })
    expect(stats).toEqual([])
    const {plain} = await answers(view, STUDIO_LIST_BY_DATE, params)
    expect(planned).toEqual(plain)
  })

  /** The Studio's search by date on `view`: what the read did, its answer and groq-js'. */
  async function studioSearch(view: View, params: Record<string, unknown>) {
    const stats: OrderedReadStats[] = []
    const tree = parseQuery(STUDIO_SEARCH_BY_DATE, params)
    const planned = await evaluateOnView(view, tree, params, {
      onOrderedRead: (read) => stats.push(read),
    })
    const plain = await evaluateOnView(view, tree, params, {useIndexes: false})
    return {stats, planned, plain}
  }

  it('scores the candidates itself and hands groq-js the first page only', async () => {
    const view = dataset().view('drafts')
    const posts = view.docs.filter((d) => d._type === 'post').length
    const search = await studioSearch(view, studio('story 1*', 'story 1'))
    // "story" is in every post's title: each is a candidate, scored here, not by groq-js; the
    // filter (`_type in $__types && _type == $type`) is the type index's answer, never run.
    expect(search.stats).toEqual([{strategy: 'score', evaluated: 0}])
    expect(posts).toBeGreaterThan(90)
    expect(search.planned).toEqual(search.plain)
    expect(search.planned).toHaveLength(11)
    // A title that is no text scores 0; an invalid date cannot be ordered here: as written.
    const copy = dataset()
    copy.set('post-odd', doc({_id: 'post-odd', _type: 'post', title: 7, excerpt: 'story'}))
    copy.set(
      'post-bad',
      doc({_id: 'post-bad', _type: 'post', title: 'story', publishedAt: '2026-13-45T99:00:00Z'}),
    )
    const params = studio('story')
    const odd = await studioSearch(copy.view('drafts'), params)
    expect(odd.stats.map((read) => read.strategy)).toEqual(['as-written'])
    expect(odd.planned).toEqual(odd.plain)
    copy.set('post-bad', null)
    const again = await studioSearch(copy.view('drafts'), {...params, __limit: 200})
    expect(again.stats.map((read) => read.strategy)).toEqual(['score'])
    expect(again.planned).toEqual(again.plain)
    expect(JSON.stringify(again.planned)).toContain('post-odd')
  })

  it('reads every document for score() where one carries a _score of its own', async () => {
    const copy = dataset()
    copy.set('post-scored', doc({_id: 'post-scored', _type: 'post', title: 'none', _score: 2}))
    const view = copy.view('raw')
    const params = {...studio('alpha*'), __limit: 200}
    expect(planQuery(parseQuery(STUDIO_SEARCH, params), params, view).reads).toEqual([
      {kind: 'index', path: '_type'},
    ])
    const {planned, plain} = await answers(view, STUDIO_SEARCH, params)
    expect(planned).toEqual(plain)
    expect(JSON.stringify(planned)).toContain('post-scored')
  })

  it('sees writes: the ordered index is rebuilt with the view', async () => {
    const copy = dataset()
    const query = parseQuery(
      '*[_type == "post" && publishedAt > ""] | order(publishedAt desc)[0]._id',
    )
    expect(await evaluateOnView(copy.view('raw'), query, {})).toBe('versions.r1.post-30')
    copy.set('post-late', doc({_id: 'post-late', _type: 'post', publishedAt: '2099-01-01'}))
    expect(await evaluateOnView(copy.view('raw'), query, {})).toBe('post-late')
  })
})
