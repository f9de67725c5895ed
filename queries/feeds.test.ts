import {describe, expect, it} from 'vitest'

import {authorFeedQuery, feedQuery, tagFeedQuery} from './feeds.ts'
import {
  FIXTURE_DOCUMENTS,
  FIXTURE_IMAGES,
  queryFixture,
  type FixtureDocument,
} from '../tests/fixtures/queries/dataset.ts'
import type {AuthorFeedQueryResult, FeedQueryResult, TagFeedQueryResult} from './sanity.types.ts'

const CAMILLE = {_id: 'author-camille', name: 'Camille Laurent', slug: 'camille-laurent'}

describe('feedQuery', () => {
  it('returns the listable posts newest first with what a feed item needs', async () => {
    const items = (await queryFixture(feedQuery)) as FeedQueryResult
    expect(items.map((item) => item.slug)).toEqual([
      'same-minute-other-story',
      'trump-powell-oil-context-behind-calm-markets',
      'mistral-ai-powers-frances-new-defense-era',
      'powell-trump-doj-the-high-stakes-content-context',
    ])
    expect(items[2]).toEqual({
      _id: 'post-article',
      title: 'Mistral AI Powers France’s New Defense Era',
      slug: 'mistral-ai-powers-frances-new-defense-era',
      publishedAt: '2026-11-25T09:00:00.000Z',
      updatedAt: '2026-11-25T10:30:00.000Z',
      excerpt: 'France’s armed forces sign a framework agreement with Mistral AI.',
      summary: 'France’s ministry of the armed forces has signed a deal.',
      heroImage: {
        alt: 'A French Navy frigate at sea.',
        caption: 'The frigate Normandie, 2025.',
        crop: {_type: 'sanity.imageCrop', top: 0, bottom: 0.1, left: 0, right: 0},
        hotspot: {_type: 'sanity.imageHotspot', x: 0.5, y: 0.4, width: 0.3, height: 0.3},
        asset: {
          _id: FIXTURE_IMAGES.wide.id,
          url: FIXTURE_IMAGES.wide.url,
          width: 1200,
          height: 675,
        },
      },
      authors: [CAMILLE, {_id: 'author-desk', name: 'The Desk', slug: null}],
      tags: [
        {_id: 'tag-ai', title: 'AI', slug: 'ai'},
        {_id: 'tag-defense', title: 'défense', slug: 'defense'},
        {_id: 'tag-europe', title: 'Europe', slug: 'europe'},
      ],
    })
  })

  it('stops at the newest 50', async () => {
    const base = FIXTURE_DOCUMENTS.find((doc) => doc._id === 'post-older') as FixtureDocument
    const many = Array.from({length: 60}, (_, i) => ({
      ...base,
      _id: `post-many-${String(i).padStart(2, '0')}`,
      slug: {_type: 'slug', current: `many-${i}`},
      publishedAt: new Date(Date.UTC(2027, 0, 1, 0, i)).toISOString(),
    }))
    const items = (await queryFixture(feedQuery, {}, many)) as FeedQueryResult
    expect(items).toHaveLength(50)
    expect(items[0]?.slug).toBe('many-59')
    expect(items.at(-1)?.slug).toBe('many-10')
  })
})

describe('tagFeedQuery and authorFeedQuery', () => {
  it('return the tag or author with their posts, newest first', async () => {
    const tag = (await queryFixture(tagFeedQuery, {slug: 'europe'})) as TagFeedQueryResult
    expect(tag).toMatchObject({title: 'Europe', slug: 'europe'})
    expect(tag?.posts.map((post) => post.slug)).toEqual([
      'trump-powell-oil-context-behind-calm-markets',
      'mistral-ai-powers-frances-new-defense-era',
      'powell-trump-doj-the-high-stakes-content-context',
    ])
    const author = (await queryFixture(authorFeedQuery, {
      slug: 'camille-laurent',
    })) as AuthorFeedQueryResult
    expect(author).toMatchObject({name: 'Camille Laurent', slug: 'camille-laurent'})
    expect(author?.posts.map((post) => post.slug)).toEqual([
      'trump-powell-oil-context-behind-calm-markets',
      'mistral-ai-powers-frances-new-defense-era',
    ])
  })

  it('return null for an unknown slug', async () => {
    expect(await queryFixture(tagFeedQuery, {slug: 'nope'})).toBeNull()
    expect(await queryFixture(authorFeedQuery, {slug: 'nope'})).toBeNull()
  })
})
