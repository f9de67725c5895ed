/**
 * The reader site's reach over the demo content (the real article the publication is moving off,
 * scripts/seed-content.ts): the seed article's feed items, JSON-LD and head tags asserted
 * exactly, read back with an XML parser, JSON.parse and an HTML parser; every feed and sitemap
 * well-formed; a hostile title escaped in each format; a post without hero, excerpt or author.
 */
import {createRequire} from 'node:module'

import {afterEach, describe, expect, it, vi} from 'vitest'

import type {FixtureDocument} from '../fixtures/queries/dataset.ts'
import {createWebApp, type WebAppOptions} from '../../web/app.tsx'
import {createFixtureClient} from '../support/fixture-client.ts'
import {seedFixtureDocuments, SEED_WRITTEN_AT} from '../support/seed-fixture.ts'

// jsdom ships no types; this is the one constructor the tests use. Its XML parser throws on a
// document that is not well-formed.
const {JSDOM} = createRequire(import.meta.url)('jsdom') as {
  JSDOM: new (markup: string, options?: {contentType?: string}) => {window: {document: Document}}
}

const SITE = 'https://news.example.com'
const ARTICLE_ID = 'post-mistral-ai-defense'
const ARTICLE_SLUG = 'mistral-ai-powers-frances-new-defense-era'
const ARTICLE_URL = `${SITE}/posts/${ARTICLE_SLUG}`
const TITLE = 'Mistral AI Powers France’s New Defense Era'
const EXCERPT =
  'Mistral ai just vaulted from European startup star to strategic cornerstone of French defense. France’s Ministry of the Armed Forces has signed a landmark multiyear deal, reported near $14 billion, to embed mistral ai models across intelligence, logistics, and operational planning.'
const HERO_ALT =
  'Mistral AI transforms France’s defense capabilities in modern military technology.'
const HERO_FILE =
  'https://cdn.sanity.io/images/fixture/production/8fa9cbec96287a14b90515b5cebc0550bab99e10-1200x675.png'
/** The hero as the social card and feed enclosure: 1200 × 630 around the centre. */
const HERO_CARD = `${HERO_FILE}?rect=0,23,1200,630&w=1200&h=630&fit=crop`
const CAMILLE_URL = `${SITE}/authors/camille-laurent`
const LOGO = {url: `${SITE}/logo.png`, width: 600, height: 60}
/** Angle brackets, an ampersand, both quotes, and what would end a script or a CDATA section. */
const HOSTILE = `Fish & "Chips" <b>'n'</b> </script> ]]> <!-- &amp;`

const DUBLIN_CORE = 'http://purl.org/dc/elements/1.1/'

const FEEDS = ['/feed', '/tags/ai/feed', '/authors/camille-laurent/feed']

function site(documents = seedFixtureDocuments(), options: Partial<WebAppOptions> = {}) {
  const errors: unknown[] = []
  const app = createWebApp({
    client: createFixtureClient({}, documents).client,
    siteUrl: SITE,
    siteLogo: {url: '/logo.png', width: 600, height: 60},
    logError: (error) => errors.push(error),
    ...options,
  })
  return {app, errors}
}

/** The seed documents with the article changed by `change`. */
function withArticle(change: (article: FixtureDocument) => FixtureDocument): FixtureDocument[] {
  return seedFixtureDocuments().map((doc) => (doc._id === ARTICLE_ID ? change(doc) : doc))
}

async function get(app: ReturnType<typeof site>['app'], path: string) {
  const response = await app.request(path)
  expect(response.status, path).toBe(200)
  return {response, text: await response.text()}
}

/** Parses XML, throwing on anything that is not well-formed. */
const xml = (text: string) => new JSDOM(text, {contentType: 'application/xml'}).window.document
const html = (text: string) => new JSDOM(text).window.document

const childText = (element: Element | undefined, name: string) =>
  [...(element?.children ?? [])].filter((child) => child.tagName === name).map((c) => c.textContent)

/** `<head>` meta and link tags, in order, as [attribute, name, value] rows. */
function headRows(document: Document) {
  return [
    ...document.head.querySelectorAll('meta[content], link[rel]:not([rel="stylesheet"])'),
  ].map((tag) =>
    tag.tagName === 'META'
      ? [tag.getAttribute('property') ?? tag.getAttribute('name'), tag.getAttribute('content')]
      : [
          `link ${tag.getAttribute('rel')}${tag.getAttribute('type') ? ` ${tag.getAttribute('type')}` : ''}`,
          tag.getAttribute('href'),
        ],
  )
}

function jsonLdOf(document: Document): {
  '@context': string
  '@graph': Array<Record<string, unknown>>
} {
  const scripts = document.querySelectorAll('script[type="application/ld+json"]')
  expect(scripts).toHaveLength(1)
  return JSON.parse(scripts[0]?.textContent ?? '')
}

afterEach(() => {
  vi.useRealTimers()
})

describe('the seed article', () => {
  it('is item two of the site feed in RSS: title, link, dates, summary, author, tags, hero', async () => {
    const {app} = site()
    const {response, text} = await get(app, '/feed.xml')
    expect(response.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8')
    const document = xml(text)
    const channel = document.querySelector('rss > channel')
    expect(childText(channel ?? undefined, 'title')).toEqual(['Newsroom'])
    expect(childText(channel ?? undefined, 'link')).toEqual([`${SITE}/`])
    expect(document.querySelector('channel > image > url')?.textContent).toBe(LOGO.url)
    const self = [...document.getElementsByTagNameNS('http://www.w3.org/2005/Atom', 'link')]
    expect(self.map((link) => [link.getAttribute('rel'), link.getAttribute('href')])).toEqual([
      ['self', `${SITE}/feed.xml`],
    ])
    const items = [...document.querySelectorAll('item')]
    expect(items.map((item) => item.querySelector('title')?.textContent)).toEqual([
      'Trump, Powell, Oil: Context Behind Calm Markets',
      TITLE,
      'Powell, Trump, DOJ: The High-Stakes Content Context',
    ])
    const item = items[1]
    expect({
      title: childText(item, 'title'),
      link: childText(item, 'link'),
      guid: childText(item, 'guid'),
      pubDate: childText(item, 'pubDate'),
      description: childText(item, 'description'),
      // RSS 2.0's <author> is an e-mail address: names go in Dublin Core's <dc:creator>.
      author: childText(item, 'author'),
      creators: [...(item?.getElementsByTagNameNS(DUBLIN_CORE, 'creator') ?? [])].map(
        (creator) => creator.textContent,
      ),
      category: [...(item?.querySelectorAll('category') ?? [])].map((c) => [
        c.textContent,
        c.getAttribute('domain'),
      ]),
      enclosure: ['url', 'type', 'length'].map((name) =>
        item?.querySelector('enclosure')?.getAttribute(name),
      ),
    }).toEqual({
      title: [TITLE],
      link: [ARTICLE_URL],
      guid: [ARTICLE_URL],
      pubDate: ['Wed, 25 Nov 2026 09:00:00 GMT'],
      description: [EXCERPT],
      author: [],
      creators: ['Camille Laurent'],
      category: [
        ['AI', `${SITE}/tags/ai`],
        ['Defense', `${SITE}/tags/defense`],
        ['Europe', `${SITE}/tags/europe`],
      ],
      enclosure: [HERO_CARD, 'image/png', '0'],
    })
  })

  it('is an Atom entry and a JSON Feed item with the same facts', async () => {
    const {app} = site()
    const atom = xml((await get(app, '/feed.atom')).text)
    const entry = atom.querySelectorAll('entry')[1]
    expect({
      title: childText(entry, 'title'),
      id: childText(entry, 'id'),
      links: [...(entry?.querySelectorAll('link') ?? [])].map((link) => [
        link.getAttribute('rel'),
        link.getAttribute('href'),
        link.getAttribute('type'),
      ]),
      updated: childText(entry, 'updated'),
      published: childText(entry, 'published'),
      summary: childText(entry, 'summary'),
      author: [...(entry?.querySelectorAll('author') ?? [])].map((a) => [
        a.querySelector('name')?.textContent,
        a.querySelector('uri')?.textContent,
      ]),
      category: [...(entry?.querySelectorAll('category') ?? [])].map((c) =>
        c.getAttribute('label'),
      ),
    }).toEqual({
      title: [TITLE],
      id: [ARTICLE_URL],
      links: [
        [null, ARTICLE_URL, null],
        ['enclosure', HERO_CARD, 'image/png'],
      ],
      updated: [SEED_WRITTEN_AT],
      published: ['2026-11-25T09:00:00.000Z'],
      summary: [EXCERPT],
      author: [['Camille Laurent', CAMILLE_URL]],
      category: ['AI', 'Defense', 'Europe'],
    })

    const {response, text} = await get(app, '/feed.json')
    expect(response.headers.get('content-type')).toBe('application/feed+json; charset=utf-8')
    const json = JSON.parse(text) as {
      version: string
      language: string
      feed_url: string
      items: unknown[]
    }
    expect(json.version).toBe('https://jsonfeed.org/version/1.1')
    expect(json.language).toBe('en')
    expect(json.feed_url).toBe(`${SITE}/feed.json`)
    expect(json.items[1]).toEqual({
      id: ARTICLE_URL,
      url: ARTICLE_URL,
      title: TITLE,
      content_html: EXCERPT,
      image: HERO_CARD,
      date_modified: SEED_WRITTEN_AT,
      date_published: '2026-11-25T09:00:00.000Z',
      author: {name: 'Camille Laurent', url: CAMILLE_URL},
      authors: [{name: 'Camille Laurent', url: CAMILLE_URL}],
      tags: ['AI', 'Defense', 'Europe'],
    })
  })

  it('has a NewsArticle and a BreadcrumbList as JSON-LD', async () => {
    const {app} = site()
    const document = html((await get(app, `/posts/${ARTICLE_SLUG}`)).text)
    expect(jsonLdOf(document)).toEqual({
      '@context': 'https://schema.org',
      '@graph': [
        {
          '@type': 'NewsArticle',
          '@id': `${ARTICLE_URL}#article`,
          headline: TITLE,
          description: EXCERPT,
          url: ARTICLE_URL,
          mainEntityOfPage: {'@type': 'WebPage', '@id': ARTICLE_URL},
          // 16:9, 4:3 and 1:1 around the centre of the 1200 × 675 hero.
          image: [
            `${HERO_FILE}?w=1200&h=675&fit=crop`,
            `${HERO_FILE}?rect=150,0,900,675&w=1200&h=900&fit=crop`,
            `${HERO_FILE}?rect=263,0,675,675&w=1200&h=1200&fit=crop`,
          ],
          datePublished: '2026-11-25T09:00:00.000Z',
          dateModified: SEED_WRITTEN_AT,
          author: [{'@type': 'Person', name: 'Camille Laurent', url: CAMILLE_URL}],
          publisher: {'@id': `${SITE}/#publisher`},
          wordCount: 1501,
          timeRequired: 'PT7M42S',
          keywords: ['AI', 'Defense', 'Europe'],
          inLanguage: 'en',
        },
        {
          '@type': 'BreadcrumbList',
          itemListElement: [
            {'@type': 'ListItem', position: 1, name: 'Newsroom', item: `${SITE}/`},
            {'@type': 'ListItem', position: 2, name: 'AI', item: `${SITE}/tags/ai`},
            {'@type': 'ListItem', position: 3, name: TITLE, item: ARTICLE_URL},
          ],
        },
        {
          '@type': 'Organization',
          '@id': `${SITE}/#publisher`,
          name: 'Newsroom',
          url: `${SITE}/`,
          logo: {'@type': 'ImageObject', url: LOGO.url, width: '600', height: '60'},
        },
      ],
    })
  })

  it('has a canonical URL, a description, Open Graph with article:* and a large Twitter card', async () => {
    const {app} = site()
    const document = html((await get(app, `/posts/${ARTICLE_SLUG}`)).text)
    expect(document.title).toBe(`${TITLE} · Newsroom`)
    expect(headRows(document)).toEqual([
      ['viewport', 'width=device-width, initial-scale=1'],
      ['link canonical', ARTICLE_URL],
      ['description', EXCERPT],
      ['og:type', 'article'],
      ['og:site_name', 'Newsroom'],
      ['og:title', TITLE],
      ['og:description', EXCERPT],
      ['og:url', ARTICLE_URL],
      ['og:image', HERO_CARD],
      ['og:image:width', '1200'],
      ['og:image:height', '630'],
      ['og:image:alt', HERO_ALT],
      ['article:published_time', '2026-11-25T09:00:00.000Z'],
      ['article:modified_time', SEED_WRITTEN_AT],
      ['article:author', CAMILLE_URL],
      ['article:tag', 'AI'],
      ['article:tag', 'Defense'],
      ['article:tag', 'Europe'],
      ['twitter:card', 'summary_large_image'],
      ['twitter:image:alt', HERO_ALT],
      ['link alternate application/rss+xml', `${SITE}/feed.xml`],
      ['link alternate application/atom+xml', `${SITE}/feed.atom`],
      ['link alternate application/feed+json', `${SITE}/feed.json`],
    ])
  })

  it('takes the "Search & social" fields over the title, excerpt and hero', async () => {
    const {app} = site(
      withArticle((article) => ({
        ...article,
        seo: {
          title: 'Mistral and the French army',
          description: 'A deal worth $14 billion.',
          image: {...(article.heroImage as object), alt: 'A social card.'},
        },
      })),
    )
    const document = html((await get(app, `/posts/${ARTICLE_SLUG}`)).text)
    const rows = Object.fromEntries(headRows(document).map(([key, value]) => [key, value]))
    expect(rows).toMatchObject({
      'og:title': 'Mistral and the French army',
      description: 'A deal worth $14 billion.',
      'og:image:alt': 'A social card.',
    })
    // The page and the JSON-LD headline keep the article's own title.
    expect(document.querySelector('h1')?.textContent).toBe(TITLE)
    expect(jsonLdOf(document)['@graph'][0]?.headline).toBe(TITLE)
  })
})

describe('the byline and author pages', () => {
  it('links the byline to the author page, which lists their posts and feeds', async () => {
    const {app} = site()
    const post = html((await get(app, `/posts/${ARTICLE_SLUG}`)).text)
    const byline = post.querySelector('.byline')
    expect(byline?.textContent).toBe('By Camille Laurent')
    expect(byline?.querySelector('a')?.getAttribute('href')).toBe('/authors/camille-laurent')

    const page = html((await get(app, '/authors/camille-laurent')).text)
    expect(page.querySelector('h1')?.textContent).toBe('Camille Laurent')
    expect(page.querySelector('.kicker')?.textContent).toBe('Defense correspondent')
    expect([...page.querySelectorAll('.card-title a')].map((a) => a.getAttribute('href'))).toEqual([
      `/posts/${ARTICLE_SLUG}`,
    ])
    expect(
      headRows(page)
        .filter(([key]) => String(key).startsWith('link alternate'))
        .slice(0, 3),
    ).toEqual([
      ['link alternate application/rss+xml', `${CAMILLE_URL}/feed.xml`],
      ['link alternate application/atom+xml', `${CAMILLE_URL}/feed.atom`],
      ['link alternate application/feed+json', `${CAMILLE_URL}/feed.json`],
    ])
  })

  it('names every author of a two-author post in each feed format', async () => {
    const {app} = site(
      withArticle((article) => ({
        ...article,
        authors: [
          ...((article.authors as object[] | undefined) ?? []),
          {_type: 'reference', _ref: 'author-jonas-weber', _key: 'second-author'},
        ],
      })),
    )
    const both = ['Camille Laurent', 'Jonas Weber']
    const rssItem = xml((await get(app, '/feed.xml')).text).querySelectorAll('item')[1]
    expect(
      [...(rssItem?.getElementsByTagNameNS(DUBLIN_CORE, 'creator') ?? [])].map(
        (c) => c.textContent,
      ),
    ).toEqual(both)
    const entry = xml((await get(app, '/feed.atom')).text).querySelectorAll('entry')[1]
    expect([...(entry?.querySelectorAll('author > name') ?? [])].map((n) => n.textContent)).toEqual(
      both,
    )
    const json = JSON.parse((await get(app, '/feed.json')).text) as {
      items: Array<{authors?: Array<{name: string; url?: string}>}>
    }
    expect(json.items[1]?.authors).toEqual([
      {name: 'Camille Laurent', url: CAMILLE_URL},
      {name: 'Jonas Weber', url: `${SITE}/authors/jonas-weber`},
    ])
  })

  it('pages through an author’s posts with a cursor', async () => {
    const {app} = site(undefined, {pageSize: 1})
    const first = html((await get(app, '/authors/jonas-weber')).text)
    expect(first.querySelector('.listing-count')?.textContent).toBe('2 posts')
    expect(first.querySelector('.card-title')?.textContent).toBe(
      'Trump, Powell, Oil: Context Behind Calm Markets',
    )
    const next = first.querySelector('a[rel="next"]')?.getAttribute('href') ?? ''
    expect(next).toMatch(/^\/authors\/jonas-weber\?cursor=/)
    const second = html((await get(app, next)).text)
    expect(second.querySelector('.card-title')?.textContent).toBe(
      'Powell, Trump, DOJ: The High-Stakes Content Context',
    )
    expect(second.querySelector('a[rel="next"]')).toBeNull()
  })

  it('answers 404 for an unknown author, its feeds and an unknown tag’s feeds', async () => {
    const {app} = site()
    for (const path of ['/authors/nobody', '/authors/nobody/feed.xml', '/tags/nope/feed.json']) {
      expect((await app.request(path)).status, path).toBe(404)
    }
  })
})

describe('every feed and sitemap', () => {
  it('is well-formed, with absolute links on the site URL only', async () => {
    const {app} = site()
    for (const base of FEEDS) {
      const rss = xml((await get(app, `${base}.xml`)).text)
      expect(rss.documentElement.tagName, base).toBe('rss')
      const atom = xml((await get(app, `${base}.atom`)).text)
      expect(atom.documentElement.namespaceURI).toBe('http://www.w3.org/2005/Atom')
      const json = JSON.parse((await get(app, `${base}.json`)).text) as {
        items: Array<{url: string}>
      }
      expect(json.items.length).toBeGreaterThan(0)
      for (const item of json.items) expect(item.url.startsWith(`${SITE}/posts/`)).toBe(true)
    }
    const index = xml((await get(app, '/sitemap-index.xml')).text)
    expect([...index.querySelectorAll('sitemap > loc')].map((loc) => loc.textContent)).toEqual([
      `${SITE}/sitemap.xml`,
      `${SITE}/news-sitemap.xml`,
    ])
    const pages = xml((await get(app, '/sitemap.xml')).text)
    expect([...pages.querySelectorAll('loc')].map((loc) => loc.textContent)).toEqual([
      `${SITE}/`,
      CAMILLE_URL,
      `${SITE}/authors/jonas-weber`,
      ARTICLE_URL,
      `${SITE}/posts/powell-trump-doj-the-high-stakes-content-context`,
      `${SITE}/posts/trump-powell-oil-context-behind-calm-markets`,
      `${SITE}/tags/ai`,
      `${SITE}/tags/defense`,
      `${SITE}/tags/europe`,
    ])
    const robots = await get(app, '/robots.txt')
    expect(robots.response.headers.get('content-type')).toBe('text/plain; charset=utf-8')
    expect(robots.text).toBe(
      `User-agent: *\nAllow: /\nDisallow: /api/\n\nSitemap: ${SITE}/sitemap-index.xml\n`,
    )
  })

  it('lists in the news sitemap the posts of the last two days, as Google News reads them', async () => {
    vi.useFakeTimers({toFake: ['Date'], now: new Date('2026-11-26T12:00:00.000Z')})
    const {app} = site()
    const news = xml((await get(app, '/news-sitemap.xml')).text)
    const NEWS = 'http://www.google.com/schemas/sitemap-news/0.9'
    const urls = [...news.querySelectorAll('url')]
    const text = (url: Element, name: string) =>
      url.getElementsByTagNameNS(NEWS, name)[0]?.textContent
    expect(
      urls.map((url) => [
        url.querySelector('loc')?.textContent,
        text(url, 'name'),
        text(url, 'language'),
        text(url, 'publication_date'),
        text(url, 'title'),
      ]),
    ).toEqual([
      [
        `${SITE}/posts/trump-powell-oil-context-behind-calm-markets`,
        'Newsroom',
        'en',
        '2026-11-26T09:00:00.000Z',
        'Trump, Powell, Oil: Context Behind Calm Markets',
      ],
      [ARTICLE_URL, 'Newsroom', 'en', '2026-11-25T09:00:00.000Z', TITLE],
    ])
    // A week later nothing is news: an empty, valid sitemap.
    vi.setSystemTime(new Date('2026-12-03T12:00:00.000Z'))
    expect(xml((await get(app, '/news-sitemap.xml')).text).querySelectorAll('url')).toHaveLength(0)
  })
})

describe('a title with <, & and quotes', () => {
  const hostile = () =>
    site(withArticle((article) => ({...article, title: HOSTILE, excerpt: HOSTILE})))

  it('round-trips escaped in RSS, Atom, JSON Feed, the news sitemap, JSON-LD and the head', async () => {
    vi.useFakeTimers({toFake: ['Date'], now: new Date('2026-11-26T12:00:00.000Z')})
    const {app} = hostile()
    const rss = xml((await get(app, '/feed.xml')).text)
    const rssItem = rss.querySelectorAll('item')[1]
    expect(childText(rssItem, 'title')).toEqual([HOSTILE])
    // The description is HTML (as readers treat it): the text escaped once.
    expect(html(childText(rssItem, 'description')[0] ?? '').body.textContent).toBe(HOSTILE)

    // Atom's title and summary are `type="html"`: escaped HTML that reads back as the text.
    const atomEntry = xml((await get(app, '/feed.atom')).text).querySelectorAll('entry')[1]
    expect(html(childText(atomEntry, 'title')[0] ?? '').body.textContent).toBe(HOSTILE)
    expect(html(childText(atomEntry, 'summary')[0] ?? '').body.textContent).toBe(HOSTILE)

    const json = JSON.parse((await get(app, '/feed.json')).text) as {
      items: Array<{title: string; content_html: string}>
    }
    expect(json.items[1]?.title).toBe(HOSTILE)
    expect(html(json.items[1]?.content_html ?? '').body.textContent).toBe(HOSTILE)

    const news = xml((await get(app, '/news-sitemap.xml')).text)
    expect(
      news.getElementsByTagNameNS('http://www.google.com/schemas/sitemap-news/0.9', 'title')[1]
        ?.textContent,
    ).toBe(HOSTILE)

    const page = html((await get(app, `/posts/${ARTICLE_SLUG}`)).text)
    expect(page.title).toBe(`${HOSTILE} · Newsroom`)
    expect(jsonLdOf(page)['@graph'][0]?.headline).toBe(HOSTILE)
    const content = (selector: string) => page.querySelector(selector)?.getAttribute('content')
    expect(content('meta[property="og:title"]')).toBe(HOSTILE)
    expect(content('meta[name="description"]')).toBe(HOSTILE)
    // Nothing of the title closed the JSON-LD script early or opened an element.
    expect(page.querySelectorAll('b')).toHaveLength(0)
    expect(page.querySelectorAll('script')).toHaveLength(1)
  })
})

describe('a post without hero, excerpt or author', () => {
  const bare = () =>
    site(
      withArticle(
        ({heroImage: _hero, excerpt: _excerpt, authors: _authors, ...article}) => article,
      ),
      {siteLogo: undefined},
    )

  it('still has valid feeds, JSON-LD and head tags, with the fallbacks and no empty attribute', async () => {
    const {app, errors} = bare()
    const rssItem = xml((await get(app, '/feed.xml')).text).querySelectorAll('item')[1]
    expect(childText(rssItem, 'title')).toEqual([TITLE])
    // No excerpt: the first paragraph, cut to 300 characters.
    const description = childText(rssItem, 'description')[0] ?? ''
    expect(description.startsWith('www.alliance2k.org – Mistral ai just vaulted')).toBe(true)
    expect([...description].length).toBeLessThanOrEqual(300)
    expect(rssItem?.querySelector('enclosure')).toBeNull()
    expect(childText(rssItem, 'author')).toEqual([])
    expect(rssItem?.getElementsByTagNameNS(DUBLIN_CORE, 'creator')).toHaveLength(0)
    xml((await get(app, '/feed.atom')).text)
    const json = JSON.parse((await get(app, '/feed.json')).text) as {items: Array<object>}
    expect(json.items[1]).not.toHaveProperty('image')
    expect(json.items[1]).not.toHaveProperty('author')
    expect(json.items[1]).not.toHaveProperty('authors')

    const page = html((await get(app, `/posts/${ARTICLE_SLUG}`)).text)
    expect(page.querySelector('.byline')).toBeNull()
    for (const tag of page.querySelectorAll('meta')) {
      if (tag.hasAttribute('content')) expect(tag.getAttribute('content')?.trim()).not.toBe('')
    }
    const rows = Object.fromEntries(headRows(page).map(([key, value]) => [key, value]))
    expect(rows['description']).toBe(
      'www.alliance2k.org – Mistral ai just vaulted from European startup star to strategic cornerstone of French defense. France’s Ministry of the Armed Forces has…',
    )
    expect(rows['twitter:card']).toBe('summary')
    expect(rows).not.toHaveProperty('og:image')
    expect(rows).not.toHaveProperty('article:author')
    const article = jsonLdOf(page)['@graph'][0]
    // The publication is the author; no image is better than a made-up one.
    expect(article?.author).toEqual([{'@id': `${SITE}/#publisher`}])
    expect(article).not.toHaveProperty('image')
    expect(errors).toEqual([])
  })
})
