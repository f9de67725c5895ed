/**
 * `npm run bench:web`: how fast the reader site serves a post page, and how much it ships.
 *
 * Starts a lake in a temp dir with the shared 10k-post dataset (scripts/bench-support.ts) plus
 * the seed article, with the links of 100 posts unset (their pages take the chronological
 * fallback), and the reader site in this process on a free port, reading the lake through a
 * token-less CDN client exactly as `npm run web` does, reactions on (rate limits off). Prints:
 * - the post page over HTTP (the site fetching from the lake and rendering), p50 / p95;
 * - the baseline, measured in the same run: the raw post query over HTTP via @sanity/client, the
 *   one lake round trip the page makes, and the ratio page / query;
 * - the same for posts whose previous/next fall back to their chronological neighbours, and their
 *   page against a linked post's page (goal: at most 2×);
 * - the page for a reader with a cookie (the live tally and their reaction: a second round trip);
 * - the RSS feed (the newest 50 posts) and the Google News sitemap (the posts of the last two
 *   days: the newest 100 posts re-dated one every half hour up to now, so about 96), p50 / p95, against the post page measured
 *   interleaved with them in the same run; goal: each under 2× the post page;
 * - the bytes the seed article's page ships: HTML, CSS, JS (and gzipped, for reference).
 * Goals: page p50 under 20 ms; under 50 kB of JS.
 */
import {randomBytes} from 'node:crypto'
import {availableParallelism, loadavg} from 'node:os'
import {gzipSync} from 'node:zlib'

import {serve} from '@hono/node-server'

import '../web/register-tsx.ts'
import {postPageQuery} from '../queries/index.ts'
import {createReaderClient, createReactionsWriteClient} from '../web/reader.ts'
import {
  BENCH_DATASET as DATASET,
  BENCH_POSTS,
  BENCH_TAGS,
  benchClient,
  percentile,
  sample,
  startBenchLake,
} from './bench-support.ts'
import {seedLake} from './seed.ts'

const SEED_POST_PATH = '/posts/mistral-ai-powers-frances-new-defense-era'
const SAMPLES = 300
/** The site's public origin: absolute URLs start with it, and votes must come from it. */
const SITE_URL = 'http://127.0.0.1'

function report(label: string, value: string): void {
  console.log(`  ${label.padEnd(52)} ${value}`)
}
const ms = (value: number) => `${value.toFixed(2)} ms`
const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`
const randomSlug = () => `post-${Math.floor(Math.random() * BENCH_POSTS)}`
/** Posts whose previous and next are unset: their pages take the chronological fallback. */
const UNLINKED = Array.from({length: 100}, (_, k) => `post-${k * 100 + 50}`)
/** Posts re-dated into the last two days, so the news sitemap has something to list. */
const RECENT_POSTS = 100
const randomUnlinkedSlug = () => UNLINKED[Math.floor(Math.random() * UNLINKED.length)] as string

/** Everything `html` makes the browser download besides images: stylesheets and scripts. */
async function shippedBytes(siteUrl: string, html: string) {
  const attribute = (tag: string, name: string) =>
    new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1]?.replaceAll('&amp;', '&')
  const fetchAll = async (urls: string[]) =>
    Promise.all(urls.map(async (url) => (await fetch(new URL(url, siteUrl))).text()))
  const stylesheetUrls = [...html.matchAll(/<link\b[^>]*>/g)]
    .map(([tag]) => tag)
    .filter((tag) => attribute(tag, 'rel') === 'stylesheet')
    .flatMap((tag) => attribute(tag, 'href') ?? [])
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)]
  const scriptUrls = scripts.flatMap(([tag]) => attribute(tag, 'src') ?? [])
  const inlineScripts = scripts.map(([, , body]) => body ?? '')
  const css = (await fetchAll(stylesheetUrls)).join('')
  const js = [...(await fetchAll(scriptUrls)), ...inlineScripts].join('')
  return {css, js}
}

async function main(): Promise<void> {
  const bench = await startBenchLake('web-bench')
  const {lake} = bench
  lake.store.commit(
    DATASET,
    [
      ...UNLINKED.map((id) => ({patch: {id, unset: ['previous', 'next']}})),
      // The newest 100 posts, one every half hour up to now: about 96 of them are news.
      ...Array.from({length: RECENT_POSTS}, (_, k) => ({
        patch: {
          id: `post-${BENCH_POSTS - 1 - k}`,
          set: {publishedAt: new Date(Date.now() - k * 30 * 60_000).toISOString()},
        },
      })),
    ],
    {identity: 'bench'},
  )
  const lakeConfig = {projectId: lake.config.projectId, dataset: DATASET, apiHost: lake.url}
  await seedLake(benchClient(lake))
  // The site as `npm run web` runs it: its own token-less CDN client, and a write client for
  // reactions (rate limits off: one address sends every request here).
  const {createWebApp} = await import('../web/app.tsx')
  const app = createWebApp({
    client: createReaderClient(lakeConfig),
    siteUrl: SITE_URL,
    reactions: {
      client: createReactionsWriteClient({...lakeConfig, token: lake.adminToken}),
      secret: randomBytes(32).toString('base64url'),
      ipRateLimit: false,
      readerRateLimit: false,
    },
  })
  const server = await new Promise<{url: string; close(): void}>((done) => {
    const listening = serve({fetch: app.fetch, port: 0, hostname: '127.0.0.1'}, (info) =>
      done({url: `http://127.0.0.1:${info.port}`, close: () => listening.close()}),
    )
  })

  try {
    console.log(
      `Reader site benchmark: ${BENCH_POSTS} posts, ${BENCH_TAGS} tags, a tally per post, plus the seed article\n`,
    )
    report(
      'machine: cores / load average at start',
      `${availableParallelism()} / ${loadavg()[0]?.toFixed(1)} (other processes skew every figure)`,
    )
    report('lake query workers', String(lake.config.queryWorkers))
    const reader = createReaderClient(lakeConfig)
    const postPage = async (slug: string) => {
      const response = await fetch(`${server.url}/posts/${slug}`)
      if (response.status !== 200) throw new Error(`/posts/${slug} answered ${response.status}`)
      return response.text()
    }
    const postQuery = (slug: string) => reader.fetch(postPageQuery, {slug})
    // A reader who reacted once: their pages carry the cookie.
    const vote = await fetch(`${server.url}/api/reactions`, {
      method: 'POST',
      headers: {'content-type': 'application/json', origin: SITE_URL},
      body: JSON.stringify({postId: 'post-mistral-ai-defense', reaction: 'happy'}),
    })
    const cookie = vote.headers.get('set-cookie')?.split(';')[0]
    if (vote.status !== 200 || !cookie) throw new Error(`the vote answered ${vote.status}`)
    const readerPage = async (slug: string) => {
      const response = await fetch(`${server.url}/posts/${slug}`, {headers: {cookie}})
      if (response.status !== 200) throw new Error(`/posts/${slug} answered ${response.status}`)
      return response.text()
    }

    // Warm up: workers load, indexes build, both paths' connections open.
    for (let i = 0; i < 30; i++) {
      await postPage(randomSlug())
      await postQuery(randomSlug())
    }
    // Interleaved, so both see the same machine load.
    const page: number[] = []
    const query: number[] = []
    for (let i = 0; i < SAMPLES; i++) {
      page.push(...(await sample(() => postPage(randomSlug()), 1)))
      query.push(...(await sample(() => postQuery(randomSlug()), 1)))
    }
    const fallbackPage: number[] = []
    const fallbackQuery: number[] = []
    const knownReader: number[] = []
    for (let i = 0; i < SAMPLES; i++) {
      fallbackPage.push(...(await sample(() => postPage(randomUnlinkedSlug()), 1)))
      fallbackQuery.push(...(await sample(() => postQuery(randomUnlinkedSlug()), 1)))
      knownReader.push(...(await sample(() => readerPage(randomSlug()), 1)))
    }
    // Feeds and the news sitemap, interleaved with post pages so all three see the same load.
    const feed: number[] = []
    const newsSitemap: number[] = []
    const pageAlongside: number[] = []
    const getOk = async (path: string) => {
      const response = await fetch(`${server.url}${path}`)
      if (response.status !== 200) throw new Error(`${path} answered ${response.status}`)
      return response.text()
    }
    const feedItems = (await getOk('/feed.xml')).match(/<item>/g)?.length ?? 0
    const newsUrls = (await getOk('/news-sitemap.xml')).match(/<news:news>/g)?.length ?? 0
    for (let i = 0; i < SAMPLES / 2; i++) {
      feed.push(...(await sample(() => getOk('/feed.xml'), 1)))
      newsSitemap.push(...(await sample(() => getOk('/news-sitemap.xml'), 1)))
      pageAlongside.push(...(await sample(() => postPage(randomSlug()), 1)))
    }
    const seedPage = await sample(() => postPage(SEED_POST_PATH.slice('/posts/'.length)), 100)
    const seedQuery = await sample(() => postQuery(SEED_POST_PATH.slice('/posts/'.length)), 100)

    console.log(`\nPost page, ${SAMPLES} random posts of the 10k (sequential requests)`)
    report(
      'page over HTTP (site → lake → HTML)  p50 / p95',
      `${ms(percentile(page, 50))} / ${ms(percentile(page, 95))}`,
    )
    report(
      'baseline: post query over HTTP  p50 / p95',
      `${ms(percentile(query, 50))} / ${ms(percentile(query, 95))}`,
    )
    report('ratio page p50 / query p50', (percentile(page, 50) / percentile(query, 50)).toFixed(2))
    report('page p50 < 20 ms', percentile(page, 50) < 20 ? 'yes' : 'NO')
    console.log(`\nPosts with previous/next unset (chronological fallback), ${SAMPLES} requests`)
    report(
      'page  p50 / p95',
      `${ms(percentile(fallbackPage, 50))} / ${ms(percentile(fallbackPage, 95))}`,
    )
    report(
      'baseline: post query  p50 / p95',
      `${ms(percentile(fallbackQuery, 50))} / ${ms(percentile(fallbackQuery, 95))}`,
    )
    const unlinkedRatio = percentile(fallbackPage, 50) / percentile(page, 50)
    report('ratio page p50 / linked page p50 (goal <= 2)', unlinkedRatio.toFixed(2))
    console.log(`\nA reader with a cookie (live tally and own reaction), ${SAMPLES} random posts`)
    report(
      'page  p50 / p95',
      `${ms(percentile(knownReader, 50))} / ${ms(percentile(knownReader, 95))}`,
    )
    report(
      'ratio to the cookie-less page p50',
      (percentile(knownReader, 50) / percentile(page, 50)).toFixed(2),
    )
    console.log(
      `\nFeed (${feedItems} items) and news sitemap (${newsUrls} posts), ${SAMPLES / 2} requests each`,
    )
    const ratioTo = (values: number[], percent: number) =>
      (percentile(values, percent) / percentile(pageAlongside, percent)).toFixed(2)
    report(
      'baseline: post page  p50 / p95',
      `${ms(percentile(pageAlongside, 50))} / ${ms(percentile(pageAlongside, 95))}`,
    )
    for (const [label, values] of [
      ['RSS feed /feed.xml', feed],
      ['news sitemap /news-sitemap.xml', newsSitemap],
    ] as const) {
      report(`${label}  p50 / p95`, `${ms(percentile(values, 50))} / ${ms(percentile(values, 95))}`)
      report(
        `  ratio to the post page  p50 / p95`,
        `${ratioTo(values, 50)} / ${ratioTo(values, 95)}`,
      )
      report(`  under 2× the post page (p50)`, Number(ratioTo(values, 50)) < 2 ? 'yes' : 'NO')
    }

    console.log('\nThe seed article (6 sections, ~1,500 words), 100 requests each')
    report('page  p50 / p95', `${ms(percentile(seedPage, 50))} / ${ms(percentile(seedPage, 95))}`)
    report(
      'baseline: post query  p50 / p95',
      `${ms(percentile(seedQuery, 50))} / ${ms(percentile(seedQuery, 95))}`,
    )
    report(
      'ratio page p50 / query p50',
      (percentile(seedPage, 50) / percentile(seedQuery, 50)).toFixed(2),
    )

    const html = await postPage(SEED_POST_PATH.slice('/posts/'.length))
    const {css, js} = await shippedBytes(server.url, html)
    const bytes = (text: string) => Buffer.byteLength(text)
    const gzipped = (text: string) => (text ? gzipSync(text).length : 0)
    console.log('\nWhat the seed article’s page ships (images aside)')
    report('HTML  (gzipped)', `${kB(bytes(html))}  (${kB(gzipped(html))})`)
    report('CSS  (gzipped)', `${kB(bytes(css))}  (${kB(gzipped(css))})`)
    report('JS  (gzipped)', `${kB(bytes(js))}  (${kB(gzipped(js))})`)
    report('JS < 50 kB', bytes(js) < 50_000 ? 'yes' : 'NO')
  } finally {
    server.close()
    await bench.close()
  }
}

await main()
