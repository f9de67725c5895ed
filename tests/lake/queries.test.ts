/**
 * Every query of `queries/` over HTTPS against a real lake, the way a frontend runs them:
 * `@sanity/client` with `useCdn: true` and no token. The reference is groq-js over exactly the
 * documents the lake holds (system fields included), restricted to what an anonymous reader may
 * see.
 */
import type {SanityClient} from '@sanity/client'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {
  FIXTURE_DOCUMENTS,
  publishedDocuments,
  queryFixture,
  type FixtureDocument,
} from '../fixtures/queries/dataset.ts'
import {
  cursorPageParams,
  authorFeedQuery,
  authorPageQuery,
  feedQuery,
  latestPostsQuery,
  newsSitemapQuery,
  postPageQuery,
  postSlugsQuery,
  postsByTagQuery,
  sitemapQuery,
  tagFeedQuery,
  tagsWithPostCountsQuery,
  toCursorPage,
  type LatestPostsQueryResult,
  type PostCursor,
} from '../../queries/index.ts'
import {startTestLake, type TestLake} from '../support/lake.ts'

const ARTICLE_SLUG = 'mistral-ai-powers-frances-new-defense-era'

/** Each query with the parameters it runs with here. */
const CASES: Array<[name: string, query: string, params: Record<string, unknown>]> = [
  ['postPageQuery, the article', postPageQuery, {slug: ARTICLE_SLUG}],
  [
    'postPageQuery, estimated read time',
    postPageQuery,
    {slug: 'powell-trump-doj-the-high-stakes-content-context'},
  ],
  ['postPageQuery, broken links', postPageQuery, {slug: 'same-minute-other-story'}],
  ['postPageQuery, draft-only post', postPageQuery, {slug: 'never-published'}],
  ['latestPostsQuery, first page', latestPostsQuery, cursorPageParams(null, 2)],
  [
    'latestPostsQuery, inside a tie',
    latestPostsQuery,
    cursorPageParams({publishedAt: '2026-11-26T09:00:00.000Z', id: 'post-same-instant'}, 2),
  ],
  ['postsByTagQuery', postsByTagQuery, {slug: 'europe', ...cursorPageParams(null, 2)}],
  ['postsByTagQuery, unknown tag', postsByTagQuery, {slug: 'nope', ...cursorPageParams(null, 2)}],
  ['tagsWithPostCountsQuery', tagsWithPostCountsQuery, {}],
  ['postSlugsQuery', postSlugsQuery, {}],
  ['sitemapQuery', sitemapQuery, {}],
  ['authorPageQuery', authorPageQuery, {slug: 'camille-laurent', ...cursorPageParams(null, 1)}],
  ['feedQuery', feedQuery, {}],
  ['tagFeedQuery', tagFeedQuery, {slug: 'europe'}],
  ['authorFeedQuery', authorFeedQuery, {slug: 'camille-laurent'}],
  [
    'newsSitemapQuery',
    newsSitemapQuery,
    {since: '2026-11-24T12:00:00.000Z', now: '2026-11-26T12:00:00.000Z'},
  ],
]

describe('the queries on the lake, through a CDN client with no token', () => {
  let lake: TestLake
  let reader: SanityClient
  let stored: FixtureDocument[]

  beforeAll(async () => {
    lake = await startTestLake()
    const admin = lake.client({token: 'admin', perspective: 'raw'})
    const transaction = admin.transaction()
    for (const document of FIXTURE_DOCUMENTS) transaction.createOrReplace(document)
    await transaction.commit({visibility: 'sync'})
    stored = await admin.fetch<FixtureDocument[]>('*')
    reader = lake.client({useCdn: true})
  })

  afterAll(async () => {
    await lake?.close()
  })

  it('reads as an anonymous CDN client', () => {
    expect(reader.config()).toMatchObject({useCdn: true, token: undefined})
  })

  for (const [name, query, params] of CASES) {
    it(`${name}: the same result as groq-js over the published documents`, async () => {
      const expected = await queryFixture(query, params, publishedDocuments(stored))
      expect(await reader.fetch(query, params)).toEqual(expected)
    })
  }

  it('serves the article as published, never its draft edit', async () => {
    const post = await reader.fetch(postPageQuery, {slug: ARTICLE_SLUG})
    expect(post).toMatchObject({
      title: 'Mistral AI Powers France’s New Defense Era',
      readTimeSeconds: 459,
      reactions: {happy: 3, sad: 0, excited: 1, sleepy: 0, angry: 0, surprise: 2},
      previous: {slug: 'powell-trump-doj-the-high-stakes-content-context'},
      next: {slug: 'trump-powell-oil-context-behind-calm-markets'},
    })
    expect(post?.tags?.map((tag) => tag.slug)).toEqual(['ai', 'defense', 'europe'])
  })

  it('pages through every listable post once, newest first', async () => {
    const seen: string[] = []
    let cursor: PostCursor | null = null
    do {
      const rows: LatestPostsQueryResult = await reader.fetch(
        latestPostsQuery,
        cursorPageParams(cursor, 1),
      )
      const page = toCursorPage(rows, 1)
      seen.push(...page.items.map((post) => post._id))
      cursor = page.nextCursor
    } while (cursor && seen.length < 10)
    expect(seen).toEqual(['post-same-instant', 'post-newer', 'post-article', 'post-older'])
  })

  it('lists the sitemap with the lake’s own modification times', async () => {
    const entries = await reader.fetch(sitemapQuery)
    const article = stored.find((doc) => doc._id === 'post-article')
    expect(entries).toContainEqual({
      _type: 'post',
      slug: ARTICLE_SLUG,
      lastModified: article?._updatedAt,
    })
    expect(entries.map((entry) => entry.slug)).not.toContain('never-published')
  })
})
