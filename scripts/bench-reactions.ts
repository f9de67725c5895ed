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
 * its default coalescing and no rate limits (the benchmark's readers are far faster than people).
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
  votes: number
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
  vote: (reader: number) => Promise<void>,
): Promise<PhaseResult> {
  let transactions = 0
  const stop = lake.store.onCommit((tx) => {
    if (tx.dataset === DATASET) transactions++
  })
  const latencies: number[] = []
  const start = performance.now()
  const end = start + seconds * 1000
  await Promise.all(
    Array.from({length: READERS}, async (_, reader) => {
      while (performance.now() < end) {
        const sent = performance.now()
        await vote(reader)
        latencies.push(performance.now() - sent)
      }
    }),
  )
  const elapsed = (performance.now() - start) / 1000
  stop()
  return {votes: latencies.length, seconds: elapsed, transactions, latencies}
}

function combine(rounds: PhaseResult[]): PhaseResult {
  return {
    votes: rounds.reduce((sum, round) => sum + round.votes, 0),
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

    const naiveVote = async () => {
      await client
        .patch(`reaction-${naivePost()}`)
        .inc({[`counts.${pick(KINDS)}`]: 1})
        .commit()
    }
    const handler: ReactionHandler = createReactionHandler({
      client,
      secret: SECRET,
      readerRateLimit: false,
      ipRateLimit: false,
    })
    const cookies: Array<string | undefined> = []
    let refused = 0
    const handlerVote = async (reader: number) => {
      const cookie = cookies[reader]
      const response = await handler(
        new Request('http://localhost:3000/api/reactions', {
          method: 'POST',
          headers: {'content-type': 'application/json', ...(cookie ? {cookie} : {})},
          body: JSON.stringify({postId: handlerPost(), reaction: pick(KINDS)}),
        }),
      )
      if (response.status !== 200) refused++
      const setCookie = response.headers.get('set-cookie')
      if (setCookie) cookies[reader] = setCookie.split(';')[0]
      await response.arrayBuffer()
    }

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
    report('handler: votes refused', String(refused))

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
}

await main()
