/**
 * The first minute of `npm run dev`, in a browser as a person has it: headless Chromium WITHOUT
 * the lake's certificate fingerprint (the other end-to-end tests pass it, for speed). The reader
 * site shows its images (they come from its own origin); the Studio, which must reach the lake
 * over HTTPS, sends the person to the lake's certificate guide instead of its bare network
 * error; and once the certificate is accepted the guide forwards to the Studio's login and on to
 * the seed post. Screenshots land in artifacts/e2e/first-minute/.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {loadSeedArticle} from '../../scripts/seed-content.ts'
import {seedLake} from '../../scripts/seed.ts'
import {launchChromium} from '../support/chromium.ts'
import {UI_TIMEOUT, useStudioSession} from '../support/studio-session.ts'
import {startWebServer, type WebServer} from '../support/web.ts'

const ARTIFACTS = 'artifacts/e2e/first-minute'
const POST_PATH = '/posts/mistral-ai-powers-frances-new-defense-era'
const NETWORK_ERROR = /Couldn.t reach the Sanity servers/

describe('the first minute, in a browser that does not trust the lake yet', () => {
  const session = useStudioSession({
    artifacts: ARTIFACTS,
    seed: seedLake,
    trustLakeCertificate: false,
    viewport: {width: 1280, height: 900},
  })
  let web: WebServer
  const guideUrl = () => `http://localhost:${session.lake.lake.port}/`

  beforeAll(async () => {
    web = await startWebServer({apiHost: session.lake.url, lakeDataDir: session.lake.dataDir})
  })
  afterAll(async () => {
    await web?.close()
  })

  it('the reader site shows the seed article’s hero image, served from its own origin', async () => {
    const {page} = session
    await page.goto(`${web.url}${POST_PATH}`)
    const hero = page.locator('.hero img')
    expect(await hero.getAttribute('src')).toMatch(/^\/images\/local\/production\//)
    await expect
      .poll(() => hero.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), {
        timeout: UI_TIMEOUT,
      })
      .toBeGreaterThan(0)
    await session.shot('reader-site-hero')
  })

  it('the Studio sends the person to the certificate guide, never to its bare network error', async () => {
    const {page} = session
    await page.goto(session.studio.url)
    await page.waitForURL((url) => url.href.startsWith(guideUrl()), {timeout: UI_TIMEOUT})
    expect(new URL(page.url()).searchParams.get('return')).toBe(`${session.studio.url}/`)
    await page
      .getByRole('heading', {name: 'One step before the Studio: trust the local content lake'})
      .waitFor({timeout: UI_TIMEOUT})
    const steps = page.getByRole('listitem')
    await expect
      .poll(() => steps.allTextContents(), {timeout: UI_TIMEOUT})
      .toEqual([
        expect.stringMatching(
          new RegExp(
            `^\\s*Open https://local\\.localhost:${session.lake.lake.port}\\s+Not trusted yet`,
          ),
        ),
        expect.stringMatching(
          new RegExp(`^\\s*Open https://localhost:${session.lake.lake.port}\\s+Not trusted yet`),
        ),
      ])
    expect(await page.getByText(NETWORK_ERROR).count()).toBe(0)
    await session.shot('certificate-guide')
  })

  it('once the certificate is accepted, the guide forwards to the Studio’s login, then the seed post', async () => {
    const {page} = session
    const waiting = page.url()
    // A person accepts the certificate on the browser's warning page; a headless shell shows no
    // such page, so this browser stands in for that click with the certificate's fingerprint
    // (`--ignore-certificate-errors-spki-list`, as the harness does). Everything after it is the
    // person's path: the guide they were on sees the lake trusted and forwards to the Studio.
    const accepted = await launchChromium({
      trustSpki: session.lake.lake.spkiSha256,
      viewport: {width: 1280, height: 900},
    })
    try {
      const trusting = await accepted.newPage()
      await trusting.goto(waiting)
      await trusting.waitForURL((url) => url.href.startsWith(session.studio.url), {
        timeout: UI_TIMEOUT,
      })
      const login = trusting.getByText('Local lake login')
      await login.waitFor({timeout: 60_000})
      expect(await trusting.getByText(NETWORK_ERROR).count()).toBe(0)
      await session.shot('studio-login', trusting)
      await login.click()
      await trusting.waitForURL(/\/structure/, {timeout: 60_000})
      await trusting.locator('[data-testid="pane-item-Posts"]').click()
      await trusting.getByText(loadSeedArticle().title).first().click()
      const title = trusting.locator(
        '[data-testid="document-pane"] [data-testid="field-title"] input',
      )
      await title.first().waitFor({timeout: 60_000})
      expect(await title.first().inputValue()).toBe(loadSeedArticle().title)
      await session.shot('studio-seed-post', trusting)
    } finally {
      await accepted.close()
    }
  })
})
