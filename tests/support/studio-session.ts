/**
 * The setup every end-to-end test file shares: a lake on a free port (its own data dir), admin and
 * anonymous reader clients, headless Chromium trusting the lake's certificate with one page, and
 * numbered screenshots in the file's artifacts folder. `useStudioSession` adds the real Studio
 * (built against the lake, served from 127.0.0.1, allowed by the lake's CORS list);
 * `useBrowserSession` is the same without it (the reader site's tests).
 */
import {mkdirSync, mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import type {SanityClient} from '@sanity/client'
import type {Locator, Page} from 'playwright-core'
import {afterAll, afterEach, beforeAll, expect} from 'vitest'

import type {LakeConfig} from '../../lake/types.ts'
import {launchChromium, type TestBrowser} from './chromium.ts'
import {startTestLake, type TestLake} from './lake.ts'
import {buildStudioOnce, freePort, loginToStudio, serveStudio, type StaticServer} from './studio.ts'

/** How long a step waits for the Studio or the site to show something. */
export const UI_TIMEOUT = 30_000

/** Options for `useBrowserSession` and `useStudioSession`. */
export interface BrowserSessionOptions {
  /** The test file's screenshot folder, e.g. `artifacts/e2e/reactions`. */
  artifacts: string
  /** Writes the file's content into the lake, before the browser starts. */
  seed?: (admin: SanityClient) => Promise<unknown>
  /** The browser's viewport; `launchChromium`'s default otherwise. */
  viewport?: {width: number; height: number}
  /** Screenshots of the whole page instead of the viewport. */
  fullPageShots?: boolean
  /** Lake settings beyond the session's own (e.g. `queryWorkers` for a benchmark). */
  lakeConfig?: Partial<LakeConfig>
  /**
   * `false`: a browser as a person first has it, without the lake's certificate fingerprint.
   * @defaultValue true: the browser trusts the lake (a shortcut for speed)
   */
  trustLakeCertificate?: boolean
}

/** Options for `useStudioSession`. */
export interface StudioSessionOptions extends BrowserSessionOptions {
  /** Log in to the Studio before the first test (otherwise the first test logs in). */
  login?: boolean
  /**
   * The Studio project to build, a folder with its sanity.config.ts, sanity.cli.ts and package.json.
   * @defaultValue the repository's own Studio
   */
  studioDir?: string
}

/** A lake, its clients and a browser page, for one test file. */
export interface BrowserSession {
  lake: TestLake
  /** The admin token, raw perspective: drafts and published documents. */
  admin: SanityClient
  /** No token, through the CDN, published perspective: what any reader sees. */
  reader: SanityClient
  browser: TestBrowser
  page: Page
  /**
   * Saves a screenshot of the page (or of `target`) as `NN-<name>.png` in the artifacts folder,
   * numbered in the order taken.
   */
  shot(name: string, target?: Page | Locator): Promise<void>
  /** Closes the browser and the lake (the Studio too) and deletes their temp dirs. */
  close(): Promise<void>
}

/** A `BrowserSession` with the built Studio pointed at the lake. */
export interface StudioSession extends BrowserSession {
  studio: StaticServer
  /** Starts the lake again on the same port and data dir, after `lake.close()`, with new clients. */
  restartLake(): Promise<void>
}

/**
 * Starts a session without the Studio: a lake on a free port, its clients, the seed, Chromium.
 * `close()` it when done; `useBrowserSession` does both for a test file.
 */
export async function startBrowserSession(options: BrowserSessionOptions): Promise<BrowserSession> {
  return startSession(options, async (lakeConfig) => lakeConfig)
}

/**
 * Starts a session with the Studio: `sanity build` against the lake's future URL, the build
 * served from 127.0.0.1, then the lake allowing the Studio's origin, its clients, the seed,
 * Chromium, and the login if asked. `close()` it when done; `useStudioSession` does both.
 */
export async function startStudioSession(options: StudioSessionOptions): Promise<StudioSession> {
  let studio: StaticServer | undefined
  const session = await startSession(options, async (lakeConfig, cleanups) => {
    const port = await freePort()
    const buildDir = mkdtempSync(join(tmpdir(), 'newsroom-e2e-studio-'))
    cleanups.push(() => rmSync(buildDir, {recursive: true, force: true}))
    const build = await buildStudioOnce({
      apiHost: `https://localhost:${port}`,
      outDir: buildDir,
      ...(options.studioDir ? {studioDir: options.studioDir} : {}),
    })
    console.log(build.ms > 0 ? `sanity build: ${build.ms} ms` : 'sanity build: reused this run’s')
    studio = await serveStudio(build.dir, 0, build.replacements)
    cleanups.push(() => studio?.close())
    return {...lakeConfig, port, corsOrigins: [studio.url], studioUrl: `${studio.url}/`}
  })
  if (!studio) throw new Error('the Studio did not start')
  const withStudio = Object.assign(session, {studio})
  if (options.login) {
    try {
      await loginToStudio(withStudio.page, studio.url)
    } catch (error) {
      await withStudio.close()
      throw error
    }
  }
  return withStudio
}

type Cleanup = () => unknown

/**
 * The shared part: temp data dir, `prepare` (the Studio, when there is one, which decides the
 * lake's port and CORS origins), the lake and its clients, the seed, the browser and its page.
 * Everything started is stopped again if a later step fails.
 */
async function startSession(
  options: BrowserSessionOptions,
  prepare: (lakeConfig: Partial<LakeConfig>, cleanups: Cleanup[]) => Promise<Partial<LakeConfig>>,
): Promise<BrowserSession & {restartLake(): Promise<void>}> {
  const cleanups: Cleanup[] = []
  const close = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  }
  try {
    mkdirSync(options.artifacts, {recursive: true})
    const dataDir = mkdtempSync(join(tmpdir(), 'newsroom-e2e-lake-'))
    cleanups.push(() => rmSync(dataDir, {recursive: true, force: true}))
    const lakeConfig = await prepare({...options.lakeConfig, dataDir}, cleanups)

    let lake = await startTestLake(lakeConfig)
    cleanups.push(() => lake.close())
    const clientsOf = (started: TestLake) => ({
      admin: started.client({token: 'admin', perspective: 'raw'}),
      reader: started.client({useCdn: true, perspective: 'published'}),
    })
    let clients = clientsOf(lake)
    await options.seed?.(clients.admin)

    const browser = await launchChromium({
      ...(options.trustLakeCertificate === false ? {} : {trustSpki: lake.lake.spkiSha256}),
      ...(options.viewport ? {viewport: options.viewport} : {}),
    })
    cleanups.push(() => browser.close())
    const page = await browser.newPage()

    let shots = 0
    return {
      get lake() {
        return lake
      },
      get admin() {
        return clients.admin
      },
      get reader() {
        return clients.reader
      },
      browser,
      page,
      async shot(name, target) {
        shots += 1
        const path = join(options.artifacts, `${String(shots).padStart(2, '0')}-${name}.png`)
        if (target && target !== page) await target.screenshot({path})
        else await page.screenshot({path, fullPage: options.fullPageShots ?? false})
      },
      async restartLake() {
        lake = await startTestLake(lakeConfig)
        clients = clientsOf(lake)
      },
      close,
    }
  } catch (error) {
    await close()
    throw error
  }
}

/**
 * Starts a `BrowserSession` in `beforeAll`, saves a `failed` screenshot after a failing test and
 * closes the session in `afterAll`. Call it in a `describe`; read the returned session's fields
 * inside hooks and tests (they exist once `beforeAll` has run).
 */
export function useBrowserSession(options: BrowserSessionOptions): BrowserSession {
  return useSession(() => startBrowserSession(options))
}

/** `useBrowserSession` with the Studio: a `StudioSession` for the tests of a `describe`. */
export function useStudioSession(options: StudioSessionOptions): StudioSession {
  return useSession(() => startStudioSession(options))
}

function useSession<Session extends BrowserSession>(start: () => Promise<Session>): Session {
  let session: Session | undefined
  beforeAll(async () => {
    session = await start()
  })
  afterEach(async ({task}) => {
    // A picture of the moment a step failed, next to the step screenshots.
    if (task.result?.state === 'fail' && session && !session.page.isClosed()) {
      await session.shot('failed')
    }
  })
  afterAll(async () => {
    await session?.close()
  })
  // The session exists only once beforeAll has run; until then every field access fails loudly.
  return new Proxy({} as Session, {
    get(_, key) {
      if (!session) throw new Error('The session starts in beforeAll: use it in hooks and tests')
      return Reflect.get(session, key)
    },
  })
}

/**
 * Publishes from `pane` and waits until `isPublished` agrees. The Studio drops a click on Publish
 * that lands while it is still validating the latest keystrokes (the button is briefly enabled),
 * so an unanswered click is repeated once the button is enabled again.
 */
export async function publishFrom(
  pane: Locator,
  isPublished: () => Promise<boolean>,
): Promise<void> {
  const button = pane.locator('[data-testid="action-publish"]')
  for (let attempt = 0; attempt < 4; attempt++) {
    await expect
      .poll(async () => (await button.getAttribute('data-disabled')) !== 'true', {
        timeout: UI_TIMEOUT,
      })
      .toBe(true)
    await button.click()
    const deadline = Date.now() + 3_000
    while (Date.now() < deadline) {
      if (await isPublished()) return
      await pane.page().waitForTimeout(250)
    }
  }
  throw new Error('Publishing did not reach the lake')
}

/** Puts the cursor in the Portable Text body under `scope`, activating the editor first if needed. */
export async function focusBody(scope: Page | Locator): Promise<void> {
  const body = scope.locator('[data-testid="field-body"]')
  const overlay = body.locator('[data-testid="activate-overlay"]')
  if (await overlay.count()) await overlay.first().click()
  await body.locator('[contenteditable="true"]').first().click()
}
