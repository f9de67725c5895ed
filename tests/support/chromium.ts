/**
 * Headless Chromium for the end-to-end tests: find a binary, launch it through playwright-core
 * with a fresh profile, trust exactly one certificate (the lake's) and keep every request on this
 * machine.
 */
import {existsSync} from 'node:fs'
import {mkdtemp, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {chromium, type BrowserContext, type Page} from 'playwright-core'

/** Debian's and Ubuntu's system Chromium locations, tried in order. */
const SYSTEM_CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser']

/**
 * Resolves the Chromium executable: `CHROMIUM_PATH` if set, else a system Chromium, else the
 * binary bundled in `@sparticuz/chromium` (extracted to the temp dir on first use).
 */
export async function findChromium(): Promise<string> {
  const override = process.env.CHROMIUM_PATH
  if (override) {
    if (!existsSync(override)) throw new Error(`CHROMIUM_PATH=${override} does not exist`)
    return override
  }
  const system = SYSTEM_CHROMIUM.find((path) => existsSync(path))
  if (system) return system
  const {default: sparticuz} = await import('@sparticuz/chromium')
  return sparticuz.executablePath()
}

/** Flags every test browser gets; nothing here weakens TLS for other certificates. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
]

export interface LaunchOptions {
  /** base64 SHA-256 of the SPKI of a certificate to trust (the lake's `spkiSha256`). */
  trustSpki?: string
  viewport?: {width: number; height: number}
  /** `false`: a browser that runs no page script, to check pages that must work without it. */
  javaScriptEnabled?: boolean
}

export interface TestBrowser {
  context: BrowserContext
  /** Opens a page whose off-box requests are aborted. */
  newPage(): Promise<Page>
  /** Requests that were blocked because they would have left the machine. */
  blocked: string[]
  close(): Promise<void>
}

/** Whether a URL stays on this machine (localhost, *.localhost, loopback, data:, blob:). */
export function isLocalUrl(url: string): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  if (parsed.protocol === 'data:' || parsed.protocol === 'blob:' || parsed.protocol === 'about:') {
    return true
  }
  const host = parsed.hostname
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host === '127.0.0.1' ||
    host === '[::1]' ||
    host === '::1'
  )
}

/**
 * Launches headless Chromium with a fresh user-data-dir. Every page opened through `newPage`
 * (and the context as a whole) aborts requests to any non-local host.
 */
export async function launchChromium(options: LaunchOptions = {}): Promise<TestBrowser> {
  const executablePath = await findChromium()
  const userDataDir = await mkdtemp(join(tmpdir(), 'newsroom-chromium-'))
  const args = [...CHROMIUM_ARGS]
  if (options.trustSpki) args.push(`--ignore-certificate-errors-spki-list=${options.trustSpki}`)
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args,
    viewport: options.viewport ?? {width: 1400, height: 900},
    javaScriptEnabled: options.javaScriptEnabled ?? true,
  })
  const blocked: string[] = []
  await context.route(
    (url) => !isLocalUrl(url.href),
    (route) => {
      blocked.push(route.request().url())
      return route.abort('blockedbyclient')
    },
  )
  return {
    context,
    blocked,
    newPage: () => context.newPage(),
    async close() {
      await context.close().catch(() => undefined)
      await rm(userDataDir, {recursive: true, force: true})
    },
  }
}
