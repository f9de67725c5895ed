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
import {
  READ_TIME_DEBOUNCE_MS,
  READ_TIME_MARKS,
} from '../plugins/newsroom/read-time/estimatePostReadTime.ts'
import {launchChromium} from '../tests/support/chromium.ts'
import {startTestLake} from '../tests/support/lake.ts'
import {buildStudio, freePort, loginToStudio, serveStudio} from '../tests/support/studio.ts'
import {percentile} from './bench-support.ts'
import {buildSeedContent, loadSeedArticle, SEED_IDS} from './seed-content.ts'
import {seedLake} from './seed.ts'

type Block = {_type: string; children?: Array<{text?: string}>}

/**
 * The body editor (@portabletext/editor) hands keystrokes to the form after this pause in typing
 * (or each second while typing on); the figure's debounce starts from there.
 */
const EDITOR_TYPING_PAUSE_MS = 250

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
  /** Keydown to the next frame after the figure changed. */
  figure: number[]
  /** Keydown to the letter in the editor. */
  typing: number[]
  /** The content reaching the post form (the plugin's mark) to the next frame with the figure. */
  plugin: number[]
  /** The plugin's new figure (its mark, after the debounce) to the next frame showing it. */
  render: number[]
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
    // and the first frame after the figure's words changed, from the keydown and from the moment
    // the new content reached the post form (the plugin's User Timing mark).
    await page.evaluate((marks) => {
      const bench = {
        key: 0,
        awaiting: false,
        typing: [] as number[],
        figure: [] as number[],
        plugin: [] as number[],
        render: [] as number[],
      }
      Object.assign(window, {__readTimeBench: bench})
      const lastMark = (name: string) => performance.getEntriesByName(name).at(-1)?.startTime ?? NaN
      document.addEventListener(
        'keydown',
        (event) => {
          if (event.key !== 'w') return
          bench.key = performance.now()
          bench.awaiting = true
          const editor = document.querySelector('[data-testid="field-body"] [contenteditable]')
          const typed = new MutationObserver(() => {
            typed.disconnect()
            bench.typing.push(performance.now() - bench.key)
          })
          if (editor) typed.observe(editor, {subtree: true, characterData: true, childList: true})
        },
        true,
      )
      const details = document.querySelector('[data-testid="read-time-details"]')
      new MutationObserver(() => {
        if (!bench.awaiting) return
        bench.awaiting = false
        const key = bench.key
        const content = lastMark(marks.content)
        const figure = lastMark(marks.figure)
        requestAnimationFrame(() => {
          const now = performance.now()
          bench.figure.push(now - key)
          bench.plugin.push(now - content)
          bench.render.push(now - figure)
        })
      }).observe(details as Node, {subtree: true, characterData: true, childList: true})
    }, READ_TIME_MARKS)
    for (let i = 0; i < samples; i++) {
      await page.keyboard.press('Space')
      await page.keyboard.press('w')
      await page.waitForTimeout(EDITOR_TYPING_PAUSE_MS + READ_TIME_DEBOUNCE_MS + 500)
    }
    return await page.evaluate(() => {
      const {figure, typing, plugin, render} = (
        window as unknown as {__readTimeBench: StudioLatency}
      ).__readTimeBench
      return {figure, typing, plugin, render}
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
  const {figure, typing, plugin, render} = await benchStudio(Number(values.samples))
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
  const wait = EDITOR_TYPING_PAUSE_MS + READ_TIME_DEBOUNCE_MS
  console.log(
    `  beyond the editor's ${EDITOR_TYPING_PAUSE_MS} ms typing pause and the ${READ_TIME_DEBOUNCE_MS} ms debounce: ` +
      `p50 ${round(p(figure, 50) - wait)} ms, p95 ${round(p(figure, 95) - wait)} ms`,
  )
  console.log(
    `  the plugin's part, new content in the form to the frame with the figure: p50 ${p(plugin, 50)} ms, ` +
      `p95 ${p(plugin, 95)} ms; beyond its ${READ_TIME_DEBOUNCE_MS} ms debounce: ` +
      `p50 ${round(p(plugin, 50) - READ_TIME_DEBOUNCE_MS)} ms, p95 ${round(p(plugin, 95) - READ_TIME_DEBOUNCE_MS)} ms ` +
      `(goal: within one 16 ms frame)`,
  )
  console.log(
    `  of which the new figure to the frame showing it: p50 ${p(render, 50)} ms, p95 ${p(render, 95)} ms`,
  )
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
