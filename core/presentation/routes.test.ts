import {describe, expect, it} from 'vitest'

import {loadSeedArticle} from '../../scripts/seed-content.ts'
import {
  MAX_TAG_LOCATIONS,
  postLocationSelect,
  postLocations,
  resolvePresentationOptions,
  siteRoutes,
  tagLocations,
} from './routes.ts'

/** The demo article (scripts/seed-article.json) and the slug the seed gives it. */
const seed = {
  title: loadSeedArticle().title,
  slug: 'mistral-ai-powers-frances-new-defense-era',
}

describe('postLocations', () => {
  it('puts the seed article on its page, the home page and its tags’ pages', () => {
    expect(
      postLocations({
        title: seed.title,
        slug: seed.slug,
        tag0Title: 'AI',
        tag0Slug: 'ai',
        tag1Title: 'Défense',
        tag1Slug: 'défense',
        tag2Title: 'AI again',
        tag2Slug: 'ai',
      }),
    ).toEqual({
      locations: [
        {title: seed.title, href: `/posts/${seed.slug}`},
        {title: 'Home page: latest news', href: '/'},
        {title: 'Tag: AI', href: '/tags/ai'},
        {title: 'Tag: Défense', href: '/tags/d%C3%A9fense'},
      ],
    })
  })

  it('says why a post without a usable slug is nowhere, and names an untitled one', () => {
    const nowhere = {message: 'Not on the site yet: give it a slug to preview it.', tone: 'caution'}
    expect(postLocations({title: 'Draft'})).toEqual(nowhere)
    expect(postLocations({title: 'Draft', slug: '  '})).toEqual(nowhere)
    expect(postLocations({title: 'Bad data', slug: 'a\uD800b'})).toEqual(nowhere)
    expect(postLocations({slug: 'x'})?.locations?.[0]).toEqual({
      title: 'Untitled post',
      href: '/posts/x',
    })
    expect(postLocations(null)).toBeNull()
  })

  it('reads the title, the slug and the first tags through their references', () => {
    expect(postLocationSelect).toMatchObject({
      title: 'title',
      slug: 'slug.current',
      tag0Slug: 'tags.0.slug.current',
      tag0Title: 'tags.0.title',
    })
    expect(Object.keys(postLocationSelect)).toHaveLength(2 + 2 * MAX_TAG_LOCATIONS)
  })
})

describe('tagLocations', () => {
  it('puts a tag on its page', () => {
    expect(tagLocations({title: 'Europe', slug: 'europe'})).toEqual({
      locations: [{title: 'Tag: Europe', href: '/tags/europe'}],
    })
    expect(tagLocations({title: 'No slug'})?.locations).toBeUndefined()
  })
})

describe('siteRoutes', () => {
  const resolve = (route: string, slug: string) =>
    siteRoutes.find((entry) => entry.route === route)?.resolve({params: {slug}})

  it('opens the post or tag a page is about, its slug decoded', () => {
    expect(resolve('/posts/:slug', seed.slug)).toEqual({
      filter: '_type == "post" && slug.current == $slug',
      params: {slug: seed.slug},
    })
    expect(resolve('/tags/:slug', 'd%C3%A9fense')).toEqual({
      filter: '_type == "tag" && slug.current == $slug',
      params: {slug: 'défense'},
    })
    expect(resolve('/tags/:slug', '%E0%A4%A')).toBeUndefined()
  })
})

describe('resolvePresentationOptions', () => {
  it('fills in the defaults and keeps the site’s origin apart', () => {
    expect(resolvePresentationOptions({previewUrl: 'http://localhost:3000'})).toEqual({
      previewUrl: 'http://localhost:3000',
      previewOrigin: 'http://localhost:3000',
      enablePath: '/api/preview',
      title: 'Presentation',
    })
    expect(
      resolvePresentationOptions({
        previewUrl: 'https://news.example.com/en/',
        enablePath: '/draft/on',
        title: 'Site',
      }),
    ).toMatchObject({previewOrigin: 'https://news.example.com', enablePath: '/draft/on'})
  })

  it.each([
    ['previewUrl', undefined, 'required: the reader site'],
    ['previewUrl', {previewUrl: 'localhost:3000'}, 'must be the reader site'],
    ['previewUrl', {previewUrl: 'ftp://a.test'}, 'must be the reader site'],
    ['enablePath', {previewUrl: 'http://a.test', enablePath: 'api/preview'}, 'must be a path'],
    ['enablePath', {previewUrl: 'http://a.test', enablePath: '//evil.test'}, 'must be a path'],
    ['title', {previewUrl: 'http://a.test', title: ' '}, 'must be a non-empty string'],
    ['previewURL', {previewUrl: 'http://a.test', previewURL: 'x'}, 'unknown option'],
  ])('fails fast on a bad %s', (option, options, message) => {
    expect(() => resolvePresentationOptions(options as never)).toThrow(
      `[newsroom] Invalid newsroomPresentation option "${option}": `,
    )
    expect(() => resolvePresentationOptions(options as never)).toThrow(message)
  })
})
