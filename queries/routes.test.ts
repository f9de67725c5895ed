import {describe, expect, it} from 'vitest'

import {queryFixture} from '../tests/fixtures/queries/dataset.ts'
import {postSlugsQuery, sitemapQuery} from './routes.ts'

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
  it('lists posts then tags, by slug, with when each last changed', async () => {
    const created = '2026-11-20T08:00:00.000Z'
    expect(await queryFixture(sitemapQuery)).toEqual([
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
