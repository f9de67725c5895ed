/**
 * The reader site in headless Chromium, read as a person reads it: the server as `npm run dev`
 * starts it (web/server.ts given the lake's data dir), a lake on a free port with the demo content
 * (`seedLake`); the pages read without a token, reactions are written on the server. Screenshots
 * land in artifacts/e2e/web/; the article's top (title, date, read time, hero) and its end (tags,
 * reactions, previous and next) in docs/web-post.png and docs/web-post-links.png for the README.
 */
import {join} from 'node:path'
import type {Page} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {formatReadTime} from '../../core/read-time/format.ts'
import {loadSeedArticle, SEED_IDS} from '../../scripts/seed-content.ts'
import {seedLake} from '../../scripts/seed.ts'
import {launchChromium} from '../support/chromium.ts'
import {useBrowserSession} from '../support/studio-session.ts'
import {startWebServer, type WebServer} from '../support/web.ts'

const ARTIFACTS = 'artifacts/e2e/web'
const ARTICLE = loadSeedArticle()
const POST_PATH = '/posts/mistral-ai-powers-frances-new-defense-era'
const NEXT_PATH = '/posts/trump-powell-oil-context-behind-calm-markets'
const REACTIONS = ['Happy', 'Sad', 'Excited', 'Sleepy', 'Angry', 'Surprise']
/** The old site showed "Read Time: 7 Minute, 39 Second"; the seed stores its own estimate. */
const OLD_SITE_READ_TIME = 7 * 60 + 39

/** `Happy 0 %`, … for each reaction, as the buttons are named. */
const reactionNames = (shares: Partial<Record<string, number>>) =>
  REACTIONS.map((name) => `${name} ${shares[name] ?? 0} %`)

describe('the reader site on the local lake', () => {
  const session = useBrowserSession({
    artifacts: ARTIFACTS,
    seed: seedLake,
    viewport: {width: 1280, height: 1000},
    fullPageShots: true,
  })
  let web: WebServer

  /** Scrolls every image into view (they load lazily) and waits until each has loaded. */
  const loadAllImages = async () => {
    for (const image of await session.page.locator('img').all()) {
      await image.scrollIntoViewIfNeeded()
      await expect
        .poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
        .toBeGreaterThan(0)
    }
    await session.page.evaluate(() => window.scrollTo(0, 0))
  }

  /** A full-page screenshot once every image has loaded. */
  const shot = async (name: string) => {
    await loadAllImages()
    await session.shot(name)
  }

  /** What each reaction button shows, in order: its name and share, e.g. `Happy 0 %`. */
  const reactionButtons = (target: Page = session.page) =>
    target
      .getByRole('region', {name: 'Reactions'})
      .getByRole('button')
      .evaluateAll((buttons) =>
        buttons.map((button) =>
          ['.reaction-name', '.reaction-share']
            .map((part) => button.querySelector(part)?.textContent)
            .join(' '),
        ),
      )

  /** The seed post's tally as any reader of the CDN sees it. */
  const publicTally = () =>
    session.reader.fetch<Record<string, number> | null>('*[_id == $id][0].counts', {
      id: SEED_IDS.reaction,
    })

  beforeAll(async () => {
    web = await startWebServer({apiHost: session.lake.url, lakeDataDir: session.lake.dataDir})
  })

  afterAll(async () => {
    await web?.close()
  })

  it('shows the seed post: title, hero image with alt text, read time, body, tags, reactions, previous and next', async () => {
    // Layout shifts are recorded from the first paint: sized images must cause none.
    await session.page.addInitScript(() => {
      const w = window as unknown as {layoutShift: number}
      w.layoutShift = 0
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries())
          w.layoutShift += (entry as unknown as {value: number}).value
      }).observe({type: 'layout-shift', buffered: true})
    })
    const response = await session.page.goto(`${web.url}${POST_PATH}`)
    expect(response?.status()).toBe(200)
    expect(response?.headers()['cache-control']).toBe(
      'public, max-age=60, stale-while-revalidate=600',
    )

    await expect(session.page.getByRole('heading', {level: 1}).textContent()).resolves.toBe(
      ARTICLE.title,
    )
    const hero = session.page.getByRole('img', {name: ARTICLE.heroImage.alt, exact: true})
    await expect(hero.isVisible()).resolves.toBe(true)

    // The stored read time (the seed's estimate, near the old site's 7:39), in the old words.
    const stored = await session.reader.fetch<number>('*[_id == $id][0].readTime.seconds', {
      id: SEED_IDS.post,
    })
    expect(Math.abs(stored - OLD_SITE_READ_TIME)).toBeLessThanOrEqual(15)
    const readTime = session.page.getByText(/^Read Time: /)
    await expect(readTime.textContent()).resolves.toBe(
      `Read Time: ${formatReadTime(stored, {style: 'long'})}`,
    )
    await expect(readTime.isVisible()).resolves.toBe(true)

    // Six reactions, each a button named by its kind and share; nobody has reacted yet.
    for (const name of reactionNames({})) {
      await expect(session.page.getByRole('button', {name, exact: true}).isVisible()).resolves.toBe(
        true,
      )
    }
    await expect(reactionButtons()).resolves.toEqual(reactionNames({}))
    await expect(session.page.getByText('No reactions yet').isVisible()).resolves.toBe(true)
    const sections = ARTICLE.body.filter((block) => block.style === 'h2').map((block) => block.text)
    await expect(session.page.locator('.article-body h2').allTextContents()).resolves.toEqual(
      sections,
    )

    const tags = session.page.getByRole('region', {name: 'Tags'}).getByRole('link')
    await expect(tags.allTextContents()).resolves.toEqual(['AI', 'Defense', 'Europe'])
    await expect(tags.first().getAttribute('href')).resolves.toBe('/tags/ai')

    const previous = session.page.getByRole('link', {name: /Previous post/})
    await expect(previous.textContent()).resolves.toContain(ARTICLE.previous.title)
    await expect(
      previous.getByRole('img', {name: ARTICLE.previous.heroImage.alt}).isVisible(),
    ).resolves.toBe(true)
    const next = session.page.getByRole('link', {name: /Next post/})
    await expect(next.textContent()).resolves.toContain(ARTICLE.next.title)
    await expect(
      next.getByRole('img', {name: ARTICLE.next.heroImage.alt}).isVisible(),
    ).resolves.toBe(true)

    await loadAllImages()
    const rendered = await session.page.evaluate(() => ({
      lang: document.documentElement.lang,
      scripts: document.querySelectorAll('script:not([type="application/ld+json"])').length,
      structuredData: document.querySelectorAll('script[type="application/ld+json"]').length,
      layoutShift: (window as unknown as {layoutShift: number}).layoutShift,
      html: document.documentElement.outerHTML,
    }))
    // One script that runs: the reactions' (the page works without it); the JSON-LD is data.
    expect(rendered).toMatchObject({lang: 'en', scripts: 1, structuredData: 1, layoutShift: 0})
    // No token of the lake's ever reaches the browser.
    expect(rendered.html).not.toContain(session.lake.adminToken)
    expect(rendered.html).not.toContain(session.lake.viewerToken)

    await session.page.screenshot({path: 'docs/web-post.png'})
    await shot('post')
  })

  it('records a click on Happy in place, counted once, still there after a reload', async () => {
    const happy = session.page.getByRole('button', {name: 'Happy 0 %', exact: true})
    const [vote] = await Promise.all([
      session.page.waitForResponse(
        (response) =>
          response.url() === `${web.url}/api/reactions` && response.request().method() === 'POST',
      ),
      happy.click(),
    ])
    expect(vote.status()).toBe(200)
    // Updated in place: the same page, no navigation.
    expect(session.page.url()).toBe(`${web.url}${POST_PATH}`)
    await expect.poll(() => reactionButtons()).toEqual(reactionNames({Happy: 100}))
    const pressed = session.page.getByRole('button', {name: 'Happy 100 %', exact: true})
    await expect(pressed.getAttribute('aria-pressed')).resolves.toBe('true')
    await expect(session.page.getByRole('status').textContent()).resolves.toBe(
      'Thanks: you reacted Happy.',
    )

    const reloaded = await session.page.reload()
    // The reader now has a cookie: their page is private and revalidated on every visit.
    expect(reloaded?.headers()['cache-control']).toBe('private, no-cache')
    await expect(reactionButtons()).resolves.toEqual(reactionNames({Happy: 100}))
    await expect(pressed.getAttribute('aria-pressed')).resolves.toBe('true')
    await expect(session.page.getByText('1 reaction', {exact: true}).isVisible()).resolves.toBe(
      true,
    )
    // Counted once, in the public tally every reader sees.
    expect(await publicTally()).toEqual({
      happy: 1,
      sad: 0,
      excited: 0,
      sleepy: 0,
      angry: 0,
      surprise: 0,
    })
    // The reader's cookie is HttpOnly: no script of the page can read it.
    const cookies = await session.browser.context.cookies(web.url)
    expect(cookies.map((cookie) => [cookie.name, cookie.httpOnly])).toEqual([
      ['newsroom_reader', true],
    ])
    expect(await session.page.evaluate(() => document.cookie)).toBe('')
    // Nor can it find a token: the write token stays on the server.
    const html = await session.page.content()
    expect(html).not.toContain(session.lake.adminToken)

    await loadAllImages()
    const footer = await session.page.locator('.article-footer').boundingBox()
    if (!footer) throw new Error('the article has no footer')
    const margin = 32
    await session.page.screenshot({
      path: 'docs/web-post-links.png',
      fullPage: true,
      clip: {
        x: footer.x - margin,
        y: footer.y - margin,
        width: footer.width + 2 * margin,
        height: footer.height + 2 * margin,
      },
    })
    await shot('reacted')
  })

  it('follows "Next post" to the next post, which links back', async () => {
    await session.page.getByRole('link', {name: /Next post/}).click()
    await session.page.waitForURL(`${web.url}${NEXT_PATH}`)
    await expect(session.page.getByRole('heading', {level: 1}).textContent()).resolves.toBe(
      ARTICLE.next.title,
    )
    await expect(
      session.page.getByRole('link', {name: /Previous post/}).textContent(),
    ).resolves.toContain(ARTICLE.title)
    await shot('next-post')
  })

  it('records a reaction without JavaScript: a form post, a 303 back to the post, the new count', async () => {
    // Another reader, in a browser that runs no script.
    const plain = await launchChromium({
      trustSpki: session.lake.lake.spkiSha256,
      viewport: {width: 1280, height: 1000},
      javaScriptEnabled: false,
    })
    try {
      const reader = await plain.newPage()
      await reader.goto(`${web.url}${POST_PATH}`)
      await expect(reactionButtons(reader)).resolves.toEqual(reactionNames({Happy: 100}))
      await expect(
        reader.getByRole('button', {name: 'Happy 100 %'}).getAttribute('aria-pressed'),
      ).resolves.toBe('false')

      const redirects: Array<{status: number; location: string | undefined}> = []
      reader.on('response', (response) => {
        if (response.request().method() === 'POST') {
          redirects.push({status: response.status(), location: response.headers().location})
        }
      })
      await reader.getByRole('button', {name: 'Sad 0 %', exact: true}).click()
      await reader.waitForURL(`${web.url}${POST_PATH}#reactions`)
      expect(redirects).toEqual([{status: 303, location: `${POST_PATH}#reactions`}])

      await expect(reactionButtons(reader)).resolves.toEqual(reactionNames({Happy: 50, Sad: 50}))
      await expect(
        reader.getByRole('button', {name: 'Sad 50 %'}).getAttribute('aria-pressed'),
      ).resolves.toBe('true')
      await expect(reader.getByText('2 reactions', {exact: true}).isVisible()).resolves.toBe(true)
      expect(await publicTally()).toMatchObject({happy: 1, sad: 1})
      await reader.screenshot({path: join(ARTIFACTS, 'no-script-reacted.png')})
    } finally {
      await plain.close()
    }
  })

  it('lists a tag’s posts and the latest posts, each linking to its page', async () => {
    await session.page.goto(`${web.url}${POST_PATH}`)
    await session.page
      .getByRole('region', {name: 'Tags'})
      .getByRole('link', {name: 'Europe'})
      .click()
    await session.page.waitForURL(`${web.url}/tags/europe`)
    await expect(session.page.getByRole('heading', {level: 1}).textContent()).resolves.toBe(
      'Europe',
    )
    await expect(session.page.locator('.card-title').allTextContents()).resolves.toEqual([
      ARTICLE.next.title,
      ARTICLE.title,
      ARTICLE.previous.title,
    ])
    await shot('tag')

    await session.page.getByRole('link', {name: 'Latest', exact: true}).click()
    await session.page.waitForURL(`${web.url}/`)
    await session.page.getByRole('link', {name: ARTICLE.title}).click()
    await session.page.waitForURL(`${web.url}${POST_PATH}`)
    await shot('home-to-post')
  })

  it('answers 404 with a page for a slug that does not exist', async () => {
    const response = await session.page.goto(`${web.url}/posts/no-such-story`)
    expect(response?.status()).toBe(404)
    await expect(session.page.getByRole('heading', {level: 1}).textContent()).resolves.toBe(
      'Page not found',
    )
    await shot('not-found')
  })

  it('never shows a draft edit until it is published', async () => {
    const published = await session.admin.getDocument<{_type: string; title: string}>(SEED_IDS.post)
    if (!published) throw new Error('the seed post is missing')
    const edited = 'Mistral AI Powers France’s New Defense Era (updated)'
    // What an editor's first keystroke does: a draft copy with the change.
    await session.admin.createOrReplace({
      ...published,
      _id: `drafts.${SEED_IDS.post}`,
      title: edited,
    })

    await session.page.goto(`${web.url}${POST_PATH}`)
    await expect(session.page.getByRole('heading', {level: 1}).textContent()).resolves.toBe(
      ARTICLE.title,
    )
    await expect(session.page.content()).resolves.not.toContain('(updated)')

    // Publishing: the draft replaces the published document, in one transaction.
    await session.admin
      .transaction()
      .createOrReplace({...published, _id: SEED_IDS.post, title: edited})
      .delete(`drafts.${SEED_IDS.post}`)
      .commit({visibility: 'sync'})
    await session.page.reload()
    await expect(session.page.getByRole('heading', {level: 1}).textContent()).resolves.toBe(edited)
    await shot('published-edit')
  })

  it('answers 503 with a page, not a crash, while the lake is down', async () => {
    await session.lake.lake.close()
    const response = await session.page.goto(`${web.url}${POST_PATH}`)
    expect(response?.status()).toBe(503)
    expect(response?.headers()['retry-after']).toBe('30')
    await expect(session.page.getByRole('heading', {level: 1}).textContent()).resolves.toBe(
      'Temporarily unavailable',
    )
    await shot('lake-down')
    // Still serving: the home page fails the same way.
    expect((await session.page.goto(web.url))?.status()).toBe(503)
  })
})
