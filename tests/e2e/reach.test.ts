/**
 * Reach in a real Chromium on the local lake with the demo content: in the built Studio the
 * "Search & social" preview follows the editor's typing (docs/reach-search-social.png); on the
 * reader site the byline leads to the author page. Screenshots land in artifacts/e2e/reach/.
 */
import {afterAll, describe, expect, it} from 'vitest'

import {loadSeedArticle} from '../../scripts/seed-content.ts'
import {seedLake} from '../../scripts/seed.ts'
import {loginToStudio} from '../support/studio.ts'
import {UI_TIMEOUT, useStudioSession} from '../support/studio-session.ts'
import {startWebServer, type WebServer} from '../support/web.ts'

const ARTIFACTS = 'artifacts/e2e/reach'
const SEED = loadSeedArticle()
const SEED_PATH = '/posts/mistral-ai-powers-frances-new-defense-era'

describe('reach: the Search & social preview and the byline', () => {
  const session = useStudioSession({
    artifacts: ARTIFACTS,
    seed: seedLake,
    viewport: {width: 1400, height: 1100},
  })
  let web: WebServer | undefined

  afterAll(async () => {
    await web?.close()
  })

  const pane = () => session.page.locator('[data-testid="document-pane"]').last()
  const preview = () => pane().locator('[data-testid="seo-preview"]')
  const text = (testId: string) => preview().locator(`[data-testid="${testId}"]`).innerText()

  it('previews the post as a search result and a social card, updating as the editor types', async () => {
    await loginToStudio(session.page, session.studio.url)
    await session.page.locator('[data-testid="pane-item-Posts"]').click()
    await session.page.getByText(SEED.title).first().click()
    await pane().locator('[data-testid="field-title"] input').waitFor({timeout: UI_TIMEOUT})
    await pane().locator('[data-testid="group-tab-seo"]').click()
    await preview().waitFor({timeout: UI_TIMEOUT})

    // Nothing of the group is set: the title, the excerpt and the hero stand in.
    expect(await text('seo-preview-title')).toBe(SEED.title)
    expect(await text('seo-preview-card-title')).toBe(SEED.title)
    expect(await text('seo-preview-description')).toMatch(/^Mistral ai just vaulted/)
    const cardImage = preview().locator('[data-testid="seo-preview-social"] img')
    await expect
      .poll(() => cardImage.evaluate((img: HTMLImageElement) => img.naturalWidth), {
        timeout: UI_TIMEOUT,
      })
      .toBeGreaterThan(0)
    expect(await cardImage.getAttribute('alt')).toBe(SEED.heroImage.alt)
    await session.shot('search-social-fallbacks', pane())

    const seoTitle = 'Mistral AI and the French army: a $14bn bet on sovereignty'
    await pane().locator('[data-testid="field-seo.title"] input').click()
    await session.page.keyboard.type(seoTitle)
    await expect.poll(() => text('seo-preview-title'), {timeout: UI_TIMEOUT}).toBe(seoTitle)
    expect(await text('seo-preview-card-title')).toBe(seoTitle)

    const description = 'France signs a multiyear deal to put Mistral models in its armed forces.'
    await pane().locator('[data-testid="field-seo.description"] textarea').click()
    await session.page.keyboard.type(description)
    await expect
      .poll(() => text('seo-preview-description'), {timeout: UI_TIMEOUT})
      .toBe(description)
    // What the editor typed is the draft the site will read once published.
    await expect
      .poll(
        async () =>
          (
            (await session.admin.getDocument('drafts.post-mistral-ai-defense')) as {
              seo?: {title?: string}
            }
          )?.seo?.title,
        {timeout: UI_TIMEOUT},
      )
      .toBe(seoTitle)
    // The preview at the top of the pane, the fields under it: docs/reach.md's screenshot.
    await preview().evaluate((element) => element.scrollIntoView({block: 'start'}))
    await session.shot('search-social-typed', pane())
    await pane().screenshot({path: 'docs/reach-search-social.png'})
  })

  it('links the byline on the reader site to the author page', async () => {
    web = await startWebServer({apiHost: session.lake.url, lakeDataDir: session.lake.dataDir})
    const page = session.page
    await page.goto(`${web.url}${SEED_PATH}`)
    const byline = page.locator('.byline')
    expect(await byline.innerText()).toBe('By Camille Laurent')
    await session.shot('byline', page.locator('.article-header'))
    await byline.getByRole('link', {name: 'Camille Laurent'}).click()
    await page.waitForURL(`${web.url}/authors/camille-laurent`, {timeout: UI_TIMEOUT})
    expect(await page.locator('h1').innerText()).toBe('Camille Laurent')
    expect(await page.locator('.card-title a').allInnerTexts()).toEqual([SEED.title])
    // The page names its feed for readers' feed apps, on the site's own origin.
    expect(
      await page
        .locator('link[rel="alternate"][type="application/rss+xml"]')
        .first()
        .getAttribute('href'),
    ).toBe(`${web.url}/authors/camille-laurent/feed.xml`)
    await session.shot('author-page')
  })
})
