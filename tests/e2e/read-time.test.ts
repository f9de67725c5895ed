/**
 * The live read time in the real Studio (built with `sanity build`) in headless Chromium against
 * the local lake: the seed post shows the old site's 7:39 give or take 15 s; a new post's figure
 * grows under the body as the editor types, pastes and deletes, without leaving the Content group;
 * the stored `readTime` follows every edit; publishing straight after typing publishes the figure
 * of the published body. Screenshots land in artifacts/e2e/read-time/.
 */
import {mkdirSync, mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import type {SanityClient} from '@sanity/client'
import type {Page} from 'playwright-core'
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest'

import {estimateReadTime, toReadTimeValue} from '../../core/read-time/index.ts'
import {SEED_IDS, loadSeedArticle} from '../../scripts/seed-content.ts'
import {seedLake} from '../../scripts/seed.ts'
import {launchChromium, type TestBrowser} from '../support/chromium.ts'
import {startTestLake, type TestLake} from '../support/lake.ts'
import {
  buildStudio,
  freePort,
  loginToStudio,
  serveStudio,
  type StaticServer,
} from '../support/studio.ts'

const ARTIFACTS = 'artifacts/e2e/read-time'
const UI_TIMEOUT = 30_000
const TITLE = 'Read time test post'
const PASTED =
  'A pasted paragraph arrives in one piece: forty words that nobody typed, yet the figure ' +
  'under the body must count every one of them at once, and the stored read time must follow ' +
  'without the editor ever opening the Details tab to look at it.'

type PostDocument = Record<string, unknown> & {body?: unknown; heroImage?: unknown}

describe('the live read time in the Studio', () => {
  let lake: TestLake
  let studio: StaticServer
  let browser: TestBrowser
  let page: Page
  let admin: SanityClient
  let reader: SanityClient
  let buildDir: string
  let postId = ''
  let shots = 0

  const shot = async (name: string) => {
    shots += 1
    await page.screenshot({path: join(ARTIFACTS, `${String(shots).padStart(2, '0')}-${name}.png`)})
  }

  const pane = () => page.locator('[data-testid="document-pane"]').first()
  const figure = () => pane().locator('[data-testid="read-time-figure"]')
  const shownSeconds = async () => Number(await figure().getAttribute('data-seconds'))
  const shownWords = async () =>
    Number(
      /^([\d,]+) words?/
        .exec((await pane().locator('[data-testid="read-time-details"]').textContent()) ?? '')?.[1]
        ?.replace(/,/g, ''),
    )
  const draft = async () =>
    (await admin.getDocument(`drafts.${postId}`)) as PostDocument | undefined
  /** What the stored figure should be for a document's current body and hero image. */
  const expectedReadTime = (doc: PostDocument | undefined) =>
    toReadTimeValue(estimateReadTime(doc?.body, {heroImage: doc?.heroImage}))

  const contentGroupShown = async () =>
    (await pane().locator('[data-testid="group-tab-content"]').getAttribute('aria-selected')) ===
    'true'

  const focusBody = async () => {
    const body = pane().locator('[data-testid="field-body"]')
    const overlay = body.locator('[data-testid="activate-overlay"]')
    if (await overlay.count()) await overlay.first().click()
    await body.locator('[contenteditable="true"]').first().click()
  }

  /** Clicks Publish until `isPublished` agrees (the Studio drops a click while it validates). */
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

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, {recursive: true})
    const lakePort = await freePort()
    buildDir = mkdtempSync(join(tmpdir(), 'newsroom-read-time-studio-'))
    const build = await buildStudio({apiHost: `https://localhost:${lakePort}`, outDir: buildDir})
    console.log(`sanity build: ${build.ms} ms`)
    studio = await serveStudio(build.dir)
    lake = await startTestLake({port: lakePort, corsOrigins: [studio.url]})
    admin = lake.client({token: 'admin', perspective: 'raw'})
    reader = lake.client({useCdn: true, perspective: 'published'})
    await seedLake(admin)
    browser = await launchChromium({trustSpki: lake.lake.spkiSha256})
    page = await browser.newPage()
    await loginToStudio(page, studio.url)
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

  it('shows the seed post at the old site’s 7:39 give or take 15 s, and opening it writes nothing', async () => {
    await page.locator('[data-testid="pane-item-Posts"]').click()
    await page.getByText(loadSeedArticle().title).first().click()
    await figure().waitFor({timeout: UI_TIMEOUT})
    const seconds = await shownSeconds()
    expect(Math.abs(seconds - loadSeedArticle().displayedReadTimeSeconds)).toBeLessThanOrEqual(15)
    expect(await figure().textContent()).toBe(
      `${Math.floor(seconds / 60)} Minute, ${seconds % 60} Second`,
    )
    expect(await shownWords()).toBe(1501)
    expect(await contentGroupShown()).toBe(true)

    await pane().locator('[data-testid="read-time-summary"]').scrollIntoViewIfNeeded()
    await shot('seed-post')
    // Well past the debounce: still no draft, so opening a post never creates one.
    await page.waitForTimeout(2_500)
    expect(await admin.getDocument(`drafts.${SEED_IDS.post}`)).toBeUndefined()
  })

  it('grows the figure as the editor types a new post, in the Content group', async () => {
    await page.locator('[data-testid="pane-item-Posts"]').click()
    await page.locator('[data-testid="action-intent-button"]').first().click()
    const title = pane().locator('[data-testid="field-title"] input')
    await title.waitFor({timeout: UI_TIMEOUT})
    await title.click()
    await page.keyboard.type(TITLE)
    await page.waitForURL(/;[0-9a-f-]{36}/)
    postId = /;([0-9a-f-]{36})/.exec(page.url())?.[1] ?? ''
    expect(postId).not.toBe('')
    expect(await shownSeconds()).toBe(0)

    await focusBody()
    await page.keyboard.type('Editors see the figure while they write.')
    await expect.poll(shownWords, {timeout: UI_TIMEOUT}).toBe(7)
    const before = await shownSeconds()
    await page.keyboard.press('Enter')
    await page.keyboard.type('It grows with each sentence they add to the body.')
    await expect.poll(shownWords, {timeout: UI_TIMEOUT}).toBe(17)
    expect(await shownSeconds()).toBeGreaterThan(before)
    expect(await contentGroupShown()).toBe(true)
    await shot('typing')

    // The read-time field lives in the Details group and is not rendered, yet the draft follows.
    expect(await pane().locator('[data-testid="field-readTime"]').count()).toBe(0)
    await expect
      .poll(async () => {
        const doc = await draft()
        return doc?.readTime && {stored: doc.readTime, expected: expectedReadTime(doc)}
      })
      .toMatchObject({stored: {words: 17}})
    const doc = await draft()
    expect(doc?.readTime).toEqual(expectedReadTime(doc))
  })

  it('follows a paste and the deletion of every block', async () => {
    await page.keyboard.press('Enter')
    await page.evaluate((text) => {
      const data = new DataTransfer()
      data.setData('text/plain', text)
      const event = new ClipboardEvent('paste', {clipboardData: data, bubbles: true})
      document.activeElement?.dispatchEvent(event)
    }, PASTED)
    await expect.poll(shownWords, {timeout: UI_TIMEOUT}).toBe(17 + 45)
    await expect
      .poll(async () => ((await draft())?.readTime as {words?: number})?.words, {
        timeout: UI_TIMEOUT,
      })
      .toBe(17 + 45)
    await shot('pasted')

    await page.keyboard.press('Control+A')
    await page.keyboard.press('Backspace')
    await expect.poll(shownWords, {timeout: UI_TIMEOUT}).toBe(0)
    await expect
      .poll(async () => ((await draft())?.readTime as {words?: number})?.words, {
        timeout: UI_TIMEOUT,
      })
      .toBe(0)
    await shot('deleted')
  })

  it('shows the stored figure read-only in the Details group', async () => {
    await pane().locator('[data-testid="group-tab-meta"]').click()
    const seconds = pane().locator('[data-testid="field-readTime.seconds"] input')
    await seconds.waitFor({timeout: UI_TIMEOUT})
    expect(await seconds.isEditable()).toBe(false)
    await pane()
      .locator('[data-testid="field-slug"]')
      .getByRole('button', {name: 'Generate'})
      .click()
    await expect
      .poll(async () => (await draft())?.slug, {timeout: UI_TIMEOUT})
      .toMatchObject({current: 'read-time-test-post'})
    await shot('details')
    await pane().locator('[data-testid="group-tab-content"]').click()
  })

  it('publishes right after typing with the figure of the published body', async () => {
    await focusBody()
    await page.keyboard.type('Published the moment the last word was typed.')
    // No wait for the debounce: the publish action fixes the figure on its way out.
    await publish(async () => Boolean(await reader.getDocument(postId)))
    const published = (await reader.getDocument(postId)) as PostDocument
    expect(published.readTime).toEqual(expectedReadTime(published))
    expect((published.readTime as {words: number}).words).toBe(8)
    expect(published.readTime).toMatchObject({
      seconds: estimateReadTime(published.body, {heroImage: published.heroImage}).seconds,
    })
    await expect.poll(draft, {timeout: UI_TIMEOUT}).toBeUndefined()
    // Nothing after publishing brings a draft back.
    await page.waitForTimeout(2_500)
    expect(await draft()).toBeUndefined()
    await shot('published')
  })

  it('fixes a stale stored figure in the same publish', async () => {
    await focusBody()
    await page.keyboard.press('Control+End')
    await page.keyboard.type(' Then edited once more.')
    await expect
      .poll(async () => ((await draft())?.readTime as {words?: number})?.words, {
        timeout: UI_TIMEOUT,
      })
      .toBe(12)
    // A figure gone stale behind the Studio's back, as an import or an old script would leave it.
    const stale = {_type: 'readTime', seconds: 1, words: 1, characters: 0, images: 0}
    await admin.patch(`drafts.${postId}`).set({readTime: stale}).commit()
    await page.waitForTimeout(2_000)
    // No edit of the body, so the Studio leaves it alone until publishing.
    expect((await draft())?.readTime).toMatchObject(stale)
    await publish(
      async () => ((await reader.getDocument(postId))?.readTime as {words?: number})?.words === 12,
    )
    const published = (await reader.getDocument(postId)) as PostDocument
    expect(published.readTime).toEqual(expectedReadTime(published))
    await expect.poll(draft, {timeout: UI_TIMEOUT}).toBeUndefined()
    await shot('stale-fixed-on-publish')
  })
})
