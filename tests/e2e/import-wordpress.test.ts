/**
 * The WordPress import seen in the real Studio: the test export imported into a lake, then the
 * seed article opened by an editor in headless Chromium, with its title, its hero image and alt
 * text, its body, and where it came from. Screenshots land in artifacts/e2e/import-wordpress/.
 */
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import type {Page} from 'playwright-core'
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest'

import {importWordPress} from '../../scripts/import-wordpress/index.ts'
import {resolveTarget} from '../../scripts/lib/target.ts'
import {loadSeedArticle} from '../../scripts/seed-content.ts'
import {
  fixtureExportFor,
  MEDIA_UPLOADS,
  startFixtureSite,
  writeUploads,
  type FixtureSite,
} from '../fixtures/wordpress/media.ts'
import {launchChromium, type TestBrowser} from '../support/chromium.ts'
import {startTestLake, type TestLake} from '../support/lake.ts'
import {
  buildStudio,
  freePort,
  loginToStudio,
  serveStudio,
  type StaticServer,
} from '../support/studio.ts'

const ARTIFACTS = 'artifacts/e2e/import-wordpress'
const UI_TIMEOUT = 30_000
const seed = loadSeedArticle()

describe('an imported WordPress post in the Studio', () => {
  let lake: TestLake
  let site: FixtureSite
  let studio: StaticServer
  let browser: TestBrowser
  let page: Page
  let buildDir = ''
  let dataDir = ''
  let workDir = ''

  const shot = async (name: string) => {
    await page.screenshot({path: join(ARTIFACTS, `${name}.png`)})
  }
  const pane = () => page.locator('[data-testid="document-pane"]').first()

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, {recursive: true})
    const lakePort = await freePort()
    buildDir = mkdtempSync(join(tmpdir(), 'newsroom-studio-'))
    dataDir = mkdtempSync(join(tmpdir(), 'newsroom-e2e-import-'))
    workDir = mkdtempSync(join(tmpdir(), 'newsroom-e2e-export-'))
    const build = await buildStudio({apiHost: `https://localhost:${lakePort}`, outDir: buildDir})
    console.log(`sanity build: ${build.ms} ms`)
    studio = await serveStudio(build.dir)
    lake = await startTestLake({port: lakePort, dataDir, corsOrigins: [studio.url]})

    site = await startFixtureSite()
    const file = join(workDir, 'export.xml')
    writeFileSync(file, fixtureExportFor(site.origin))
    writeUploads(join(workDir, 'uploads'), MEDIA_UPLOADS)
    const {summary} = await importWordPress({
      file,
      target: resolveTarget({data: dataDir, url: lake.url}, {}),
      mediaDir: join(workDir, 'uploads'),
      progress: false,
    })
    expect(summary.posts).toMatchObject({created: 5, published: 3, drafts: 2})

    browser = await launchChromium({
      trustSpki: lake.lake.spkiSha256,
      viewport: {width: 1440, height: 1280},
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
    await site?.close()
    for (const dir of [buildDir, dataDir, workDir]) {
      if (dir) rmSync(dir, {recursive: true, force: true})
    }
  })

  it('lists the imported posts, newest first, drafts among them', async () => {
    await loginToStudio(page, studio.url)
    await page.locator('[data-testid="pane-item-Posts"]').click()
    const list = page.locator('[data-testid="document-list-pane"]')
    for (const title of [
      'Trump, Powell, Oil: Context Behind Calm Markets',
      seed.title,
      'Powell, Trump, DOJ: The High-Stakes Content Context',
      'Europe’s Chip Plans, Explained',
    ]) {
      await list.getByText(title, {exact: true}).first().waitFor({timeout: UI_TIMEOUT})
    }
    await shot('01-post-list')
  })

  it('opens the seed article with its title, hero image and alt text, and body', async () => {
    await page.getByText(seed.title, {exact: true}).first().click()
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
    await page.waitForTimeout(1000)
    await shot('02-seed-post')
    await body.getByText(firstHeading, {exact: true}).scrollIntoViewIfNeeded()
    await shot('03-seed-post-body')
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
    await shot('04-details')

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
    await shot('05-previous-next')
  })
})
