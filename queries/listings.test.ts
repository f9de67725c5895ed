import {describe, expect, it} from 'vitest'

import {FIXTURE_IMAGES, queryFixture} from '../tests/fixtures/queries/dataset.ts'
import {
  authorPageQuery,
  latestPostsQuery,
  postsByTagQuery,
  tagsWithPostCountsQuery,
} from './listings.ts'
import {cursorPageParams, toCursorPage, type PostCursor} from './pagination.ts'
import type {
  AuthorPageQueryResult,
  LatestPostsQueryResult,
  PostsByTagQueryResult,
  TagsWithPostCountsQueryResult,
} from './sanity.types.ts'

const AI = {_id: 'tag-ai', title: 'AI', slug: 'ai'}
const DEFENSE = {_id: 'tag-defense', title: 'défense', slug: 'defense'}
const EUROPE = {_id: 'tag-europe', title: 'Europe', slug: 'europe'}

const SAME_INSTANT_CARD = {
  _id: 'post-same-instant',
  title: 'Same Minute, Other Story 🚀',
  slug: 'same-minute-other-story',
  publishedAt: '2026-11-26T09:00:00.000Z',
  excerpt: null,
  heroImage: null,
  tags: [AI],
}
const NEWER_CARD = {
  _id: 'post-newer',
  title: 'Trump, Powell, Oil: Context Behind Calm Markets',
  slug: 'trump-powell-oil-context-behind-calm-markets',
  publishedAt: '2026-11-26T09:00:00.000Z',
  excerpt: 'Oil stays calm.',
  heroImage: {
    alt: 'An oil tanker at dusk.',
    caption: null,
    crop: null,
    hotspot: null,
    asset: {_id: FIXTURE_IMAGES.photo.id, url: FIXTURE_IMAGES.photo.url, width: 800, height: 600},
  },
  tags: [EUROPE],
}
const ARTICLE_CARD = {
  _id: 'post-article',
  title: 'Mistral AI Powers France’s New Defense Era',
  slug: 'mistral-ai-powers-frances-new-defense-era',
  publishedAt: '2026-11-25T09:00:00.000Z',
  excerpt: 'France’s armed forces sign a framework agreement with Mistral AI.',
  heroImage: {
    alt: 'A French Navy frigate at sea.',
    caption: 'The frigate Normandie, 2025.',
    crop: {_type: 'sanity.imageCrop', top: 0, bottom: 0.1, left: 0, right: 0},
    hotspot: {_type: 'sanity.imageHotspot', x: 0.5, y: 0.4, width: 0.3, height: 0.3},
    asset: {_id: FIXTURE_IMAGES.wide.id, url: FIXTURE_IMAGES.wide.url, width: 1200, height: 675},
  },
  tags: [AI, DEFENSE, EUROPE],
}
const OLDER_CARD = {
  _id: 'post-older',
  title: 'Powell, Trump, DOJ: The High-Stakes Content Context',
  slug: 'powell-trump-doj-the-high-stakes-content-context',
  publishedAt: '2026-11-24T09:00:00.000Z',
  excerpt: null,
  heroImage: null,
  tags: [EUROPE],
}

const latest = (cursor: PostCursor | null, pageSize: number) =>
  queryFixture(
    latestPostsQuery,
    cursorPageParams(cursor, pageSize),
  ) as Promise<LatestPostsQueryResult>

const byTag = (slug: string, cursor: PostCursor | null, pageSize: number) =>
  queryFixture(postsByTagQuery, {
    slug,
    ...cursorPageParams(cursor, pageSize),
  }) as Promise<PostsByTagQueryResult>

/** Every page from the first, following each next cursor. */
async function allPages(pageSize: number) {
  const pages: string[][] = []
  let cursor: PostCursor | null = null
  do {
    const rows: LatestPostsQueryResult = await latest(cursor, pageSize)
    const page = toCursorPage(rows, pageSize)
    pages.push(page.items.map((post) => post._id))
    cursor = page.nextCursor
  } while (cursor && pages.length < 10)
  return pages
}

describe('latestPostsQuery', () => {
  it('lists dated posts with a slug, newest first, the id breaking ties, one row past the page', async () => {
    expect(await latest(null, 3)).toEqual([SAME_INSTANT_CARD, NEWER_CARD, ARTICLE_CARD, OLDER_CARD])
  })

  it('continues strictly after the cursor, into the middle of a tie', async () => {
    const cursor = {publishedAt: '2026-11-26T09:00:00.000Z', id: 'post-same-instant'}
    expect(await latest(cursor, 2)).toEqual([NEWER_CARD, ARTICLE_CARD, OLDER_CARD])
    expect(await latest({publishedAt: '2026-11-24T09:00:00.000Z', id: 'post-older'}, 2)).toEqual([])
  })

  it('walks every listable post exactly once, whatever the page size', async () => {
    const order = ['post-same-instant', 'post-newer', 'post-article', 'post-older']
    expect(await allPages(1)).toEqual(order.map((id) => [id]))
    expect(await allPages(3)).toEqual([order.slice(0, 3), order.slice(3)])
    expect(await allPages(4)).toEqual([order])
    expect(await allPages(50)).toEqual([order])
  })
})

describe('postsByTagQuery', () => {
  it('returns the tag, its post count and the first page of its posts', async () => {
    expect(await byTag('ai', null, 1)).toEqual({
      _id: 'tag-ai',
      title: 'AI',
      slug: 'ai',
      description: null,
      postCount: 2,
      posts: [SAME_INSTANT_CARD, ARTICLE_CARD],
    })
  })

  it('pages with the same cursor as the latest posts', async () => {
    const first = await byTag('europe', null, 2)
    const page = toCursorPage(first?.posts ?? [], 2)
    expect(page.items.map((post) => post._id)).toEqual(['post-newer', 'post-article'])
    expect(page.nextCursor).toEqual({publishedAt: '2026-11-25T09:00:00.000Z', id: 'post-article'})
    const second = await byTag('europe', page.nextCursor, 2)
    expect(second).toMatchObject({
      title: 'Europe',
      description: 'European politics, industry and sovereignty.',
      postCount: 3,
      posts: [OLDER_CARD],
    })
  })

  it('gives an unused tag no posts, and null for an unknown or slugless tag', async () => {
    expect(await byTag('economie', null, 10)).toMatchObject({postCount: 0, posts: []})
    expect(await byTag('no-such-tag', null, 10)).toBeNull()
    expect(await byTag('', null, 10)).toBeNull()
  })
})

describe('tagsWithPostCountsQuery', () => {
  it('lists every tag with a slug by title, ignoring case, with its listable posts counted', async () => {
    const tags = (await queryFixture(tagsWithPostCountsQuery)) as TagsWithPostCountsQueryResult
    expect(tags).toEqual([
      {...AI, description: null, postCount: 2},
      {...DEFENSE, description: null, postCount: 1},
      {...EUROPE, description: 'European politics, industry and sovereignty.', postCount: 3},
      // Code point order: "é" sorts after every unaccented letter.
      {_id: 'tag-unused', title: 'Économie', slug: 'economie', description: null, postCount: 0},
    ])
  })
})

describe('authorPageQuery', () => {
  const authorPage = (slug: string, cursor: PostCursor | null, pageSize: number) =>
    queryFixture(authorPageQuery, {
      slug,
      ...cursorPageParams(cursor, pageSize),
    }) as Promise<AuthorPageQueryResult>

  it('returns the author, their post count and a page of their posts', async () => {
    const author = await authorPage('camille-laurent', null, 1)
    expect(author).toEqual({
      _id: 'author-camille',
      name: 'Camille Laurent',
      slug: 'camille-laurent',
      role: 'Defense correspondent',
      bio: 'Covers European defense and the companies building military AI.',
      links: ['https://example.com/camille'],
      photo: {
        alt: 'Camille Laurent, smiling.',
        caption: null,
        crop: null,
        hotspot: null,
        asset: {
          _id: FIXTURE_IMAGES.photo.id,
          url: FIXTURE_IMAGES.photo.url,
          width: 800,
          height: 600,
        },
      },
      postCount: 2,
      // Two posts, one a page: the newest, and one more row to tell there is a next page.
      posts: [NEWER_CARD, ARTICLE_CARD].map((card) => ({...card})),
    })
    const page = toCursorPage(author!.posts, 1)
    expect(page.items.map((post) => post._id)).toEqual(['post-newer'])
    const next = await authorPage('camille-laurent', page.nextCursor, 1)
    expect(next?.posts.map((post) => post._id)).toEqual(['post-article'])
  })

  it('returns null for an unknown slug', async () => {
    expect(await authorPage('nobody', null, 10)).toBeNull()
  })
})
