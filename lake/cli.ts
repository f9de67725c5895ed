#!/usr/bin/env node
/**
 * `npm run lake -- [options]` starts the local content lake; `npm run lake -- export|import …`
 * moves datasets in and out of a running one. `npm run lake -- --help` lists every option.
 */
import {writeFileSync} from 'node:fs'
import {join, resolve} from 'node:path'
import {parseArgs} from 'node:util'
import {DEFAULT_CONFIG} from './config.ts'
import type {LakeConfig} from './types.ts'

const HELP = `Local content lake: Sanity's HTTP API on localhost (HTTP/2 + TLS).

Usage (\`newsroom-lake\` from the installed package, \`npm run lake --\` in this repository):
  newsroom-lake [options]                        start the lake
  newsroom-lake export <file.ndjson|file.tar.gz|-> [--dataset <name>] [--data <dir>] [--url <url>]
  newsroom-lake import <file.ndjson|file.tar.gz|-> [--dataset <name>] [--replace|--missing]
                                                 [--data <dir>] [--url <url>]

Server options:
  --port <n>              port to listen on (default ${DEFAULT_CONFIG.port}; 0 = any free port)
  --host <addr>           address to bind (default ${DEFAULT_CONFIG.host})
  --data <dir>            data dir: database, tokens, certificate, assets (default .lake)
  --project <id>          project id (default ${DEFAULT_CONFIG.projectId})
  --dataset <name>        dataset to serve; repeatable (default ${DEFAULT_CONFIG.datasets.join(', ')})
  --cors-origin <url>     browser origin allowed by CORS; repeatable
                          (default ${DEFAULT_CONFIG.corsOrigins.join(', ')})
  --studio-url <url>      where the certificate guide (http://localhost:<port>/) sends a person
                          once their browser trusts the lake (default ${DEFAULT_CONFIG.studioUrl})
  --query-timeout <ms>    abort queries running longer (default ${DEFAULT_CONFIG.queryTimeoutMs})
  --max-result-bytes <n>  reject query results larger than this (default ${DEFAULT_CONFIG.maxResultBytes})
  --max-body-bytes <n>    reject request bodies larger than this with 413 (default ${DEFAULT_CONFIG.maxBodyBytes})
  --workers <n>           query worker processes (default ${DEFAULT_CONFIG.queryWorkers})
  --limits <on|off>       Sanity's per-client request limits: 25 mutation requests, 25 uploads
                          and 500 API calls a second, 429 with Retry-After beyond them
                          (default on; off for bulk imports and throughput benchmarks)
  --slow-query-ms <ms>    log queries at least this slow (default ${DEFAULT_CONFIG.slowQueryMs})
  --log-full-queries      slow-query lines carry the whole query, its params and perspective
                          (default: the first 200 characters; also NEWSROOM_LAKE_LOG_QUERIES=full)
  --quiet                 no per-request log lines
  -h, --help              show this help

Import/export options:
  --dataset <name>        dataset (default ${DEFAULT_CONFIG.datasets[0]})
  --data <dir>            the running lake's data dir, for its URL and admin token (default .lake)
  --url <url>             the running lake's URL (default: from <data>/lake.json)
  --replace               import: replace documents whose ids exist
  --missing               import: skip documents whose ids exist
`

const OPTIONS = {
  port: {type: 'string'},
  host: {type: 'string'},
  data: {type: 'string'},
  project: {type: 'string'},
  dataset: {type: 'string', multiple: true},
  'cors-origin': {type: 'string', multiple: true},
  'studio-url': {type: 'string'},
  'query-timeout': {type: 'string'},
  'max-result-bytes': {type: 'string'},
  'max-body-bytes': {type: 'string'},
  workers: {type: 'string'},
  limits: {type: 'string'},
  'slow-query-ms': {type: 'string'},
  'log-full-queries': {type: 'boolean'},
  quiet: {type: 'boolean'},
  help: {type: 'boolean', short: 'h'},
  url: {type: 'string'},
  replace: {type: 'boolean'},
  missing: {type: 'boolean'},
} as const

let serving = false

function fail(message: string): never {
  console.error(`lake: ${message}\nRun "newsroom-lake --help" (npm run lake -- --help) for usage.`)
  process.exit(2)
}

function onOff(name: string, value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined
  if (value === 'on' || value === 'off') return value === 'on'
  fail(`--${name} must be on or off, got "${value}"`)
}

function integer(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0)
    fail(`--${name} must be a non-negative integer, got "${value}"`)
  return n
}

async function main(argv: string[]): Promise<void> {
  let parsed
  try {
    parsed = parseArgs({args: argv, options: OPTIONS, allowPositionals: true, strict: true})
  } catch (error) {
    fail((error as Error).message)
  }
  const {values, positionals} = parsed
  if (values.help) {
    process.stdout.write(HELP)
    return
  }
  const dataDir = resolve(values.data ?? '.lake')
  const [command, file] = positionals

  if (command === 'export' || command === 'import') {
    if (!file) fail(`${command} needs a file (or - for stdin/stdout)`)
    const {endpointFromDataDir, exportFromLake, importIntoLake} = await import('./import-export.ts')
    const endpoint = endpointFromDataDir(dataDir, values.url)
    const dataset = values.dataset?.[0] ?? DEFAULT_CONFIG.datasets[0] ?? 'production'
    const report = (line: string) => (file === '-' ? console.error(line) : console.log(line))
    if (command === 'export') {
      const count = await exportFromLake({endpoint, dataset, output: file})
      report(`Exported ${count} documents from ${dataset} to ${file}`)
    } else {
      if (values.replace && values.missing) fail('use either --replace or --missing, not both')
      const mode = values.replace ? 'replace' : values.missing ? 'missing' : 'create'
      const count = await importIntoLake({endpoint, dataset, input: file, mode})
      report(`Imported ${count} documents into ${dataset}`)
    }
    return
  }
  if (command !== undefined && command !== 'serve') fail(`unknown command "${command}"`)

  const options: Partial<LakeConfig> & {dataDir: string} = {
    dataDir,
    host: values.host,
    port: integer('port', values.port),
    projectId: values.project,
    datasets: values.dataset,
    corsOrigins: values['cors-origin'],
    studioUrl: values['studio-url'],
    queryTimeoutMs: integer('query-timeout', values['query-timeout']),
    maxResultBytes: integer('max-result-bytes', values['max-result-bytes']),
    maxBodyBytes: integer('max-body-bytes', values['max-body-bytes']),
    queryWorkers: integer('workers', values.workers),
    limits: onOff('limits', values.limits),
    slowQueryMs: integer('slow-query-ms', values['slow-query-ms']),
    logFullQueries: values['log-full-queries'] || undefined,
    logRequests: !values.quiet,
  }
  const [{createLake}, {trustInstructions}] = await Promise.all([
    import('./server.ts'),
    import('./tls.ts'),
  ])
  const lake = await createLake(options)
  // Tells `npm run lake -- export|import` where the running lake is.
  writeFileSync(
    join(dataDir, 'lake.json'),
    JSON.stringify({url: lake.url, projectId: lake.config.projectId, pid: process.pid}, null, 2),
  )
  console.log(
    [
      `Local content lake listening on ${lake.url} (HTTP/2, TLS)`,
      `  project ${lake.config.projectId}, datasets ${lake.config.datasets.join(', ')}`,
      `  request limits ${lake.config.limits ? "on (Sanity's: 25 mutations, 25 uploads, 500 API calls a second per client)" : 'off'}`,
      `  data dir ${dataDir}`,
      `  admin token: ${join(dataDir, 'admin-token')}; read-only token: ${join(dataDir, 'viewer-token')}`,
      `  certificate: ${join(dataDir, 'cert.pem')} (Node clients: NODE_EXTRA_CA_CERTS=${join(dataDir, 'ca.pem')})`,
    ].join('\n'),
  )
  // Self-signed (just made or reused): browsers need the guide, on every start.
  if (lake.certificate.trustPem === lake.certificate.certPem) {
    console.log(trustInstructions(join(dataDir, 'cert.pem'), lake.guideUrl))
  }

  serving = true
  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    console.log(`lake: ${signal}, shutting down`)
    lake.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('lake: shutdown failed', error)
        process.exit(1)
      },
    )
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
}

main(process.argv.slice(2)).then(
  () => {
    // One-shot commands are done; keep-alive sockets must not hold the process open.
    if (!serving) process.exit(0)
  },
  (error: unknown) => {
    console.error(`lake: ${(error as Error)?.message ?? String(error)}`)
    process.exit(1)
  },
)
