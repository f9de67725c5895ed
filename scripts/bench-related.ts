/**
 * `npm run bench:related`: how fast the related-post picker gets its suggestions.
 *
 * Starts a lake in a temp dir with the shared 10k-post dataset (`benchDocuments()`: one post a
 * minute, three of 50 tags each, chained previous/next), then runs the picker's suggestion query
 * (raw perspective, as the Studio sends it) for random posts and both fields, and prints p50 and
 * p95 over HTTPS via `@sanity/client`, the same query in-process through the lake's evaluator, and
 * the baseline measured in the same run: plain groq-js evaluating it in-process over the whole
 * dataset. Goal: HTTP p50 under 100 ms. Cleans up after itself.
 */
import {availableParallelism, loadavg} from 'node:os'
import {evaluate, parse} from 'groq-js'

import {
  chronologicalNeighbourRequest,
  relatedSuggestionsRequest,
  type GroqRequest,
  type PostLinkField,
  type RelatedContext,
} from '../core/related/index.ts'
import {evaluateOnView, parseQuery} from '../lake/query/evaluate.ts'
import {DatasetCopy} from '../lake/query/views.ts'
import type {LakeDocument} from '../lake/types.ts'
import {
  BENCH_DATASET as DATASET,
  BENCH_POSTS as POSTS,
  BENCH_TAGS as TAGS,
  benchClient,
  benchQueryWorkers,
  percentile,
  sample,
  startBenchLake,
} from './bench-support.ts'

const START = Date.parse('2026-01-01T00:00:00.000Z')
/** Plain groq-js takes about a second per run; fewer samples keep the whole bench near a minute. */
const BASELINE_SAMPLES = 20

/** The picker's view of post `i` of the bench dataset, editing `field` (the other link is set). */
function pickerRequest(
  i: number,
  field: PostLinkField,
): {context: RelatedContext; field: PostLinkField} {
  const other = field === 'previous' ? i + 1 : i - 1
  return {
    field,
    context: {
      id: `drafts.post-${i}`,
      publishedAt: new Date(START + i * 60_000).toISOString(),
      // The dataset's tag pattern (see bench-support.ts).
      tagIds: [0, 17, 31].map((k) => `tag-${(i + k) % TAGS}`),
      otherLinkId: other >= 0 && other < POSTS ? `post-${other}` : null,
    },
  }
}

/** A random post away from the ends, alternating previous and next. */
let turn = 0
function randomSuggestionRequest(): GroqRequest {
  const i = 100 + Math.floor(Math.random() * (POSTS - 200))
  const {context, field} = pickerRequest(i, turn++ % 2 === 0 ? 'previous' : 'next')
  return relatedSuggestionsRequest(context, field)
}

function randomNeighbourRequest(): GroqRequest {
  const i = 100 + Math.floor(Math.random() * (POSTS - 200))
  const {context, field} = pickerRequest(i, turn++ % 2 === 0 ? 'previous' : 'next')
  return chronologicalNeighbourRequest(context, field) as GroqRequest
}

function report(label: string, value: string): void {
  console.log(`  ${label.padEnd(60)} ${value}`)
}
const ms = (value: number) => `${value.toFixed(2)} ms`
const p50p95 = (times: number[]) => `${ms(percentile(times, 50))} / ${ms(percentile(times, 95))}`

async function main(): Promise<void> {
  // Keep the lake's own log lines (the first, cold query is "slow") out of the table.
  const log = console.log
  console.log = (...args: unknown[]) => {
    if (!String(args[0]).startsWith('slow query')) log(...args)
  }
  const bench = await startBenchLake('lake-bench-related', {queryWorkers: benchQueryWorkers()})
  const {lake} = bench
  try {
    console.log(`Related-post suggestions: ${POSTS} posts, ${TAGS} tags (raw perspective)\n`)
    report(
      'machine: cores / load average at start',
      `${availableParallelism()} / ${loadavg()[0]?.toFixed(1)} (other processes skew every figure)`,
    )
    const client = benchClient(lake)
    const fetchRaw = ({query, params}: GroqRequest) =>
      client.fetch(query, params, {perspective: 'raw', tag: 'newsroom.bench-related'})

    const fetchPublished = ({query, params}: GroqRequest) =>
      client.fetch(query, params, {perspective: 'published', tag: 'newsroom.bench-related'})

    // Warm up: workers load, both perspective views and their indexes build, queries are parsed.
    for (let k = 0; k < 20; k++) {
      await fetchRaw(randomSuggestionRequest())
      await fetchPublished(randomNeighbourRequest())
    }

    // Same answer over HTTP and from plain groq-js, or the comparison means nothing.
    const copy = new DatasetCopy()
    for (const [id, doc] of lake.store.documents(DATASET)) copy.set(id, doc as LakeDocument)
    const view = copy.view('raw')
    const check = relatedSuggestionsRequest(pickerRequest(5000, 'previous').context, 'previous')
    const plainCheck = await (
      await evaluate(parse(check.query), {dataset: view.docs, params: check.params})
    ).get()
    const same = JSON.stringify(await fetchRaw(check)) === JSON.stringify(plainCheck)

    const http = await sample(() => fetchRaw(randomSuggestionRequest()))
    const neighbour = await sample(() => fetchPublished(randomNeighbourRequest()))
    const inProcess = await sample(() => {
      const {query, params} = randomSuggestionRequest()
      return evaluateOnView(view, parseQuery(query), params)
    }, 100)
    const plain = await sample(async () => {
      const {query, params} = randomSuggestionRequest()
      return (await evaluate(parse(query), {dataset: view.docs, params})).get()
    }, BASELINE_SAMPLES)

    console.log('\nSuggestion query (shared tags, then nearest date; 16 candidates)')
    report('HTTP via @sanity/client  p50 / p95', p50p95(http))
    report('in-process, lake evaluator (groq-js + indexes)  p50 / p95', p50p95(inProcess))
    report('in-process, plain groq-js full scan (baseline)  p50 / p95', p50p95(plain))
    report(
      'ratio HTTP p50 / plain groq-js p50',
      (percentile(http, 50) / percentile(plain, 50)).toFixed(3),
    )
    report('HTTP p50 < 100 ms (goal)', percentile(http, 50) < 100 ? 'yes' : 'NO')
    report('same result over HTTP and from plain groq-js', same ? 'yes' : 'NO')
    console.log('\nChronological neighbour (the one-click button; published perspective)')
    report('HTTP via @sanity/client  p50 / p95', p50p95(neighbour))
    report(
      'samples: HTTP / neighbour / lake evaluator / plain groq-js',
      `${http.length} / ${neighbour.length} / ${inProcess.length} / ${plain.length}`,
    )
    report('load average at the end', loadavg()[0]?.toFixed(1) ?? '')
  } finally {
    await bench.close()
    console.log = log
  }
}

await main()
