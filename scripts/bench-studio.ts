/**
 * `npm run bench:studio`: how fast the real Studio lists and searches posts on a newsroom archive.
 *
 * Builds the Studio against a lake and drives it in headless Chromium through the e2e harness
 * (`tests/support/studio-session.ts`), first on the demo content (`npm run seed`: a few posts, the
 * baseline), then with the shared 10k-post dataset (scripts/bench-support.ts) added to the same
 * dataset. For each, in fresh page loads, prints:
 * - the post list: from the click on "Posts" to the first row shown, and the list query's round
 *   trip as the browser saw it;
 * - a list search (a title typed into "Search list"): the search query's round trip, and from the
 *   typed text to the post's row shown (this includes the Studio's own input debounce);
 * - whether every list and search answer the lake gave equals plain groq-js' answer (no indexes)
 *   over the same documents.
 * Goals: with 10,000 posts the list within 1.5× the demo content's time, a search under 500 ms.
 * The Studio build takes a minute or two; the whole run a few minutes. Screenshots land in
 * artifacts/bench/studio/.
 */
import {availableParallelism, loadavg} from 'node:os'
import {isDeepStrictEqual} from 'node:util'
import type {Page, Request} from 'playwright-core'

import {evaluateOnView, parseQuery} from '../lake/query/evaluate.ts'
import type {LakeQueryEngine} from '../lake/query/engine.ts'
import {listenerCount} from '../lake/routes/listen.ts'
import {DatasetCopy} from '../lake/query/views.ts'
import type {LakeDocument, Perspective} from '../lake/types.ts'
import {
  startStudioSession,
  UI_TIMEOUT,
  type StudioSession,
} from '../tests/support/studio-session.ts'
import {
  BENCH_DATASET,
  BENCH_POSTS,
  benchDocuments,
  benchQueryWorkers,
  percentile,
} from './bench-support.ts'
import {seedLake} from './seed.ts'

const ROUNDS = 5
const ARTIFACTS = 'artifacts/bench/studio'

/** A query the Studio sent to the lake's query endpoint, and the lake's answer. */
interface StudioQuery {
  query: string
  params: Record<string, unknown>
  perspective: Perspective
  result: unknown
  /** Round trip as the browser measured it, in ms. */
  ms: number
}

interface Round {
  listMs: number
  listQueryMs: number
  searchMs: number
  searchQueryMs: number
}

function report(label: string, value: string): void {
  console.log(`  ${label.padEnd(54)} ${value}`)
}
const ms = (value: number) => `${value.toFixed(0)} ms`
const p50max = (values: number[]) => `${ms(percentile(values, 50))} / ${ms(Math.max(...values))}`

/** The document list's query (Studio 6's "findability" list), with the decoded parameters. */
async function studioListQuery(request: Request): Promise<StudioQuery | undefined> {
  const url = new URL(request.url())
  if (!url.pathname.includes('/data/query/')) return undefined
  const query = url.searchParams.get('query') ?? ''
  if (!query.includes('findability-source: list')) return undefined
  const params: Record<string, unknown> = {}
  for (const [key, value] of url.searchParams) {
    if (key.startsWith('$')) params[key.slice(1)] = JSON.parse(value)
  }
  const response = await request.response()
  const body = (await response?.json()) as {result?: unknown} | undefined
  const timing = request.timing()
  return {
    query,
    params,
    perspective: (url.searchParams.get('perspective') ?? 'raw') as Perspective,
    result: body?.result,
    ms: timing.responseEnd,
  }
}

/** Resolves with the next list query (whose `$__query` passes `accept`) once it has finished. */
function nextListQuery(
  page: Page,
  accept: (textQuery: unknown) => boolean,
  seen: StudioQuery[],
): Promise<StudioQuery> {
  return new Promise((resolve) => {
    const onFinished = (request: Request) => {
      void studioListQuery(request).then((query) => {
        if (!query || !accept(query.params.__query)) return
        page.off('requestfinished', onFinished)
        seen.push(query)
        resolve(query)
      })
    }
    page.on('requestfinished', onFinished)
  })
}

/** One fresh page load: open the post list, then search it for `term` until `title` shows. */
async function round(
  session: StudioSession,
  term: string,
  title: string,
  seen: StudioQuery[],
): Promise<Round> {
  const {page} = session
  await page.goto(`${session.studio.url}/structure`)
  const posts = page.locator('[data-testid="pane-item-Posts"]')
  await posts.waitFor({timeout: UI_TIMEOUT})
  const list = page.locator('[data-testid="document-list-pane"]')

  const listQuery = nextListQuery(page, (q) => q === '*', seen)
  let start = performance.now()
  await posts.click()
  await list.locator('[data-testid^="pane-item"]').first().waitFor({timeout: 120_000})
  const listMs = performance.now() - start
  const listQueryMs = (await listQuery).ms

  const searchQuery = nextListQuery(page, (q) => typeof q === 'string' && q !== '*', seen)
  start = performance.now()
  await page.getByPlaceholder('Search list').fill(term)
  await list.getByText(title, {exact: true}).first().waitFor({timeout: 120_000})
  const searchMs = performance.now() - start
  const searchQueryMs = (await searchQuery).ms
  return {listMs, listQueryMs, searchMs, searchQueryMs}
}

async function measure(
  session: StudioSession,
  label: string,
  term: string,
  title: string,
  seen: StudioQuery[],
): Promise<Round[]> {
  const rounds: Round[] = []
  // A first round warms the lake's workers and indexes and the browser's cache; not counted.
  await round(session, term, title, seen)
  for (let i = 0; i < ROUNDS; i++) rounds.push(await round(session, term, title, seen))
  await session.shot(`${label}-search`)
  return rounds
}

/** Each answer the Studio got, against plain groq-js (no indexes) over the lake's documents. */
async function compareWithGroqJs(session: StudioSession, queries: StudioQuery[]) {
  const copy = new DatasetCopy()
  for (const [id, doc] of session.lake.lake.store.documents(BENCH_DATASET)) {
    copy.set(id, doc as LakeDocument)
  }
  let equal = 0
  for (const studioQuery of queries) {
    const {query, params, perspective, result} = studioQuery
    const plain = await evaluateOnView(copy.view(perspective), parseQuery(query, params), params, {
      useIndexes: false,
    })
    if (isDeepStrictEqual(plain, result)) equal++
    else console.log(`  DIFFERENT: ${JSON.stringify(params)}`)
  }
  return equal
}

async function main(): Promise<void> {
  console.log(
    `Studio benchmark: the post list and its search, demo content and ${BENCH_POSTS} posts\n`,
  )
  const session = await startStudioSession({
    artifacts: ARTIFACTS,
    login: true,
    seed: (admin) => seedLake(admin),
    lakeConfig: {queryWorkers: benchQueryWorkers()},
  })
  try {
    report(
      'machine: cores / load average at start',
      `${availableParallelism()} / ${loadavg()[0]?.toFixed(1)} (other processes skew every figure)`,
    )
    report('lake query workers', String(session.lake.lake.config.queryWorkers))
    const demoQueries: StudioQuery[] = []
    const demo = await measure(
      session,
      'demo',
      'Mistral',
      'Mistral AI Powers France’s New Defense Era',
      demoQueries,
    )
    const demoEqual = await compareWithGroqJs(session, demoQueries)

    // Off the Studio while the archive arrives: its listeners would match every document.
    await session.page.goto('about:blank')
    const closing = performance.now() + 30_000
    while (listenerCount(session.lake.lake.ctx) > 0 && performance.now() < closing) {
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    const started = performance.now()
    const mutations = benchDocuments()
    for (let i = 0; i < mutations.length; i += 1000) {
      session.lake.lake.store.commit(BENCH_DATASET, mutations.slice(i, i + 1000), {
        identity: 'bench',
      })
    }
    report(`load ${BENCH_POSTS} posts (direct store commits)`, ms(performance.now() - started))
    const engine = session.lake.lake.ctx.queries as LakeQueryEngine
    const replacedBefore = engine.stats().replaced
    const workersBefore = engine.stats().started
    const archiveQueries: StudioQuery[] = []
    const archive = await measure(
      session,
      'archive',
      'Post number 4321',
      'Post number 4321',
      archiveQueries,
    )
    const archiveEqual = await compareWithGroqJs(session, archiveQueries)
    const replaced = engine.stats().replaced - replacedBefore

    const column = (rounds: Round[], key: keyof Round) => rounds.map((r) => r[key])
    console.log(`\n${ROUNDS} fresh page loads each, p50 / max`)
    report('', 'demo content       10,000 posts')
    const row = (label: string, key: keyof Round) =>
      report(label, `${p50max(column(demo, key)).padEnd(19)}${p50max(column(archive, key))}`)
    row('post list shows (click → first row)', 'listMs')
    row('  its list query (browser round trip)', 'listQueryMs')
    row('list search answers (query round trip)', 'searchQueryMs')
    row('  the post shows (typed → row, with debounce)', 'searchMs')
    const listRatio =
      percentile(column(archive, 'listMs'), 50) / percentile(column(demo, 'listMs'), 50)
    const searchP50 = percentile(column(archive, 'searchQueryMs'), 50)
    report('ratio post list p50, 10,000 posts / demo (goal <= 1.5)', listRatio.toFixed(2))
    report('search p50 with 10,000 posts < 500 ms', searchP50 < 500 ? 'yes' : 'NO')
    report(
      'query workers started / killed at a deadline, 10,000 posts',
      `${engine.stats().started - workersBefore} / ${replaced} (a demoted worker is replaced)`,
    )
    report(
      'answers equal plain groq-js (no indexes)',
      `${demoEqual + archiveEqual} of ${demoQueries.length + archiveQueries.length}`,
    )
  } finally {
    await session.close()
  }
}

await main()
