import {describe, expect, it} from 'vitest'

import {FIXTURE_DOCUMENTS, FIXTURE_IMAGES, queryFixture} from './fixture-dataset.ts'
import {postPageQuery} from './post.ts'
import type {PostPageQueryResult} from './sanity.types.ts'

const WIDE_ASSET = {
  _id: FIXTURE_IMAGES.wide.id,
  url: FIXTURE_IMAGES.wide.url,
  width: 1200,
  height: 675,
}
const PHOTO_ASSET = {
  _id: FIXTURE_IMAGES.photo.id,
  url: FIXTURE_IMAGES.photo.url,
  width: 800,
  height: 600,
}
const ARTICLE_HERO = {
  alt: 'A French Navy frigate at sea.',
  caption: 'The frigate Normandie, 2025.',
  crop: {_type: 'sanity.imageCrop', top: 0, bottom: 0.1, left: 0, right: 0},
  hotspot: {_type: 'sanity.imageHotspot', x: 0.5, y: 0.4, width: 0.3, height: 0.3},
  asset: WIDE_ASSET,
}

const postPage = (slug: string) =>
  queryFixture(postPageQuery, {slug}) as Promise<PostPageQueryResult>

describe('postPageQuery', () => {
  it('returns the article with its hero, body, tags, tally and both links', async () => {
    const article = FIXTURE_DOCUMENTS.find((doc) => doc._id === 'post-article')
    expect(await postPage('mistral-ai-powers-frances-new-defense-era')).toEqual({
      _id: 'post-article',
      title: 'Mistral AI Powers France’s New Defense Era',
      slug: 'mistral-ai-powers-frances-new-defense-era',
      publishedAt: '2026-11-25T09:00:00.000Z',
      excerpt: 'France’s armed forces sign a framework agreement with Mistral AI.',
      heroImage: ARTICLE_HERO,
      readTimeSeconds: 459,
      body: [
        ...(article?.body as unknown[]).slice(0, 3),
        {
          _key: 'i1',
          _type: 'imageWithAlt',
          alt: 'Engineers at a console.',
          caption: null,
          crop: null,
          hotspot: null,
          asset: PHOTO_ASSET,
        },
      ],
      // The reference to a deleted tag is left out; the others keep the editor's order.
      tags: [
        {_id: 'tag-ai', title: 'AI', slug: 'ai'},
        {_id: 'tag-defense', title: 'défense', slug: 'defense'},
        {_id: 'tag-europe', title: 'Europe', slug: 'europe'},
      ],
      reactions: {happy: 3, sad: 0, excited: 1, sleepy: 0, angry: 0, surprise: 2},
      previous: {
        _id: 'post-older',
        title: 'Powell, Trump, DOJ: The High-Stakes Content Context',
        slug: 'powell-trump-doj-the-high-stakes-content-context',
        heroImage: null,
      },
      next: {
        _id: 'post-newer',
        title: 'Trump, Powell, Oil: Context Behind Calm Markets',
        slug: 'trump-powell-oil-context-behind-calm-markets',
        heroImage: {
          alt: 'An oil tanker at dusk.',
          caption: null,
          crop: null,
          hotspot: null,
          asset: PHOTO_ASSET,
        },
      },
    })
  })

  it('keeps the link and its text in the body', async () => {
    const post = await postPage('mistral-ai-powers-frances-new-defense-era')
    expect(post?.body?.[2]).toEqual({
      _type: 'block',
      _key: 'p2',
      style: 'normal',
      markDefs: [{_type: 'link', _key: 'l1', href: 'https://mistral.ai', openInNewTab: true}],
      children: [
        {_type: 'span', _key: 'p2-0', text: 'Read the ', marks: []},
        {_type: 'span', _key: 'p2-1', text: 'announcement', marks: ['l1']},
        {_type: 'span', _key: 'p2-2', text: '.', marks: []},
      ],
    })
  })

  it('estimates the read time when none is stored: words at 200 a minute, 12 s an image', async () => {
    const post = await postPage('powell-trump-doj-the-high-stakes-content-context')
    // 7 + 5 + 3 words (extra spaces ignored; CJK without spaces and the emoji count as written)
    // = 15 words = 4.5 s, plus one inline image: 16.5 s, rounded.
    expect(post?.readTimeSeconds).toBe(17)
    expect(post).toMatchObject({heroImage: null, excerpt: null, reactions: null, previous: null})
    expect(post?.next).toEqual({
      _id: 'post-article',
      title: 'Mistral AI Powers France’s New Defense Era',
      slug: 'mistral-ai-powers-frances-new-defense-era',
      heroImage: ARTICLE_HERO,
    })
  })

  it('has no read time for a post without a body', async () => {
    expect((await postPage('same-minute-other-story'))?.readTimeSeconds).toBeNull()
  })

  it('gives null links for a deleted and a never-published post', async () => {
    const post = await postPage('same-minute-other-story')
    expect(post).toMatchObject({
      title: 'Same Minute, Other Story 🚀',
      previous: null,
      next: null,
    })
  })

  it('serves a post without a publish date', async () => {
    expect(await postPage('an-undated-note')).toMatchObject({
      _id: 'post-undated',
      publishedAt: null,
      body: null,
      tags: null,
    })
  })

  it('finds nothing for an unknown slug, a draft-only post, or an empty slug', async () => {
    expect(await postPage('no-such-post')).toBeNull()
    expect(await postPage('never-published')).toBeNull()
    expect(await postPage('')).toBeNull()
  })
})
