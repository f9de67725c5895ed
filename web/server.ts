/**
 * `npm run web`: the reader site on http://localhost:3000, reading a lake through the CDN API
 * with no token.
 *
 * Options (each also from the environment; options win):
 *   --port <n>          3000 (0: any free port)
 *   --host <addr>       127.0.0.1
 *   --api-host <url>    SANITY_API_HOST; https://localhost:3334 (the local lake), or
 *                       https://api.sanity.io as soon as a project id is given
 *   --project <id>      SANITY_PROJECT_ID; local
 *   --dataset <name>    SANITY_DATASET; production
 *   --site-url <url>    SITE_URL; the public origin for canonical links and the sitemap
 *   --ca <file>         a certificate authority to trust (the local lake's .lake/ca.pem, used
 *                       by default when it exists)
 */
import {existsSync, readFileSync} from 'node:fs'
import tls from 'node:tls'
import {parseArgs} from 'node:util'

import {serve} from '@hono/node-server'

import './register-tsx.ts'
import {createReaderClient} from './reader.ts'

const LOCAL_LAKE = 'https://localhost:3334'
const LOCAL_LAKE_CA = '.lake/ca.pem'

function usage(): string {
  return [
    'Usage: npm run web -- [--port 3000] [--host 127.0.0.1] [--api-host <url>] [--project <id>]',
    '                      [--dataset <name>] [--site-url <url>] [--ca <file>]',
  ].join('\n')
}

function fail(message: string): never {
  console.error(`web: ${message}\n${usage()}`)
  process.exit(2)
}

async function main(): Promise<void> {
  const {values} = parseArgs({
    options: {
      port: {type: 'string', default: '3000'},
      host: {type: 'string', default: '127.0.0.1'},
      'api-host': {type: 'string'},
      project: {type: 'string'},
      dataset: {type: 'string'},
      'site-url': {type: 'string'},
      ca: {type: 'string'},
      help: {type: 'boolean', short: 'h'},
    },
  })
  if (values.help) {
    console.log(usage())
    return
  }
  const port = Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port: "${values.port}"`)
  const projectId = values.project ?? process.env.SANITY_PROJECT_ID ?? 'local'
  const apiHost =
    values['api-host'] ??
    process.env.SANITY_API_HOST ??
    (projectId === 'local' ? LOCAL_LAKE : 'https://api.sanity.io')
  const dataset = values.dataset ?? process.env.SANITY_DATASET ?? 'production'

  // Node must trust the local lake's certificate; it is not in the system store.
  const ca = values.ca ?? (existsSync(LOCAL_LAKE_CA) ? LOCAL_LAKE_CA : undefined)
  if (ca) {
    if (!existsSync(ca)) fail(`--ca: no file at ${ca}`)
    tls.setDefaultCACertificates([...tls.getCACertificates('default'), readFileSync(ca, 'utf8')])
  }

  // The app's `.tsx` modules load only once register-tsx.ts is in place.
  const {createWebApp} = await import('./app.tsx')
  const app = createWebApp({
    client: createReaderClient({projectId, dataset, apiHost}),
    siteUrl: values['site-url'] ?? process.env.SITE_URL,
  })
  const server = serve({fetch: app.fetch, port, hostname: values.host}, (info) => {
    console.log(
      `web: reader site on http://localhost:${info.port} (reading ${apiHost}, ${dataset})`,
    )
  })
  const stop = () => {
    server.close(() => process.exit(0))
    // Keep-alive connections a browser holds open must not keep the process alive.
    setTimeout(() => process.exit(0), 2000).unref()
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

main().catch((error: unknown) => {
  console.error(`web: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
})
