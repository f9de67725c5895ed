import type {SanityClient} from '@sanity/client'

import {errorLogLine, type ErrorContext} from './log.ts'
import {
  DEFAULT_REACTION_KINDS,
  reactionKindsProblem,
  secretProblem,
  type ReactionHandlerOptions,
  type ReactionKind,
} from 'sanity-plugin-newsroom/reactions'

/**
 * The reaction API the site mounts on `/api/reactions`: the options of `createReactionHandler`
 * from `sanity-plugin-newsroom/reactions`, but for `kinds` (the site's `reactionKinds`) and
 * `readerId` (the site knows readers by the handler's cookie; a site with its own logins mounts
 * the handler itself).
 */
export type WebReactionsOptions = Omit<ReactionHandlerOptions, 'kinds' | 'readerId'>

/** The publisher's logo: in the JSON-LD, and the picture of a post without one. */
export interface WebSiteLogo {
  /** An absolute http(s) URL, or a path on `siteUrl` such as `/logo.png`. */
  url: string
  /** Pixel width. */
  width: number
  /** Pixel height. */
  height: number
}

/** Options of `createWebApp`. `client` and `siteUrl` are required. */
export interface WebAppOptions {
  /**
   * The client to read with: no token (the app refuses one). The app pins it to the published
   * perspective and the CDN; `createReaderClient` builds one.
   */
  client: SanityClient
  /**
   * The publication's name, in the header and every page title.
   * @defaultValue `'Newsroom'`
   */
  siteName?: string
  /**
   * The public origin, e.g. `https://news.example.com`: every absolute URL the site writes
   * (canonical links, Open Graph, JSON-LD, feeds, sitemaps, robots.txt) starts with it. Never
   * taken from a request's Host header.
   */
  siteUrl: string
  /**
   * The publisher's logo, in the JSON-LD and as the image of a post that has none.
   * @defaultValue none
   */
  siteLogo?: WebSiteLogo
  /**
   * The language of every page (the `lang` attribute, and how dates are written).
   * @defaultValue `'en'`
   */
  lang?: string
  /**
   * The IANA time zone publish dates are shown in.
   * @defaultValue `'UTC'`
   */
  timeZone?: string
  /**
   * Posts per page on the home and tag pages, 1 to 100.
   * @defaultValue `12`
   */
  pageSize?: number
  /**
   * Receives every error behind a 500 or 503 answer, with the request's method and path and the
   * status answered.
   * @defaultValue one line on stderr: `web: GET /posts/x 503 LakeUnavailableError: …`
   */
  logError?: (error: unknown, request: ErrorContext) => void
  /**
   * Serve images through the site's own origin: pages point at `/images/…` on the site, which
   * fetches them from the lake on the server. For a lake whose certificate browsers do not trust
   * (the local lake in development; `npm run web` turns it on for any API host but Sanity's).
   * @defaultValue false: pages use the image URLs of the lake (Sanity's CDN) directly
   */
  proxyImages?: boolean
  /**
   * The reactions readers can give, in display order: use the plugin's `reactionKinds`.
   * @defaultValue the six of the old site: Happy, Sad, Excited, Sleepy, Angry, Surprise
   */
  reactionKinds?: readonly ReactionKind[]
  /**
   * Lets readers react: `POST /api/reactions` records votes through `createReactionHandler` with
   * these options. `client` is a second client, WITH a write token, used only on the server (never
   * the reading `client`, which stays token-free); `secret` keys the readers' hashes and cookies.
   * Errors behind its 500 and 503 answers go to `logError` unless `onError` is set.
   * @defaultValue unset: each post shows its reactions, read-only
   */
  reactions?: WebReactionsOptions
  /**
   * Preview mode for the Studio's Presentation tool: editors who come through the Studio's
   * preview URL secret see drafts, with click-to-edit overlays (docs/preview.md).
   * @defaultValue unset: no preview mode; `/api/preview` is a 404
   */
  preview?: WebPreviewOptions
}

/** Options of the site's preview mode (`createWebApp`'s `preview`). */
export interface WebPreviewOptions {
  /**
   * A second client WITH a token that can read drafts (a viewer token is enough), used only on
   * the server: to check the Studio's preview URL secret and to read preview pages.
   */
  client: SanityClient
  /** At least 32 characters that sign the preview cookie (HMAC-SHA256). */
  secret: string
  /**
   * The origins of the Studios that may frame preview pages, e.g. `['http://localhost:3333']`.
   * The first one is where the overlays' "edit" links point outside the Presentation tool.
   */
  studioOrigins: readonly string[]
  /**
   * How long a preview session lasts, in seconds (60 to 86400).
   * @defaultValue `3600`
   */
  maxAgeSeconds?: number
}

/** Preview options with every default filled in. */
export type ResolvedWebPreviewOptions = Required<WebPreviewOptions>

/** Options with every default filled in. */
export type ResolvedWebAppOptions = Required<
  Omit<WebAppOptions, 'siteUrl' | 'siteLogo' | 'reactions' | 'preview'>
> & {
  /** The origin, without a trailing slash: `https://news.example.com`. */
  siteUrl: string
  /** The logo with an absolute URL. */
  siteLogo: WebSiteLogo | undefined
  reactions: WebReactionsOptions | undefined
  preview: ResolvedWebPreviewOptions | undefined
}

const DEFAULTS = {
  siteName: 'Newsroom',
  lang: 'en',
  timeZone: 'UTC',
  pageSize: 12,
  proxyImages: false,
  logError: (error: unknown, request: ErrorContext) => console.error(errorLogLine(error, request)),
  reactionKinds: DEFAULT_REACTION_KINDS,
}

const KNOWN_OPTIONS = new Set([
  'client',
  'siteUrl',
  'siteLogo',
  'reactions',
  'preview',
  ...Object.keys(DEFAULTS),
])

/** The package's one shape of a bad option (see `optionError` in the plugin's core). */
function fail(option: string, message: string): never {
  throw new Error(`[newsroom] Invalid createWebApp option "${option}": ${message}`)
}

function check(option: string, valid: boolean, message: string): void {
  if (!valid) fail(option, message)
}

function isLanguageTag(value: string): boolean {
  try {
    return Intl.getCanonicalLocales(value).length === 1
  } catch {
    return false
  }
}

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', {timeZone: value})
    return true
  } catch {
    return false
  }
}

function isSiteUrl(value: string): boolean {
  try {
    const url = new URL(value)
    return /^https?:$/.test(url.protocol) && url.pathname === '/' && !url.search && !url.hash
  } catch {
    return false
  }
}

/** Merges `options` over the defaults once, failing fast on anything invalid. */
export function resolveWebAppOptions(options: WebAppOptions): ResolvedWebAppOptions {
  if (typeof options !== 'object' || options === null) {
    throw new Error(
      '[newsroom] createWebApp options must be an object with at least `client` and `siteUrl`',
    )
  }
  for (const key of Object.keys(options)) {
    check(key, KNOWN_OPTIONS.has(key), `unknown option; known: ${[...KNOWN_OPTIONS].join(', ')}`)
  }
  const {client, siteUrl, siteLogo, reactions, preview} = options
  check('client', isClient(client), 'expected a @sanity/client instance')
  check(
    'siteUrl',
    typeof siteUrl === 'string' && isSiteUrl(siteUrl),
    `"${String(siteUrl)}" must be an http(s) origin such as https://news.example.com (required: every absolute URL the site writes starts with it)`,
  )
  const origin = new URL(siteUrl).origin
  const resolved = {
    ...DEFAULTS,
    ...stripUndefined(options),
    client,
    siteUrl: origin,
    siteLogo: siteLogo === undefined ? undefined : resolveLogo(siteLogo, origin),
    reactions,
    preview: preview === undefined ? undefined : resolvePreview(preview),
  }
  check(
    'siteName',
    typeof resolved.siteName === 'string' && resolved.siteName.trim() !== '',
    'must be a non-empty string',
  )
  check(
    'lang',
    typeof resolved.lang === 'string' && isLanguageTag(resolved.lang),
    `"${String(resolved.lang)}" is not a language tag such as en or fr-CA`,
  )
  check(
    'timeZone',
    typeof resolved.timeZone === 'string' && isTimeZone(resolved.timeZone),
    `"${String(resolved.timeZone)}" is not an IANA time zone such as UTC or Europe/Paris`,
  )
  check(
    'pageSize',
    Number.isInteger(resolved.pageSize) && resolved.pageSize >= 1 && resolved.pageSize <= 100,
    `${String(resolved.pageSize)} must be a whole number from 1 to 100`,
  )
  check('proxyImages', typeof resolved.proxyImages === 'boolean', 'must be true or false')
  check('logError', typeof resolved.logError === 'function', 'must be a function')
  const kindsProblem = reactionKindsProblem(resolved.reactionKinds, 'reactionKinds')
  if (kindsProblem) fail(kindsProblem.option, kindsProblem.message)
  if (reactions !== undefined) checkReactions(reactions)
  return resolved
}

/** The logo with its URL made absolute on the site's origin; fails fast on a bad one. */
function resolveLogo(logo: WebSiteLogo, origin: string): WebSiteLogo {
  check('siteLogo', typeof logo === 'object' && logo !== null, 'must be {url, width, height}')
  let url: URL | undefined
  try {
    url = typeof logo.url === 'string' && logo.url !== '' ? new URL(logo.url, origin) : undefined
  } catch {
    url = undefined
  }
  check(
    'siteLogo.url',
    url !== undefined && /^https?:$/.test(url.protocol) && !logo.url.startsWith('//'),
    `"${String(logo.url)}" must be an http(s) URL or a path on siteUrl such as /logo.png`,
  )
  for (const side of ['width', 'height'] as const) {
    check(
      `siteLogo.${side}`,
      Number.isInteger(logo[side]) && logo[side] > 0,
      `${String(logo[side])} must be the logo's ${side} in pixels, a whole number above 0`,
    )
  }
  return {url: url!.href, width: logo.width, height: logo.height}
}

const PREVIEW_KEYS = new Set(['client', 'secret', 'studioOrigins', 'maxAgeSeconds'])

/** The preview options with their default, failing fast on anything invalid. */
function resolvePreview(preview: WebPreviewOptions): ResolvedWebPreviewOptions {
  check(
    'preview',
    typeof preview === 'object' && preview !== null,
    'must be an object with client, secret and studioOrigins',
  )
  for (const key of Object.keys(preview)) {
    check(
      `preview.${key}`,
      PREVIEW_KEYS.has(key),
      `unknown option; known: ${[...PREVIEW_KEYS].join(', ')}`,
    )
  }
  checkTokenClient(
    'preview',
    preview,
    'needs a token that can read drafts (a viewer token); it never leaves the server',
  )
  const origins = preview.studioOrigins as unknown
  check(
    'preview.studioOrigins',
    Array.isArray(origins) && origins.length > 0,
    'must be a non-empty array of Studio origins such as http://localhost:3333',
  )
  const studioOrigins = (origins as unknown[]).map((origin, index) => {
    const valid = typeof origin === 'string' && isOrigin(origin)
    check(
      `preview.studioOrigins[${index}]`,
      valid,
      `"${String(origin)}" must be an http(s) origin such as https://newsroom.sanity.studio (no path)`,
    )
    return new URL(origin as string).origin
  })
  const maxAgeSeconds = preview.maxAgeSeconds ?? 3600
  check(
    'preview.maxAgeSeconds',
    Number.isInteger(maxAgeSeconds) && maxAgeSeconds >= 60 && maxAgeSeconds <= 86_400,
    `${String(maxAgeSeconds)} must be a whole number of seconds from 60 to 86400`,
  )
  return {client: preview.client, secret: preview.secret, studioOrigins, maxAgeSeconds}
}

/** An http(s) URL that is an origin only: `https://a.example` or `http://localhost:3333/`. */
function isOrigin(value: string): boolean {
  return isSiteUrl(value) && !/^https?:\/\/[^/]*@/.test(value)
}

/**
 * `<option>.client` is a @sanity/client with a token (what the token is for: `needs`) and
 * `<option>.secret` a usable secret: the server-side half of preview and of reactions.
 */
function checkTokenClient(
  option: 'preview' | 'reactions',
  settings: {client: unknown; secret: unknown},
  needs: string,
): void {
  const {client} = settings
  check(`${option}.client`, isClient(client), 'expected a @sanity/client instance')
  check(`${option}.client`, Boolean((client as SanityClient).config().token), needs)
  const secret = secretProblem(settings.secret)
  if (secret) fail(`${option}.secret`, secret)
}

function isClient(value: unknown): value is SanityClient {
  const client = value as Partial<SanityClient> | undefined
  return typeof client?.config === 'function' && typeof client.fetch === 'function'
}

/**
 * The write client and the secret; `createReactionHandler` checks its other options itself (its
 * errors start `[newsroom] Invalid createReactionHandler option`).
 */
function checkReactions(reactions: WebReactionsOptions): void {
  check(
    'reactions',
    typeof reactions === 'object' && reactions !== null,
    'must be an object with client and secret',
  )
  for (const key of ['kinds', 'readerId']) {
    check(
      `reactions.${key}`,
      !Object.hasOwn(reactions, key),
      key === 'kinds'
        ? 'set the site’s reactionKinds instead'
        : 'not supported by the site (it knows readers by cookie); mount createReactionHandler yourself',
    )
  }
  checkTokenClient(
    'reactions',
    reactions,
    'needs a token with write access (the reading client stays without one)',
  )
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, entry]) => entry !== undefined),
  ) as Partial<T>
}
