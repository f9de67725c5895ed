/**
 * `npm run bench:reactions`: votes per second through the reaction handler against the local
 * lake, 50 readers voting concurrently, against the naive baseline in the same run: one
 * `patch().inc()` per vote with no voter record (no per-reader state, so repeats count twice).
 * Prints both rates, their ratio, and the transactions each needed. Goal: at least the naive rate
 * with a tenth of its transactions.
 *
 * The lake holds the shared benchmark dataset (10k posts with their tallies). After a short
 * warm-up the two take turns, `BENCH_ROUNDS` rounds (default 3) of `BENCH_SECONDS` each (default
 * 5), so a change in the machine's load hits both alike. The handler runs in this process with
 * its default coalescing and no rate limits of its own (the benchmark's readers are far faster
 * than people). That part runs with the lake's request limits off: it measures throughput.
 *
 * Then the comparison that matters in production: the same two, one round each, against a lake
 * with Sanity's request limits on (25 mutation requests a second per client). The naive writes
 * beyond the limit are refused (429; `@sanity/client` does not retry writes) and never reach the
 * tally; the handler coalesces votes into a few transactions and retries a 429 after its
 * Retry-After. Prints the votes a second that reached the tally for each, and their ratio.
 */
import {availableParallelism, loadavg} from 'node:os'
import type {SanityClient} from '@sanity/client'

import {DEFAULT_REACTION_KINDS} from '../core/reaction-kinds.ts'
import {createReactionHandler, type ReactionHandler} from '../core/reactions/index.ts'
import type {Lake} from '../lake/server.ts'
import {
  BENCH_DATASET as DATASET,
  BENCH_POSTS as POSTS,
  benchClient,
  benchDocuments,
  percentile,
  startBenchLake,
} from './bench-support.ts'

const READERS = 50
const SECONDS = Number(process.env.BENCH_SECONDS) || 5
const ROUNDS = Number(process.env.BENCH_ROUNDS) || 3
const WARM_UP_SECONDS = 2
const SECRET = 'bench-reactions-secret-that-is-long-enough-0123456789'
const KINDS = DEFAULT_REACTION_KINDS.map((kind) => kind.name)

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)] as T
/** The naive votes go to the first half of the posts, the handler's to the second half. */
const NAIVE_POSTS = POSTS / 2
const naivePost = () => `post-${Math.floor(Math.random() * NAIVE_POSTS)}`
const handlerPost = () => `post-${NAIVE_POSTS + Math.floor(Math.random() * (POSTS - NAIVE_POSTS))}`

function report(label: string, value: string): void {
  console.log(`  ${label.padEnd(58)} ${value}`)
}

interface PhaseResult {
  /** Votes that were recorded (reached the tally). */
  votes: number
  /** Votes the lake refused (a 429 the voter gave up on). */
  refused: number
  seconds: number
  transactions: number
  latencies: number[]
}

/**
 * Runs `vote` from READERS concurrent readers, each waiting for its answer before the next vote,
 * for `seconds`; counts votes and the lake's transactions in the meantime.
 */
async function phase(
  lake: Lake,
  seconds: number,
  vote: (reader: number) => Promise<boolean | void>,
): Promise<PhaseResult> {
  let transactions = 0
  const stop = lake.store.onCommit((tx) => {
    if (tx.dataset === DATASET) transactions++
  })
  const latencies: number[] = []
  let refused = 0
  const start = performance.now()
  const end = start + seconds * 1000
  await Promise.all(
    Array.from({length: READERS}, async (_, reader) => {
      while (performance.now() < end) {
        const sent = performance.now()
        if ((await vote(reader)) === false) refused++
        latencies.push(performance.now() - sent)
      }
    }),
  )
  const elapsed = (performance.now() - start) / 1000
  stop()
  return {votes: latencies.length - refused, refused, seconds: elapsed, transactions, latencies}
}

function combine(rounds: PhaseResult[]): PhaseResult {
  return {
    votes: rounds.reduce((sum, round) => sum + round.votes, 0),
    refused: rounds.reduce((sum, round) => sum + round.refused, 0),
    seconds: rounds.reduce((sum, round) => sum + round.seconds, 0),
    transactions: rounds.reduce((sum, round) => sum + round.transactions, 0),
    latencies: rounds.flatMap((round) => round.latencies),
  }
}

function describePhase(name: string, result: PhaseResult): void {
  report(`${name}: votes/s`, (result.votes / result.seconds).toFixed(0))
  report(
    `${name}: votes / transactions`,
    `${result.votes} / ${result.transactions} (${(result.votes / result.transactions).toFixed(1)} votes each)`,
  )
  report(
    `${name}: vote latency p50 / p95`,
    `${percentile(result.latencies, 50).toFixed(1)} ms / ${percentile(result.latencies, 95).toFixed(1)} ms`,
  )
}

async function main(): Promise<void> {
  const bench = await startBenchLake('reactions-bench')
  const {lake} = bench
  try {
    const client: SanityClient = benchClient(lake)
    console.log(
      `Reactions benchmark: ${READERS} concurrent readers, ${ROUNDS} rounds of ${SECONDS} s each, ${POSTS} posts`,
    )
    report(
      'machine: cores / load average at start',
      `${availableParallelism()} / ${loadavg()[0]?.toFixed(1)} (other processes skew every figure)`,
    )

    const {naiveVote, handlerVote} = voters(client)
    // Warm up both paths (connections, query workers, views), then measure.
    await phase(lake, WARM_UP_SECONDS, naiveVote)
    await phase(lake, WARM_UP_SECONDS, handlerVote)
    const naiveRounds: PhaseResult[] = []
    const handlerRounds: PhaseResult[] = []
    for (let round = 0; round < ROUNDS; round++) {
      naiveRounds.push(await phase(lake, SECONDS, naiveVote))
      handlerRounds.push(await phase(lake, SECONDS, handlerVote))
    }
    const naive = combine(naiveRounds)
    const coalesced = combine(handlerRounds)

    console.log('\nNaive baseline: one patch().inc() transaction per vote, no voter record')
    describePhase('naive', naive)
    console.log('\nReaction handler: voter records, guarded writes, coalesced transactions')
    describePhase('handler', coalesced)
    report('handler: votes refused', String(coalesced.refused))

    const rateRatio = coalesced.votes / coalesced.seconds / (naive.votes / naive.seconds)
    const txRatio = coalesced.transactions / coalesced.votes / (naive.transactions / naive.votes)
    console.log('\nHandler against the baseline')
    report('ratio votes/s handler / naive (goal >= 1)', rateRatio.toFixed(2))
    report('ratio transactions per vote handler / naive (goal <= 0.1)', txRatio.toFixed(3))
    report('goal met', rateRatio >= 1 && txRatio <= 0.1 ? 'yes' : 'NO')

    // Correctness, not speed: each tally the handler wrote moved by exactly its voter records.
    const state = await client.fetch<{
      voters: Array<{post: string; reaction: string}>
      tallies: Array<{post: string; counts: Record<string, number>}>
    }>(
      `{"voters": *[_type == "reactionVoter" && defined(reaction)]{"post": post._ref, reaction},
        "tallies": *[_type == "reaction"]{"post": post._ref, counts}}`,
      {},
      {perspective: 'raw'},
    )
    const seeded = new Map<string, Record<string, number>>()
    for (const mutation of benchDocuments()) {
      const doc = mutation.create as {_type: string; post?: {_ref: string}; counts?: object}
      if (doc._type === 'reaction' && doc.post) {
        seeded.set(doc.post._ref, doc.counts as Record<string, number>)
      }
    }
    const recorded = new Map<string, number>()
    for (const voter of state.voters) {
      const key = `${voter.post}/${voter.reaction}`
      recorded.set(key, (recorded.get(key) ?? 0) + 1)
    }
    const handlerPosts = new Set(state.voters.map((voter) => voter.post))
    const mismatched = state.tallies.filter(
      (tally) =>
        handlerPosts.has(tally.post) &&
        KINDS.some(
          (kind) =>
            (tally.counts[kind] ?? 0) - (seeded.get(tally.post)?.[kind] ?? 0) !==
            (recorded.get(`${tally.post}/${kind}`) ?? 0),
        ),
    )
    report(
      'handler tallies equal to their voter records',
      `${handlerPosts.size - mismatched.length} of ${handlerPosts.size} posts (${state.voters.length} voters)`,
    )
    report('load average at the end', loadavg()[0]?.toFixed(1) ?? '')
  } finally {
    await bench.close()
  }
  await underSanityLimits()
}

/**
 * The naive and the handler vote for `client`: each resolves false when the vote was refused
 * (so it never reached the tally).
 */
function voters(client: SanityClient) {
  const naiveVote = async () => {
    try {
      await client
        .patch(`reaction-${naivePost()}`)
        .inc({[`counts.${pick(KINDS)}`]: 1})
        .commit()
      return true
    } catch (error) {
      if ((error as {statusCode?: number}).statusCode === 429) return false
      throw error
    }
  }
  const handler: ReactionHandler = createReactionHandler({
    client,
    secret: SECRET,
    readerRateLimit: false,
    ipRateLimit: false,
  })
  const cookies: Array<string | undefined> = []
  const handlerVote = async (reader: number) => {
    const cookie = cookies[reader]
    const response = await handler(
      new Request('http://localhost:3000/api/reactions', {
        method: 'POST',
        headers: {'content-type': 'application/json', ...(cookie ? {cookie} : {})},
        body: JSON.stringify({postId: handlerPost(), reaction: pick(KINDS)}),
      }),
    )
    const setCookie = response.headers.get('set-cookie')
    if (setCookie) cookies[reader] = setCookie.split(';')[0]
    await response.arrayBuffer()
    return response.status === 200
  }
  return {naiveVote, handlerVote}
}

/** Both ways of voting against a lake with Sanity's request limits on, one round each. */
async function underSanityLimits(): Promise<void> {
  const bench = await startBenchLake('reactions-limited-bench', {limits: true})
  try {
    const {lake} = bench
    const {naiveVote, handlerVote} = voters(benchClient(lake))
    console.log(
      `\nUnder Sanity's request limits (25 mutation requests a second per client), ${SECONDS} s each`,
    )
    const naive = await phase(lake, SECONDS, naiveVote)
    // A fresh second's budget for the handler.
    await new Promise((resolve) => setTimeout(resolve, 1100))
    const handler = await phase(lake, SECONDS, handlerVote)
    for (const [name, result] of [
      ['naive', naive],
      ['handler', handler],
    ] as const) {
      report(
        `${name}: votes/s that reached the tally`,
        `${(result.votes / result.seconds).toFixed(0)} (${result.refused} refused with 429, ${result.transactions} transactions)`,
      )
    }
    const ratio = handler.votes / handler.seconds / (naive.votes / naive.seconds)
    report('ratio tallied votes/s handler / naive (goal >= 1)', ratio.toFixed(2))
  } finally {
    await bench.close()
  }
}

await main()
