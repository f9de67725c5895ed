/**
 * `npm run bench:import`: how fast, and in how much memory, the WordPress import brings in a
 * large site. Generates a 5,000-post WXR export (Gutenberg bodies of 700–900 words, tags and
 * categories, pages and revisions to skip; no image bytes), starts a lake in a temp dir, then runs
 * in child processes, each measuring its own time and peak memory (RSS):
 * - parsing alone: the streaming reader over the whole file (the baseline);
 * - the import: scan, convert, write in batched transactions;
 * - the same import again: every post's source found unchanged, so skipped before converting.
 * Prints posts per second, peak RSS, and the ratios to the baseline. Cleans up after itself.
 */
import {execFile} from 'node:child_process'
import {createWriteStream, mkdtempSync, rmSync, statSync} from 'node:fs'
import {availableParallelism, loadavg, tmpdir} from 'node:os'
import {join} from 'node:path'
import {performance} from 'node:perf_hooks'
import {promisify} from 'node:util'

import {createLake} from '../lake/server.ts'

const DEFAULT_POSTS = 5_000
/** `BENCH_IMPORT_POSTS=<n>` measures another size (75000 makes a 500 MB export). */
const POSTS = Number(process.env.BENCH_IMPORT_POSTS) || DEFAULT_POSTS
const PAGES = 250
const REVISIONS = 500
const TAGS = 60
const GOAL_SECONDS = 60
const GOAL_RSS_MB = 300
/** An unchanged rerun costs at most this many times the parse alone (issue 23). */
const GOAL_RERUN_RATIO = 3

const WORDS =
  'the of and to in a is that for on with as was by at from it his an were are which this be or has had not but also they their its have one been new more after first who would year two government minister europe defense market policy president report company agreement security analysts investment energy prices technology model data parliament budget trade central bank inflation military contract industry growth talks officials sources plan week'.split(
    ' ',
  )

/** A small deterministic generator, so every run imports the same export. */
function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

function sentence(next: () => number, words: number): string {
  const picked = Array.from({length: words}, () => WORDS[Math.floor(next() * WORDS.length)])
  const text = picked.join(' ')
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`
}

function paragraph(next: () => number): string {
  const sentences = Array.from({length: 5 + Math.floor(next() * 3)}, () =>
    sentence(next, 12 + Math.floor(next() * 8)),
  )
  if (next() < 0.3) sentences[1] = `<strong>${sentences[1]}</strong>`
  if (next() < 0.3)
    sentences[2] = `<a href="https://example.org/${Math.floor(next() * 1e6)}">${sentences[2]}</a>`
  return `<!-- wp:paragraph -->\n<p>${sentences.join(' ')}</p>\n<!-- /wp:paragraph -->`
}

function body(next: () => number): string {
  const blocks: string[] = []
  for (let index = 0; index < 8; index++) {
    if (index === 3 || index === 6) {
      blocks.push(
        `<!-- wp:heading -->\n<h2 class="wp-block-heading">${sentence(next, 6)}</h2>\n<!-- /wp:heading -->`,
      )
    }
    blocks.push(paragraph(next))
  }
  blocks.push(
    `<!-- wp:list -->\n<ul class="wp-block-list"><!-- wp:list-item --><li>${sentence(next, 8)}</li><!-- /wp:list-item --><!-- wp:list-item --><li>${sentence(next, 8)}</li><!-- /wp:list-item --></ul>\n<!-- /wp:list -->`,
    `<!-- wp:quote -->\n<blockquote class="wp-block-quote"><p>${sentence(next, 14)}</p></blockquote>\n<!-- /wp:quote -->`,
  )
  return blocks.join('\n\n')
}

function item(fields: {
  id: number
  title: string
  type: string
  status: string
  date: Date
  name: string
  content: string
  terms?: Array<[string, string, string]>
  parent?: number
}): string {
  const gmt = fields.date.toISOString().slice(0, 19).replace('T', ' ')
  const terms = (fields.terms ?? [])
    .map(
      ([domain, slug, name]) =>
        `\t\t<category domain="${domain}" nicename="${slug}"><![CDATA[${name}]]></category>`,
    )
    .join('\n')
  return `\t<item>
\t\t<title><![CDATA[${fields.title}]]></title>
\t\t<link>https://bench.example/${gmt.slice(0, 10).replaceAll('-', '/')}/${fields.name}/</link>
\t\t<dc:creator><![CDATA[desk]]></dc:creator>
\t\t<guid isPermaLink="false">https://bench.example/?p=${fields.id}</guid>
\t\t<content:encoded><![CDATA[${fields.content}]]></content:encoded>
\t\t<excerpt:encoded><![CDATA[]]></excerpt:encoded>
\t\t<wp:post_id>${fields.id}</wp:post_id>
\t\t<wp:post_date><![CDATA[${gmt}]]></wp:post_date>
\t\t<wp:post_date_gmt><![CDATA[${gmt}]]></wp:post_date_gmt>
\t\t<wp:post_name><![CDATA[${fields.name}]]></wp:post_name>
\t\t<wp:status><![CDATA[${fields.status}]]></wp:status>
\t\t<wp:post_parent>${fields.parent ?? 0}</wp:post_parent>
\t\t<wp:post_type><![CDATA[${fields.type}]]></wp:post_type>
${terms}
\t</item>
`
}

/** Writes the generated export to `path`, a post at a time. */
async function generateExport(path: string): Promise<void> {
  const next = random(2026)
  const out = createWriteStream(path)
  const write = (text: string) =>
    out.write(text)
      ? Promise.resolve()
      : new Promise<void>((done) => out.once('drain', () => done()))
  await write(`<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
\t<title>Bench newsroom</title>
\t<link>https://bench.example</link>
\t<wp:wxr_version>1.2</wp:wxr_version>
\t<wp:base_site_url>https://bench.example</wp:base_site_url>
\t<wp:base_blog_url>https://bench.example</wp:base_blog_url>
`)
  const start = Date.parse('2020-01-01T08:00:00Z')
  let id = 1
  for (let index = 0; index < POSTS; index++) {
    const postId = id++
    const title = sentence(next, 7).slice(0, -1)
    const tags = new Set(
      Array.from({length: 1 + Math.floor(next() * 4)}, () => Math.floor(next() * TAGS)),
    )
    await write(
      item({
        id: postId,
        title,
        type: 'post',
        status: next() < 0.95 ? 'publish' : 'draft',
        date: new Date(start + index * 3_600_000 * 7),
        name: `post-${postId}`,
        content: body(next),
        terms: [
          ['category', `section-${postId % 6}`, `Section ${postId % 6}`],
          ...[...tags].map((tag): [string, string, string] => [
            'post_tag',
            `tag-${tag}`,
            `Tag ${tag}`,
          ]),
        ],
      }),
    )
    if (index < REVISIONS) {
      await write(
        item({
          id: id++,
          title,
          type: 'revision',
          status: 'inherit',
          date: new Date(start),
          name: `${postId}-revision-v1`,
          content: '<p>Earlier.</p>',
          parent: postId,
        }),
      )
    }
    if (index < PAGES) {
      await write(
        item({
          id: id++,
          title: `Page ${index}`,
          type: 'page',
          status: 'publish',
          date: new Date(start),
          name: `page-${index}`,
          content: paragraph(next),
        }),
      )
    }
  }
  await write('</channel>\n</rss>\n')
  await new Promise<void>((done, fail) =>
    out.end((error?: Error | null) => (error ? fail(error) : done())),
  )
}

/** What a child process measured. */
interface Measured {
  seconds: number
  /** CPU time of the process (user + system), less at the mercy of other load than the clock. */
  cpuSeconds: number
  rssMB: number
  items: number
  posts?: {created: number; unchanged: number; skipped: number}
  transactions?: number
}

const run = promisify(execFile)

/** Runs this script as a child in `mode`; its last output line is the JSON of what it measured. */
async function measure(mode: 'parse' | 'import', args: string[]): Promise<Measured> {
  // Both run as `npm run import:wordpress` does, with its Node flags.
  const {IMPORT_NODE_FLAGS} = await import('../import-wordpress/cli.ts')
  const {stdout} = await run(
    process.execPath,
    [...IMPORT_NODE_FLAGS, import.meta.filename, '--child', mode, ...args],
    {maxBuffer: 16 * 1024 * 1024},
  )
  return JSON.parse(stdout.trim().split('\n').at(-1) as string) as Measured
}

async function child(mode: string, args: string[]): Promise<void> {
  const started = performance.now()
  let result: Omit<Measured, 'seconds' | 'cpuSeconds' | 'rssMB'>
  if (mode === 'parse') {
    // Only the reader is loaded: the baseline carries no converter, client or lake.
    const {readWxrFile} = await import('../import-wordpress/wxr-reader.ts')
    let items = 0
    for await (const record of readWxrFile(args[0] as string)) if (record.kind === 'item') items++
    result = {items}
  } else {
    const [file, data, url] = args as [string, string, string]
    const {importWordPress} = await import('../import-wordpress/index.ts')
    const {resolveTarget} = await import('../import-wordpress/target.ts')
    const {summary} = await importWordPress({
      file,
      target: resolveTarget({data, url}, {}),
      progress: false,
    })
    result = {
      items: summary.items,
      posts: {
        created: summary.posts.created,
        unchanged: summary.posts.unchanged,
        skipped: summary.posts.skipped,
      },
      transactions: summary.transactions,
    }
  }
  const seconds = (performance.now() - started) / 1000
  const usage = process.resourceUsage()
  const cpuSeconds = (usage.userCPUTime + usage.systemCPUTime) / 1e6
  console.log(JSON.stringify({seconds, cpuSeconds, rssMB: usage.maxRSS / 1024, ...result}))
}

function row(label: string, value: string): void {
  console.log(`  ${label.padEnd(52)} ${value}`)
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-import-'))
  const file = join(dir, 'export.xml')
  const dataDir = join(dir, 'lake')
  try {
    const generating = performance.now()
    await generateExport(file)
    const megabytes = statSync(file).size / 1e6
    console.log(
      `bench:import: ${POSTS} posts (${PAGES} pages, ${REVISIONS} revisions to skip), ${megabytes.toFixed(1)} MB of WXR, generated in ${((performance.now() - generating) / 1000).toFixed(1)} s; ${availableParallelism()} cores, load ${loadavg()[0]?.toFixed(1)}`,
    )
    const lake = await createLake({
      dataDir,
      host: '127.0.0.1',
      port: 0,
      logRequests: false,
      queryWorkers: 1,
    })
    try {
      const parse = await measure('parse', [file])
      const first = await measure('import', [file, dataDir, lake.url])
      const again = await measure('import', [file, dataDir, lake.url])
      const rate = (seconds: number) => `${(POSTS / seconds).toFixed(0)} posts/s`
      const time = (m: Measured) => `${m.seconds.toFixed(1)} s (CPU ${m.cpuSeconds.toFixed(1)} s)`
      row('parse alone (baseline): time, items', `${time(parse)}, ${parse.items} items`)
      row('parse alone: peak RSS', `${parse.rssMB.toFixed(0)} MB`)
      row(
        'import into the lake: time, rate',
        `${time(first)}, ${rate(first.seconds)} (${first.posts?.created} created, ${first.transactions} transactions)`,
      )
      row('import: peak RSS', `${first.rssMB.toFixed(0)} MB`)
      row(
        'import time / parse time (CPU)',
        `${(first.seconds / parse.seconds).toFixed(1)} (${(first.cpuSeconds / parse.cpuSeconds).toFixed(1)})`,
      )
      row('import peak RSS / parse peak RSS', (first.rssMB / parse.rssMB).toFixed(2))
      row(
        'the same import again (nothing changed): time, rate',
        `${time(again)}, ${rate(again.seconds)} (${again.posts?.unchanged} unchanged, ${again.posts?.skipped} not converted again, ${again.transactions} transactions)`,
      )
      row('again: peak RSS', `${again.rssMB.toFixed(0)} MB`)
      const rerunRatio = again.seconds / parse.seconds
      row(
        'again time / parse time (CPU)',
        `${rerunRatio.toFixed(1)} (${(again.cpuSeconds / parse.cpuSeconds).toFixed(1)})`,
      )
      // The goals are set for the default size.
      if (POSTS === DEFAULT_POSTS) {
        const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED')
        row(`goal: import under ${GOAL_SECONDS} s`, verdict(first.seconds < GOAL_SECONDS))
        row(`goal: peak RSS under ${GOAL_RSS_MB} MB`, verdict(first.rssMB < GOAL_RSS_MB))
        row(
          `goal: unchanged rerun at most ${GOAL_RERUN_RATIO}× the parse time`,
          verdict(rerunRatio <= GOAL_RERUN_RATIO),
        )
      }
    } finally {
      await lake.close()
    }
  } finally {
    rmSync(dir, {recursive: true, force: true})
  }
}

const childAt = process.argv.indexOf('--child')
if (childAt >= 0) {
  await child(process.argv[childAt + 1] as string, process.argv.slice(childAt + 2))
} else {
  await main()
}
