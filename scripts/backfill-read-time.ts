/**
 * `npm run backfill:read-time`: recompute `readTime` for every post, drafts and published, and write
 * it where it is missing or stale, in batched transactions through `@sanity/client`.
 *
 *   node scripts/backfill-read-time.ts [--data .lake] [--url <lake url>] [--dataset production]
 *   SANITY_AUTH_TOKEN=… node scripts/backfill-read-time.ts --project <id> --dataset <name>
 *
 * Every batch is one transaction and every patch carries the revision it was computed from, so a
 * post an editor changes meanwhile is never overwritten with a figure for its old body. Access
 * problems (bad token, unknown dataset, unreachable host) stop the run before anything is written.
 */
import {createClient, type SanityClient} from '@sanity/client'
import {parseArgs} from 'node:util'

import {API_VERSION} from '../core/api-version.ts'
import {
  estimateReadTime,
  isReadTimeCurrent,
  toReadTimeValue,
  type ReadTimeRates,
} from '../core/read-time/index.ts'
import {lakeClient} from './seed.ts'

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

/** An error that ends the run with one clear line (access, dataset, network). */
export class BackfillError extends Error {}

/** Drafts, published posts and release versions alike: every post document in the dataset. */
const PAGE_QUERY = `*[_type == "post" && _id > $after] | order(_id asc) [0...$limit]{
  _id, _rev, body, heroImage, readTime
}`

function describeError(error: unknown, client: SanityClient): string {
  const {apiHost, dataset, projectId} = client.config()
  const err = error as {
    statusCode?: number
    code?: string
    message?: string
    cause?: {code?: string}
  }
  const code = err.code ?? err.cause?.code
  if (err.statusCode === 401) return `the token was refused by ${apiHost} (401): check the token`
  if (err.statusCode === 403) {
    return `the token may not write dataset "${dataset}" of project "${projectId}" (403)`
  }
  if (err.statusCode === 404) return `dataset "${dataset}" not found in project "${projectId}"`
  if (code && /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET|EHOSTUNREACH)$/.test(code)) {
    return `cannot reach ${apiHost} (${code})`
  }
  if (code && /CERT|SELF_SIGNED/.test(code)) {
    return `${apiHost} presented a certificate this machine does not trust (${code})`
  }
  return err.message ?? String(error)
}

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
 * and listed. Throws {@link BackfillError} when the dataset cannot be read or written at all.
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
  let total: number
  try {
    total = await raw.fetch<number>('count(*[_type == "post"])', {}, {tag: TAG})
  } catch (error) {
    throw new BackfillError(describeError(error, client))
  }

  const commit = async (posts: PostSnapshot[]) => {
    const transaction = client.transaction()
    for (const post of posts) {
      const value = readTimeUpdate(post, rates)
      if (value)
        transaction.patch(post._id, (p) => p.ifRevisionId(post._rev).set({readTime: value}))
    }
    await transaction.commit({tag: TAG})
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
        if (isFatal(error)) throw new BackfillError(describeError(error, client))
        report.failed++
        report.failures.push(`${_id}: ${describeError(error, client)}`)
      }
    }
  }

  let after = ''
  for (;;) {
    let page: PostSnapshot[]
    try {
      page = await raw.fetch<PostSnapshot[]>(PAGE_QUERY, {after, limit: batchSize}, {tag: TAG})
    } catch (error) {
      throw new BackfillError(describeError(error, client))
    }
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
        if (isFatal(error)) throw new BackfillError(describeError(error, client))
        await commitOneByOne(stale)
      }
    }
    onProgress?.({total, checked: report.checked, updated: report.updated, failed: report.failed})
  }
  return report
}

/** Progress on `stream`: a bar redrawn in place on a terminal, one plain line per batch elsewhere. */
export function progressPrinter(
  stream: {isTTY?: boolean; write(text: string): unknown},
  dryRun: boolean,
) {
  const verb = dryRun ? 'to update' : 'updated'
  if (!stream.isTTY) {
    return (p: BackfillProgress) =>
      stream.write(`backfill-read-time: ${p.checked}/${p.total} checked, ${p.updated} ${verb}\n`)
  }
  return (p: BackfillProgress) => {
    const width = 30
    // Posts created during the run can take `checked` past the count taken at the start.
    const done = p.total === 0 ? width : Math.min(width, Math.round((p.checked / p.total) * width))
    const bar = `${'█'.repeat(done)}${'░'.repeat(width - done)}`
    stream.write(`\r${bar} ${p.checked}/${p.total} posts · ${p.updated} ${verb}`)
    if (p.checked >= p.total) stream.write('\n')
  }
}

function summary(report: BackfillReport): string {
  const updated = report.dryRun ? `would update ${report.updated}` : `updated ${report.updated}`
  return `backfill-read-time${report.dryRun ? ' (dry run)' : ''}: checked ${report.checked}, ${updated}, unchanged ${report.unchanged}, failed ${report.failed}`
}

const USAGE = `Usage:
  node scripts/backfill-read-time.ts [--data .lake] [--url <lake url>] [--dataset production]
  SANITY_AUTH_TOKEN=<token> node scripts/backfill-read-time.ts --project <id> --dataset <name> [--url https://api.sanity.io]

Options:
  --dry-run                    report what would change, write nothing
  --batch-size <n>             posts per transaction (default 100)
  --words-per-minute <n>       as the plugin's readTime.wordsPerMinute (default 200)
  --characters-per-minute <n>  as the plugin's readTime.charactersPerMinute (default 500)`

function positive(
  name: string,
  value: string | undefined,
  {integer = false} = {},
): number | undefined {
  if (value === undefined) return undefined
  const number = Number(value)
  if (!Number.isFinite(number) || number <= 0 || (integer && !Number.isInteger(number))) {
    throw new BackfillError(`--${name} must be a ${integer ? 'whole ' : ''}number above 0`)
  }
  return number
}

function clientFromArgs(values: {
  data: string
  url?: string
  project?: string
  dataset: string
}): SanityClient {
  const token = process.env.SANITY_AUTH_TOKEN
  if (values.project) {
    if (!token) throw new BackfillError('set SANITY_AUTH_TOKEN to a token that may write')
    return createClient({
      projectId: values.project,
      dataset: values.dataset,
      apiHost: values.url ?? 'https://api.sanity.io',
      apiVersion: API_VERSION,
      useCdn: false,
      token,
      maxRetries: 1,
    })
  }
  try {
    const client = lakeClient({dataDir: values.data, url: values.url, dataset: values.dataset})
    return client.withConfig({maxRetries: 1, ...(token ? {token} : {})})
  } catch (error) {
    throw new BackfillError((error as Error).message)
  }
}

async function main(): Promise<void> {
  const {values} = parseArgs({
    options: {
      data: {type: 'string', default: '.lake'},
      url: {type: 'string'},
      project: {type: 'string'},
      dataset: {type: 'string', default: 'production'},
      'dry-run': {type: 'boolean', default: false},
      'batch-size': {type: 'string'},
      'words-per-minute': {type: 'string'},
      'characters-per-minute': {type: 'string'},
      help: {type: 'boolean', short: 'h'},
    },
  })
  if (values.help) {
    console.log(USAGE)
    return
  }
  const client = clientFromArgs(values)
  const dryRun = values['dry-run']
  const report = await backfillReadTime({
    client,
    dryRun,
    batchSize: positive('batch-size', values['batch-size'], {integer: true}),
    rates: {
      wordsPerMinute: positive('words-per-minute', values['words-per-minute']),
      charactersPerMinute: positive('characters-per-minute', values['characters-per-minute']),
    },
    onProgress: progressPrinter(process.stderr, dryRun),
  })
  for (const failure of report.failures) console.error(`backfill-read-time: failed ${failure}`)
  console.log(summary(report))
  if (report.failed > 0) process.exitCode = 1
}

if (import.meta.main) {
  main().catch((error: unknown) => {
    const message = error instanceof BackfillError ? error.message : String(error)
    console.error(`backfill-read-time: ${message}`)
    process.exit(1)
  })
}
