/**
 * `npm run bench:preview`: how soon an edit in the Studio shows in the Presentation tool's frame.
 *
 * Builds the Studio against a lake with the demo content (`npm run seed`), runs the reader site
 * with preview mode as `npm run dev` does, and opens the seed article in the Presentation tool in
 * headless Chromium (the e2e harness, `tests/support/studio-session.ts`). Then, 30 times: one
 * keystroke in the title field, timed until the frame's headline shows it (the Studio saves the
 * edit to the lake, tells the frame, the frame fetches its page again and swaps it in). The
 * baseline, in the same run: the editor's other way to see an edit, reloading the preview page
 * in the frame, timed until its headline is there. Prints p50/p95 of both and their ratio.
 * Goal: keystroke to frame p50 under 1 s. Screenshots land in artifacts/bench/preview/.
 */
import {availableParallelism, loadavg} from 'node:os'
import type {Frame} from 'playwright-core'

import {freePort} from '../tests/support/studio.ts'
import {startStudioSession, UI_TIMEOUT} from '../tests/support/studio-session.ts'
import {startWebServer} from '../tests/support/web.ts'
import {percentile} from './bench-support.ts'
import {loadSeedArticle} from './seed-content.ts'
import {seedLake} from './seed.ts'

const EDITS = 30
const RELOADS = 30
const ARTIFACTS = 'artifacts/bench/preview'
const POST_PATH = '/posts/mistral-ai-powers-frances-new-defense-era'
const GOAL_MS = 1000

const ms = (value: number) => `${value.toFixed(0)} ms`
function report(label: string, values: number[]): void {
  console.log(
    `  ${label.padEnd(44)} p50 ${ms(percentile(values, 50)).padStart(8)}   p95 ${ms(percentile(values, 95)).padStart(8)}`,
  )
}

/** Resolves once the frame's headline reads `title`. */
function headlineShows(frame: Frame, title: string): Promise<unknown> {
  return frame.waitForFunction(
    (expected) => document.querySelector('h1')?.textContent === expected,
    title,
    {polling: 'raf', timeout: UI_TIMEOUT},
  )
}

async function main(): Promise<void> {
  const webPort = await freePort()
  process.env.SANITY_STUDIO_PREVIEW_URL = `http://localhost:${webPort}`
  const session = await startStudioSession({
    artifacts: ARTIFACTS,
    seed: seedLake,
    login: true,
    viewport: {width: 1600, height: 1000},
  })
  delete process.env.SANITY_STUDIO_PREVIEW_URL
  const web = await startWebServer({
    apiHost: session.lake.url,
    lakeDataDir: session.lake.dataDir,
    port: webPort,
    args: ['--studio-origin', session.studio.url],
  })
  try {
    const {page} = session
    await page.goto(`${session.studio.url}/presentation?preview=${encodeURIComponent(POST_PATH)}`)
    const frameOf = () => page.frames().find((frame) => frame.url().startsWith(web.url))
    const banner = page.frameLocator('iframe').first().locator('[data-preview-banner]')
    await banner.waitFor({timeout: UI_TIMEOUT})
    const input = page.locator('[data-testid="document-pane"] [data-testid="field-title"] input')
    await input.waitFor({timeout: UI_TIMEOUT})
    await input.click()
    await input.press('End')

    let title = loadSeedArticle().title
    // One keystroke first, not counted: the draft is created, the frame's script warmed.
    title += ' Z'
    await page.keyboard.type(' Z')
    await headlineShows(frameOf() as Frame, title)

    const marks: string[] = []
    let t0 = 0
    if (process.env.BENCH_PREVIEW_TRACE) {
      page.on('request', (request) => {
        const url = request.url()
        if (/\/data\/(actions|mutate)|localhost:\d+\/posts\//.test(url)) {
          marks.push(
            `${(performance.now() - t0).toFixed(0)} ${request.method()} ${url.slice(0, 90)}`,
          )
        }
      })
    }
    const edits: number[] = []
    for (let i = 0; i < EDITS; i++) {
      const key = String.fromCharCode(97 + (i % 26))
      title += key
      const frame = frameOf() as Frame
      const start = performance.now()
      t0 = start
      await page.keyboard.type(key)
      await headlineShows(frame, title)
      edits.push(performance.now() - start)
      if (marks.length) console.log(`edit ${i}: ${edits.at(-1)?.toFixed(0)} ms`, marks.splice(0))
    }
    await session.shot('after-edits')

    const reloads: number[] = []
    for (let i = 0; i < RELOADS; i++) {
      const frame = frameOf() as Frame
      const start = performance.now()
      await frame.evaluate(() => location.reload())
      const reloaded = frameOf() as Frame
      await reloaded.waitForLoadState('domcontentloaded')
      await headlineShows(reloaded, title)
      reloads.push(performance.now() - start)
    }

    const editP50 = percentile(edits, 50)
    const reloadP50 = percentile(reloads, 50)
    console.log(
      `\nbench:preview (${availableParallelism()} cores, load ${loadavg()[0]?.toFixed(2)}): the seed article in the Presentation tool\n`,
    )
    report(`keystroke in the Studio → frame shows it (${EDITS})`, edits)
    report(`baseline: reload the preview page (${RELOADS})`, reloads)
    console.log(
      `\n  ratio keystroke/reload at p50: ${(editP50 / reloadP50).toFixed(2)}x; goal p50 < ${GOAL_MS} ms: ${editP50 < GOAL_MS ? 'met' : 'NOT met'}`,
    )
  } finally {
    await web.close()
    await session.close()
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
