/**
 * `npm run bench:read-time`: how fast the read time is, printed, never asserted.
 *
 * 1. `estimateReadTime` on the seed article and on a 50,000-word body (Portable Text) against the
 *    `reading-time` package on the same text as one plain string, interleaved in the same run,
 *    with the ratio; and each rule's figure for the seed article (the README's comparison).
 * 2. Keystroke to figure in the real Studio (`sanity build`, headless Chromium, a local lake with
 *    the seed post): from the keydown that starts a new word in the body to the next frame after
 *    the figure under the body changed, measured in the page; and keydown to the typed character
 *    in the editor, to show typing itself does not wait. `--skip-studio` runs part 1 only.
 */
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {parseArgs} from 'node:util'
import readingTime from 'reading-time'

import {estimateReadTime, formatReadTime} from '../core/read-time/index.ts'
import {READ_TIME_DEBOUNCE_MS} from '../plugins/newsroom/readTime.ts'
import {launchChromium} from '../tests/support/chromium.ts'
import {startTestLake} from '../tests/support/lake.ts'
import {buildStudio, freePort, loginToStudio, serveStudio} from '../tests/support/studio.ts'
import {percentile} from './bench-dataset.ts'
import {buildSeedContent, loadSeedArticle, SEED_IDS} from './seed-content.ts'
import {seedLake} from './seed.ts'

type Block = {_type: string; children?: Array<{text?: string}>}

const round = (value: number, digits = 3) => Number(value.toPrecision(digits))
const plainText = (body: Block[]) =>
  body.map((block) => block.children?.map((child) => child.text ?? '').join('') ?? '').join('\n\n')

/** Median time of one call of each function, run alternately so both see the same machine. */
function race(runs: number, a: () => unknown, b: () => unknown): {a: number; b: number} {
  for (let i = 0; i < 5; i++) {
    a()
    b()
  }
  const timesA: number[] = []
  const timesB: number[] = []
  for (let i = 0; i < runs; i++) {
    let start = performance.now()
    a()
    timesA.push(performance.now() - start)
    start = performance.now()
    b()
    timesB.push(performance.now() - start)
  }
  return {a: percentile(timesA, 50), b: percentile(timesB, 50)}
}

/** The seed article's paragraphs, repeated as Portable Text until `words` words. */
function longBody(seedBody: Block[], words: number): Block[] {
  const body: Block[] = []
  let count = 0
  for (let i = 0; count < words; i++) {
    const block = seedBody[i % seedBody.length] as Block
    const text = block.children?.[0]?.text ?? ''
    const take = text.split(/\s+/).slice(0, words - count)
    count += take.length
    body.push({...block, children: [{...block.children?.[0], text: take.join(' ')}]})
  }
  return body
}

function benchEstimator() {
  const content = buildSeedContent()
  const post = content.documents.find((doc) => doc._id === SEED_IDS.post)
  const seedBody = post?.body as Block[]
  const cases = [
    {name: 'seed article', body: seedBody, runs: 2000},
    {name: '50,000-word body', body: longBody(seedBody, 50_000), runs: 60},
  ]
  console.log('\nestimateReadTime (Portable Text) vs reading-time (the same text, one string)')
  for (const {name, body, runs} of cases) {
    const text = plainText(body)
    const ours = estimateReadTime(body)
    const theirs = readingTime(text)
    const {a, b} = race(
      runs,
      () => estimateReadTime(body),
      () => readingTime(text),
    )
    console.log(
      `  ${name}: estimateReadTime ${round(a)} ms (${ours.words} words), ` +
        `reading-time ${round(b)} ms (${theirs.words} words); ratio ${round(a / b, 2)}`,
    )
  }

  const article = loadSeedArticle()
  const words = estimateReadTime(seedBody).words
  const images = (first: number, count: number) =>
    Array.from({length: count}, (_, i) => Math.max(first - i, 3)).reduce((sum, s) => sum + s, 0)
  const rows: Array<[string, number]> = [
    ['the old site', article.displayedReadTimeSeconds],
    [
      'estimateReadTime, 200 wpm, hero image',
      estimateReadTime(seedBody, {heroImage: post?.heroImage}).seconds,
    ],
    ['Medium, 265 wpm, 12 s image', Math.round((words * 60) / 265 + images(12, 1))],
    ['Ghost, 275 wpm, 12 s image', Math.round((words * 60) / 275 + images(12, 1))],
    ['reading-time, 200 wpm, no images', Math.round(readingTime(plainText(seedBody)).time / 1000)],
  ]
  console.log('\nThe seed article by each rule')
  for (const [rule, seconds] of rows) {
    console.log(`  ${rule}: ${formatReadTime(seconds, {style: 'clock'})} (${seconds} s)`)
  }
}

interface StudioLatency {
  figure: number[]
  typing: number[]
}

/** Keystroke-to-figure and keystroke-to-character latencies in the built Studio. */
async function benchStudio(samples: number): Promise<StudioLatency> {
  const lakePort = await freePort()
  const buildDir = mkdtempSync(join(tmpdir(), 'newsroom-bench-read-time-'))
  const build = await buildStudio({apiHost: `https://localhost:${lakePort}`, outDir: buildDir})
  console.log(`\nsanity build: ${build.ms} ms`)
  const studio = await serveStudio(build.dir)
  const lake = await startTestLake({port: lakePort, corsOrigins: [studio.url]})
  const browser = await launchChromium({trustSpki: lake.lake.spkiSha256})
  try {
    await seedLake(lake.client({token: 'admin'}))
    const page = await browser.newPage()
    await loginToStudio(page, studio.url)
    await page.locator('[data-testid="pane-item-Posts"]').click()
    await page.getByText(loadSeedArticle().title).first().click()
    const body = page.locator('[data-testid="field-body"]')
    await body.locator('[data-testid="read-time-details"]').waitFor({timeout: 30_000})
    const overlay = body.locator('[data-testid="activate-overlay"]')
    if (await overlay.count()) await overlay.first().click()
    await body.locator('[contenteditable="true"]').first().click()
    await page.keyboard.press('Control+End')

    // In the page: the keydown of "w" starts a new word; record when the editor shows the letter
    // and the first frame after the figure's words changed.
    await page.evaluate(() => {
      const state = {key: 0, typed: [] as number[], figure: [] as number[], awaiting: false}
      Object.assign(window, {__readTimeBench: state})
      document.addEventListener(
        'keydown',
        (event) => {
          if (event.key !== 'w') return
          state.key = performance.now()
          state.awaiting = true
          const editor = document.querySelector('[data-testid="field-body"] [contenteditable]')
          const typed = new MutationObserver(() => {
            typed.disconnect()
            state.typed.push(performance.now() - state.key)
          })
          if (editor) typed.observe(editor, {subtree: true, characterData: true, childList: true})
        },
        true,
      )
      const details = document.querySelector('[data-testid="read-time-details"]')
      new MutationObserver(() => {
        if (!state.awaiting) return
        state.awaiting = false
        const key = state.key
        requestAnimationFrame(() => state.figure.push(performance.now() - key))
      }).observe(details as Node, {subtree: true, characterData: true, childList: true})
    })
    for (let i = 0; i < samples; i++) {
      await page.keyboard.press('Space')
      await page.keyboard.press('w')
      await page.waitForTimeout(READ_TIME_DEBOUNCE_MS + 400)
    }
    return await page.evaluate(() => {
      const state = (window as unknown as {__readTimeBench: {figure: number[]; typed: number[]}})
        .__readTimeBench
      return {figure: state.figure, typing: state.typed}
    })
  } finally {
    await browser.close()
    await lake.close()
    await studio.close()
    rmSync(buildDir, {recursive: true, force: true})
  }
}

async function main() {
  const {values} = parseArgs({
    options: {
      'skip-studio': {type: 'boolean', default: false},
      samples: {type: 'string', default: '40'},
    },
  })
  benchEstimator()
  if (values['skip-studio']) return
  const {figure, typing} = await benchStudio(Number(values.samples))
  const p = (list: number[], q: number) => round(percentile(list, q))
  console.log(
    `\nThe real Studio, seed post, ${figure.length} new words typed at the end of the body`,
  )
  console.log(
    `  keydown to the letter in the editor: p50 ${p(typing, 50)} ms, p95 ${p(typing, 95)} ms`,
  )
  console.log(
    `  keydown to the next frame showing the new figure: p50 ${p(figure, 50)} ms, p95 ${p(figure, 95)} ms`,
  )
  console.log(
    `  beyond the ${READ_TIME_DEBOUNCE_MS} ms debounce: p50 ${round(p(figure, 50) - READ_TIME_DEBOUNCE_MS)} ms, ` +
      `p95 ${round(p(figure, 95) - READ_TIME_DEBOUNCE_MS)} ms (goal: within one 16 ms frame)`,
  )
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
