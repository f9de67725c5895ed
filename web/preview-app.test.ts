/**
 * Preview mode in the reader site, in process: entered only through the Studio's preview URL
 * secret (checked with the read token), kept in a signed cookie, drafts over published, never
 * cached, indexed or framed but by the Studio; a forged cookie is the public page.
 */
import {createRequire} from 'node:module'

import {describe, expect, it} from 'vitest'

import {estimateReadTime, formatReadTime} from 'sanity-plugin-newsroom/read-time'
import {FIXTURE_DOCUMENTS, type FixtureDocument} from '../tests/fixtures/queries/dataset.ts'
import {createFixtureClient, createFixtureTokenClient} from '../tests/support/fixture-client.ts'
import {createWebApp} from './app.tsx'
import {PREVIEW_COOKIE, signPreviewSession} from './preview.ts'

const {JSDOM} = createRequire(import.meta.url)('jsdom') as {
  JSDOM: new (markup: string) => {window: {document: Document}}
}

const ARTICLE = '/posts/mistral-ai-powers-frances-new-defense-era'
const STUDIO = 'http://localhost:3333'
const COOKIE_SECRET = 'a-preview-secret-of-at-least-32-characters'
const URL_SECRET = 'the-studio-url-secret'
const PUBLISHED_TITLE = 'Mistral AI Powers France’s New Defense Era'
const DRAFT_TITLE = 'Draft Title Nobody May See'

/** The document the Presentation tool writes before it opens the frame. */
function urlSecret(updatedAt: Date, secret = URL_SECRET): FixtureDocument {
  return {
    _id: `drafts.${secret}-id`,
    _type: 'sanity.previewUrlSecret',
    _createdAt: updatedAt.toISOString(),
    _updatedAt: updatedAt.toISOString(),
    _rev: 'r1',
    secret,
    source: 'presentation',
    studioUrl: STUDIO,
  }
}

function setup(extra: FixtureDocument[] = []) {
  const documents = [
    ...FIXTURE_DOCUMENTS,
    urlSecret(new Date()),
    urlSecret(new Date(Date.now() - 2 * 3_600_000), 'an-expired-secret'),
    ...extra,
  ]
  const reader = createFixtureClient({}, documents)
  const token = createFixtureTokenClient(documents)
  const app = createWebApp({
    siteUrl: 'http://localhost',
    client: reader.client,
    preview: {client: token.client, secret: COOKIE_SECRET, studioOrigins: [STUDIO]},
    logError: (error) => {
      throw error
    },
  })
  return {app, reader, token}
}

type App = ReturnType<typeof setup>['app']

async function page(app: App, path: string, cookie?: string) {
  const response = await app.request(path, cookie ? {headers: {cookie}} : undefined)
  const html = await response.text()
  return {response, html, document: new JSDOM(html).window.document}
}

const enter = (secret: string, pathname = ARTICLE) =>
  `/api/preview?${new URLSearchParams({'sanity-preview-secret': secret, 'sanity-preview-pathname': pathname, 'sanity-preview-perspective': 'drafts'})}`

/** Enters preview with the Studio's secret; the cookie the site set. */
async function enterPreview(app: App): Promise<string> {
  const response = await app.request(enter(URL_SECRET))
  expect(response.status).toBe(307)
  return (response.headers.get('set-cookie') ?? '').split(';')[0] as string
}

describe('entering preview mode', () => {
  it.each([
    ['no secret', '/api/preview?sanity-preview-pathname=/posts/x'],
    ['a wrong secret', enter('not-the-secret')],
    ['a secret older than an hour', enter('an-expired-secret')],
  ])('is refused with %s: 401, no cookie, no-store', async (_, path) => {
    const {app} = setup()
    const {response, document} = await page(app, path)
    expect(response.status).toBe(401)
    expect(response.headers.get('set-cookie')).toBeNull()
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(document.querySelector('h1')?.textContent).toBe('Preview refused')
  })

  it('takes the Studio’s secret, checked with the read token, and sets a signed HttpOnly cookie', async () => {
    const {app, token} = setup()
    const response = await app.request(enter(URL_SECRET))
    expect(response.status).toBe(307)
    expect(response.headers.get('location')).toBe(`${ARTICLE}?sanity-preview-perspective=drafts`)
    expect(response.headers.get('cache-control')).toBe('no-store')
    const cookie = response.headers.get('set-cookie') ?? ''
    expect(cookie).toMatch(
      /^newsroom-preview=v1\.\d+\.[\w-]{43}; Path=\/; Max-Age=3600; HttpOnly; SameSite=Lax$/,
    )
    const check = token.fetches.find((fetch) => fetch.tag === 'sanity.preview-url-secret')
    expect(check?.config).toMatchObject({perspective: 'raw', useCdn: false})
    expect(check?.config.token).toBe('sk-fixture-viewer')
  })

  it('never redirects to another site', async () => {
    const {app} = setup()
    const response = await app.request(enter(URL_SECRET, '//evil.example/x'))
    expect(response.status).toBe(307)
    expect(response.headers.get('location')).toBe('/x?sanity-preview-perspective=drafts')
  })
})

describe('a preview page', () => {
  it('shows the draft with a banner, uncached, unindexed, framable by the Studio only', async () => {
    const {app, token, reader} = setup()
    const cookie = await enterPreview(app)
    const {response, html, document} = await page(app, ARTICLE, cookie)
    expect(response.status).toBe(200)
    expect(document.querySelector('h1')?.textContent).toBe(DRAFT_TITLE)
    expect(document.querySelector('[data-preview-banner]')?.textContent).toContain('Preview')
    expect(document.querySelector('[data-preview-banner] a')?.getAttribute('href')).toBe(
      `/api/preview/exit?redirect=${encodeURIComponent(ARTICLE)}`,
    )
    expect(document.querySelector('[data-preview-banner] a')?.getAttribute('target')).toBe('_top')
    expect(response.headers.get('cache-control')).toBe('private, no-store')
    expect(response.headers.get('x-robots-tag')).toBe('noindex, nofollow')
    expect(document.querySelector('meta[name="robots"]')?.getAttribute('content')).toBe(
      'noindex, nofollow',
    )
    expect(response.headers.get('content-security-policy')).toContain(`frame-ancestors ${STUDIO}`)
    expect(response.headers.get('x-frame-options')).toBeNull()
    expect(response.headers.get('etag')).toBeNull()
    // Read with the token, drafts over published; the token never reaches the page.
    expect(token.fetches.find((fetch) => fetch.tag === 'web.post')?.config.perspective).toBe(
      'drafts',
    )
    expect(reader.fetches.some((fetch) => fetch.tag === 'web.post')).toBe(false)
    expect(html).not.toContain('sk-fixture-viewer')
    // The overlays' script, and what they click on.
    const script = document.querySelector('script[src^="/assets/preview."]')?.getAttribute('src')
    expect(script).toMatch(/^\/assets\/preview\.[0-9a-f]{12}\.js$/)
    expect(document.querySelector('h1')?.getAttribute('data-sanity')).toBe(
      `id=post-article;type=post;path=title;base=${encodeURIComponent(STUDIO)}`,
    )
    expect(document.querySelector('.hero')?.getAttribute('data-sanity')).toContain(
      'path=heroImage;',
    )
    const blocks = [...document.querySelectorAll('.article-body [data-sanity]')].map(
      (element) => /path=([^;]+)/.exec(element.getAttribute('data-sanity') ?? '')?.[1],
    )
    expect(blocks[0]).toBe('body:p1')
    expect(blocks).toEqual(expect.arrayContaining(['body:h1', 'body:p2', 'body:i1']))
    expect(document.querySelector('.tags')?.getAttribute('data-sanity')).toContain('path=tags;')
    expect(document.querySelector('.post-link-prev')?.getAttribute('data-sanity')).toContain(
      'path=previous;',
    )
    const asset = await app.request(script ?? '', {headers: {cookie}})
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect((await asset.text()).length).toBeGreaterThan(10_000)
  })

  it('shows the read time of the draft’s body when the stored figure is stale', async () => {
    const article = FIXTURE_DOCUMENTS.find((doc) => doc._id === 'post-article') as FixtureDocument
    const words = Array.from({length: 400}, (_, i) => `word${i}`).join(' ')
    const body = [
      ...(article.body as unknown[]),
      {
        _type: 'block',
        _key: 'new',
        style: 'normal',
        markDefs: [],
        children: [{_type: 'span', _key: 's', text: words, marks: []}],
      },
    ]
    const draft = {...article, _id: 'drafts.post-article', body}
    const {app} = setup([draft])
    const cookie = await enterPreview(app)
    const expected = estimateReadTime(body, {heroImage: article.heroImage}).seconds
    // The fixture stores 459 s; the draft's 400 more words say otherwise.
    expect(expected).not.toBe(459)
    expect(expected).toBeGreaterThan(
      estimateReadTime(article.body, {heroImage: article.heroImage}).seconds + 100,
    )
    const {document} = await page(app, ARTICLE, cookie)
    expect(document.querySelector('.read-time')?.textContent).toBe(
      `Read Time: ${formatReadTime(expected, {style: 'long'})}`,
    )
    const published = await page(app, ARTICLE)
    expect(published.document.querySelector('.read-time')?.textContent).toBe(
      `Read Time: ${formatReadTime(459, {style: 'long'})}`,
    )
  })

  it('links previous and next as readers will see them once the post is published, never to a post that is only a draft', async () => {
    // This post links `next` to a post that was never published (its draft exists) and `previous`
    // to a deleted one; the drafts perspective alone would show the draft-only post as next.
    const SAME_INSTANT = '/posts/same-minute-other-story'
    const {app} = setup()
    const cookie = await enterPreview(app)
    const links = (document: Document) =>
      [...document.querySelectorAll('.post-links a[rel]')].map((a) => [
        a.getAttribute('rel'),
        a.getAttribute('href'),
      ])
    const preview = links((await page(app, SAME_INSTANT, cookie)).document)
    const published = links((await page(app, SAME_INSTANT)).document)
    expect(preview).toEqual(published)
    expect(preview.flat()).not.toContain('/posts/never-published')
    expect(preview.length).toBeGreaterThan(0)
  })

  it('lists drafts on the home page, with the overlays on each card’s title and excerpt', async () => {
    const {app} = setup()
    const cookie = await enterPreview(app)
    const {document, response} = await page(app, '/', cookie)
    expect(response.headers.get('cache-control')).toBe('private, no-store')
    const titles = [...document.querySelectorAll('.card-title')].map((h) => h.textContent)
    expect(titles).toContain('Never Published')
    expect(titles).toContain(DRAFT_TITLE)
    expect(document.querySelector('.card-excerpt')?.getAttribute('data-sanity')).toContain(
      'path=excerpt;',
    )
  })

  it('ends with the exit link: the cookie cleared, back on the public page', async () => {
    const {app} = setup()
    const response = await app.request(`/api/preview/exit?redirect=${encodeURIComponent(ARTICLE)}`)
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe(ARTICLE)
    expect(response.headers.get('set-cookie')).toBe(
      'newsroom-preview=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax',
    )
  })
})

describe('the public page beside preview mode', () => {
  const forged = [
    ['no cookie', undefined],
    [
      'a cookie signed with another secret',
      `${PREVIEW_COOKIE}=${signPreviewSession('x'.repeat(32), new Date(Date.now() + 60_000))}`,
    ],
    [
      'an expired cookie',
      `${PREVIEW_COOKIE}=${signPreviewSession(COOKIE_SECRET, new Date(Date.now() - 1000))}`,
    ],
    ['a made-up cookie', `${PREVIEW_COOKIE}=v1.9999999999.${'A'.repeat(43)}`],
  ] as const

  it.each(forged)(
    'is what a reader with %s gets: published, cacheable, never framed',
    async (_, cookie) => {
      const {app, token} = setup()
      const {response, html, document} = await page(app, ARTICLE, cookie)
      expect(document.querySelector('h1')?.textContent).toBe(PUBLISHED_TITLE)
      expect(document.querySelector('[data-preview-banner]')).toBeNull()
      expect(document.querySelector('meta[name="robots"]')).toBeNull()
      expect(html).not.toContain('data-sanity')
      expect(html).not.toContain('/assets/preview.')
      expect(response.headers.get('cache-control')).toBe(
        'public, max-age=60, stale-while-revalidate=600',
      )
      expect(response.headers.get('vary')).toBe('Cookie')
      expect(response.headers.get('x-robots-tag')).toBeNull()
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
      expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN')
      expect(token.fetches).toEqual([])
    },
  )

  it('gets no live change stream: that is for preview pages only', async () => {
    const {app} = setup()
    const response = await app.request('/api/preview/live')
    expect(response.status).toBe(401)
    expect(response.headers.get('content-type')).not.toContain('text/event-stream')
  })

  it('has no preview mode when the site is not given one', async () => {
    const app = createWebApp({siteUrl: 'http://localhost', client: createFixtureClient().client})
    expect((await app.request(enter(URL_SECRET))).status).toBe(404)
    expect((await app.request(ARTICLE)).headers.get('vary')).toBeNull()
  })
})
