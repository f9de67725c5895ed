/**
 * The WordPress import seen in the real Studio and on the reader site: the test export imported
 * into a lake, then the seed article opened by an editor in headless Chromium, with its title, its
 * hero image and alt text, its body, and where it came from; then the same post as a reader opens
 * it on the site (web/server.ts against the lake). Screenshots land in
 * artifacts/e2e/import-wordpress/.
 */
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {importWordPress} from '../../import-wordpress/index.ts'
import {resolveTarget} from '../../import-wordpress/target.ts'
import {loadSeedArticle} from '../../scripts/seed-content.ts'
import {
  fixtureExportFor,
  MEDIA_UPLOADS,
  startFixtureSite,
  writeUploads,
  type FixtureSite,
} from '../fixtures/wordpress/media.ts'
import {loginToStudio} from '../support/studio.ts'
import {UI_TIMEOUT, useStudioSession} from '../support/studio-session.ts'
import {startWebServer, type WebServer} from '../support/web.ts'

const seed = loadSeedArticle()
/** The seed post's WordPress slug, kept by the import, and those of its previous and next posts. */
const SEED_SLUG = 'mistral-ai-powers-frances-new-defense-era'
const PREVIOUS_SLUG = 'powell-trump-doj-high-stakes'
const NEXT_SLUG = 'trump-powell-oil-calm-markets'
/** The old site showed "Read Time: 7 Minute, 39 Second" for the seed article. */
const OLD_SITE_READ_TIME = 7 * 60 + 39

/** `Read Time: 7 Minute, 39 Second` → 459; null for any other text. */
function readTimeSeconds(line: string): number | null {
  const match = /^Read Time: (?:(\d+) Minute)?(?:, )?(?:(\d+) Second)?$/.exec(line)
  if (!match || (match[1] === undefined && match[2] === undefined)) return null
  return Number(match[1] ?? 0) * 60 + Number(match[2] ?? 0)
}

describe('an imported WordPress post in the Studio', () => {
  const session = useStudioSession({
    artifacts: 'artifacts/e2e/import-wordpress',
    viewport: {width: 1440, height: 1280},
  })
  let site: FixtureSite
  let web: WebServer
  let workDir = ''

  const pane = () => session.page.locator('[data-testid="document-pane"]').first()

  beforeAll(async () => {
    site = await startFixtureSite()
    workDir = mkdtempSync(join(tmpdir(), 'newsroom-e2e-export-'))
    const file = join(workDir, 'export.xml')
    writeFileSync(file, fixtureExportFor(site.origin))
    writeUploads(join(workDir, 'uploads'), MEDIA_UPLOADS)
    const {summary} = await importWordPress({
      file,
      target: resolveTarget({data: session.lake.dataDir, url: session.lake.url}, {}),
      mediaDir: join(workDir, 'uploads'),
      progress: false,
    })
    expect(summary.posts).toMatchObject({created: 5, published: 3, drafts: 2})
    web = await startWebServer({apiHost: session.lake.url, lakeDataDir: session.lake.dataDir})
  })

  afterAll(async () => {
    await web?.close()
    await site?.close()
    if (workDir) rmSync(workDir, {recursive: true, force: true})
  })

  it('lists the imported posts, newest first, drafts among them', async () => {
    await loginToStudio(session.page, session.studio.url)
    await session.page.locator('[data-testid="pane-item-Posts"]').click()
    const list = session.page.locator('[data-testid="document-list-pane"]')
    for (const title of [
      'Trump, Powell, Oil: Context Behind Calm Markets',
      seed.title,
      'Powell, Trump, DOJ: The High-Stakes Content Context',
      'Europe’s Chip Plans, Explained',
    ]) {
      await list.getByText(title, {exact: true}).first().waitFor({timeout: UI_TIMEOUT})
    }
    await session.shot('post-list')
  })

  it('opens the seed article with its title, hero image and alt text, and body', async () => {
    await session.page.getByText(seed.title, {exact: true}).first().click()
    const title = pane().locator('[data-testid="field-title"] input')
    await expect.poll(() => title.inputValue(), {timeout: UI_TIMEOUT}).toBe(seed.title)

    const alt = pane().locator('[data-testid="field-heroImage.alt"] input')
    await expect.poll(() => alt.inputValue(), {timeout: UI_TIMEOUT}).toBe(seed.heroImage.alt)
    const hero = pane().locator('[data-testid="image-input"] img').first()
    await hero.waitFor({timeout: UI_TIMEOUT})
    await expect
      .poll(() => hero.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), {
        timeout: UI_TIMEOUT,
      })
      .toBeGreaterThan(0)

    const body = pane().locator('[data-testid="field-body"]')
    const firstHeading = seed.body.find((block) => block.style === 'h2')?.text as string
    await body.getByText(firstHeading, {exact: true}).waitFor({timeout: UI_TIMEOUT})
    await body.getByText(/Mistral ai just vaulted from European startup star/).waitFor({
      timeout: UI_TIMEOUT,
    })
    await session.page.waitForTimeout(1000)
    await session.shot('seed-post')
    await body.getByText(firstHeading, {exact: true}).scrollIntoViewIfNeeded()
    await session.shot('seed-post-body')
  })

  it('shows where the post came from, read-only, and its previous and next posts', async () => {
    await pane().locator('[data-testid="group-tab-meta"]').click()
    const wordpress = pane().locator('[data-testid="field-wordpress"]')
    await wordpress.waitFor({timeout: UI_TIMEOUT})
    const id = wordpress.locator('[data-testid="field-wordpress.id"] input')
    await expect.poll(() => id.inputValue(), {timeout: UI_TIMEOUT}).toBe('11')
    expect(await id.isEditable()).toBe(false)
    const permalink = wordpress.locator('[data-testid="field-wordpress.permalink"] input')
    expect(await permalink.inputValue()).toBe(
      `${site.origin}/2026/11/25/mistral-ai-powers-frances-new-defense-era/`,
    )
    expect(await pane().getByText('Import hash').count()).toBe(0)
    await wordpress.scrollIntoViewIfNeeded()
    await session.shot('details')

    // Previous and next sit in no group: "All fields" shows them.
    await pane().getByRole('tab', {name: 'All fields'}).click()
    // Reference fields carry no field-<name> test id; their actions menu does.
    await pane()
      .locator('[data-testid="field-actions-menu-previous"]')
      .scrollIntoViewIfNeeded({timeout: UI_TIMEOUT})
    for (const title of [
      'Powell, Trump, DOJ: The High-Stakes Content Context',
      'Trump, Powell, Oil: Context Behind Calm Markets',
    ]) {
      await pane().getByText(title, {exact: true}).first().waitFor({timeout: UI_TIMEOUT})
    }
    await session.shot('previous-next')
  })

  it('opens on the reader site with its title, hero alt text, read time, tags, previous and next', async () => {
    const page = await session.browser.newPage()
    const response = await page.goto(`${web.url}/posts/${SEED_SLUG}`)
    expect(response?.status()).toBe(200)

    await expect(page.getByRole('heading', {level: 1}).textContent()).resolves.toBe(seed.title)
    const hero = page.getByRole('img', {name: seed.heroImage.alt, exact: true})
    await expect(hero.isVisible()).resolves.toBe(true)
    await expect
      .poll(() => hero.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), {
        timeout: UI_TIMEOUT,
      })
      .toBeGreaterThan(0)

    // Estimated from the imported body: near what the old site showed for the same article.
    const readTime = (await page.locator('.read-time').textContent()) ?? ''
    const seconds = readTimeSeconds(readTime)
    expect(seconds, readTime).not.toBeNull()
    expect(Math.abs((seconds as number) - OLD_SITE_READ_TIME)).toBeLessThanOrEqual(15)
    await session.shot('site-post', page)

    const tags = page.getByRole('region', {name: 'Tags'}).getByRole('link')
    await expect(tags.allTextContents()).resolves.toEqual(['AI', 'Defense', 'Europe'])
    await expect(tags.first().getAttribute('href')).resolves.toBe('/tags/ai')

    const previous = page.getByRole('link', {name: /Previous post/})
    await expect(previous.getAttribute('href')).resolves.toBe(`/posts/${PREVIOUS_SLUG}`)
    await expect(previous.textContent()).resolves.toContain(seed.previous.title)
    const next = page.getByRole('link', {name: /Next post/})
    await expect(next.getAttribute('href')).resolves.toBe(`/posts/${NEXT_SLUG}`)
    await expect(next.textContent()).resolves.toContain(seed.next.title)
    for (const link of [previous, next]) {
      const image = link.getByRole('img')
      await image.scrollIntoViewIfNeeded()
      await expect
        .poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), {
          timeout: UI_TIMEOUT,
        })
        .toBeGreaterThan(0)
    }
    await tags.first().scrollIntoViewIfNeeded()
    await session.shot('site-post-links', page)

    // The previous link leads to the imported post it names.
    await previous.click()
    await page.waitForURL(`${web.url}/posts/${PREVIOUS_SLUG}`)
    await expect(page.getByRole('heading', {level: 1}).textContent()).resolves.toBe(
      seed.previous.title,
    )
    await page.close()
  })
})
