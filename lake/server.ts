/**
 * The local content lake's HTTP server: HTTP/2 over TLS with HTTP/1.1 fallback, Sanity's
 * `/v…/` version prefix, CORS for configured origins, bearer-token access, one log line per
 * request, and the route modules of `lake/routes/`. The same port answers plain HTTP with the
 * certificate guide only (`lake/guide.ts`), so a browser that does not trust the lake yet can
 * open `http://localhost:3334/` without a warning.
 */
import {mkdirSync} from 'node:fs'
import {createServer as createHttpServer} from 'node:http'
import {createSecureServer, type Http2ServerRequest, type Http2Session} from 'node:http2'
import {createServer as createNetServer, type AddressInfo, type Socket} from 'node:net'
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
import {GUIDE_SCRIPT_PATH, guideResponse, lakeGuideUrl, type GuideResponse} from './guide.ts'
import {classifyRequest, RequestLimiter} from './limits.ts'
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
  /** The certificate guide over plain HTTP on the same port, e.g. `http://localhost:3334/`. */
  guideUrl: string
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
/** The first byte of a TLS handshake record; anything else on the port is plain HTTP. */
const TLS_HANDSHAKE = 0x16
/** How long a connection may stay silent before its first byte. */
const FIRST_BYTE_TIMEOUT_MS = 120_000

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
  // The guide over HTTPS too: where a person lands after accepting the certificate for a host.
  for (const path of ['/', GUIDE_SCRIPT_PATH]) {
    router.add('GET', path, (req, res) => {
      sendGuide(res, req.method, guideResponse(config, lakeBaseUrl(config), req.path, req.query))
    })
  }
  const limiter = config.limits ? new RequestLimiter() : undefined

  const server = createSecureServer(
    {allowHTTP1: true, key: certificate.keyPem, cert: certificate.certPem},
    (raw, res) => void handle(ctx, router, limiter, raw, res),
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

  // Plain HTTP on the same port: the guide and nothing else.
  const plain = createHttpServer((req, res) => {
    const url = new URL(req.url || '/', 'http://lake.invalid')
    const page =
      req.method === 'GET' || req.method === 'HEAD'
        ? guideResponse(config, lakeBaseUrl(config), url.pathname, url.searchParams)
        : undefined
    sendGuide(
      res,
      req.method,
      page ?? {
        status: 404,
        headers: {'content-type': 'text/plain; charset=utf-8'},
        body:
          `The local content lake speaks HTTPS on this port: ${lakeBaseUrl(config)}${url.pathname}\n` +
          `If your browser does not trust its certificate yet, open ${lakeGuideUrl(lakeBaseUrl(config))}\n`,
      },
    )
  })
  // One listener for both: a connection whose first byte opens a TLS handshake goes to the
  // HTTPS server, any other to the plain one. The byte read is put back first.
  const front = createNetServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.setTimeout(FIRST_BYTE_TIMEOUT_MS, () => socket.destroy())
    socket.on('error', () => {})
    socket.once('data', (chunk: Buffer) => {
      socket.setTimeout(0)
      socket.pause()
      socket.unshift(chunk)
      if (chunk[0] === TLS_HANDSHAKE) {
        server.emit('connection', socket)
      } else {
        plain.emit('connection', socket)
        socket.resume()
      }
    })
  })

  await new Promise<void>((resolveListen, reject) => {
    front.once('error', reject)
    front.listen(config.port, config.host, () => {
      front.off('error', reject)
      resolveListen()
    })
  })
  const port = (front.address() as AddressInfo).port
  // Routes build public URLs (asset `url`s) from the config, so it must carry the real port.
  config.port = port
  let closing: Promise<void> | undefined

  return {
    url: lakeBaseUrl(config),
    guideUrl: lakeGuideUrl(lakeBaseUrl(config)),
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
        const closed = new Promise<void>((done) => front.close(() => done()))
        server.close()
        plain.close()
        plain.closeAllConnections()
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

function sendGuide(
  res: LakeResponse,
  method: string | undefined,
  page: GuideResponse | undefined,
): void {
  if (!page) throw LakeError.plain(404, 'Not Found', 'Not found')
  const body = Buffer.from(page.body)
  res.statusCode = page.status
  for (const [name, value] of Object.entries(page.headers)) res.setHeader(name, value)
  res.setHeader('content-length', String(body.length))
  if (method === 'HEAD') res.end()
  else res.end(body)
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

/**
 * Refuse a request over Sanity's per-client limits with 429 and `Retry-After`, before anything of
 * it runs. True when it was refused.
 */
function refuseOverLimit(
  limiter: RequestLimiter | undefined,
  raw: Http2ServerRequest,
  method: string,
  path: string,
  res: LakeResponse,
): boolean {
  const kind = limiter && classifyRequest(method, path)
  if (!limiter || !kind) return false
  const decision = limiter.take(raw.socket?.remoteAddress ?? 'unknown', kind)
  if (decision.allowed) return false
  raw.resume()
  const what = {mutation: 'mutation requests', upload: 'uploads', api: 'API calls'}[decision.limit]
  sendJson(
    res,
    429,
    {
      statusCode: 429,
      error: 'Too Many Requests',
      message: `Rate limit exceeded: at most ${decision.perSecond} ${what} a second per client; retry after ${decision.retryAfterS} s`,
    },
    {'retry-after': String(decision.retryAfterS)},
  )
  return true
}

async function handle(
  ctx: LakeContext,
  router: Router,
  limiter: RequestLimiter | undefined,
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
  if (refuseOverLimit(limiter, raw, method, path, res)) return

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
