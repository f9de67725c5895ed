import {createRequire} from 'node:module'

import {createClient, type SanityClient} from '@sanity/client'
import {describe, expect, it, vi} from 'vitest'

import {FIXTURE_IMAGES, publishedDocuments} from '../tests/fixtures/queries/dataset.ts'
import {createWebApp, type WebAppOptions} from './app.tsx'
import {createFixtureClient} from '../tests/support/fixture-client.ts'

// jsdom ships no types; this is the one constructor the tests use.
const {JSDOM} = createRequire(import.meta.url)('jsdom') as {
  JSDOM: new (markup: string, options?: {contentType?: string}) => {window: {document: Document}}
}

const ARTICLE = '/posts/mistral-ai-powers-frances-new-defense-era'
/** The site's public origin in these tests: where `app.request()` sends requests. */
const SITE_URL = 'http://localhost'
const WIDE_SHA1 = FIXTURE_IMAGES.wide.id.split('-')[1]

function setup(options: {pageSize?: number; siteUrl?: string} = {}) {
  const fixture = createFixtureClient()
  const errors: unknown[] = []
  const app = createWebApp({
    siteUrl: SITE_URL,
    client: fixture.client,
    logError: (error) => errors.push(error),
    ...options,
  })
  return {app, fixture, errors}
}

async function page(app: ReturnType<typeof setup>['app'], path: string, init?: RequestInit) {
  const response = await app.request(path, init)
  const html = await response.text()
  return {response, html, document: new JSDOM(html).window.document}
}

const texts = (nodes: Iterable<Element>) => [...nodes].map((node) => node.textContent?.trim())

describe('the post page', () => {
  it('shows the article: one h1, the hero with alt and size, body, tags, previous and next', async () => {
    const {app, fixture} = setup()
    const {response, html, document} = await page(app, ARTICLE)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/html; charset=UTF-8')
    expect(response.headers.get('cache-control')).toBe(
      'public, max-age=60, stale-while-revalidate=600',
    )
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true)
    expect(document.documentElement.getAttribute('lang')).toBe('en')
    expect(document.querySelectorAll('[lang]')).toHaveLength(1)
    expect(document.title).toBe('Mistral AI Powers France’s New Defense Era · Newsroom')
    expect(texts(document.querySelectorAll('h1'))).toEqual([
      'Mistral AI Powers France’s New Defense Era',
    ])
    expect(document.querySelector('time')?.getAttribute('datetime')).toBe(
      '2026-11-25T09:00:00.000Z',
    )
    expect(document.querySelector('time')?.textContent).toBe('November 25, 2026')

    // The editor's crop keeps 1200 × 608 of the 1200 × 675 original; never upscaled.
    const hero = document.querySelector('.hero img')
    expect(hero?.getAttribute('alt')).toBe('A French Navy frigate at sea.')
    expect([hero?.getAttribute('width'), hero?.getAttribute('height')]).toEqual(['1200', '608'])
    expect(hero?.getAttribute('src')).toBe(
      `https://cdn.sanity.io/images/fixture/production/${WIDE_SHA1}-1200x675.png?rect=0,0,1200,608&w=1200&auto=format`,
    )
    expect(
      hero
        ?.getAttribute('srcset')
        ?.split(', ')
        .map((c) => c.split(' ')[1]),
    ).toEqual(['640w', '960w', '1200w'])
    expect(hero?.getAttribute('fetchpriority')).toBe('high')
    expect(document.querySelector('.hero figcaption')?.textContent).toBe(
      'The frigate Normandie, 2025.',
    )

    const body = document.querySelector('.article-body')
    expect(texts(body?.querySelectorAll('h2') ?? [])).toEqual(['What the deal covers'])
    const link = body?.querySelector('a')
    expect(link?.outerHTML).toBe(
      '<a href="https://mistral.ai" target="_blank" rel="noopener noreferrer">announcement</a>',
    )
    const inline = body?.querySelector('figure img')
    expect(inline?.getAttribute('alt')).toBe('Engineers at a console.')
    expect([inline?.getAttribute('width'), inline?.getAttribute('height')]).toEqual(['800', '600'])
    expect(inline?.getAttribute('loading')).toBe('lazy')

    const tags = [...document.querySelectorAll('.tags a')]
    expect(tags.map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['AI', '/tags/ai'],
      ['défense', '/tags/defense'],
      ['Europe', '/tags/europe'],
    ])

    const previous = document.querySelector('a[rel="prev"]')
    expect(previous?.getAttribute('href')).toBe(
      '/posts/powell-trump-doj-the-high-stakes-content-context',
    )
    expect(previous?.textContent).toBe(
      'Previous postPowell, Trump, DOJ: The High-Stakes Content Context',
    )
    const next = document.querySelector('a[rel="next"]')
    expect(next?.getAttribute('href')).toBe('/posts/trump-powell-oil-context-behind-calm-markets')
    expect(next?.textContent).toBe('Next postTrump, Powell, Oil: Context Behind Calm Markets')
    const nextImage = next?.querySelector('img')
    expect(nextImage?.getAttribute('alt')).toBe('An oil tanker at dusk.')
    expect([nextImage?.getAttribute('width'), nextImage?.getAttribute('height')]).toEqual([
      '640',
      '360',
    ])

    // Every image reserves its space; the page ships no script.
    for (const image of document.querySelectorAll('img')) {
      expect(image.getAttribute('width')).toMatch(/^\d+$/)
      expect(image.getAttribute('height')).toMatch(/^\d+$/)
      expect(image.hasAttribute('alt')).toBe(true)
    }
    // Structured data is no script that runs.
    expect(document.querySelectorAll('script:not([type="application/ld+json"])')).toHaveLength(0)

    expect(fixture.fetches).toEqual([
      expect.objectContaining({
        params: {slug: 'mistral-ai-powers-frances-new-defense-era'},
        tag: 'web.post',
      }),
    ])
  })

  it('describes the page for search engines and social cards', async () => {
    const {app} = setup({siteUrl: 'https://news.example.com'})
    const {document} = await page(app, ARTICLE)
    const meta = (selector: string) => document.querySelector(selector)?.getAttribute('content')
    expect(meta('meta[name="description"]')).toBe(
      'France’s armed forces sign a framework agreement with Mistral AI.',
    )
    expect(document.querySelector('link[rel="canonical"]')?.getAttribute('href')).toBe(
      `https://news.example.com${ARTICLE}`,
    )
    expect(meta('meta[property="og:image"]')).toMatch(
      /^https:\/\/cdn\.sanity\.io\/images\/fixture\/production\//,
    )
  })

  it('leaves out what a post does not have', async () => {
    const {app} = setup()
    const {response, document} = await page(app, '/posts/same-minute-other-story')
    expect(response.status).toBe(200)
    expect(document.querySelector('h1')?.textContent).toBe('Same Minute, Other Story 🚀')
    // Both links point at posts that are gone or were never published: previous falls back to
    // the post just before; the post just after has no slug, so there is no next link.
    expect(document.querySelector('a[rel="prev"]')?.getAttribute('href')).toBe(
      '/posts/trump-powell-oil-context-behind-calm-markets',
    )
    expect(document.querySelector('a[rel="next"]')).toBeNull()
    expect(document.querySelector('.hero')).toBeNull()
    expect(document.querySelector('.article-body')?.innerHTML).toBe('')
    expect(document.querySelector('.read-time')).toBeNull()
  })

  it('shows the read time in the old site’s words: stored, or estimated when missing', async () => {
    const {app} = setup()
    const article = await page(app, ARTICLE)
    expect(texts(article.document.querySelectorAll('.article-meta > *'))).toEqual([
      'November 25, 2026',
      'Read Time: 7 Minute, 39 Second',
    ])
    const estimated = await page(app, '/posts/powell-trump-doj-the-high-stakes-content-context')
    expect(estimated.document.querySelector('.read-time')?.textContent).toBe('Read Time: 17 Second')
  })

  it('is a 404 page for an unknown slug, a draft-only post, or an absurdly long slug', async () => {
    const {app, fixture} = setup()
    for (const path of [
      '/posts/no-such-post',
      '/posts/never-published',
      `/posts/${'a'.repeat(201)}`,
    ]) {
      const {response, document} = await page(app, path)
      expect(response.status).toBe(404)
      expect(response.headers.get('cache-control')).toBe('public, max-age=60')
      expect(document.querySelector('h1')?.textContent).toBe('Page not found')
      expect(document.querySelector('main a')?.getAttribute('href')).toBe('/')
    }
    expect(fixture.fetches).toHaveLength(2)
  })
})

/** Each reaction button as [name, share, pressed, disabled]. */
const reactionButtons = (document: Document) =>
  [...document.querySelectorAll('.reactions button')].map((button) => [
    button.querySelector('.reaction-name')?.textContent,
    button.querySelector('.reaction-share')?.textContent,
    button.getAttribute('aria-pressed'),
    button.hasAttribute('disabled'),
  ])

/** A write client whose lake never answers: enough to mount the handler and see it fail. */
const WRITE_TOKEN = 'sk-write-token-that-must-stay-on-the-server'
const unreachableWriter = () =>
  createClient({
    projectId: 'fixture',
    dataset: 'production',
    apiHost: 'http://127.0.0.1:9',
    useProjectHostname: false,
    apiVersion: '2025-02-19',
    useCdn: false,
    token: WRITE_TOKEN,
    maxRetries: 0,
  })
const SECRET = 'a-test-secret-of-at-least-32-characters'

describe('the reactions on a post', () => {
  it('shows each kind’s share of the tally, read-only without a write client', async () => {
    const {app} = setup()
    const {response, document} = await page(app, ARTICLE)
    expect(response.headers.get('vary')).toBeNull()
    expect(document.querySelector('#reactions-heading')?.textContent).toBe('Reactions')
    // 3 happy, 1 excited, 2 surprise: 50 %, 17 %, 33 %.
    expect(reactionButtons(document)).toEqual([
      ['Happy', '50 %', 'false', true],
      ['Sad', '0 %', 'false', true],
      ['Excited', '17 %', 'false', true],
      ['Sleepy', '0 %', 'false', true],
      ['Angry', '0 %', 'false', true],
      ['Surprise', '33 %', 'false', true],
    ])
    expect(document.querySelector('.reactions-total')?.textContent).toBe('6 reactions')
    expect(document.querySelector('.reactions form')).toBeNull()
    // Structured data is no script that runs.
    expect(document.querySelectorAll('script:not([type="application/ld+json"])')).toHaveLength(0)
    expect((await app.request('/api/reactions', {method: 'POST'})).status).toBe(404)
  })

  it('shows 0 % everywhere for a post nobody reacted to', async () => {
    const {app} = setup()
    const {document} = await page(app, '/posts/trump-powell-oil-context-behind-calm-markets')
    expect(reactionButtons(document).map(([name, share]) => `${name} ${share}`)).toEqual([
      'Happy 0 %',
      'Sad 0 %',
      'Excited 0 %',
      'Sleepy 0 %',
      'Angry 0 %',
      'Surprise 0 %',
    ])
    expect(document.querySelector('.reactions-total')?.textContent).toBe('No reactions yet')
  })

  it('shows the configured kinds only, in their order, with their emoji hidden from screen readers', async () => {
    const fixture = createFixtureClient()
    const app = createWebApp({
      siteUrl: SITE_URL,
      client: fixture.client,
      reactionKinds: [
        {name: 'surprise', title: 'Wow', emoji: '😮'},
        {name: 'happy', title: 'Joy'},
      ],
    })
    const {document} = await page(app, ARTICLE)
    // 2 surprise and 3 happy: the others' votes are not the site's kinds.
    expect(reactionButtons(document).map(([name, share]) => `${name} ${share}`)).toEqual([
      'Wow 40 %',
      'Joy 60 %',
    ])
    expect(document.querySelector('.reaction-emoji')?.getAttribute('aria-hidden')).toBe('true')
    expect(document.querySelector('.reactions-total')?.textContent).toBe('5 reactions')
  })

  it('with a write client: buttons in a form that posts without JavaScript, and the script', async () => {
    const fixture = createFixtureClient()
    const app = createWebApp({
      siteUrl: SITE_URL,
      client: fixture.client,
      reactions: {client: unreachableWriter(), secret: SECRET, maxAttempts: 1},
      logError: () => undefined,
    })
    const {response, html, document} = await page(app, ARTICLE)
    // Cacheable for readers without cookies; a vote sets one, and then the page varies.
    expect(response.headers.get('cache-control')).toBe(
      'public, max-age=60, stale-while-revalidate=600',
    )
    expect(response.headers.get('vary')).toBe('Cookie')
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'")
    // A browser sends the form post's real Origin (under `no-referrer` it would send `null`,
    // which the handler refuses).
    expect(response.headers.get('referrer-policy')).toBe('same-origin')

    const form = document.querySelector('.reactions form')
    expect([form?.getAttribute('method'), form?.getAttribute('action')]).toEqual([
      'post',
      '/api/reactions',
    ])
    const hidden = [...(form?.querySelectorAll('input[type="hidden"]') ?? [])]
    expect(
      hidden.map((input) => [input.getAttribute('name'), input.getAttribute('value')]),
    ).toEqual([
      ['postId', 'post-article'],
      ['slug', 'mistral-ai-powers-frances-new-defense-era'],
    ])
    expect(reactionButtons(document)[0]).toEqual(['Happy', '50 %', 'false', false])
    const happy = form?.querySelector('button')
    expect([
      happy?.getAttribute('type'),
      happy?.getAttribute('name'),
      happy?.getAttribute('value'),
    ]).toEqual(['submit', 'reaction', 'happy'])
    expect(form?.querySelector('[role="status"]')).not.toBeNull()

    const scripts = [...document.querySelectorAll('script:not([type="application/ld+json"])')]
    expect(scripts.map((script) => script.getAttribute('type'))).toEqual(['module'])
    const src = scripts[0]?.getAttribute('src') ?? ''
    expect(src).toMatch(/^\/assets\/reactions\.[0-9a-f]{12}\.js$/)
    const script = await app.request(src)
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    const code = await script.text()
    expect(code).toContain('function enhanceReactionForm(form,send=fetch)')
    // Bundled with the tally label from the reactions entry point, and nothing else of it.
    expect(code).toContain('"No reactions yet"')
    expect(code).not.toContain('createReactionHandler')
    expect(code.length).toBeLessThan(50_000)

    // The write token stays on the server.
    expect(html).not.toContain(WRITE_TOKEN)
    expect(code).not.toContain(WRITE_TOKEN)
  })

  it('reads a known reader’s tally live, uncached; the CDN’s tally when the live read fails', async () => {
    const fixture = createFixtureClient()
    const errors: unknown[] = []
    const app = createWebApp({
      siteUrl: SITE_URL,
      client: fixture.client,
      reactions: {client: unreachableWriter(), secret: SECRET, maxAttempts: 1},
      logError: (error) => errors.push(error),
    })
    const {response, document} = await page(app, ARTICLE, {
      headers: {cookie: 'newsroom_reader=someone.signed'},
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('private, no-cache')
    expect(response.headers.get('vary')).toBe('Cookie')
    expect(reactionButtons(document)[0]).toEqual(['Happy', '50 %', 'false', false])
    // The handler reported the lake it could not reach; the page did not fail for it.
    expect(errors).toHaveLength(1)
  })

  it('reads every tally through the handler when tallies live in another dataset', async () => {
    const fixture = createFixtureClient()
    const errors: unknown[] = []
    const app = createWebApp({
      siteUrl: SITE_URL,
      client: fixture.client,
      reactions: {client: unreachableWriter(), secret: SECRET, maxAttempts: 1, dataset: 'votes'},
      logError: (error) => errors.push(error),
    })
    // No cookie, yet the live read was tried (the page query's join finds no tally there).
    const {response} = await page(app, ARTICLE)
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe(
      'public, max-age=60, stale-while-revalidate=600',
    )
    expect(errors).toHaveLength(1)
  })

  it('answers a form post it cannot use with a page, before voting', async () => {
    const fixture = createFixtureClient()
    const app = createWebApp({
      siteUrl: SITE_URL,
      client: fixture.client,
      reactions: {client: unreachableWriter(), secret: SECRET, maxAttempts: 1},
      logError: () => undefined,
    })
    const form = (body: string) =>
      page(app, '/api/reactions', {
        method: 'POST',
        headers: {'content-type': 'application/x-www-form-urlencoded'},
        body,
      })
    const noSlug = await form('postId=post-article&reaction=happy')
    expect(noSlug.response.status).toBe(400)
    expect(noSlug.document.querySelector('h1')?.textContent).toBe('Reaction not recorded')
    const huge = await form(`postId=post-article&slug=x&reaction=${'a'.repeat(4000)}`)
    expect(huge.response.status).toBe(413)
    // The handler itself answers anything but a form: JSON errors, 405 for other methods.
    const unknown = await app.request('/api/reactions', {
      method: 'POST',
      headers: {'content-type': 'application/json'},
      body: JSON.stringify({postId: 'post-article', reaction: 'bored'}),
    })
    expect(unknown.status).toBe(400)
    expect(await unknown.json()).toMatchObject({error: {code: 'unknownReaction'}})
    expect((await app.request('/api/reactions', {method: 'PUT'})).status).toBe(405)
  })
})

describe('a refused form vote', () => {
  /** A write client for a lake where no post exists: every vote is refused with 404. */
  const emptyLake = () => {
    const client = {
      config: () => ({dataset: 'production', token: WRITE_TOKEN}),
      withConfig: () => client,
      fetch: async () => [],
      getDocuments: async (ids: string[]) => ids.map(() => null),
    }
    return client as unknown as SanityClient
  }

  it('is never publicly cacheable, a 404 for a post that is gone included', async () => {
    const app = createWebApp({
      client: createFixtureClient().client,
      siteUrl: SITE_URL,
      reactions: {client: emptyLake(), secret: SECRET},
    })
    const {response, document} = await page(app, '/api/reactions', {
      method: 'POST',
      headers: {'content-type': 'application/x-www-form-urlencoded'},
      body: 'postId=post-gone&slug=gone&reaction=happy',
    })
    expect(response.status).toBe(404)
    expect(document.querySelector('h1')?.textContent).toBe('Post not found')
    expect(response.headers.get('cache-control')).toBe('no-store')
  })
})

describe('the reader’s address, for the per-IP limit', () => {
  const appWith = (trustProxy?: number) =>
    createWebApp({
      client: createFixtureClient().client,
      siteUrl: SITE_URL,
      reactions: {
        client: unreachableWriter(),
        secret: SECRET,
        ipRateLimit: {limit: 1, windowSeconds: 60},
        ...(trustProxy === undefined ? {} : {trustProxy}),
      },
      logError: () => undefined,
    })
  /** A vote the handler refuses (400) once it has counted it against the address's budget. */
  const unknownReaction = (app: ReturnType<typeof createWebApp>, forwardedFor: string) =>
    app.request('/api/reactions', {
      method: 'POST',
      headers: {'content-type': 'application/json', 'x-forwarded-for': forwardedFor},
      body: JSON.stringify({postId: 'post-article', reaction: 'bored'}),
    })

  it('believes no X-Forwarded-For unless trustProxy says so: a forged one earns no new budget', async () => {
    const app = appWith()
    expect((await unknownReaction(app, '203.0.113.1')).status).toBe(400)
    expect((await unknownReaction(app, '203.0.113.2')).status).toBe(429)
  })

  it('behind a trusted proxy, gives each reader the budget of the address the proxy saw', async () => {
    const app = appWith(1)
    expect((await unknownReaction(app, '203.0.113.1, 192.0.2.7')).status).toBe(400)
    expect((await unknownReaction(app, '203.0.113.2, 192.0.2.7')).status).toBe(429)
    expect((await unknownReaction(app, '203.0.113.2, 192.0.2.8')).status).toBe(400)
  })
})

describe('the home page', () => {
  it('lists the latest posts, newest first, each linking to its page', async () => {
    const {app} = setup()
    const {response, document} = await page(app, '/')
    expect(response.status).toBe(200)
    expect(document.querySelector('h1')?.textContent).toBe('Latest news')
    const links = [...document.querySelectorAll('.card-title a')]
    expect(links.map((a) => a.getAttribute('href'))).toEqual([
      '/posts/same-minute-other-story',
      '/posts/trump-powell-oil-context-behind-calm-markets',
      ARTICLE,
      '/posts/powell-trump-doj-the-high-stakes-content-context',
    ])
    expect(document.querySelector('.pager')).toBeNull()
    const image = document.querySelector('.card img')
    expect(image?.getAttribute('alt')).toBe('An oil tanker at dusk.')
    expect([image?.getAttribute('width'), image?.getAttribute('height')]).toEqual(['640', '360'])
  })

  it('pages with an "Older posts" link carrying the cursor, until the last page', async () => {
    const {app} = setup({pageSize: 3})
    const first = await page(app, '/')
    const older = first.document.querySelector('.pager a')
    expect(older?.textContent).toBe('Older posts')
    expect(older?.getAttribute('href')).toBe(
      `/?${new URLSearchParams({cursor: '2026-11-25T09:00:00.000Z~post-article'})}`,
    )
    const second = await page(app, older?.getAttribute('href') ?? '')
    expect(second.response.status).toBe(200)
    expect(second.document.querySelector('h1')?.textContent).toBe('Older news')
    expect(texts(second.document.querySelectorAll('.card-title'))).toEqual([
      'Powell, Trump, DOJ: The High-Stakes Content Context',
    ])
    expect(second.document.querySelector('.pager')).toBeNull()
  })

  it('follows every "Older posts" link it writes, a date-only publish date included', async () => {
    const documents = publishedDocuments().map((document) =>
      document._id === 'post-article' ? {...document, publishedAt: '2026-11-25'} : document,
    )
    const app = createWebApp({
      client: createFixtureClient({}, documents).client,
      siteUrl: SITE_URL,
      pageSize: 1,
    })
    const seen: string[] = []
    let href: string | null | undefined = '/'
    while (href) {
      const {response, document} = await page(app, href)
      expect([href, response.status]).toEqual([href, 200])
      seen.push(...texts(document.querySelectorAll('.card-title')))
      href = document.querySelector('.pager a')?.getAttribute('href')
    }
    expect(seen).toHaveLength(4)
    expect(seen).toContain('Mistral AI Powers France’s New Defense Era')
  })

  it('answers 400 to a cursor the site never made', async () => {
    const {app, fixture} = setup()
    const {response, document} = await page(app, '/?cursor=%22%5D%7C*')
    expect(response.status).toBe(400)
    expect(document.querySelector('h1')?.textContent).toBe('Broken page link')
    expect(fixture.fetches).toEqual([])
  })
})

describe('a slug no URL can carry (a lone UTF-16 surrogate)', () => {
  // post-older (the article's previous post) and tag-ai get slugs with a lone surrogate.
  const documents = publishedDocuments().map((document) =>
    document._id === 'post-older'
      ? {...document, slug: {_type: 'slug', current: 'powell-\uD800-broken'}}
      : document._id === 'tag-ai'
        ? {...document, slug: {_type: 'slug', current: 'ai-\uDC00'}}
        : document,
  )
  const app = createWebApp({
    client: createFixtureClient({}, documents).client,
    siteUrl: SITE_URL,
    pageSize: 100,
  })

  it('takes down no page about another document: the sitemap, the listing, the neighbour', async () => {
    for (const path of [
      '/sitemap.xml',
      '/news-sitemap.xml',
      '/feed.xml',
      '/feed.json',
      '/tags/europe/feed.atom',
      '/',
      ARTICLE,
      '/posts/trump-powell-oil-context-behind-calm-markets',
      '/tags/europe',
    ]) {
      const response = await app.request(path)
      expect([path, response.status]).toEqual([path, 200])
      expect(await response.text()).not.toMatch(/\uFFFD|%EF%BF%BD/)
    }
  })

  it('shows the post without a link, and leaves it out of the sitemap', async () => {
    const home = await page(app, '/')
    const card = [...home.document.querySelectorAll('.card')].find((item) =>
      item.textContent?.includes('Powell, Trump, DOJ'),
    )
    expect(card?.querySelector('a')).toBeNull()
    const sitemap = await (await app.request('/sitemap.xml')).text()
    expect(sitemap).toContain('/posts/mistral-ai-powers-frances-new-defense-era')
    expect(sitemap).not.toContain('/posts/powell')
    expect(sitemap).not.toContain('/tags/ai')
    const feed = await (await app.request('/feed.json')).text()
    expect(feed).toContain('/posts/mistral-ai-powers-frances-new-defense-era')
    expect(feed).not.toContain('/posts/powell')
    const article = await page(app, ARTICLE)
    expect(article.document.querySelector('a[rel="prev"]')).toBeNull()
    expect(article.document.querySelector('a[rel="next"]')).not.toBeNull()
  })
})

describe('the tag page', () => {
  it('shows the tag, its description, its post count and its posts', async () => {
    const {app} = setup({pageSize: 2})
    const {response, document} = await page(app, '/tags/europe')
    expect(response.status).toBe(200)
    expect(document.querySelector('h1')?.textContent).toBe('Europe')
    expect(document.querySelector('.standfirst')?.textContent).toBe(
      'European politics, industry and sovereignty.',
    )
    expect(document.querySelector('.listing-count')?.textContent).toBe('3 posts')
    expect(texts(document.querySelectorAll('.card-title'))).toEqual([
      'Trump, Powell, Oil: Context Behind Calm Markets',
      'Mistral AI Powers France’s New Defense Era',
    ])
    const older = document.querySelector('.pager a')?.getAttribute('href') ?? ''
    expect(older.startsWith('/tags/europe?cursor=')).toBe(true)
    const second = await page(app, older)
    expect(texts(second.document.querySelectorAll('.card-title'))).toEqual([
      'Powell, Trump, DOJ: The High-Stakes Content Context',
    ])
  })

  it('says so when a tag has no posts, and is a 404 for an unknown tag', async () => {
    const {app} = setup()
    const unused = await page(app, '/tags/economie')
    expect(unused.response.status).toBe(200)
    expect(unused.document.querySelector('.listing-count')?.textContent).toBe('0 posts')
    expect(unused.document.querySelector('.empty')?.textContent).toBe('No posts yet.')
    expect((await app.request('/tags/no-such-tag')).status).toBe(404)
  })
})

describe('sitemap.xml', () => {
  it('lists the home page, every author, post and tag with absolute URLs', async () => {
    const {app} = setup({siteUrl: 'https://news.example.com'})
    const response = await app.request('/sitemap.xml')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/xml; charset=utf-8')
    const document = new JSDOM(await response.text(), {contentType: 'application/xml'}).window
      .document
    expect(texts(document.querySelectorAll('loc'))).toEqual([
      'https://news.example.com/',
      'https://news.example.com/authors/camille-laurent',
      'https://news.example.com/posts/an-undated-note',
      `https://news.example.com${ARTICLE}`,
      'https://news.example.com/posts/powell-trump-doj-the-high-stakes-content-context',
      'https://news.example.com/posts/same-minute-other-story',
      'https://news.example.com/posts/trump-powell-oil-context-behind-calm-markets',
      'https://news.example.com/tags/ai',
      'https://news.example.com/tags/defense',
      'https://news.example.com/tags/economie',
      'https://news.example.com/tags/europe',
    ])
    expect(document.querySelectorAll('url')[3]?.querySelector('lastmod')?.textContent).toBe(
      '2026-11-25T10:30:00.000Z',
    )
  })

  it('writes the configured site URL, never the request’s Host', async () => {
    const {app} = setup({siteUrl: 'https://news.example.com'})
    const xml = await (
      await app.request('http://attacker.example/sitemap.xml', {
        headers: {host: 'attacker.example', 'x-forwarded-host': 'attacker.example'},
      })
    ).text()
    expect(xml).toContain('<loc>https://news.example.com/</loc>')
    expect(xml).not.toContain('attacker')
    for (const path of ['/', ARTICLE, '/tags/ai']) {
      const {html, document} = await page(app, `http://attacker.example${path}`, {
        headers: {host: 'attacker.example', 'x-forwarded-host': 'attacker.example'},
      })
      expect(document.querySelector('link[rel="canonical"]')?.getAttribute('href')).toBe(
        `https://news.example.com${path}`,
      )
      expect(html).not.toContain('attacker')
    }
  })

  it('refuses to start without a site URL', () => {
    const {client} = createFixtureClient()
    expect(() => createWebApp({client} as unknown as WebAppOptions)).toThrow(
      '[newsroom] Invalid createWebApp option "siteUrl": ',
    )
  })
})

describe('when the lake fails', () => {
  const unreachable = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3334'), {
    code: 'ECONNREFUSED',
  })

  it('answers 503 with a page and Retry-After when the lake is unreachable, 5xx or rate limiting', async () => {
    for (const failure of [
      unreachable,
      Object.assign(new Error('Internal'), {statusCode: 502}),
      Object.assign(new Error('Too many requests'), {statusCode: 429}),
    ]) {
      const {app, fixture, errors} = setup()
      fixture.fail(failure)
      for (const path of [ARTICLE, '/', '/tags/ai', '/sitemap.xml']) {
        const {response, document} = await page(app, path)
        expect(response.status).toBe(503)
        expect(response.headers.get('retry-after')).toBe('30')
        expect(response.headers.get('cache-control')).toBe('no-store')
        expect(document.querySelector('h1')?.textContent).toBe('Temporarily unavailable')
      }
      expect(errors).toHaveLength(4)
    }
  })

  it('logs each error as one line with the method, path, status and error, by default', async () => {
    const fixture = createFixtureClient()
    fixture.fail(unreachable)
    const app = createWebApp({client: fixture.client, siteUrl: SITE_URL})
    const lines: unknown[][] = []
    const spy = vi.spyOn(console, 'error').mockImplementation((...args) => void lines.push(args))
    try {
      expect((await app.request(ARTICLE)).status).toBe(503)
    } finally {
      spy.mockRestore()
    }
    expect(lines).toEqual([
      [
        `web: GET ${ARTICLE} 503 LakeUnavailableError: The content lake did not answer (cause: Error: connect ECONNREFUSED 127.0.0.1:3334)`,
      ],
    ])
  })

  it('recovers as soon as the lake answers again', async () => {
    const {app, fixture} = setup()
    fixture.fail(unreachable)
    expect((await app.request(ARTICLE)).status).toBe(503)
    fixture.fail(undefined)
    expect((await app.request(ARTICLE)).status).toBe(200)
  })

  it('answers 500, not 503, when the lake rejects the query itself', async () => {
    const {app, fixture, errors} = setup()
    fixture.fail(Object.assign(new Error('Query error'), {statusCode: 400}))
    const {response, document} = await page(app, ARTICLE)
    expect(response.status).toBe(500)
    expect(document.querySelector('h1')?.textContent).toBe('Something went wrong')
    expect(errors).toHaveLength(1)
  })
})

describe('reading the lake', () => {
  it('reads published content through the CDN, whatever the client was configured with', async () => {
    const fixture = createFixtureClient({useCdn: false, perspective: 'raw'})
    const app = createWebApp({client: fixture.client, siteUrl: SITE_URL})
    expect((await app.request(ARTICLE)).status).toBe(200)
    expect(fixture.fetches[0]?.config).toMatchObject({useCdn: true, perspective: 'published'})
  })

  it('refuses a client with a token, so none can reach a page', () => {
    const client = createClient({
      projectId: 'p',
      dataset: 'production',
      apiVersion: '2025-02-19',
      token: 'sk-secret',
      useCdn: false,
    })
    expect(() => createWebApp({client, siteUrl: SITE_URL})).toThrow(
      '[newsroom] The reader site reads published content without a token',
    )
  })
})

describe('caching', () => {
  it('serves the stylesheet the pages link, under a content hash, cached for a year', async () => {
    const {app} = setup()
    const {document} = await page(app, '/')
    const href = document.querySelector('link[rel="stylesheet"]')?.getAttribute('href') ?? ''
    expect(href).toMatch(/^\/assets\/site\.[0-9a-f]{12}\.css$/)
    const css = await app.request(href)
    expect(css.status).toBe(200)
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8')
    expect(css.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(await css.text()).toContain('.article-body')
    expect((await app.request('/assets/site.000000000000.css')).status).toBe(404)
  })

  it('answers 304 to a browser revalidating an unchanged page', async () => {
    const {app} = setup()
    const etag = (await app.request(ARTICLE)).headers.get('etag') ?? ''
    expect(etag).toMatch(/^"[0-9a-f]+"$/)
    const again = await app.request(ARTICLE, {headers: {'if-none-match': etag}})
    expect(again.status).toBe(304)
    expect(await again.text()).toBe('')
  })
})
