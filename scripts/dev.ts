/**
 * `npm run dev`: the local content lake with the demo content, and the Studio on top of it.
 *
 *   1. starts the lake (HTTPS + HTTP/2) on https://localhost:3334 with its data in `.lake/`;
 *   2. seeds the demo article, its tags, linked posts and images (only what is missing, so an
 *      editor's changes survive restarts);
 *   3. runs `sanity dev` on http://localhost:3333 pointed at the lake;
 *   4. runs the reader site (web/server.ts) on http://localhost:3000, reading the lake through
 *      its CDN API with no token, and recording readers' reactions server side with the lake's
 *      admin token (found in the data dir);
 *   5. Ctrl-C stops all three.
 *
 * Options: --data <dir> (default .lake), --port <lake port> (3334), --studio-port <port> (3333),
 * --web-port <port> (3000), --no-seed, --verbose (one log line per lake request).
 */
import {spawn, type ChildProcess} from 'node:child_process'
import {writeFileSync} from 'node:fs'
import {join, resolve} from 'node:path'
import {parseArgs} from 'node:util'

import {API_VERSION} from '../core/api-version.ts'
import {certificatePingUrls, createLake, type Lake} from '../lake/server.ts'
import {createLakeClient, trustCertificate} from '../lake/client.ts'
import {trustInstructions} from '../lake/tls.ts'
import {seedLake} from './seed.ts'

const ROOT = resolve(import.meta.dirname, '..')

function port(name: string, value: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1 || n > 65535) {
    console.error(`dev: --${name} must be a port number, got "${value}"`)
    process.exit(2)
  }
  return n
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
      help: {type: 'boolean', short: 'h'},
    },
  })
  if (values.help) {
    console.log(
      'Usage: npm run dev -- [--data .lake] [--port 3334] [--studio-port 3333] [--web-port 3000] [--no-seed] [--verbose]',
    )
    return
  }
  const dataDir = resolve(ROOT, values.data)
  const studioPort = port('studio-port', values['studio-port'])
  const studioOrigins = [`http://localhost:${studioPort}`, `http://127.0.0.1:${studioPort}`]
  const webPort = port('web-port', values['web-port'])

  const lake: Lake = await createLake({
    dataDir,
    port: port('port', values.port),
    corsOrigins: [...studioOrigins, `http://localhost:${webPort}`],
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

  const sanity = join(ROOT, 'node_modules/.bin/sanity')
  const studio: ChildProcess = spawn(sanity, ['dev', '--port', String(studioPort)], {
    cwd: ROOT,
    stdio: 'inherit',
    env: {
      ...process.env,
      PATH: `${join(ROOT, 'node_modules/.bin')}:${process.env.PATH ?? ''}`,
      SANITY_STUDIO_API_HOST: lake.url,
      SANITY_STUDIO_PROJECT_ID: lake.config.projectId,
      SANITY_STUDIO_DATASET: lake.config.datasets[0] ?? 'production',
    },
  })

  // The reader site reads like any frontend: published content, no token, the lake's CA trusted.
  // Given the data dir, it records reactions with the lake's admin token, on the server only
  // (the token never goes on a command line, into the environment or to a browser).
  const dataset = lake.config.datasets[0] ?? 'production'
  const web: ChildProcess = spawn(
    process.execPath,
    [
      join(ROOT, 'web/server.ts'),
      ...['--port', String(webPort), '--api-host', lake.url],
      ...['--project', lake.config.projectId, '--dataset', dataset],
      ...['--lake-data', dataDir],
    ],
    {cwd: ROOT, stdio: 'inherit'},
  )

  console.log(`\ndev: open http://localhost:${studioPort} and click "Local lake login".`)
  console.log(`dev: the reader site is on http://localhost:${webPort}`)
  if (lake.certificate.source === 'self-signed') {
    // The browser must be told once to trust the lake.
    const certPath = join(dataDir, 'cert.pem')
    console.log(`\n${trustInstructions(certPath, certificatePingUrls(lake))}\n`)
  }

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
  for (const [name, child] of [
    ['sanity dev', studio],
    ['the reader site', web],
  ] as const) {
    child.once('exit', (code) => {
      if (!stopping) console.error(`dev: ${name} exited (${code ?? 'signal'}); stopping`)
      void stop(code ?? 0)
    })
  }
}

main().catch((error: unknown) => {
  console.error(`dev: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
  process.exit(1)
})
