/**
 * The real Studio (built with `sanity build`) in headless Chromium against the local lake, driven
 * the way an editor works: log in, write a post with a new tag and a hero image, publish, edit and
 * discard, unpublish, delete. Screenshots of the key steps land in artifacts/e2e/.
 */
import {mkdirSync, mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import type {SanityClient} from '@sanity/client'
import type {Locator, Page} from 'playwright-core'
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest'

import {listenerCount} from '../../lake/routes/listen.ts'
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

const ARTIFACTS = 'artifacts/e2e'
const TITLE = 'Offline newsroom test post'
// Short texts: every keystroke is a patch round trip, and typing dominates the suite's time.
const PARAGRAPHS = ['Typed in a real browser.', 'Nothing left the machine.', 'The end.']
const ALT = 'A sunset over a newsroom'
const UI_TIMEOUT = 30_000

describe('the Studio on the local lake', () => {
  let lake: TestLake
  let studio: StaticServer
  let browser: TestBrowser
  let page: Page
  let admin: SanityClient
  let reader: SanityClient
  let buildDir: string
  let dataDir: string
  let lakePort: number
  let postId = ''
  let shots = 0

  const shot = async (name: string) => {
    shots += 1
    await page.screenshot({path: join(ARTIFACTS, `${String(shots).padStart(2, '0')}-${name}.png`)})
  }

  /** The post as the admin sees it: published and draft. */
  const versions = async () => {
    const docs = await admin.getDocuments([postId, `drafts.${postId}`])
    return {published: docs[0] ?? null, draft: docs[1] ?? null}
  }

  /** The post's document pane (the tag created inline opens a second pane to its right). */
  const postPane = () => page.locator('[data-testid="document-pane"]').first()

  /**
   * Publishes from `pane` and waits until `isPublished` agrees. The Studio drops a click on
   * Publish that lands while it is still validating the latest keystrokes (the button is briefly
   * enabled), so an unanswered click is repeated once the button is enabled again.
   */
  const publishFrom = async (pane: Locator, isPublished: () => Promise<boolean>) => {
    const button = pane.locator('[data-testid="action-publish"]')
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

  const menuAction = async (item: RegExp, confirm: RegExp) => {
    await postPane()
      .locator('[data-testid="pane-footer"] [data-testid="action-menu-button"]')
      .click()
    await page.getByRole('menuitem', {name: item}).click()
    await page.getByRole('dialog').getByRole('button', {name: confirm}).click()
  }

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, {recursive: true})
    lakePort = await freePort()
    buildDir = mkdtempSync(join(tmpdir(), 'newsroom-studio-'))
    dataDir = mkdtempSync(join(tmpdir(), 'newsroom-e2e-lake-'))
    const build = await buildStudio({apiHost: `https://localhost:${lakePort}`, outDir: buildDir})
    console.log(`sanity build: ${build.ms} ms`)
    studio = await serveStudio(build.dir)
    lake = await startTestLake({port: lakePort, dataDir, corsOrigins: [studio.url]})
    admin = lake.client({token: 'admin', perspective: 'raw'})
    reader = lake.client({useCdn: true, perspective: 'published'})
    browser = await launchChromium({trustSpki: lake.lake.spkiSha256})
    page = await browser.newPage()
  })

  afterEach(async ({task}) => {
    // A picture of the moment a step failed, next to the step screenshots.
    if (task.result?.state === 'fail' && page && !page.isClosed()) await shot('failed')
  })

  afterAll(async () => {
    await browser?.close()
    await lake?.close()
    await studio?.close()
    for (const dir of [buildDir, dataDir]) if (dir) rmSync(dir, {recursive: true, force: true})
  })

  it('logs in with the local provider', async () => {
    await page.goto(studio.url)
    await page.getByText('Local lake login').waitFor({timeout: UI_TIMEOUT})
    await shot('login')
    await loginToStudio(page, studio.url)
    await page.locator('[data-testid="pane-item-Posts"]').waitFor({timeout: UI_TIMEOUT})
    await shot('structure')
  })

  it('creates a post with paragraphs, a new tag and a hero image, and publishes it', async () => {
    await page.locator('[data-testid="pane-item-Posts"]').click()
    await page.locator('[data-testid="action-intent-button"]').first().click()
    const title = page.locator('[data-testid="field-title"] input')
    await title.waitFor({timeout: UI_TIMEOUT})
    await title.click()
    await page.keyboard.type(TITLE)
    await page.waitForURL(/;[0-9a-f-]{36}/)
    postId = /;([0-9a-f-]{36})/.exec(page.url())?.[1] ?? ''
    expect(postId).not.toBe('')

    const body = page.locator('[data-testid="field-body"]')
    const overlay = body.locator('[data-testid="activate-overlay"]')
    if (await overlay.count()) await overlay.first().click()
    await body.locator('[contenteditable="true"]').first().click()
    for (const [i, paragraph] of PARAGRAPHS.entries()) {
      if (i > 0) await page.keyboard.press('Enter')
      await page.keyboard.type(paragraph)
    }

    const png = createPlaceholderPng({
      width: 800,
      height: 450,
      from: [20, 60, 120],
      to: [240, 190, 110],
    })
    await page
      .locator('[data-testid="image-input"] input[type="file"]')
      .first()
      .setInputFiles({name: 'hero.png', mimeType: 'image/png', buffer: png})
    const alt = page.locator('[data-testid="field-heroImage.alt"] input')
    await alt.waitFor({timeout: UI_TIMEOUT})
    await alt.click()
    await page.keyboard.type(ALT)
    await shot('post-content')

    // A tag created inline from the reference field, then published from its own pane.
    await page.locator('[data-testid="group-tab-links"]').click()
    await page
      .locator('[data-testid="field-tags"] [data-testid="add-single-object-button"]')
      .click()
    await page.keyboard.type('Offline')
    await page.locator('[data-testid^="create-new-document-select-tags"]').click()
    const tagTitle = page.locator('[data-testid="field-title"] input').last()
    await tagTitle.waitFor({timeout: UI_TIMEOUT})
    await tagTitle.click()
    await page.keyboard.type('Offline')
    await page
      .locator('[data-testid="field-slug"]')
      .last()
      .getByRole('button', {name: 'Generate'})
      .click()
    await publishFrom(
      page.locator('[data-testid="document-pane"]').last(),
      async () =>
        (await reader.fetch('*[_type == "tag" && title == "Offline"][0].slug.current')) ===
        'offline',
    )
    await shot('tag-created-inline')

    const post = postPane()
    await post.locator('[data-testid="group-tab-meta"]').click()
    await post.locator('[data-testid="field-slug"]').getByRole('button', {name: 'Generate'}).click()
    await expect
      .poll(async () => (await versions()).draft?.slug, {timeout: UI_TIMEOUT})
      .toMatchObject({current: 'offline-newsroom-test-post'})

    // Nothing is public before publishing.
    expect(await reader.getDocument(postId)).toBeUndefined()

    await publishFrom(post, async () => (await versions()).published?.title === TITLE)
    await shot('post-published')

    const published = await reader.fetch(
      `*[_id == $id][0]{title, "paragraphs": body[].children[].text, "alt": heroImage.alt,
        "image": heroImage.asset->url, "tags": tags[]->title}`,
      {id: postId},
    )
    expect(published).toMatchObject({
      title: TITLE,
      paragraphs: PARAGRAPHS,
      alt: ALT,
      tags: ['Offline'],
    })
    expect((await fetch(published.image)).status).toBe(200)
    expect((await versions()).draft).toBeNull()
  })

  it('edits the published post and discards the change', async () => {
    const post = postPane()
    await post.locator('[data-testid="group-tab-content"]').click()
    const title = post.locator('[data-testid="field-title"] input')
    await title.click()
    await page.keyboard.press('End')
    await page.keyboard.type(' (edited)')
    await expect
      .poll(async () => (await versions()).draft?.title, {timeout: UI_TIMEOUT})
      .toBe(`${TITLE} (edited)`)
    // Readers still see the published version.
    expect((await reader.getDocument(postId))?.title).toBe(TITLE)
    await shot('edited-draft')

    // Review changes shows what changed and, on hover, who changed it.
    await post.locator('[data-testid="change-bar__button"]').first().click()
    // Studio 6.9.2 labels the panel's close button with its untranslated key.
    const close = page.getByRole('button', {name: /^(Close history|changes\.action\.close-label)$/})
    try {
      const change = page.getByText('(edited)').last()
      await change.waitFor({timeout: UI_TIMEOUT})
      const author = page.getByText('Local Admin').first()
      // The author popover opens on hover after a delay and may miss a quick pointer.
      await expect
        .poll(
          async () => {
            await page.mouse.move(5, 450)
            await change.hover()
            return author.waitFor({timeout: 2_000}).then(
              () => true,
              () => false,
            )
          },
          {timeout: UI_TIMEOUT},
        )
        .toBe(true)
      await shot('review-changes')
    } finally {
      await page.mouse.move(5, 450)
      await close.click()
      await close.waitFor({state: 'hidden'})
    }

    await menuAction(/discard changes/i, /discard changes/i)
    await expect.poll(async () => (await versions()).draft, {timeout: UI_TIMEOUT}).toBeNull()
    await expect.poll(() => title.inputValue(), {timeout: UI_TIMEOUT}).toBe(TITLE)
  })

  it('unpublishes the post', async () => {
    // Unpublish lives on the published version of the document.
    const post = postPane()
    await post.locator('[data-testid="document-header-Published-chip"]').click()
    await post.getByRole('button', {name: 'Unpublish'}).click()
    await page
      .getByRole('dialog')
      .getByRole('button', {name: /unpublish now/i})
      .click()
    await expect.poll(async () => (await versions()).published, {timeout: UI_TIMEOUT}).toBeNull()
    expect((await versions()).draft?.title).toBe(TITLE)
    expect(await reader.getDocument(postId)).toBeUndefined()
    await post.locator('[data-testid="document-header-Draft-chip"]').click()
    await shot('unpublished')
  })

  it('shows the connection-lost state while the lake is down and recovers when it is back', async () => {
    const title = postPane().locator('[data-testid="field-title"] input')
    await lake.close()
    await page.getByText('Trying to connect').first().waitFor({timeout: UI_TIMEOUT})
    await shot('lake-down')

    lake = await startTestLake({port: lakePort, dataDir, corsOrigins: [studio.url]})
    admin = lake.client({token: 'admin', perspective: 'raw'})
    reader = lake.client({useCdn: true, perspective: 'published'})
    await page
      .getByText('Trying to connect')
      .first()
      .waitFor({state: 'hidden', timeout: UI_TIMEOUT})
    // The same login still works and edits reach the restarted lake.
    await postPane().locator('[data-testid="group-tab-content"]').click()
    await title.click()
    await page.keyboard.press('End')
    await page.keyboard.type(' again')
    await expect
      .poll(async () => (await versions()).draft?.title, {timeout: UI_TIMEOUT})
      .toBe(`${TITLE} again`)
    await shot('lake-back')
  })

  it('deletes the post', async () => {
    await menuAction(/^delete/i, /delete document/i)
    await expect
      .poll(async () => Object.values(await versions()).every((doc) => doc === null), {
        timeout: UI_TIMEOUT,
      })
      .toBe(true)
    await shot('deleted')
  })

  it('finds the new tag with the list search', async () => {
    await page.goto(`${studio.url}/structure`)
    await page.locator('[data-testid="pane-item-Tags"]').click()
    const search = page.getByPlaceholder('Search list')
    await search.click()
    await page.keyboard.type('Offli')
    await page
      .locator('[data-testid="document-list-pane"]')
      .getByText('Offline', {exact: true})
      .waitFor({timeout: UI_TIMEOUT})
    await shot('list-search')
  })

  it('runs a GROQ query in Vision', async () => {
    await page.goto(`${studio.url}/vision`)
    const editor = page.locator('.cm-content').first()
    await editor.waitFor({timeout: UI_TIMEOUT})
    await editor.click()
    await page.keyboard.press('Control+A')
    await page.keyboard.type('*[_type == "tag"]{title, "slug": slug.current}')
    await page.keyboard.press('Control+Enter')
    // The result tree shows the slug value unquoted.
    await page.getByText('offline', {exact: true}).first().waitFor({timeout: UI_TIMEOUT})
    await shot('vision')
  })

  it('releases every listener when the page closes', async () => {
    expect(listenerCount(lake.lake.ctx)).toBeGreaterThan(0)
    await page.close()
    await expect.poll(() => listenerCount(lake.lake.ctx), {timeout: UI_TIMEOUT}).toBe(0)
  })
})
