/**
 * The real Studio for end-to-end tests: `sanity build` with the lake's URL baked in (the Studio
 * reads `SANITY_STUDIO_*` at build time), served as static files from 127.0.0.1, plus the
 * editor's first step, logging in.
 */
import {spawn} from 'node:child_process'
import {createHash} from 'node:crypto'
import {createReadStream, existsSync, readFileSync, renameSync, rmSync, statSync} from 'node:fs'
import {createServer as createHttpServer, type Server} from 'node:http'
import {createServer as createNetServer, type AddressInfo} from 'node:net'
import {extname, join, normalize, resolve} from 'node:path'
import {performance} from 'node:perf_hooks'

import type {Page} from 'playwright-core'

const ROOT = resolve(import.meta.dirname, '../..')

/** A port that was free a moment ago on 127.0.0.1 (for servers whose URL must be known early). */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createNetServer()
    server.once('error', fail)
    server.listen(0, '127.0.0.1', () => {
      const {port} = server.address() as AddressInfo
      server.close(() => done(port))
    })
  })
}

export interface StudioBuild {
  dir: string
  /** How long `sanity build` took (0 when an earlier file's build was reused). */
  ms: number
  /** Text to replace as the build is served: the lake-URL placeholder of a shared build. */
  replacements?: Record<string, string>
}

/**
 * Set by the e2e project's global setup (tests/support/e2e-setup.ts): a folder that lives for one
 * `vitest run`, where one file's Studio build is kept for the next.
 */
export const STUDIO_BUILD_CACHE_ENV = 'NEWSROOM_E2E_STUDIO_BUILDS'
/**
 * The lake URL a shared build is made with. Each test file's lake listens on its own port, so the
 * static server writes that file's URL over this literal (Vite inlines `SANITY_STUDIO_API_HOST`
 * as a string) and the browser gets the bytes a build against that URL would have.
 */
export const LAKE_URL_PLACEHOLDER = 'https://localhost:65535'

/**
 * `buildStudio`, or the build an earlier test file of this run made of the same Studio project with
 * the same `SANITY_STUDIO_*` settings. Without the run's cache folder it always builds.
 */
export async function buildStudioOnce(options: {
  apiHost: string
  outDir: string
  studioDir?: string
}): Promise<StudioBuild> {
  const cache = process.env[STUDIO_BUILD_CACHE_ENV]
  if (!cache) return buildStudio(options)
  const settings = Object.entries(process.env)
    .filter(([name]) => name.startsWith('SANITY_STUDIO_'))
    .sort(([a], [b]) => a.localeCompare(b))
  const key = createHash('sha256')
    .update(JSON.stringify({studioDir: resolve(options.studioDir ?? ROOT), settings}))
    .digest('hex')
    .slice(0, 16)
  const dir = join(cache, key)
  const replacements = {[LAKE_URL_PLACEHOLDER]: options.apiHost}
  if (existsSync(join(dir, 'index.html'))) return {dir, ms: 0, replacements}
  const building = `${dir}.building`
  rmSync(building, {recursive: true, force: true})
  const build = await buildStudio({...options, apiHost: LAKE_URL_PLACEHOLDER, outDir: building})
  renameSync(building, dir)
  return {dir, ms: build.ms, replacements}
}

/**
 * Builds the Studio into `outDir` pointing at `apiHost` (e.g. `https://localhost:43123`).
 * Fails with the build's output when it fails.
 */
export async function buildStudio(options: {
  apiHost: string
  outDir: string
  projectId?: string
  dataset?: string
  /** The Studio project to build (its sanity.config.ts and package.json); the repository's own. */
  studioDir?: string
}): Promise<StudioBuild> {
  const started = performance.now()
  const bin = join(ROOT, 'node_modules/.bin')
  const env = {
    ...process.env,
    PATH: `${bin}:${process.env.PATH ?? ''}`,
    SANITY_STUDIO_API_HOST: options.apiHost,
    SANITY_STUDIO_PROJECT_ID: options.projectId ?? 'local',
    SANITY_STUDIO_DATASET: options.dataset ?? 'production',
    // No update checks or telemetry from test builds.
    SANITY_TELEMETRY_DISABLED: '1',
    DO_NOT_TRACK: '1',
    NO_UPDATE_NOTIFIER: '1',
  }
  const output: string[] = []
  const code = await new Promise<number | null>((done, fail) => {
    const child = spawn(join(bin, 'sanity'), ['build', options.outDir, '--yes'], {
      cwd: options.studioDir ?? ROOT,
      env,
    })
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()))
    child.once('error', fail)
    child.once('close', done)
  })
  if (code !== 0 || !existsSync(join(options.outDir, 'index.html'))) {
    throw new Error(`sanity build failed (exit ${code}):\n${output.join('')}`)
  }
  return {dir: options.outDir, ms: Math.round(performance.now() - started)}
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
}

export interface StaticServer {
  /** e.g. `http://localhost:41234`: the origin to add to the lake's CORS list. */
  url: string
  port: number
  close(): Promise<void>
}

/** Files whose text may hold a placeholder to replace. */
const TEXT_FILES = new Set(['.html', '.js', '.mjs'])

/**
 * Serves a built Studio from 127.0.0.1; unknown paths get index.html (client-side routes). Each
 * key of `replacements` is replaced by its value in the HTML and JavaScript served.
 */
export async function serveStudio(
  dir: string,
  port = 0,
  replacements: Record<string, string> = {},
): Promise<StaticServer> {
  const root = resolve(dir)
  const pairs = Object.entries(replacements)
  const server: Server = createHttpServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
    let file = normalize(join(root, pathname))
    if (!file.startsWith(root) || !existsSync(file) || statSync(file).isDirectory()) {
      file = join(root, 'index.html')
    }
    res.setHeader('content-type', CONTENT_TYPES[extname(file)] ?? 'application/octet-stream')
    if (pairs.length > 0 && TEXT_FILES.has(extname(file))) {
      const text = pairs.reduce(
        (served, [from, to]) => served.replaceAll(from, to),
        readFileSync(file, 'utf8'),
      )
      res.end(text)
      return
    }
    createReadStream(file).pipe(res)
  })
  await new Promise<void>((done) => server.listen(port, '127.0.0.1', done))
  const actual = (server.address() as AddressInfo).port
  return {
    url: `http://localhost:${actual}`,
    port: actual,
    close: () =>
      new Promise((done) => {
        server.closeAllConnections()
        server.close(() => done())
      }),
  }
}

/** Opens the Studio and logs in with the lake's local provider; resolves on the structure tool. */
export async function loginToStudio(page: Page, studioUrl: string): Promise<void> {
  await page.goto(studioUrl)
  await page.getByText('Local lake login').click()
  await page.waitForURL(/\/structure/, {timeout: 60_000})
}
