/**
 * `node scripts/seed-screenshot.ts [--studio http://localhost:3333] [--data .lake] [--out docs/studio-seed-post.png]`
 * With `npm run dev` running, logs in to the Studio in headless Chromium, opens the seed article
 * and saves a screenshot (the one the README shows).
 */
import {mkdirSync, readFileSync} from 'node:fs'
import {dirname, join, resolve} from 'node:path'
import {parseArgs} from 'node:util'

import {spkiSha256} from '../lake/tls.ts'
import {launchChromium} from '../tests/support/chromium.ts'
import {loginToStudio} from '../tests/support/studio.ts'
import {loadSeedArticle} from './seed-content.ts'

const {values} = parseArgs({
  options: {
    studio: {type: 'string', default: 'http://localhost:3333'},
    data: {type: 'string', default: '.lake'},
    out: {type: 'string', default: 'docs/studio-seed-post.png'},
  },
})

const SEED_TITLE = loadSeedArticle().title
const cert = readFileSync(join(resolve(values.data), 'cert.pem'), 'utf8')
const browser = await launchChromium({
  trustSpki: spkiSha256(cert),
  viewport: {width: 1440, height: 1280},
})
try {
  const page = await browser.newPage()
  await loginToStudio(page, values.studio)
  await page.locator('[data-testid="pane-item-Posts"]').click()
  await page.getByText(SEED_TITLE).first().click()
  const pane = page.locator('[data-testid="document-pane"]').first()
  await pane.locator('[data-testid="field-title"] input').waitFor({timeout: 60_000})
  // Let the hero image and the list previews load.
  await page.locator('[data-testid="image-input"] img').first().waitFor({timeout: 60_000})
  await page.waitForTimeout(1500)
  mkdirSync(dirname(resolve(values.out)), {recursive: true})
  await page.screenshot({path: values.out})
  console.log(`seed-screenshot: saved ${values.out}`)
} finally {
  await browser.close()
}
