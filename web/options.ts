import type {SanityClient} from '@sanity/client'

/** Options of `createWebApp`. Only `client` is required. */
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
   * The public origin, e.g. `https://news.example.com`, for canonical links and the sitemap.
   * @defaultValue the origin of each request
   */
  siteUrl?: string
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
   * Receives every error behind a 500 or 503 page.
   * @defaultValue `console.error`
   */
  logError?: (error: unknown) => void
}

/** Options with every default filled in. */
export type ResolvedWebAppOptions = Required<Omit<WebAppOptions, 'siteUrl'>> & {
  siteUrl: string | undefined
}

const DEFAULTS = {
  siteName: 'Newsroom',
  lang: 'en',
  timeZone: 'UTC',
  pageSize: 12,
  logError: (error: unknown) => console.error(error),
}

const KNOWN_OPTIONS = new Set(['client', 'siteUrl', ...Object.keys(DEFAULTS)])

function fail(option: string, message: string): never {
  throw new Error(`[newsroom web] Invalid option "${option}": ${message}`)
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
    throw new Error('[newsroom web] Options must be an object with at least `client`')
  }
  for (const key of Object.keys(options)) {
    check(key, KNOWN_OPTIONS.has(key), `unknown option; known: ${[...KNOWN_OPTIONS].join(', ')}`)
  }
  const {client, siteUrl} = options
  check(
    'client',
    typeof client?.config === 'function' && typeof client.fetch === 'function',
    'expected a @sanity/client instance',
  )
  const resolved = {...DEFAULTS, ...stripUndefined(options), client, siteUrl}
  check(
    'siteName',
    typeof resolved.siteName === 'string' && resolved.siteName.trim() !== '',
    'must be a non-empty string',
  )
  check(
    'siteUrl',
    siteUrl === undefined || (typeof siteUrl === 'string' && isSiteUrl(siteUrl)),
    `"${String(siteUrl)}" must be an http(s) origin such as https://news.example.com`,
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
  check('logError', typeof resolved.logError === 'function', 'must be a function')
  return resolved
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, entry]) => entry !== undefined),
  ) as Partial<T>
}
