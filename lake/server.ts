/**
 * The local content lake's HTTP server: HTTP/2 over TLS with HTTP/1.1 fallback, Sanity's
 * `/v…/` version prefix, CORS for configured origins, bearer-token access, one log line per
 * request, and the route modules of `lake/routes/`.
 */
import {mkdirSync} from 'node:fs'
import {createSecureServer, type Http2ServerRequest, type Http2Session} from 'node:http2'
import type {AddressInfo, Socket} from 'node:net'
import {resolve} from 'node:path'
import {performance} from 'node:perf_hooks'
import {createAuth} from './auth.ts'
import {DEFAULT_CONFIG} from './config.ts'
import {
  LakeError,
  lakeBaseUrl,
  parseJsonBody,
  readBody,
  sendJson,
  type LakeResponse,
} from './http.ts'
import {createQueryEngine} from './query/engine.ts'
import {Router} from './router.ts'
import {registerRoutes} from './routes/index.ts'
import {openStore} from './store.ts'
import {ensureCertificate, type LakeCertificate} from './tls.ts'
import type {LakeConfig, LakeContext, LakeRequest, Store} from './types.ts'

/** A running lake. */
export interface Lake {
  /** Base URL, e.g. `https://localhost:3334` (use as `apiHost`). */
  url: string
  port: number
  config: LakeConfig
  ctx: LakeContext
  store: Store
  adminToken: string
  viewerToken: string
  certPem: string
  /** base64 SHA-256 of the certificate's public key, for Chromium's SPKI allow-list. */
  spkiSha256: string
  certificate: LakeCertificate
  close(): Promise<void>
}

export {DEFAULT_CONFIG}

const ALLOWED_HEADERS = 'authorization, content-type, x-sanity-app'
const ALLOWED_METHODS = 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS'
const VERSION_PREFIX = /^\/(v(?:\d[\w.-]*|X))(?=\/|$)/

/**
 * The URLs a person opens once to accept a self-signed certificate: browsers remember exceptions
 * per host, and the Studio calls the lake as `<projectId>.localhost` as well as `localhost`.
 */
export function certificatePingUrls(lake: Pick<Lake, 'url' | 'config'>): string[] {
  const projectUrl = lake.url.replace('//localhost', `//${lake.config.projectId}.localhost`)
  return [`${projectUrl}/v1/ping`, `${lake.url}/v1/ping`]
}

/** Start a lake serving `options.dataDir`. Resolves once it listens. */
export async function createLake(options: Partial<LakeConfig> & {dataDir: string}): Promise<Lake> {
  const config: LakeConfig = {
    ...DEFAULT_CONFIG,
    ...stripUndefined(options),
    dataDir: resolve(options.dataDir),
  }
  // Owner only: the data dir holds the database, the tokens and the TLS key.
  mkdirSync(config.dataDir, {recursive: true, mode: 0o700})
  const log = (line: string) => console.log(line)

  const certificate = await ensureCertificate(config.dataDir, {
    hostnames: [`${config.projectId}.localhost`],
  })
  const store = openStore({dataDir: config.dataDir})
  for (const dataset of config.datasets) store.createDataset(dataset)
  const auth = createAuth(config.dataDir)
  const queries = createQueryEngine({store, config, log})
  const ctx: LakeContext = {config, store, queries, auth, log}
  const router = new Router()
  registerRoutes(router, ctx)

  const server = createSecureServer(
    {allowHTTP1: true, key: certificate.keyPem, cert: certificate.certPem},
    (raw, res) => void handle(ctx, router, raw, res),
  )
  const sessions = new Set<Http2Session>()
  const sockets = new Set<Socket>()
  server.on('session', (session) => {
    sessions.add(session)
    session.on('close', () => sessions.delete(session))
    session.on('error', () => {})
  })
  server.on('secureConnection', (socket: Socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  // A browser dropping a connection mid-handshake is not the lake's problem.
  server.on('tlsClientError', () => {})

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject)
    server.listen(config.port, config.host, () => {
      server.off('error', reject)
      resolveListen()
    })
  })
  const port = (server.address() as AddressInfo).port
  // Routes build public URLs (asset `url`s) from the config, so it must carry the real port.
  config.port = port
  let closing: Promise<void> | undefined

  return {
    url: lakeBaseUrl(config),
    port,
    config,
    ctx,
    store,
    adminToken: auth.adminToken,
    viewerToken: auth.viewerToken,
    certPem: certificate.certPem,
    spkiSha256: certificate.spkiSha256,
    certificate,
    close() {
      closing ??= (async () => {
        const closed = new Promise<void>((done) => server.close(() => done()))
        for (const session of sessions) session.close()
        // Long-lived streams (listeners) would hold graceful close open forever.
        const timer = setTimeout(() => {
          for (const session of sessions) session.destroy()
          for (const socket of sockets) socket.destroy()
        }, 500)
        await closed
        clearTimeout(timer)
        await queries.close()
        store.close()
      })()
      return closing
    },
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>
}

function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined
  const match = /^Bearer\s+(.+)$/i.exec(header.trim())
  return match ? (match[1] as string).trim() : undefined
}

function applyCors(ctx: LakeContext, raw: Http2ServerRequest, res: LakeResponse): boolean {
  const origin = raw.headers.origin
  if (typeof origin !== 'string' || !ctx.config.corsOrigins.includes(origin)) return false
  res.setHeader('access-control-allow-origin', origin)
  res.setHeader('access-control-allow-credentials', 'true')
  res.setHeader('vary', 'Origin')
  return true
}

async function handle(
  ctx: LakeContext,
  router: Router,
  raw: Http2ServerRequest,
  res: LakeResponse,
): Promise<void> {
  const started = performance.now()
  const url = new URL(raw.url || '/', 'https://lake.invalid')
  const method = (raw.method || 'GET').toUpperCase()
  let logged = false
  const logLine = () => {
    if (logged || !ctx.config.logRequests) return
    logged = true
    const ms = (performance.now() - started).toFixed(1)
    ctx.log(`${method} ${url.pathname} ${res.statusCode} ${ms}ms`)
  }
  res.once('finish', logLine)
  res.once('close', logLine)
  raw.on('error', () => {})

  const allowedOrigin = applyCors(ctx, raw, res)
  if (method === 'OPTIONS') {
    if (allowedOrigin) {
      res.setHeader('access-control-allow-methods', ALLOWED_METHODS)
      res.setHeader('access-control-allow-headers', ALLOWED_HEADERS)
      res.setHeader('access-control-max-age', '600')
      res.statusCode = 204
      res.end()
    } else {
      sendJson(res, 403, {statusCode: 403, error: 'Forbidden', message: 'CORS origin not allowed'})
    }
    return
  }

  const version = VERSION_PREFIX.exec(url.pathname)
  const apiVersion = version ? (version[1] as string) : ''
  const path = version ? url.pathname.slice(version[0].length) || '/' : url.pathname

  try {
    const token = bearerToken(raw.headers.authorization)
    const access = ctx.auth.resolve(token)
    const match = router.match(method, path)
    if (match.kind === 'not-found') {
      throw LakeError.plain(404, 'Not Found', `No route for ${method} ${url.pathname}`)
    }
    if (match.kind === 'method-not-allowed') {
      res.setHeader('allow', match.allowed.join(', '))
      throw LakeError.plain(
        405,
        'Method Not Allowed',
        `${method} is not allowed on ${url.pathname}`,
      )
    }
    let bodyPromise: Promise<Buffer> | undefined
    const body = () => (bodyPromise ??= readBody(raw, ctx.config.maxBodyBytes))
    const request: LakeRequest = {
      method,
      path,
      apiVersion,
      query: url.searchParams,
      headers: raw.headers,
      params: match.params,
      access,
      client: `${raw.socket.remoteAddress ?? ''} ${access.identity} ${raw.headers['user-agent'] ?? ''}`,
      token,
      body,
      json: async () => parseJsonBody(await body()),
    }
    const result = await match.handler(request, res)
    if (result !== undefined && !res.headersSent && !res.writableEnded) sendJson(res, 200, result)
  } catch (error) {
    if (res.headersSent || res.writableEnded) {
      if (!(error instanceof LakeError))
        ctx.log(`lake: error after response started: ${String(error)}`)
      if (!res.writableEnded) res.end()
      return
    }
    if (error instanceof LakeError) {
      sendJson(res, error.status, error.body)
    } else {
      ctx.log(`lake: ${method} ${url.pathname} failed: ${(error as Error)?.stack ?? String(error)}`)
      sendJson(res, 500, {
        statusCode: 500,
        error: 'Internal Server Error',
        message: 'Internal error',
      })
    }
  }
}
