/**
 * `npm run web`: the reader site on http://localhost:3000, reading a lake through the CDN API
 * with no token. Reactions are recorded through a second, server-side client with a write token.
 *
 * Options (each also from the environment; options win):
 *   --port <n>          3000 (0: any free port)
 *   --host <addr>       127.0.0.1
 *   --api-host <url>    SANITY_API_HOST; https://localhost:3334 (the local lake), or
 *                       https://api.sanity.io as soon as a project id is given
 *   --project <id>      SANITY_PROJECT_ID; local
 *   --dataset <name>    SANITY_DATASET; production
 *   --site-url <url>    SITE_URL; the public origin every absolute URL (canonical links, feeds,
 *                       sitemaps, JSON-LD) starts with; http://localhost:<port> when unset,
 *                       required with NODE_ENV=production
 *   --lake-data <dir>   the local lake's data dir (.lake by default for project `local`): its
 *                       ca.pem is trusted and its admin token records reactions
 *   --ca <file>         a certificate authority to trust (default: the lake data dir's ca.pem)
 *   --studio-origin <url>  STUDIO_ORIGINS (comma-separated); the Studio(s) whose Presentation
 *                       tool may frame preview pages; repeatable; http://localhost:3333
 * Images: with any API host but Sanity's (the local lake), pages load them from the site's own
 * origin (`/images/…`), which fetches them from the lake, so a browser never needs to trust the
 * lake's certificate; with Sanity they come from Sanity's CDN.
 * Environment only (secrets stay off the command line):
 *   SANITY_WRITE_TOKEN  a token that can write, for reactions (default: the lake data dir's)
 *   REACTIONS_SECRET    ≥ 32 characters that key readers' hashes and cookies (default with the
 *                       local lake's token: one derived from it)
 *   SANITY_READ_TOKEN   a token that can read drafts, for preview mode (default: the lake data
 *                       dir's viewer-token)
 *   PREVIEW_SECRET      ≥ 32 characters that sign the preview cookie (default with the local
 *                       lake's token: one derived from it)
 * Without a write token the site shows reactions read-only; without a read token there is no
 * preview mode (docs/preview.md).
 */
import {createHmac} from 'node:crypto'
import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import tls from 'node:tls'
import {parseArgs} from 'node:util'

import {serve} from '@hono/node-server'

import './register-tsx.ts'
import {
  createPreviewReadClient,
  createReaderClient,
  createReactionsWriteClient,
  isSanityHosted,
} from './reader.ts'

const LOCAL_LAKE = 'https://localhost:3334'
const LOCAL_LAKE_DATA = '.lake'

function usage(): string {
  return [
    'Usage: npm run web -- [--port 3000] [--host 127.0.0.1] [--api-host <url>] [--project <id>]',
    '                      [--dataset <name>] [--site-url <url>] [--lake-data <dir>] [--ca <file>]',
    '                      [--studio-origin <url>]...',
    'Environment: SANITY_WRITE_TOKEN and REACTIONS_SECRET let readers react (see the README);',
    'SANITY_READ_TOKEN and PREVIEW_SECRET turn on preview mode (docs/preview.md).',
  ].join('\n')
}

/**
 * A stable secret for the local lake, derived from its admin token (itself secret and kept in
 * the data dir), so `npm run dev` needs no extra setup and readers keep their votes across
 * restarts. A deployment sets REACTIONS_SECRET.
 */
function localSecret(adminToken: string, purpose: 'reactions' | 'preview'): string {
  return createHmac('sha256', adminToken).update(`newsroom ${purpose} secret`).digest('base64url')
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
      'lake-data': {type: 'string'},
      ca: {type: 'string'},
      'studio-origin': {type: 'string', multiple: true},
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
  const configuredSiteUrl = values['site-url'] || process.env.SITE_URL || undefined
  if (configuredSiteUrl === undefined && process.env.NODE_ENV === 'production') {
    fail(
      'in production (NODE_ENV=production) set SITE_URL or --site-url: the public origin every absolute URL starts with',
    )
  }

  const lakeData =
    values['lake-data'] ??
    (projectId === 'local' && existsSync(LOCAL_LAKE_DATA) ? LOCAL_LAKE_DATA : undefined)
  if (lakeData !== undefined && !existsSync(lakeData)) fail(`--lake-data: no directory ${lakeData}`)
  const lakeFile = (name: string) =>
    lakeData !== undefined && existsSync(join(lakeData, name)) ? join(lakeData, name) : undefined

  // Node must trust the local lake's certificate; it is not in the system store.
  const ca = values.ca ?? lakeFile('ca.pem')
  if (ca) {
    if (!existsSync(ca)) fail(`--ca: no file at ${ca}`)
    tls.setDefaultCACertificates([...tls.getCACertificates('default'), readFileSync(ca, 'utf8')])
  }

  // Reactions write with a token the browser never sees; the pages read without one.
  const adminTokenFile = lakeFile('admin-token')
  const lakeToken = adminTokenFile ? readFileSync(adminTokenFile, 'utf8').trim() : undefined
  const writeToken = process.env.SANITY_WRITE_TOKEN || lakeToken
  const secret =
    process.env.REACTIONS_SECRET ||
    (lakeToken && writeToken === lakeToken ? localSecret(lakeToken, 'reactions') : undefined)
  if (writeToken && !secret) fail('SANITY_WRITE_TOKEN is set but REACTIONS_SECRET is not')

  // Preview reads drafts with a read token, on the server only; the cookie is signed.
  const viewerTokenFile = lakeFile('viewer-token')
  const readToken =
    process.env.SANITY_READ_TOKEN ||
    (viewerTokenFile ? readFileSync(viewerTokenFile, 'utf8').trim() : undefined)
  const previewSecret =
    process.env.PREVIEW_SECRET ||
    (lakeToken && !process.env.SANITY_READ_TOKEN ? localSecret(lakeToken, 'preview') : undefined)
  if (readToken && !previewSecret) fail('SANITY_READ_TOKEN is set but PREVIEW_SECRET is not')
  const studioOrigins = values['studio-origin']?.length
    ? values['studio-origin']
    : (process.env.STUDIO_ORIGINS?.split(',').map((origin) => origin.trim()) ?? [
        'http://localhost:3333',
      ])

  // The app's `.tsx` modules load only once register-tsx.ts is in place.
  const {createWebApp} = await import('./app.tsx')
  const makeApp = (siteUrl: string) =>
    createWebApp({
      client: createReaderClient({projectId, dataset, apiHost}),
      siteUrl,
      proxyImages: !isSanityHosted(apiHost),
      reactions:
        writeToken && secret
          ? {
              client: createReactionsWriteClient({projectId, dataset, apiHost, token: writeToken}),
              secret,
            }
          : undefined,
      preview:
        readToken && previewSecret
          ? {
              client: createPreviewReadClient({projectId, dataset, apiHost, token: readToken}),
              secret: previewSecret,
              studioOrigins,
            }
          : undefined,
    })
  // Bad options fail before the port is taken; without a site URL, the app is made once the
  // port is known (--port 0 picks one), for http://localhost:<port>.
  let app = configuredSiteUrl === undefined ? undefined : makeApp(configuredSiteUrl)
  const fetchApp = (request: Request, env: unknown) =>
    app ? app.fetch(request, env) : new Response('Starting', {status: 503})
  const server = serve({fetch: fetchApp, port, hostname: values.host}, (info) => {
    app ??= makeApp(`http://localhost:${info.port}`)
    console.log(
      `web: reader site on http://localhost:${info.port} (reading ${apiHost}, ${dataset}; ` +
        `reactions ${writeToken ? 'on' : 'read-only: no SANITY_WRITE_TOKEN'}; ` +
        `preview ${readToken ? `for ${studioOrigins.join(', ')}` : 'off: no SANITY_READ_TOKEN'})`,
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
