// @vitest-environment jsdom
// (DOMParser: the head tags are read back as a browser reads them.)
import {describe, expect, it} from 'vitest'

import {buildPageHeadTags, buildPostHeadTags, renderHeadTags} from './head.ts'
import {buildPostJsonLd, serializeJsonLd} from './json-ld.ts'
import type {SeoOptions, SeoPost} from './types.ts'

interface Image {
  alt?: string | null
  ref?: string
}

const options: SeoOptions<Image> = {
  site: {
    name: 'Le Quotidien',
    url: 'https://news.example.com',
    lang: 'fr',
    logo: {url: 'https://news.example.com/logo.png', width: 600, height: 60},
  },
  imageUrl: (image, size) =>
    image.ref ? `https://cdn.example.com/${image.ref}.png?w=${size.width}&h=${size.height}` : null,
}

const TRICKY = `Fish & "Chips" <b>'n'</b> </script><!--`

const post: SeoPost<Image> = {
  title: TRICKY,
  slug: 'fish-chips',
  excerpt: TRICKY,
  heroImage: {alt: TRICKY, ref: 'hero'},
  publishedAt: '2026-11-25T09:00:00.000Z',
  updatedAt: '2026-11-25T10:30:00.000Z',
  authors: [{name: 'Camille Laurent', slug: 'camille-laurent'}],
  tags: [{title: 'Food & Drink', slug: 'food'}],
  wordCount: 120,
  readTimeSeconds: 48,
}

describe('buildPostJsonLd', () => {
  it('survives the script element: JSON.parse gives back the very title', () => {
    const text = serializeJsonLd(buildPostJsonLd(post, options))
    expect(text).not.toMatch(/[<>]/)
    expect(text).not.toContain('</script')
    const parsed = JSON.parse(text) as {'@graph': Array<Record<string, unknown>>}
    expect(parsed['@graph'][0]?.headline).toBe(TRICKY)
    expect(parsed['@graph'][0]?.description).toBe(TRICKY)
  })

  it('falls back for a post with no hero, excerpt, author, tag or date', () => {
    const graph = buildPostJsonLd({title: 'Bare', slug: 'bare'}, options)
    expect(graph['@graph'][0]).toEqual({
      '@type': 'NewsArticle',
      '@id': 'https://news.example.com/posts/bare#article',
      headline: 'Bare',
      url: 'https://news.example.com/posts/bare',
      mainEntityOfPage: {'@type': 'WebPage', '@id': 'https://news.example.com/posts/bare'},
      // The logo stands in for the missing image; the publisher for the missing author.
      image: ['https://news.example.com/logo.png'],
      author: [{'@id': 'https://news.example.com/#publisher'}],
      publisher: {'@id': 'https://news.example.com/#publisher'},
      inLanguage: 'fr',
    })
    expect(graph['@graph'][1]).toEqual({
      '@type': 'BreadcrumbList',
      itemListElement: [
        {'@type': 'ListItem', position: 1, name: 'Le Quotidien', item: 'https://news.example.com/'},
        {
          '@type': 'ListItem',
          position: 2,
          name: 'Bare',
          item: 'https://news.example.com/posts/bare',
        },
      ],
    })
    const noLogo = buildPostJsonLd(
      {title: 'Bare', slug: 'bare'},
      {...options, site: {name: 'N', url: 'https://n.example'}},
    )
    expect(noLogo['@graph'][0]).not.toHaveProperty('image')
    expect(noLogo['@graph'][2]).toEqual({
      '@type': 'Organization',
      '@id': 'https://n.example/#publisher',
      name: 'N',
      url: 'https://n.example/',
    })
  })
})

describe('buildPostHeadTags and renderHeadTags', () => {
  it('escapes every attribute; an HTML parser reads back the very text', () => {
    const html = renderHeadTags(buildPostHeadTags(post, options))
    expect(html).not.toContain('</script>')
    const template = new DOMParser().parseFromString(`<head>${html}</head>`, 'text/html')
    const content = (selector: string) => template.querySelector(selector)?.getAttribute('content')
    expect(content('meta[property="og:title"]')).toBe(TRICKY)
    expect(content('meta[name="description"]')).toBe(TRICKY)
    expect(content('meta[property="og:image:alt"]')).toBe(TRICKY)
    expect(content('meta[property="article:tag"]')).toBe('Food & Drink')
  })

  it('never writes an empty content attribute: missing values leave their tag out', () => {
    const tags = buildPostHeadTags(
      {title: '  ', slug: 'x', excerpt: ' ', authors: [{name: '', slug: null}]},
      {
        ...options,
        site: {name: 'N', url: 'https://n.example'},
      },
    )
    expect(tags).toEqual([
      {tag: 'link', rel: 'canonical', href: 'https://n.example/posts/x'},
      {tag: 'meta', property: 'og:type', content: 'article'},
      {tag: 'meta', property: 'og:site_name', content: 'N'},
      {tag: 'meta', property: 'og:title', content: 'Untitled post'},
      {tag: 'meta', property: 'og:url', content: 'https://n.example/posts/x'},
      {tag: 'meta', name: 'twitter:card', content: 'summary'},
    ])
    expect(renderHeadTags(tags)).not.toMatch(/content=""/)
  })

  it('builds any page’s head with its feeds', () => {
    const tags = buildPageHeadTags(
      {
        title: 'AI',
        url: 'https://n.example/tags/ai',
        alternates: [
          {
            type: 'application/rss+xml',
            title: 'AI (RSS)',
            href: 'https://n.example/tags/ai/feed.xml',
          },
        ],
      },
      {name: 'N'},
    )
    expect(renderHeadTags(tags).split('\n')).toEqual([
      '<link rel="canonical" href="https://n.example/tags/ai">',
      '<meta property="og:type" content="website">',
      '<meta property="og:site_name" content="N">',
      '<meta property="og:title" content="AI">',
      '<meta property="og:url" content="https://n.example/tags/ai">',
      '<meta name="twitter:card" content="summary">',
      '<link rel="alternate" type="application/rss+xml" title="AI (RSS)" href="https://n.example/tags/ai/feed.xml">',
    ])
  })
})
