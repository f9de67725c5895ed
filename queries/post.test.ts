import {describe, expect, expectTypeOf, it} from 'vitest'

import {estimateReadTime} from '../core/read-time/estimate.ts'
import {buildReadTimeSecondsField, readTimeSecondsField} from './fragments.ts'
import {
  FIXTURE_DOCUMENTS,
  FIXTURE_IMAGES,
  queryFixture,
  type FixtureDocument,
} from '../tests/fixtures/queries/dataset.ts'
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
  it('returns media blocks as they are, and the footnotes with the keys their markers point at', async () => {
    const article = FIXTURE_DOCUMENTS.find((doc) => doc._id === 'post-article') as FixtureDocument
    const media = {_type: 'mediaEmbed', _key: 'm1', kind: 'audio', url: 'https://s.test/a.mp3'}
    const marker = {
      _type: 'block',
      _key: 'b9',
      style: 'normal',
      markDefs: [{_type: 'footnoteReference', _key: 'r1', footnote: 'f1'}],
      children: [{_type: 'span', _key: 's9', text: '1', marks: ['r1']}],
    }
    const post = {
      ...article,
      body: [marker, media],
      footnotes: [{_type: 'footnote', _key: 'f1', text: 'A note'}],
    }
    const result = (await queryFixture(
      postPageQuery,
      {slug: 'mistral-ai-powers-frances-new-defense-era'},
      [post],
    )) as PostPageQueryResult
    expect(result?.body).toEqual([marker, media])
    expect(result?.footnotes).toEqual([{_key: 'f1', text: 'A note'}])
  })

  it('returns the article with its hero, body, tags, tally and both links', async () => {
    const article = FIXTURE_DOCUMENTS.find((doc) => doc._id === 'post-article')
    expect(await postPage('mistral-ai-powers-frances-new-defense-era')).toEqual({
      _id: 'post-article',
      title: 'Mistral AI Powers France’s New Defense Era',
      slug: 'mistral-ai-powers-frances-new-defense-era',
      publishedAt: '2026-11-25T09:00:00.000Z',
      updatedAt: '2026-11-25T10:30:00.000Z',
      excerpt: 'France’s armed forces sign a framework agreement with Mistral AI.',
      heroImage: ARTICLE_HERO,
      readTimeSeconds: 459,
      wordCount: 1530,
      summary: 'France’s ministry of the armed forces has signed a deal.',
      // Nothing of "Search & social" set: the SEO builders fall back to title, excerpt, hero.
      seo: null,
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
      footnotes: null,
      // The deleted author is left out; one without a slug stays (a name without a page).
      authors: [
        {_id: 'author-camille', name: 'Camille Laurent', slug: 'camille-laurent'},
        {_id: 'author-desk', name: 'The Desk', slug: null},
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

  it('returns the "Search & social" fields with the social image resolved like the hero', async () => {
    const post = await postPage('trump-powell-oil-context-behind-calm-markets')
    expect(post?.seo).toEqual({
      title: 'Oil stays calm: what Trump and Powell mean for markets',
      description: 'Why oil prices held steady through a week of political noise.',
      image: {
        alt: 'Oil tankers moored in a row.',
        caption: null,
        crop: null,
        hotspot: null,
        asset: WIDE_ASSET,
      },
    })
    // No body: no summary and no word count.
    expect(post).toMatchObject({
      summary: null,
      wordCount: null,
      authors: [{_id: 'author-camille', name: 'Camille Laurent', slug: 'camille-laurent'}],
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
    // No post is older and none is linked: previous is null.
    expect(post).toMatchObject({
      heroImage: null,
      excerpt: null,
      reactions: null,
      previous: null,
      authors: null,
      seo: null,
      summary: 'Markets  wait for the Fed’s next move.',
    })
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

  it('falls back to the chronological neighbour for a link to a deleted or never-published post', async () => {
    const post = await postPage('same-minute-other-story')
    expect(post).toMatchObject({
      title: 'Same Minute, Other Story 🚀',
      // Links to a deleted post: the post just before, published at the same instant, whose
      // `_id` sorts first.
      previous: {
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
      // Links to a never-published post: the next post by date has no slug, so no page: null.
      next: null,
    })
  })

  it('falls back to the neighbours for unset links, and gives none to an undated post', async () => {
    const newer = await postPage('trump-powell-oil-context-behind-calm-markets')
    // `next` is unset: the post published at the same instant with the later `_id`.
    expect(newer?.previous?._id).toBe('post-article')
    expect(newer?.next).toEqual({
      _id: 'post-same-instant',
      title: 'Same Minute, Other Story 🚀',
      slug: 'same-minute-other-story',
      heroImage: null,
    })
    expect(await postPage('an-undated-note')).toMatchObject({previous: null, next: null})
  })

  it('types each link precisely (typegen resolved the related-posts projection)', () => {
    type Link = NonNullable<NonNullable<PostPageQueryResult>['next']>
    expectTypeOf<Link['title']>().toEqualTypeOf<string>()
    expectTypeOf<Link['slug']>().toEqualTypeOf<string>()
    expectTypeOf<NonNullable<Link['heroImage']>['alt']>().toEqualTypeOf<string | null>()
    expectTypeOf<NonNullable<PostPageQueryResult>['readTimeSeconds']>().toEqualTypeOf<
      number | null
    >()
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

describe('the read-time estimate in GROQ (when no read time is stored)', () => {
  const words = (count: number, word = 'word') => Array.from({length: count}, () => word).join(' ')
  const block = (key: string, text: string) => ({
    _type: 'block',
    _key: key,
    style: 'normal',
    markDefs: [],
    children: [{_type: 'span', _key: `${key}-0`, text, marks: []}],
  })
  const image = (key: string, caption?: string) => ({
    _type: 'imageWithAlt',
    _key: key,
    asset: {_type: 'reference', _ref: FIXTURE_IMAGES.photo.id},
    alt: 'An image.',
    ...(caption ? {caption} : {}),
  })
  const images = (count: number) => Array.from({length: count}, (_, index) => image(`i${index}`))
  const hero = {...image('hero', 'The hero’s own caption.'), _key: undefined}

  /** The fragment's answer for one post with `fields`, over that post alone. */
  const groqEstimate = async (fields: Record<string, unknown>, fragment = readTimeSecondsField) => {
    const post: FixtureDocument = {
      _id: 'post-estimate',
      _type: 'post',
      _createdAt: '2026-11-20T08:00:00.000Z',
      _updatedAt: '2026-11-20T08:00:00.000Z',
      _rev: 'rev',
      ...fields,
    }
    const result = await queryFixture(`*[_id == "post-estimate"][0]{${fragment}}`, {}, [post])
    return (result as {readTimeSeconds: number | null}).readTimeSeconds
  }

  it.each<[string, {body: unknown[]; heroImage?: unknown}]>([
    ['text only', {body: [block('a', words(1000)), block('b', words(531))]}],
    ['one image', {body: [block('a', words(300)), ...images(1)]}],
    ['images 12 s, 11 s, 10 s …', {body: [block('a', words(50)), ...images(4)]}],
    ['ten images (the last at 3 s)', {body: images(10)}],
    ['past ten images, 3 s each', {body: [block('a', words(1)), ...images(17)]}],
    [
      'the hero counts as the first image, its caption as words',
      {body: images(2), heroImage: hero},
    ],
    [
      'inline captions are words',
      {body: [block('a', words(10)), image('c', 'A caption of six words here.')]},
    ],
    ['an empty body with a hero image', {body: [], heroImage: hero}],
    ['accented Latin, contractions, hyphens', {body: [block('a', 'Ünïcödé don’t well-known.')]}],
  ])('agrees with estimateReadTime: %s', async (_, fields) => {
    const expected = estimateReadTime(fields.body, {heroImage: fields.heroImage}).seconds
    expect(await groqEstimate(fields)).toBe(expected)
  })

  it('counts words only at spaces, unlike estimateReadTime', async () => {
    // GROQ has no Unicode classes: 500 Chinese characters written without spaces are one "word"
    // (estimateReadTime reads them one by one, 500 a minute), and a lone dash is a word
    // (estimateReadTime skips punctuation).
    const body = [block('a', '漢字'.repeat(250)), block('b', words(100, 'word —'))]
    expect(await groqEstimate({body})).toBe(Math.round((201 * 60) / 200))
    expect(estimateReadTime(body).seconds).toBe(60 + 30)
  })

  it('prefers the stored figure, and has none without a body', async () => {
    expect(await groqEstimate({readTime: {seconds: 459}, body: images(3)})).toBe(459)
    expect(await groqEstimate({heroImage: hero})).toBeNull()
  })

  it('is built for other field names, readTimeSecondsField itself for ours', async () => {
    expect(buildReadTimeSecondsField()).toBe(readTimeSecondsField)
    const theirs = buildReadTimeSecondsField({bodyField: 'content', heroImageField: 'coverImage'})
    const body = [block('a', words(450)), ...images(2)]
    expect(await groqEstimate({content: body, coverImage: hero}, theirs)).toBe(
      await groqEstimate({body, heroImage: hero}),
    )
    expect(await groqEstimate({content: body, coverImage: hero}, theirs)).toBe(
      estimateReadTime(body, {heroImage: hero}).seconds,
    )
    expect(buildReadTimeSecondsField({heroImageField: false})).not.toContain('heroImage')
  })
})
