/**
 * `npm run dev`: the local content lake with the demo content, and the Studio on top of it.
 *
 *   1. checks that its ports are free, naming the process that holds any that is not;
 *   2. starts the lake (HTTPS + HTTP/2) on https://localhost:3334 with its data in `.lake/`;
 *   3. seeds the demo article, its tags, linked posts and images (only what is missing, so an
 *      editor's changes survive restarts);
 *   4. runs `sanity dev` on http://localhost:3333 pointed at the lake;
 *   5. runs the reader site (web/server.ts) on http://localhost:3000, reading the lake through
 *      its CDN API with no token, and recording readers' reactions server side with the lake's
 *      admin token (found in the data dir); its preview mode, for the Studio's Presentation tool,
 *      reads drafts with the lake's viewer token;
 *   6. once both answer, ends with the one URL to open: the lake's certificate guide when the
 *      certificate is self-signed (it walks the browser through trusting it, then opens the
 *      Studio), else the Studio;
 *   7. Ctrl-C stops all three; so does the end of this process however it comes (`kill -9`
 *      included): the Studio and the site watch their IPC channel to it.
 *
 * Options: --data <dir> (default .lake), --port <lake port> (3334), --studio-port <port> (3333),
 * --web-port <port> (3000), --no-seed, --verbose (one log line per lake request), --open (open
 * that URL in the default browser, or in $BROWSER).
 */
import {spawn, type ChildProcess} from 'node:child_process'
import {writeFileSync} from 'node:fs'
import {join, resolve} from 'node:path'
import {pathToFileURL} from 'node:url'
import {parseArgs} from 'node:util'

import {API_VERSION} from '../core/api-version.ts'
import {createLakeClient, trustCertificate} from '../lake/client.ts'
import {createLake, type Lake} from '../lake/server.ts'
import {describeTakenPorts} from './dev-ports.ts'
import {seedLake} from './seed.ts'

const ROOT = resolve(import.meta.dirname, '..')
/** Preloaded into each child: it stops when this process is gone. */
const EXIT_WITH_PARENT = pathToFileURL(join(ROOT, 'scripts/exit-with-parent.ts')).href
/** How long the Studio and the site may take to answer before `npm run dev` gives up. */
const READY_TIMEOUT_MS = 180_000

function port(name: string, value: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1 || n > 65535) {
    console.error(`dev: --${name} must be a port number, got "${value}"`)
    process.exit(2)
  }
  return n
}

/** Resolves once `url` answers HTTP at all; rejects after `READY_TIMEOUT_MS`. */
async function waitForHttp(url: string, name: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, {signal: AbortSignal.timeout(5_000)})
      await response.body?.cancel()
      return
    } catch {
      await new Promise((done) => setTimeout(done, 250))
    }
  }
  throw new Error(`${name} did not answer on ${url} within ${READY_TIMEOUT_MS / 1000} s`)
}

/** Opens `url` in $BROWSER or the system's default browser; says so when it cannot. */
function openInBrowser(url: string): void {
  const [command, ...args] = process.env.BROWSER
    ? [process.env.BROWSER, url]
    : process.platform === 'darwin'
      ? ['open', url]
      : process.platform === 'win32'
        ? ['cmd', '/c', 'start', '""', url]
        : ['xdg-open', url]
  const failed = () => console.error(`dev: could not open a browser; open ${url} yourself`)
  try {
    const opener = spawn(command as string, args, {stdio: 'ignore', detached: true})
    opener.once('error', failed)
    opener.unref()
  } catch {
    failed()
  }
}

async function main(): Promise<void> {
  const {values} = parseArgs({
    options: {
      data: {type: 'string', default: '.lake'},
      port: {type: 'string', default: '3334'},
      'studio-port': {type: 'string', default: '3333'},
      'web-port': {type: 'string', default: '3000'},
      'no-seed': {type: 'boolean', default: false},
      verbose: {type: 'boolean', default: false},
      open: {type: 'boolean', default: false},
      help: {type: 'boolean', short: 'h'},
    },
  })
  if (values.help) {
    console.log(
      'Usage: npm run dev -- [--data .lake] [--port 3334] [--studio-port 3333] [--web-port 3000] [--no-seed] [--verbose] [--open]',
    )
    return
  }
  const dataDir = resolve(ROOT, values.data)
  const lakePort = port('port', values.port)
  const studioPort = port('studio-port', values['studio-port'])
  const studioUrl = `http://localhost:${studioPort}`
  const webPort = port('web-port', values['web-port'])
  const webUrl = `http://localhost:${webPort}`

  const taken = await describeTakenPorts([
    {port: lakePort, name: 'the lake', option: '--port'},
    {port: studioPort, name: 'the Studio', option: '--studio-port'},
    {port: webPort, name: 'the reader site', option: '--web-port'},
  ])
  if (taken.length > 0) {
    for (const line of taken) console.error(`dev: ${line}`)
    process.exit(1)
  }

  const lake: Lake = await createLake({
    dataDir,
    port: lakePort,
    corsOrigins: [studioUrl, `http://127.0.0.1:${studioPort}`, webUrl],
    studioUrl: `${studioUrl}/`,
    logRequests: values.verbose,
  })
  // Where `npm run lake -- export|import` and `node scripts/seed.ts` find the running lake.
  writeFileSync(
    join(dataDir, 'lake.json'),
    JSON.stringify({url: lake.url, projectId: lake.config.projectId, pid: process.pid}, null, 2),
  )
  console.log(`dev: lake on ${lake.url} (data in ${dataDir})`)

  if (!values['no-seed']) {
    trustCertificate(lake.certificate.trustPem)
    const client = createLakeClient({
      url: lake.url,
      projectId: lake.config.projectId,
      dataset: lake.config.datasets[0] ?? 'production',
      apiVersion: API_VERSION,
      token: lake.adminToken,
    })
    const report = await seedLake(client)
    console.log(
      `dev: demo content ${report.created.length > 0 ? `created (${report.created.length} documents)` : 'already there'}`,
    )
  }

  // Each child gets an IPC channel it watches (EXIT_WITH_PARENT): when this process ends, even
  // by SIGKILL, the channel closes and the child stops, so no port stays taken.
  const childStdio = ['inherit', 'inherit', 'inherit', 'ipc'] as const
  const studio: ChildProcess = spawn(
    process.execPath,
    [
      '--import',
      EXIT_WITH_PARENT,
      join(ROOT, 'node_modules/.bin/sanity'),
      ...['dev', '--port', String(studioPort)],
    ],
    {
      cwd: ROOT,
      stdio: [...childStdio],
      env: {
        ...process.env,
        PATH: `${join(ROOT, 'node_modules/.bin')}:${process.env.PATH ?? ''}`,
        SANITY_STUDIO_API_HOST: lake.url,
        SANITY_STUDIO_PROJECT_ID: lake.config.projectId,
        SANITY_STUDIO_DATASET: lake.config.datasets[0] ?? 'production',
      },
    },
  )

  // The reader site reads like any frontend: published content, no token, the lake's CA trusted.
  // Given the data dir, it records reactions with the lake's admin token, on the server only
  // (the token never goes on a command line, into the environment or to a browser).
  const dataset = lake.config.datasets[0] ?? 'production'
  const web: ChildProcess = spawn(
    process.execPath,
    [
      ...['--import', EXIT_WITH_PARENT],
      join(ROOT, 'web/server.ts'),
      ...['--port', String(webPort), '--api-host', lake.url],
      ...['--site-url', `http://localhost:${webPort}`],
      ...['--project', lake.config.projectId, '--dataset', dataset],
      ...['--lake-data', dataDir],
      // Preview mode (docs/preview.md): the Studio's Presentation tool frames the site.
      ...['--studio-origin', studioUrl, '--studio-origin', `http://127.0.0.1:${studioPort}`],
    ],
    {cwd: ROOT, stdio: [...childStdio]},
  )

  let stopping = false
  const stop = async (code: number) => {
    if (stopping) return
    stopping = true
    const children = [studio, web].filter((child) => child.exitCode === null)
    const exited = children.map((child) => new Promise((done) => child.once('exit', done)))
    for (const child of children) child.kill('SIGTERM')
    // Nothing of ours is left listening once we exit.
    await Promise.all([lake.close(), ...exited])
    process.exit(code)
  }
  process.on('SIGINT', () => void stop(0))
  process.on('SIGTERM', () => void stop(0))
  // `npm run dev` killed under us: this process is handed to another parent, and stops too.
  const parent = process.ppid
  setInterval(() => {
    if (process.ppid !== parent) void stop(0)
  }, 1_000).unref()
  for (const [name, child] of [
    ['sanity dev', studio],
    ['the reader site', web],
  ] as const) {
    child.once('exit', (code) => {
      if (!stopping) console.error(`dev: ${name} exited (${code ?? 'signal'}); stopping`)
      void stop(code ?? 0)
    })
  }

  await Promise.all([waitForHttp(studioUrl, 'the Studio'), waitForHttp(webUrl, 'the reader site')])
  if (stopping) return
  // A self-signed certificate (no mkcert) needs the browser's consent once: the guide first.
  const selfSigned = lake.certificate.trustPem === lake.certificate.certPem
  const start = selfSigned ? lake.guideUrl : studioUrl
  console.log(`\ndev: the reader site is on ${webUrl}`)
  console.log(`dev: the Studio is on ${studioUrl} (log in with "Local lake login")`)
  if (selfSigned) {
    console.log(
      [
        "dev: your browser must accept the lake's self-signed certificate once. Start here: the page",
        'dev: walks you through it, then opens the Studio (with mkcert installed there is no such',
        'dev: step: see docs/local-lake.md):',
      ].join('\n'),
    )
  } else {
    console.log('dev: open the Studio:')
  }
  console.log(`\n    ${start}\n`)
  if (values.open) openInBrowser(start)
}

main().catch((error: unknown) => {
  console.error(`dev: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
  process.exit(1)
})
