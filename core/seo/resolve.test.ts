import {describe, expect, it} from 'vitest'

import {
  absoluteUrl,
  firstParagraphText,
  isoDuration,
  resolvePostSeo,
  truncateText,
} from './resolve.ts'
import type {SeoOptions} from './types.ts'

interface Image {
  alt?: string | null
  ref?: string
}

const options: SeoOptions<Image> = {
  site: {name: 'Le Quotidien', url: 'https://news.example.com'},
  imageUrl: (image, size) =>
    image.ref ? `https://cdn.example.com/${image.ref}?w=${size.width}&h=${size.height}` : null,
}

describe('resolvePostSeo', () => {
  it('takes the "Search & social" fields first', () => {
    const seo = resolvePostSeo(
      {
        title: 'Mistral AI Powers France’s New Defense Era',
        slug: 'mistral ai',
        excerpt: 'The excerpt.',
        heroImage: {alt: 'The hero.', ref: 'hero'},
        seo: {
          title: '  Mistral and the army ',
          description: 'The SEO text.',
          image: {alt: 'The card.', ref: 'card'},
        },
        publishedAt: '2026-11-25T09:00:00Z',
        updatedAt: '2026-11-25T10:30:00.000Z',
        authors: [
          {name: 'Camille Laurent', slug: 'camille-laurent'},
          {name: 'The Desk', slug: null},
          {name: '  ', slug: 'blank'},
        ],
        tags: [{title: 'défense', slug: 'defense'}],
      },
      options,
    )
    expect(seo).toEqual({
      title: 'Mistral and the army',
      headline: 'Mistral AI Powers France’s New Defense Era',
      description: 'The SEO text.',
      url: 'https://news.example.com/posts/mistral%20ai',
      image: {
        url: 'https://cdn.example.com/card?w=1200&h=630',
        width: 1200,
        height: 630,
        alt: 'The card.',
      },
      publishedTime: '2026-11-25T09:00:00.000Z',
      modifiedTime: '2026-11-25T10:30:00.000Z',
      authors: [
        {name: 'Camille Laurent', url: 'https://news.example.com/authors/camille-laurent'},
        {name: 'The Desk', url: undefined},
      ],
      tags: [{name: 'défense', url: 'https://news.example.com/tags/defense'}],
    })
  })

  it('falls back to the title, excerpt and hero, then the first paragraph and the logo', () => {
    const withHero = resolvePostSeo(
      {
        title: 'T',
        slug: 't',
        excerpt: 'The excerpt.',
        heroImage: {alt: null, ref: 'hero'},
        seo: {title: ''},
      },
      options,
    )
    expect(withHero).toMatchObject({
      title: 'T',
      description: 'The excerpt.',
      // No alt text on the image: the title describes it.
      image: {url: 'https://cdn.example.com/hero?w=1200&h=630', alt: 'T'},
    })
    const bare = resolvePostSeo(
      {title: null, slug: 'x', summary: `${'word '.repeat(40)}end.`, heroImage: {alt: 'no asset'}},
      {
        ...options,
        site: {
          ...options.site,
          logo: {url: 'https://news.example.com/logo.png', width: 600, height: 60},
        },
      },
    )
    expect(bare.title).toBe('Untitled post')
    expect(bare.description).toBe(`${'word '.repeat(32).trim()}…`)
    expect([...(bare.description ?? '')]).toHaveLength(160)
    expect(bare.image).toEqual({
      url: 'https://news.example.com/logo.png',
      width: 600,
      height: 60,
      alt: 'Le Quotidien',
    })
    expect(bare).toMatchObject({
      publishedTime: undefined,
      modifiedTime: undefined,
      authors: [],
      tags: [],
    })
    // Nothing at all: no description and no image, rather than empty ones.
    const nothing = resolvePostSeo({title: 'T', slug: 't'}, options)
    expect(nothing.description).toBeUndefined()
    expect(nothing.image).toBeUndefined()
  })

  it('uses custom paths, and the publish date when the last change is unknown', () => {
    const seo = resolvePostSeo(
      {
        title: 'T',
        slug: 'a/b',
        publishedAt: '2026-11-25T09:00:00.000Z',
        updatedAt: 'garbage',
        authors: [{name: 'A', slug: 'a'}],
      },
      {...options, paths: {post: (slug) => `/news/${slug}`, author: (slug) => `/people/${slug}`}},
    )
    expect(seo.url).toBe('https://news.example.com/news/a/b')
    expect(seo.authors[0]?.url).toBe('https://news.example.com/people/a')
    expect(seo.modifiedTime).toBe('2026-11-25T09:00:00.000Z')
  })
})

describe('helpers', () => {
  it('writes ISO 8601 durations', () => {
    expect(isoDuration(459)).toBe('PT7M39S')
    expect(isoDuration(3600)).toBe('PT1H')
    expect(isoDuration(3661.4)).toBe('PT1H1M1S')
    expect(isoDuration(0)).toBeUndefined()
    expect(isoDuration(null)).toBeUndefined()
    expect(isoDuration(Number.NaN)).toBeUndefined()
  })

  it('cuts text at a word, counting characters not UTF-16 units', () => {
    expect(truncateText('short', 10)).toBe('short')
    expect(truncateText('one two three four', 10)).toBe('one two…')
    expect(truncateText('🙂🙂🙂🙂🙂🙂', 4)).toBe('🙂🙂🙂…')
    expect(truncateText('abcdefghijkl', 5)).toBe('abcd…')
  })

  it('makes absolute URLs on the site origin, with or without a trailing slash', () => {
    expect(absoluteUrl({url: 'https://news.example.com'}, '/feed.xml')).toBe(
      'https://news.example.com/feed.xml',
    )
    expect(absoluteUrl({url: 'https://news.example.com/'}, '/')).toBe('https://news.example.com/')
  })

  it('reads the first normal paragraph of a stored body', () => {
    const body = [
      {_type: 'block', style: 'h2', children: [{text: 'Heading'}]},
      {_type: 'imageWithAlt'},
      {_type: 'block', style: 'normal', children: [{text: 'First '}, {text: ' sentence.'}]},
    ]
    expect(firstParagraphText(body)).toBe('First sentence.')
    expect(firstParagraphText([])).toBeUndefined()
    expect(firstParagraphText(null)).toBeUndefined()
  })
})
