/**
 * Preview in the real Studio (built with `sanity build`) in headless Chromium against the local
 * lake and the reader site as `npm run dev` runs it: the Presentation tool opens the seed
 * article's page in its frame through the site's preview mode; typing in the title shows in the
 * frame, 200 more words in the body make its read time grow, clicking the hero image in the
 * frame focuses the hero image field; all the while a fresh browser and an anonymous CDN client
 * see the published article. Screenshots land in artifacts/e2e/preview/ (one in docs/preview.png).
 */
import {copyFileSync, readdirSync} from 'node:fs'
import {join} from 'node:path'

import type {FrameLocator} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {loadSeedArticle, SEED_IDS} from '../../scripts/seed-content.ts'
import {seedLake} from '../../scripts/seed.ts'
import {launchChromium} from '../support/chromium.ts'
import {freePort} from '../support/studio.ts'
import {focusBody, UI_TIMEOUT, useStudioSession} from '../support/studio-session.ts'
import {startWebServer, type WebServer} from '../support/web.ts'

const ARTIFACTS = 'artifacts/e2e/preview'
const TITLE = loadSeedArticle().title
const POST_PATH = '/posts/mistral-ai-powers-frances-new-defense-era'
const ADDED = ' (draft in preview)'
const WORDS = Array.from({length: 200}, (_, i) => `word${i}`).join(' ')

/** "Read Time: 7 Minute, 39 Second" → 459. */
function readTimeSeconds(text: string | null): number {
  const match = /(\d+) Minute, (\d+) Second/.exec(text ?? '')
  return match ? Number(match[1]) * 60 + Number(match[2]) : Number.NaN
}

describe('preview in the Presentation tool', () => {
  let webPort = 0
  // Before the session's own beforeAll: the Studio is built knowing the site's address.
  beforeAll(async () => {
    webPort = await freePort()
    process.env.SANITY_STUDIO_PREVIEW_URL = `http://localhost:${webPort}`
  })
  const session = useStudioSession({
    artifacts: ARTIFACTS,
    seed: seedLake,
    login: true,
    viewport: {width: 1600, height: 1000},
  })
  let web: WebServer
  beforeAll(async () => {
    delete process.env.SANITY_STUDIO_PREVIEW_URL
    web = await startWebServer({
      apiHost: session.lake.url,
      lakeDataDir: session.lake.dataDir,
      port: webPort,
      args: ['--studio-origin', session.studio.url],
    })
  })
  afterAll(async () => {
    await web?.close()
  })

  const frame = (): FrameLocator =>
    session.page.frameLocator('iframe[title="Preview"], iframe').first()
  const pane = () => session.page.locator('[data-testid="document-pane"]').first()
  const frameTitle = () => frame().locator('h1').first().textContent()
  const frameReadTime = async () =>
    readTimeSeconds(await frame().locator('.read-time').first().textContent())

  it('opens the seed article’s page in the frame, in preview mode, beside its form', async () => {
    await session.page.goto(
      `${session.studio.url}/presentation?preview=${encodeURIComponent(POST_PATH)}`,
    )
    await frame().locator('[data-preview-banner]').waitFor({timeout: UI_TIMEOUT})
    expect(await frameTitle()).toBe(TITLE)
    await pane().locator('[data-testid="field-title"] input').waitFor({timeout: UI_TIMEOUT})
    expect(await pane().locator('[data-testid="field-title"] input').inputValue()).toBe(TITLE)
    // "Used on": its page, the home page and its three tags' pages.
    const usedOn = pane().getByText(/^Used on \d+ pages?$/)
    await usedOn.waitFor({timeout: UI_TIMEOUT})
    expect(await usedOn.textContent()).toBe(`Used on ${2 + SEED_IDS.tags.length} pages`)
    await session.shot('presentation')
  })

  it('shows the title as the editor types it, without a reload', async () => {
    const input = pane().locator('[data-testid="field-title"] input')
    await input.click()
    await input.press('End')
    await session.page.keyboard.type(ADDED)
    await expect.poll(frameTitle, {timeout: UI_TIMEOUT}).toBe(`${TITLE}${ADDED}`)
    await session.shot('title-typed')
  })

  it('grows the read time as 200 words go into the body', async () => {
    const before = await frameReadTime()
    expect(before).toBeGreaterThan(0)
    await focusBody(pane())
    await session.page.keyboard.press('Control+End')
    await session.page.keyboard.press('Enter')
    await session.page.keyboard.insertText(WORDS)
    await expect.poll(frameReadTime, {timeout: UI_TIMEOUT}).toBeGreaterThanOrEqual(before + 55)
    await session.shot('body-grown')
  })

  it('focuses the hero image field when the editor clicks the hero image in the frame', async () => {
    const hero = frame().locator('.hero')
    await hero.scrollIntoViewIfNeeded()
    await hero.hover()
    await hero.click()
    // The Studio's focus path follows the click (its URL ends with it), and the hero image
    // input is the focused element.
    await expect
      .poll(() => new URL(session.page.url()).pathname, {timeout: UI_TIMEOUT})
      .toMatch(new RegExp(`/presentation/post/${SEED_IDS.post}/heroImage(\\.asset)?$`))
    await expect
      .poll(() => session.page.evaluate(() => document.activeElement?.id), {timeout: UI_TIMEOUT})
      .toBe('heroImage')
    expect(await pane().locator('#heroImage').isVisible()).toBe(true)
    await session.shot('hero-focused')
  })

  it('meanwhile shows readers the published article: a fresh browser and the CDN', async () => {
    const fresh = await launchChromium()
    try {
      const page = await fresh.newPage()
      await page.goto(`${web.url}${POST_PATH}`)
      expect(await page.locator('h1').textContent()).toBe(TITLE)
      expect(await page.locator('[data-preview-banner]').count()).toBe(0)
    } finally {
      await fresh.close()
    }
    expect(await session.reader.fetch('*[_id == $id][0].title', {id: SEED_IDS.post})).toBe(TITLE)
    const draft = await session.admin.getDocument(`drafts.${SEED_IDS.post}`)
    expect(draft?.title).toBe(`${TITLE}${ADDED}`)
  })

  afterAll(() => {
    // The screenshot docs/preview.md shows: the frame after typing, the hero clicked to edit.
    const shot = readdirSync(ARTIFACTS).find((name) => name.endsWith('-hero-focused.png'))
    if (shot) copyFileSync(join(ARTIFACTS, shot), 'docs/preview.png')
  })
})
