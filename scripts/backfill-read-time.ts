/**
 * `npm run backfill:read-time`: recompute `readTime` for every post, drafts and published, and write
 * it where it is missing or stale, in batched transactions through `@sanity/client`.
 *
 *   node scripts/backfill-read-time.ts [--data .lake] [--url <lake url>] [--dataset production]
 *   SANITY_AUTH_TOKEN=… node scripts/backfill-read-time.ts --project <id> --dataset <name>
 *
 * Every batch is one transaction and every patch carries the revision it was computed from, so a
 * post an editor changes meanwhile is never overwritten with a figure for its old body. Access
 * problems (bad token, unknown dataset, unreachable host) stop the run before anything is written
 * (`preflightTarget`), with one line and exit code 1.
 */
import type {SanityClient} from '@sanity/client'
import {parseArgs} from 'node:util'

import {
  estimateReadTime,
  isReadTimeCurrent,
  toReadTimeValue,
  type ReadTimeRates,
} from '../core/read-time/index.ts'
import {createProgress, type Progress} from '../import-wordpress/progress.ts'
import {
  describeScriptFailure,
  preflightTarget,
  resolveTarget,
  TARGET_OPTIONS,
  TARGET_USAGE,
  type Target,
  retryOnRateLimit,
} from '../import-wordpress/target.ts'

const TAG = 'newsroom.backfill-read-time'

/** A post as the backfill reads it. */
interface PostSnapshot {
  _id: string
  _rev: string
  body?: unknown
  heroImage?: unknown
  readTime?: unknown
}

/** Where a run stands, after each batch. */
export interface BackfillProgress {
  total: number
  checked: number
  updated: number
  failed: number
}

/** What a run did (with `dryRun`, `updated` counts what it would have written). */
export interface BackfillReport {
  checked: number
  updated: number
  unchanged: number
  failed: number
  dryRun: boolean
  /** One line per post that could not be written. */
  failures: string[]
}

export interface BackfillOptions {
  /** A client with a token that may write the dataset. */
  client: SanityClient
  /** Report what would change, write nothing. */
  dryRun?: boolean
  /** Posts per transaction. @defaultValue 100 */
  batchSize?: number
  /** The rates of the Studio's `readTime` plugin option, if it changes them. */
  rates?: ReadTimeRates
  onProgress?: (progress: BackfillProgress) => void
}

/** Drafts, published posts and release versions alike: every post document in the dataset. */
const PAGE_QUERY = `*[_type == "post" && _id > $after] | order(_id asc) [0...$limit]{
  _id, _rev, body, heroImage, readTime
}`

/** Whether a failed write means nothing else will succeed either. */
function isFatal(error: unknown): boolean {
  const status = (error as {statusCode?: number}).statusCode
  return status === undefined || status === 401 || status === 403 || status === 404
}

/** The patch a post needs, or null when its stored figure is current. */
function readTimeUpdate(post: PostSnapshot, rates: ReadTimeRates) {
  const estimate = estimateReadTime(post.body, {...rates, heroImage: post.heroImage})
  return isReadTimeCurrent(post.readTime, estimate) ? null : toReadTimeValue(estimate)
}

/**
 * Recomputes every post's read time and writes the stale ones. A batch that fails because a post
 * changed meanwhile is retried post by post from fresh copies; posts that still fail are counted
 * and listed. Throws the client's error when the dataset cannot be read or written at all.
 */
export async function backfillReadTime(options: BackfillOptions): Promise<BackfillReport> {
  const {client, dryRun = false, batchSize = 100, rates = {}, onProgress} = options
  const report: BackfillReport = {
    checked: 0,
    updated: 0,
    unchanged: 0,
    failed: 0,
    dryRun,
    failures: [],
  }
  const raw = client.withConfig({perspective: 'raw'})
  const total = await raw.fetch<number>('count(*[_type == "post"])', {}, {tag: TAG})

  const commit = async (posts: PostSnapshot[]) => {
    const transaction = client.transaction()
    for (const post of posts) {
      const value = readTimeUpdate(post, rates)
      if (value)
        transaction.patch(post._id, (p) => p.ifRevisionId(post._rev).set({readTime: value}))
    }
    await retryOnRateLimit(() => transaction.commit({tag: TAG}))
  }

  /** After a batch failed on a post changed meanwhile: each post alone, from a fresh copy. */
  const commitOneByOne = async (posts: PostSnapshot[]) => {
    for (const {_id} of posts) {
      try {
        const fresh = await raw.fetch<PostSnapshot | null>(
          '*[_id == $id][0]{_id, _rev, body, heroImage, readTime}',
          {id: _id},
          {tag: TAG},
        )
        if (fresh && readTimeUpdate(fresh, rates)) {
          await commit([fresh])
          report.updated++
        } else {
          report.unchanged++
        }
      } catch (error) {
        if (isFatal(error)) throw error
        report.failed++
        report.failures.push(`${_id}: ${error instanceof Error ? error.message : String(error)}`)
      }
    }
  }

  let after = ''
  for (;;) {
    const page = await raw.fetch<PostSnapshot[]>(PAGE_QUERY, {after, limit: batchSize}, {tag: TAG})
    if (page.length === 0) break
    after = page[page.length - 1]?._id ?? after
    const stale = page.filter((post) => readTimeUpdate(post, rates) !== null)
    report.checked += page.length
    report.unchanged += page.length - stale.length
    if (dryRun || stale.length === 0) {
      report.updated += stale.length
    } else {
      try {
        await commit(stale)
        report.updated += stale.length
      } catch (error) {
        if (isFatal(error)) throw error
        await commitOneByOne(stale)
      }
    }
    onProgress?.({total, checked: report.checked, updated: report.updated, failed: report.failed})
  }
  return report
}

function summary(report: BackfillReport): string {
  const updated = report.dryRun ? `would update ${report.updated}` : `updated ${report.updated}`
  return `backfill-read-time${report.dryRun ? ' (dry run)' : ''}: checked ${report.checked}, ${updated}, unchanged ${report.unchanged}, failed ${report.failed}`
}

const USAGE = `Usage: npm run backfill:read-time -- [options]

Options:
  --dry-run                    report what would change, write nothing
  --batch-size <n>             posts per transaction (default 100)
  --words-per-minute <n>       as the plugin's readTime.wordsPerMinute (default 200)
  --characters-per-minute <n>  as the plugin's readTime.charactersPerMinute (default 500)
  -h, --help                   show this help

Target: ${TARGET_USAGE}
  (--project takes its token from SANITY_AUTH_TOKEN, which also overrides the lake's admin token)`

/** A bad option: its message is the line printed. */
class UsageError extends Error {}

function positive(
  name: string,
  value: string | undefined,
  {integer = false} = {},
): number | undefined {
  if (value === undefined) return undefined
  const number = Number(value)
  if (!Number.isFinite(number) || number <= 0 || (integer && !Number.isInteger(number))) {
    throw new UsageError(`--${name} must be a ${integer ? 'whole ' : ''}number above 0`)
  }
  return number
}

/** Shows a run's progress on stderr: a bar on a terminal, plain lines otherwise. */
function progressDisplay(dryRun: boolean) {
  const counter = dryRun ? 'to update' : 'updated'
  let progress: Progress | undefined
  return {
    onProgress(p: BackfillProgress) {
      // The total is known once the run has counted the posts.
      progress ??= createProgress({
        label: 'backfill-read-time',
        unit: 'posts',
        total: p.total,
        counters: [counter],
      })
      progress.count(counter, p.updated - progress.value(counter))
      progress.advance(p.checked - progress.value())
    },
    done: () => progress?.done(),
    stop: () => progress?.stop(),
  }
}

/** Runs the command; resolves to the exit code. */
async function main(argv: string[]): Promise<number> {
  let target: Target | undefined
  let display: ReturnType<typeof progressDisplay> | undefined
  try {
    let values
    try {
      values = parseArgs({
        args: argv,
        options: {
          ...TARGET_OPTIONS,
          'dry-run': {type: 'boolean', default: false},
          'batch-size': {type: 'string'},
          'words-per-minute': {type: 'string'},
          'characters-per-minute': {type: 'string'},
          help: {type: 'boolean', short: 'h'},
        },
      }).values
    } catch (error) {
      throw new UsageError(`${(error as Error).message.split('\n')[0]} (see --help)`)
    }
    if (values.help) {
      console.log(USAGE)
      return 0
    }
    const dryRun = values['dry-run']
    display = progressDisplay(dryRun)
    const batchSize = positive('batch-size', values['batch-size'], {integer: true})
    const rates = {
      wordsPerMinute: positive('words-per-minute', values['words-per-minute']),
      charactersPerMinute: positive('characters-per-minute', values['characters-per-minute']),
    }
    target = resolveTarget(values)
    await preflightTarget(target, {write: !dryRun})
    const report = await backfillReadTime({
      client: target.client,
      dryRun,
      batchSize,
      rates,
      onProgress: display.onProgress,
    })
    display.done()
    for (const failure of report.failures) console.error(`backfill-read-time: failed ${failure}`)
    console.log(summary(report))
    return report.failed > 0 ? 1 : 0
  } catch (error) {
    display?.stop()
    console.error(`backfill-read-time: ${describeScriptFailure(error, target, [UsageError])}`)
    return 1
  }
}

if (import.meta.main) {
  process.exitCode = await main(process.argv.slice(2))
}
