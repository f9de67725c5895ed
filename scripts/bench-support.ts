/**
 * What every benchmark shares (`bench:lake`, and the feature benchmarks): the generated dataset
 * (posts with slugs, three tags each, previous/next chained in publish order, a reaction tally
 * each), a lake in a temp dir loaded with it, an admin client, and the sampling helpers.
 */
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {performance} from 'node:perf_hooks'
import type {SanityClient} from '@sanity/client'

import {API_VERSION} from '../core/api-version.ts'
import {defaultQueryWorkers} from '../lake/config.ts'
import {createLake, type Lake} from '../lake/server.ts'
import {createLakeClient, trustCertificate} from '../lake/client.ts'
import type {LakeConfig, Mutation} from '../lake/types.ts'

/** The dataset the benchmarks load and query. */
export const BENCH_DATASET = 'production'
export const BENCH_POSTS = 10_000
export const BENCH_TAGS = 50
const SAMPLES = 300

/** The benchmark dataset: BENCH_POSTS posts (one a minute, newest last), BENCH_TAGS tags, a tally per post. */
export function benchDocuments(): Mutation[] {
  const start = Date.parse('2026-01-01T00:00:00.000Z')
  const docs: Mutation[] = []
  for (let t = 0; t < BENCH_TAGS; t++) {
    docs.push({create: {_id: `tag-${t}`, _type: 'tag', title: `Tag ${t}`, slug: slug(`tag-${t}`)}})
  }
  for (let i = 0; i < BENCH_POSTS; i++) {
    const ref = (id: string) => ({_type: 'reference', _ref: id})
    docs.push({
      create: {
        _id: `post-${i}`,
        _type: 'post',
        title: `Post number ${i}`,
        slug: slug(`post-${i}`),
        excerpt: `The ${i}th story of the day, in a few words.`,
        publishedAt: new Date(start + i * 60_000).toISOString(),
        tags: [0, 17, 31].map((k) => ({...ref(`tag-${(i + k) % BENCH_TAGS}`), _key: `t${k}`})),
        ...(i > 0 ? {previous: ref(`post-${i - 1}`)} : {}),
        ...(i < BENCH_POSTS - 1 ? {next: ref(`post-${i + 1}`)} : {}),
      },
    })
    docs.push({
      create: {
        _id: `reaction-post-${i}`,
        _type: 'reaction',
        post: ref(`post-${i}`),
        counts: {happy: i % 7, sad: i % 3, excited: i % 5, sleepy: 0, angry: i % 2, surprise: 1},
      },
    })
  }
  return docs
}

function slug(current: string) {
  return {_type: 'slug', current}
}

/** The query worker pool the lake benchmarks measure: `BENCH_QUERY_WORKERS=n`, else the default. */
export function benchQueryWorkers(): number {
  return Number(process.env.BENCH_QUERY_WORKERS) || defaultQueryWorkers()
}

/** A lake in a temp dir loaded with `benchDocuments()`. */
export interface BenchLake {
  /** The running lake (a new one after `reopen`). */
  lake: Lake
  dataDir: string
  /** How long loading the dataset took (direct store commits), in ms. */
  seedMs: number
  /** Starts a lake again on the same data dir (close the running one first). */
  reopen(): Promise<Lake>
  /** Stops the lake and deletes its data dir. */
  close(): Promise<void>
}

/**
 * Starts a lake on 127.0.0.1 in a fresh temp dir named after `name`, trusted by this process and
 * without request logs, and loads `benchDocuments()` straight into its store (no HTTP), 1000
 * mutations a commit. `config` adds to or overrides the lake's settings.
 */
export async function startBenchLake(
  name: string,
  config: Partial<LakeConfig> = {},
): Promise<BenchLake> {
  const dataDir = mkdtempSync(join(tmpdir(), `${name}-`))
  const open = async () => {
    const lake = await createLake({
      host: '127.0.0.1',
      port: 0,
      logRequests: false,
      queryWorkers: defaultQueryWorkers(),
      ...config,
      dataDir,
    })
    trustCertificate(lake.certificate.trustPem)
    return lake
  }
  const bench: BenchLake = {
    lake: await open(),
    dataDir,
    seedMs: 0,
    async reopen() {
      bench.lake = await open()
      return bench.lake
    },
    async close() {
      await bench.lake.close()
      rmSync(dataDir, {recursive: true, force: true})
    },
  }
  try {
    const started = performance.now()
    const mutations = benchDocuments()
    for (let i = 0; i < mutations.length; i += 1000) {
      bench.lake.store.commit(BENCH_DATASET, mutations.slice(i, i + 1000), {identity: 'bench'})
    }
    bench.seedMs = performance.now() - started
  } catch (error) {
    await bench.close()
    throw error
  }
  return bench
}

/** A `@sanity/client` on the benchmark dataset with the lake's admin token, no CDN. */
export function benchClient(lake: Lake): SanityClient {
  return createLakeClient({
    url: lake.url,
    projectId: lake.config.projectId,
    dataset: BENCH_DATASET,
    apiVersion: API_VERSION,
    token: lake.adminToken,
  })
}

/** The p-th percentile of samples (nearest rank). */
export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN
}

/** Runs `run` back to back for `windowMs`; the duration of each call, in ms. */
export async function sampleFor(windowMs: number, run: () => Promise<unknown>): Promise<number[]> {
  const times: number[] = []
  const end = performance.now() + windowMs
  while (performance.now() < end) {
    const start = performance.now()
    await run()
    times.push(performance.now() - start)
  }
  return times
}

/** Runs `run` `count` times in a row; the duration of each call, in ms. */
export async function sample(run: () => Promise<unknown>, count = SAMPLES): Promise<number[]> {
  const times: number[] = []
  for (let i = 0; i < count; i++) {
    const start = performance.now()
    await run()
    times.push(performance.now() - start)
  }
  return times
}
