/**
 * The related-post GROQ run with groq-js (the reference evaluator) on a fixture dataset, with
 * exact results.
 */
import {evaluate, parse} from 'groq-js'
import {describe, expect, it} from 'vitest'

import {
  buildPreviousNextProjection,
  chronologicalNeighbourRequest,
  NEWSROOM_POST_FIELDS,
  previousNextProjection,
  relatedSuggestionsQuery,
  relatedSuggestionsRequest,
  SUGGESTION_FETCH_LIMIT,
  titleSearchPattern,
} from './queries.ts'
import {draftIdsToCheck, rankRelatedPosts} from './rank.ts'
import type {RelatedCandidate, RelatedContext} from './types.ts'

const ref = (id: string) => ({_type: 'reference', _ref: id})
const tags = (...ids: string[]) => ids.map((id, i) => ({_key: `k${i}`, ...ref(id)}))
const hero = {_type: 'imageWithAlt', asset: ref('image-abc-10x10-png'), alt: 'A desk'}

/**
 * Posts a day apart (p3a and p3b share a date), a never-published draft p5, a draft of p4 with
 * other links, and links that are valid (p2.previous, p4.next), missing (p2.next), unpublished
 * (p3b.next) or unset.
 */
const dataset = [
  {_id: 'tag-ai', _type: 'tag', title: 'AI'},
  {_id: 'tag-eu', _type: 'tag', title: 'Europe'},
  {_id: 'tag-jp', _type: 'tag', title: '日本'},
  {_id: 'image-abc-10x10-png', _type: 'sanity.imageAsset', url: 'https://img/abc-10x10.png'},
  {
    _id: 'p1',
    _type: 'post',
    title: 'First',
    slug: {current: 'first'},
    publishedAt: '2026-01-01T09:00:00.000Z',
    heroImage: hero,
    tags: tags('tag-ai'),
  },
  {
    _id: 'p2',
    _type: 'post',
    title: 'Second',
    slug: {current: 'second'},
    publishedAt: '2026-01-02T09:00:00.000Z',
    tags: tags('tag-ai', 'tag-eu'),
    previous: ref('p1'),
    next: ref('p-deleted'),
  },
  {
    _id: 'p3a',
    _type: 'post',
    title: 'Third, A',
    slug: {current: 'third-a'},
    publishedAt: '2026-01-03T09:00:00.000Z',
    tags: tags('tag-eu'),
  },
  {
    _id: 'p3b',
    _type: 'post',
    title: 'Third, B',
    slug: {current: 'third-b'},
    publishedAt: '2026-01-03T09:00:00.000Z',
    tags: tags('tag-jp'),
    next: ref('p5'),
  },
  {
    _id: 'p4',
    _type: 'post',
    title: 'Fourth',
    slug: {current: 'fourth'},
    publishedAt: '2026-01-04T09:00:00.000Z',
    tags: tags('tag-ai', 'tag-eu', 'tag-jp'),
    next: ref('p1'),
  },
  {
    _id: 'drafts.p4',
    _type: 'post',
    title: 'Fourth (draft)',
    publishedAt: '2026-01-04T09:00:00.000Z',
    previous: ref('p6'),
  },
  {
    _id: 'drafts.p5',
    _type: 'post',
    title: 'Fifth, never published',
    publishedAt: '2026-01-05T09:00:00.000Z',
    tags: tags('tag-ai'),
  },
  {
    _id: 'p6',
    _type: 'post',
    title: 'Sixth',
    slug: {current: 'sixth'},
    publishedAt: '2026-01-06T09:00:00.000Z',
  },
]

/** What the published perspective shows: no dotted ids. */
const published = dataset.filter((doc) => !doc._id.includes('.'))

async function run(
  query: string,
  params: Record<string, unknown> = {},
  docs: ReadonlyArray<{_id: string}> = dataset,
) {
  const value = await evaluate(parse(query), {dataset: [...docs], params})
  return value.get()
}

describe('previousNextProjection', () => {
  const query = `*[_type == "post" && _id in path("*")] | order(_id) {_id, ${previousNextProjection}}`

  it('resolves links, falling back to the chronological neighbour for unset, missing or unpublished ones', async () => {
    const expected = [
      // No older post; unset next falls back to the next day.
      {_id: 'p1', previous: null, next: 'p2'},
      // Valid previous; next points at a deleted post, so the neighbour p3a.
      {_id: 'p2', previous: 'p1', next: 'p3a'},
      // Equal dates: p3a is before p3b by _id.
      {_id: 'p3a', previous: 'p2', next: 'p3b'},
      // Next points at a draft that was never published, so the neighbour p4.
      {_id: 'p3b', previous: 'p3a', next: 'p4'},
      // An explicit link wins even out of date order; the draft's links are not public.
      {_id: 'p4', previous: 'p3b', next: 'p1'},
      // The never-published draft p5 is skipped; no newer post.
      {_id: 'p6', previous: 'p4', next: null},
    ]
    const ids = (rows: unknown) =>
      (
        rows as Array<{_id: string; previous: {_id: string} | null; next: {_id: string} | null}>
      ).map((row) => ({
        _id: row._id,
        previous: row.previous?._id ?? null,
        next: row.next?._id ?? null,
      }))
    // The same answer from the raw dataset (with drafts) and the published perspective.
    expect(ids(await run(query))).toEqual(expected)
    expect(ids(await run(query, {}, published))).toEqual(expected)
  })

  it('gives each linked post its title, slug, date and hero image', async () => {
    const result = await run(`*[_id == "p2"][0]{${previousNextProjection}}`)
    expect(result).toEqual({
      previous: {
        _id: 'p1',
        title: 'First',
        slug: 'first',
        publishedAt: '2026-01-01T09:00:00.000Z',
        heroImage: hero,
      },
      next: {
        _id: 'p3a',
        title: 'Third, A',
        slug: 'third-a',
        publishedAt: '2026-01-03T09:00:00.000Z',
        heroImage: null,
      },
    })
  })

  it('parses as a projection of any post query', () => {
    expect(() => parse(`*[_type == "post"][0]{title, ${previousNextProjection}}`)).not.toThrow()
  })
})

describe('buildPreviousNextProjection (a Studio’s own field names)', () => {
  it('is previousNextProjection itself for our model', () => {
    expect(buildPreviousNextProjection(NEWSROOM_POST_FIELDS)).toBe(previousNextProjection)
  })

  it('resolves the same links over the blog template’s fields, aliased to the same shape', async () => {
    // The same posts with the template's names: a `date` field, `categories`, a `coverImage`.
    const renamed = dataset.map((doc) => {
      const {publishedAt, heroImage, title, ...rest} = doc as Record<string, unknown>
      return {...rest, date: publishedAt, coverImage: heroImage, name: title} as unknown as {
        _id: string
      }
    })
    const fields = {
      ...NEWSROOM_POST_FIELDS,
      dateField: 'date',
      titleField: 'name',
      imageField: 'coverImage',
    }
    const ours = await run(
      `*[_type == "post" && _id in path("*")] | order(_id) {_id, ${previousNextProjection}}`,
    )
    const theirs = await run(
      `*[_type == "post" && _id in path("*")] | order(_id) {_id, ${buildPreviousNextProjection(fields)}}`,
      {},
      renamed,
    )
    expect(theirs).toEqual(ours)
  })
})

describe('the suggestion query', () => {
  /** Editing p3a's draft; its other link (next) is p4. */
  const context: RelatedContext = {
    id: 'drafts.p3a',
    publishedAt: '2026-01-03T09:00:00.000Z',
    tagIds: ['tag-ai', 'tag-eu'],
    otherLinkId: 'p4',
  }

  type Result = {candidates: RelatedCandidate[]; tags: Array<{_id: string; title: string}>}

  it('returns older candidates by shared tags, then nearest, with the tag titles', async () => {
    const {query, params} = relatedSuggestionsRequest(context, 'previous')
    expect(params).toEqual({
      excludeIds: ['p3a', 'drafts.p3a', 'p4', 'drafts.p4'],
      tagIds: ['tag-ai', 'tag-eu'],
      publishedAt: '2026-01-03T09:00:00.000Z',
    })
    const result = (await run(query, params)) as Result
    expect(result.candidates.map((c) => c._id)).toEqual(['p2', 'p1', 'p3b'])
    expect(result.candidates[1]).toEqual({
      _id: 'p1',
      title: 'First',
      publishedAt: '2026-01-01T09:00:00.000Z',
      tagIds: ['tag-ai'],
      thumbnailUrl: 'https://img/abc-10x10.png',
    })
    expect(result.tags).toEqual([
      {_id: 'tag-ai', title: 'AI'},
      {_id: 'tag-eu', title: 'Europe'},
    ])
    // p3b shares p3a's date but sorts after it: it is newer, so not a previous post.
    expect(
      rankRelatedPosts(result.candidates, context, {field: 'previous'}).map((s) => s.id),
    ).toEqual(['p2', 'p1'])
  })

  it('finds never-published drafts for next, and which of them to check', async () => {
    const {query, params} = relatedSuggestionsRequest(context, 'next')
    const result = (await run(query, params)) as Result
    // p4 is the other link; its draft too.
    expect(result.candidates.map((c) => c._id)).toEqual(['drafts.p5', 'p3b', 'p6'])
    expect(draftIdsToCheck(result.candidates)).toEqual(['p5'])
    const ranked = rankRelatedPosts(result.candidates, context, {field: 'next'})
    expect(ranked.map((s) => [s.id, s.unpublished, s.reason])).toEqual([
      ['p5', true, '1 shared tag · 2 days newer'],
      ['p3b', false, 'No shared tags · same publish time'],
      ['p6', false, 'No shared tags · 3 days newer'],
    ])
  })

  it('searches titles on both sides when the editor types', async () => {
    const {query, params} = relatedSuggestionsRequest(context, 'previous', '  fi ')
    expect(params.search).toBe('fi*')
    const result = (await run(query, params)) as Result
    expect(result.candidates.map((c) => c._id)).toEqual(['drafts.p5', 'p1'])
  })

  it('limits its results and compares tag references without dereferencing', () => {
    const query = relatedSuggestionsQuery('previous', {dated: true, search: false})
    expect(query).toContain(`[0...${SUGGESTION_FETCH_LIMIT}]`)
    expect(query).toContain('count(tags[_ref in $tagIds])')
    expect(query).not.toContain('tags[]->')
  })

  it('caps the candidates it fetches', async () => {
    const many = Array.from({length: 50}, (_, i) => ({
      _id: `bulk-${String(i).padStart(2, '0')}`,
      _type: 'post',
      title: `Bulk ${i}`,
      publishedAt: '2025-06-01T00:00:00.000Z',
    }))
    const {query, params} = relatedSuggestionsRequest(context, 'previous')
    const result = (await run(query, params, [...dataset, ...many])) as Result
    expect(result.candidates).toHaveLength(SUGGESTION_FETCH_LIMIT)
  })
})

describe('chronologicalNeighbourRequest', () => {
  it('finds what the projection falls back to, minus the other link', async () => {
    const context: RelatedContext = {
      id: 'drafts.p3b',
      publishedAt: '2026-01-03T09:00:00.000Z',
      tagIds: [],
    }
    const previous = chronologicalNeighbourRequest(context, 'previous')
    const next = chronologicalNeighbourRequest(context, 'next')
    expect(
      previous && ((await run(previous.query, previous.params, published)) as RelatedCandidate)._id,
    ).toBe('p3a')
    expect(next && ((await run(next.query, next.params, published)) as RelatedCandidate)._id).toBe(
      'p4',
    )
    const skipping = chronologicalNeighbourRequest({...context, otherLinkId: 'p4'}, 'next')
    expect(
      skipping && ((await run(skipping.query, skipping.params, published)) as RelatedCandidate)._id,
    ).toBe('p6')
  })

  it('has nothing to offer for a post without a publish date', () => {
    expect(chronologicalNeighbourRequest({id: 'p1', tagIds: []}, 'next')).toBeUndefined()
  })
})

describe('titleSearchPattern', () => {
  it.each([
    ['', ''],
    ['   ', ''],
    ['mistral', 'mistral*'],
    [' France’s  defense ', 'France’s* defense*'],
    ['a*b', 'a* b*'],
    ['東京', '東京*'],
  ])('%j → %j', (text, pattern) => expect(titleSearchPattern(text)).toBe(pattern))

  it('matches titles by word prefixes in GROQ, CJK and emoji titles included', async () => {
    const docs = [
      {_id: 'a', title: 'Mistral AI powers France’s defense'},
      {_id: 'b', title: '東京 の夜景 🌃'},
      {_id: 'c', title: 'Defensive tactics'},
    ]
    const match = async (text: string) =>
      run('*[title match $search]._id', {search: titleSearchPattern(text)}, docs)
    expect(await match('def')).toEqual(['a', 'c'])
    expect(await match('mis def')).toEqual(['a'])
    expect(await match('東京')).toEqual(['b'])
  })
})
