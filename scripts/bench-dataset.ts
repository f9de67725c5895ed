/**
 * The generated dataset every benchmark shares (`bench:lake`, and the feature benchmarks): posts
 * with slugs, three tags each, previous/next chained in publish order, a reaction tally each.
 */
import {performance} from 'node:perf_hooks'

import type {Mutation} from '../lake/types.ts'

export const BENCH_POSTS = 10_000
export const BENCH_TAGS = 50
const SAMPLES = 300

/** The benchmark dataset: BENCH_BENCH_POSTS posts (one a minute, newest last), BENCH_BENCH_TAGS tags, a tally per post. */
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
