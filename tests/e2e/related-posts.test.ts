/**
 * The related-post picker in the real Studio (built with `sanity build`, headless Chromium, the
 * local lake): an editor opens a post, picks the suggested next post, accepts the reciprocal link,
 * publishes both posts, and an anonymous reader then sees A.next = B and B.previous = A.
 * Screenshots land in artifacts/e2e/related-posts/.
 */
import {mkdirSync, mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import type {SanityClient} from '@sanity/client'
import type {Locator, Page} from 'playwright-core'
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest'

import {previousNextProjection} from '../../core/related/index.ts'
import {createPlaceholderPng} from '../../scripts/seed-png.ts'
import {launchChromium, type TestBrowser} from '../support/chromium.ts'
import {startTestLake, type TestLake} from '../support/lake.ts'
import {
  buildStudio,
  freePort,
  loginToStudio,
  serveStudio,
  type StaticServer,
} from '../support/studio.ts'

const ARTIFACTS = 'artifacts/e2e/related-posts'
const UI_TIMEOUT = 30_000

const TITLES = {
  a: 'Alpha: the newsroom goes offline',
  b: 'Bravo: AI rules agreed in Brussels',
  c: 'Charlie: Europe’s chip plan',
  d: 'Delta: a quiet evening',
  z: 'Zulu: an older AI story',
}

describe('the related-post picker in the Studio', () => {
  let lake: TestLake
  let studio: StaticServer
  let browser: TestBrowser
  let page: Page
  let admin: SanityClient
  let reader: SanityClient
  let buildDir: string
  let shots = 0

  const shot = async (name: string, target: Page | Locator = page) => {
    shots += 1
    await target.screenshot({
      path: join(ARTIFACTS, `${String(shots).padStart(2, '0')}-${name}.png`),
    })
  }

  const pane = () => page.locator('[data-testid="document-pane"]').last()

  /** Publishes from the open pane until `isPublished` agrees (see studio.test.ts for the retry). */
  const publish = async (isPublished: () => Promise<boolean>) => {
    const button = pane().locator('[data-testid="action-publish"]')
    for (let attempt = 0; attempt < 4; attempt++) {
      await expect
        .poll(async () => (await button.getAttribute('data-disabled')) !== 'true', {
          timeout: UI_TIMEOUT,
        })
        .toBe(true)
      await button.click()
      const deadline = Date.now() + 3_000
      while (Date.now() < deadline) {
        if (await isPublished()) return
        await page.waitForTimeout(250)
      }
    }
    throw new Error('Publishing did not reach the lake')
  }

  const linkOf = async (id: string, field: 'previous' | 'next') =>
    ((await admin.getDocument(id)) as Record<string, {_ref?: string}> | undefined)?.[field]?._ref

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, {recursive: true})
    const lakePort = await freePort()
    buildDir = mkdtempSync(join(tmpdir(), 'newsroom-studio-related-'))
    const build = await buildStudio({apiHost: `https://localhost:${lakePort}`, outDir: buildDir})
    console.log(`sanity build: ${build.ms} ms`)
    studio = await serveStudio(build.dir)
    lake = await startTestLake({port: lakePort, corsOrigins: [studio.url]})
    admin = lake.client({token: 'admin', perspective: 'raw'})
    reader = lake.client({useCdn: true, perspective: 'published'})

    // Five published posts: B shares both of A's tags and is a day newer.
    const png = (from: [number, number, number]) =>
      createPlaceholderPng({width: 320, height: 180, from, to: [240, 200, 120]})
    const heroB = await admin.assets.upload('image', png([30, 80, 160]), {filename: 'b.png'})
    const heroC = await admin.assets.upload('image', png([120, 40, 90]), {filename: 'c.png'})
    const ref = (id: string) => ({_type: 'reference', _ref: id})
    const tags = (...ids: string[]) => ids.map((id) => ({_key: id, ...ref(id)}))
    const hero = (assetId: string, alt: string) => ({
      _type: 'imageWithAlt',
      asset: ref(assetId),
      alt,
    })
    const post = (id: keyof typeof TITLES, publishedAt: string, extra: object) => ({
      _id: `post-${id}`,
      _type: 'post',
      title: TITLES[id],
      slug: {_type: 'slug', current: `post-${id}`},
      publishedAt,
      ...extra,
    })
    await admin
      .transaction()
      .create({_id: 'tag-ai', _type: 'tag', title: 'AI', slug: {_type: 'slug', current: 'ai'}})
      .create({
        _id: 'tag-eu',
        _type: 'tag',
        title: 'Europe',
        slug: {_type: 'slug', current: 'europe'},
      })
      .create(post('z', '2026-02-20T09:00:00.000Z', {tags: tags('tag-ai')}))
      .create(post('a', '2026-03-01T09:00:00.000Z', {tags: tags('tag-ai', 'tag-eu')}))
      .create(post('d', '2026-03-01T21:00:00.000Z', {}))
      .create(
        post('b', '2026-03-02T09:00:00.000Z', {
          tags: tags('tag-ai', 'tag-eu'),
          heroImage: hero(heroB._id, 'A flag over Brussels'),
        }),
      )
      .create(
        post('c', '2026-03-04T09:00:00.000Z', {
          tags: tags('tag-eu'),
          heroImage: hero(heroC._id, 'A chip on a fingertip'),
        }),
      )
      .commit()

    browser = await launchChromium({
      trustSpki: lake.lake.spkiSha256,
      viewport: {width: 1400, height: 1000},
    })
    page = await browser.newPage()
  })

  afterEach(async ({task}) => {
    if (task.result?.state === 'fail' && page && !page.isClosed()) await shot('failed')
  })

  afterAll(async () => {
    await browser?.close()
    await lake?.close()
    await studio?.close()
    if (buildDir) rmSync(buildDir, {recursive: true, force: true})
  })

  it('suggests B as the next post of A: shared tags first, with the reason', async () => {
    await loginToStudio(page, studio.url)
    await page.locator('[data-testid="pane-item-Posts"]').click()
    await page.getByText(TITLES.a).first().click()
    await pane().locator('[data-testid="field-title"] input').waitFor({timeout: UI_TIMEOUT})
    await pane().locator('[data-testid="group-tab-links"]').click()

    // The picker's own root: a replaced reference input has no `field-next` wrapper.
    const next = pane().locator('[data-testid="related-input-next"]')
    await next.scrollIntoViewIfNeeded()
    const suggestions = next.locator('[data-testid="related-suggestion"]')
    await suggestions.first().waitFor({timeout: UI_TIMEOUT})
    await expect.poll(() => suggestions.count(), {timeout: UI_TIMEOUT}).toBe(3)
    expect(await suggestions.allInnerTexts()).toEqual([
      expect.stringContaining(`${TITLES.b}\nMar 2, 2026\n2 shared tags · 1 day newer`),
      expect.stringContaining(`${TITLES.c}\nMar 4, 2026\n1 shared tag · 3 days newer`),
      expect.stringContaining(`${TITLES.d}\nMar 1, 2026\nNo shared tags · 12 hours newer`),
    ])
    // The hero thumbnail loads from the lake.
    await expect
      .poll(
        () =>
          suggestions
            .first()
            .locator('img')
            .evaluate((img: HTMLImageElement) => img.naturalWidth),
        {
          timeout: UI_TIMEOUT,
        },
      )
      .toBeGreaterThan(0)
    // Previous offers only older posts.
    const previous = pane().locator('[data-testid="related-input-previous"]')
    await expect
      .poll(() => previous.locator('[data-testid="related-suggestion"]').allInnerTexts(), {
        timeout: UI_TIMEOUT,
      })
      .toEqual([expect.stringContaining(TITLES.z)])
    await next.scrollIntoViewIfNeeded()
    await shot('suggestions')
    await shot('suggestions-pane', pane())
  })

  it('picks B, accepts the reciprocal link, and writes B.previous = A to B’s draft', async () => {
    const next = pane().locator('[data-testid="related-input-next"]')
    await next.locator('[data-testid="related-suggestion"]').first().click()
    await expect.poll(() => linkOf('drafts.post-a', 'next'), {timeout: UI_TIMEOUT}).toBe('post-b')

    const prompt = next.locator('[data-testid="related-reciprocal"]')
    await prompt.waitFor({timeout: UI_TIMEOUT})
    expect(await prompt.innerText()).toContain(
      `Also make this post the previous post of “${TITLES.b}”?`,
    )
    await shot('reciprocal-prompt', next)
    await prompt.locator('[data-testid="related-reciprocal-accept"]').click()
    await next.locator('[data-testid="related-notice"]').waitFor({timeout: UI_TIMEOUT})
    expect(await linkOf('drafts.post-b', 'previous')).toBe('post-a')
    // Nothing public yet.
    expect((await reader.getDocument('post-b'))?.previous).toBeUndefined()
    await expect
      .poll(() => next.locator('[data-testid="related-linked-post"]').innerText(), {
        timeout: UI_TIMEOUT,
      })
      .toContain(TITLES.b)
    await shot('linked', next)
  })

  it('publishes A, then opens B from the card and publishes it', async () => {
    await publish(async () => (await linkOf('post-a', 'next')) === 'post-b')

    await pane()
      .locator('[data-testid="related-input-next"] [data-testid="related-linked-post"]')
      .click()
    await expect
      .poll(() => pane().locator('[data-testid="field-title"] input').inputValue(), {
        timeout: UI_TIMEOUT,
      })
      .toBe(TITLES.b)
    await pane().locator('[data-testid="group-tab-links"]').click()
    await expect
      .poll(
        () =>
          pane()
            .locator('[data-testid="related-input-previous"] [data-testid="related-linked-post"]')
            .innerText(),
        {timeout: UI_TIMEOUT},
      )
      .toContain(TITLES.a)
    await shot('post-b')
    await publish(async () => (await linkOf('post-b', 'previous')) === 'post-a')
  })

  it('shows an anonymous reader A.next = B and B.previous = A', async () => {
    const links = await reader.fetch(
      `*[_id in ["post-a", "post-b"]] | order(_id) {_id, "previous": previous._ref, "next": next._ref}`,
    )
    expect(links).toEqual([
      {_id: 'post-a', previous: null, next: 'post-b'},
      {_id: 'post-b', previous: 'post-a', next: null},
    ])
    // The projection frontends use: the links, and the chronological fallback where unset.
    const resolved = await reader.fetch(
      `*[_id in ["post-a", "post-b"]] | order(_id) {_id, ${previousNextProjection}}{_id, "previous": previous._id, "next": next._id}`,
    )
    expect(resolved).toEqual([
      {_id: 'post-a', previous: 'post-z', next: 'post-b'},
      {_id: 'post-b', previous: 'post-a', next: 'post-c'},
    ])
    // No drafts left behind.
    expect(await admin.getDocuments(['drafts.post-a', 'drafts.post-b'])).toEqual([null, null])
  })
})
