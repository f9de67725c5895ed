import {describe, expect, it} from 'vitest'

import {queryFixture} from '../tests/fixtures/queries/dataset.ts'
import {newsSitemapQuery, postSlugsQuery, sitemapQuery} from './routes.ts'

describe('postSlugsQuery', () => {
  it('lists the slug of every published post with one, dated or not', async () => {
    expect(await queryFixture(postSlugsQuery)).toEqual([
      {slug: 'an-undated-note'},
      {slug: 'mistral-ai-powers-frances-new-defense-era'},
      {slug: 'powell-trump-doj-the-high-stakes-content-context'},
      {slug: 'same-minute-other-story'},
      {slug: 'trump-powell-oil-context-behind-calm-markets'},
    ])
  })
})

describe('sitemapQuery', () => {
  it('lists authors, posts then tags, by slug, with when each last changed', async () => {
    const created = '2026-11-20T08:00:00.000Z'
    expect(await queryFixture(sitemapQuery)).toEqual([
      // The author without a slug has no page, so no entry.
      {_type: 'author', slug: 'camille-laurent', lastModified: '2026-11-21T08:00:00.000Z'},
      {_type: 'post', slug: 'an-undated-note', lastModified: created},
      {
        _type: 'post',
        slug: 'mistral-ai-powers-frances-new-defense-era',
        lastModified: '2026-11-25T10:30:00.000Z',
      },
      {
        _type: 'post',
        slug: 'powell-trump-doj-the-high-stakes-content-context',
        lastModified: created,
      },
      {_type: 'post', slug: 'same-minute-other-story', lastModified: created},
      {_type: 'post', slug: 'trump-powell-oil-context-behind-calm-markets', lastModified: created},
      {_type: 'tag', slug: 'ai', lastModified: created},
      {_type: 'tag', slug: 'defense', lastModified: created},
      {_type: 'tag', slug: 'economie', lastModified: created},
      {_type: 'tag', slug: 'europe', lastModified: created},
    ])
  })
})

describe('newsSitemapQuery', () => {
  it('lists the listable posts published in the window, newest first', async () => {
    expect(
      await queryFixture(newsSitemapQuery, {
        since: '2026-11-24T12:00:00.000Z',
        now: '2026-11-26T12:00:00.000Z',
      }),
    ).toEqual([
      {
        title: 'Same Minute, Other Story 🚀',
        slug: 'same-minute-other-story',
        publishedAt: '2026-11-26T09:00:00.000Z',
        lastModified: '2026-11-20T08:00:00.000Z',
      },
      {
        title: 'Trump, Powell, Oil: Context Behind Calm Markets',
        slug: 'trump-powell-oil-context-behind-calm-markets',
        publishedAt: '2026-11-26T09:00:00.000Z',
        lastModified: '2026-11-20T08:00:00.000Z',
      },
      {
        title: 'Mistral AI Powers France’s New Defense Era',
        slug: 'mistral-ai-powers-frances-new-defense-era',
        publishedAt: '2026-11-25T09:00:00.000Z',
        lastModified: '2026-11-25T10:30:00.000Z',
      },
    ])
  })

  it('leaves out posts scheduled after now, and is empty when nothing is recent', async () => {
    const window = {since: '2026-11-23T00:00:00.000Z', now: '2026-11-25T08:59:59.999Z'}
    expect(await queryFixture(newsSitemapQuery, window)).toEqual([
      expect.objectContaining({slug: 'powell-trump-doj-the-high-stakes-content-context'}),
    ])
    expect(
      await queryFixture(newsSitemapQuery, {
        since: '2027-01-01T00:00:00.000Z',
        now: '2027-01-03T00:00:00.000Z',
      }),
    ).toEqual([])
  })
})
