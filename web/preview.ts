/**
 * Preview mode: editors see drafts on the reader site, inside the Studio's Presentation tool.
 *
 * The Studio opens `/api/preview?sanity-preview-secret=…&sanity-preview-pathname=/posts/x` in
 * its frame. The site checks that secret against the lake with its read token
 * (`validatePreviewUrl` from `@sanity/preview-url-secret`; the token stays on the server) and, if
 * it holds, sets a signed HttpOnly cookie and redirects to the page. A request with a valid,
 * unexpired cookie is a preview request: drafts over published, never cached, never indexed,
 * framable by the Studio only. Anything else (no cookie, a forged or expired one) is the public
 * site.
 */
import {createHmac, timingSafeEqual} from 'node:crypto'

import type {SanityClient} from '@sanity/client'

/** The cookie that carries a preview session. */
export const PREVIEW_COOKIE = 'newsroom-preview'
/** Where the Presentation tool enters preview mode (`previewMode.enable`). */
export const PREVIEW_ENABLE_PATH = '/api/preview'
/** Leaves preview mode: `?redirect=/posts/x` to land back on a page. */
export const PREVIEW_EXIT_PATH = '/api/preview/exit'
/** `private, no-store`: a preview page is one editor's, never kept by any cache. */
export const PREVIEW_CACHE = 'private, no-store'
/** A preview page is never indexed (the `X-Robots-Tag` header and the robots meta tag). */
export const PREVIEW_ROBOTS = 'noindex, nofollow'

const COOKIE_VERSION = 'v1'

function signature(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(`${PREVIEW_COOKIE}:${payload}`).digest('base64url')
}

/**
 * The cookie's value for a session ending at `expiresAt` (a `Date`): `v1.<unix seconds>.<HMAC>`,
 * the HMAC-SHA256 of the rest under `secret`.
 */
export function signPreviewSession(secret: string, expiresAt: Date): string {
  const payload = `${COOKIE_VERSION}.${Math.floor(expiresAt.getTime() / 1000)}`
  return `${payload}.${signature(secret, payload)}`
}

/**
 * Whether `value` is a preview session signed with `secret` that has not ended at `now`. A value
 * of any other shape, signed with another secret, altered or expired is not.
 */
export function isPreviewSession(
  secret: string,
  value: string | undefined,
  now: Date = new Date(),
): boolean {
  if (typeof value !== 'string') return false
  const match = /^(v1\.(\d{1,12}))\.([A-Za-z0-9_-]{43})$/.exec(value)
  if (!match) return false
  const [, payload, seconds, given] = match as unknown as [string, string, string, string]
  const expected = Buffer.from(signature(secret, payload))
  const actual = Buffer.from(given)
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return false
  return Number(seconds) * 1000 > now.getTime()
}

/** The value of cookie `name` in a `Cookie` header, or undefined. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined
  for (const part of header.split(';')) {
    const index = part.indexOf('=')
    if (index > 0 && part.slice(0, index).trim() === name) return part.slice(index + 1).trim()
  }
  return undefined
}

/**
 * The `Set-Cookie` header of a preview session: HttpOnly, on the whole site. On an https site
 * the cookie is `SameSite=None; Secure; Partitioned`, so a Studio on another site can frame the
 * preview; on http (localhost in development, where the Studio and the site are the same site)
 * `SameSite=Lax`.
 */
export function previewCookie(value: string, maxAgeSeconds: number, secure: boolean): string {
  const sameSite = secure ? 'SameSite=None; Secure; Partitioned' : 'SameSite=Lax'
  return `${PREVIEW_COOKIE}=${value}; Path=/; Max-Age=${maxAgeSeconds}; HttpOnly; ${sameSite}`
}

/** The `Set-Cookie` header that ends a preview session. */
export function clearPreviewCookie(secure: boolean): string {
  return previewCookie('', 0, secure)
}

/**
 * A path on this site to go to after entering or leaving preview: `target` when it is a path
 * (`/posts/x?y`), else `/`. Never another origin (`//evil.example`, `https://…`, `\\…`).
 */
export function safeRedirectPath(target: string | null | undefined): string {
  if (typeof target !== 'string' || !target.startsWith('/') || /^\/[/\\]/.test(target)) return '/'
  try {
    const url = new URL(target, 'http://site.invalid')
    return url.origin === 'http://site.invalid' ? `${url.pathname}${url.search}${url.hash}` : '/'
  } catch {
    return '/'
  }
}

/**
 * The `Content-Security-Policy` of a preview response: the site's policy with the Studio's
 * origins as the only frame ancestors, and inline styles allowed (the overlays draw with them).
 */
export function previewContentSecurityPolicy(policy: string, studioOrigins: readonly string[]) {
  return policy
    .split(';')
    .map((directive) => {
      const name = directive.trim().split(/\s+/)[0]
      if (name === 'frame-ancestors') return ` frame-ancestors ${studioOrigins.join(' ')}`
      if (name === 'style-src') return `${directive} 'unsafe-inline'`
      return directive
    })
    .join(';')
}

/** The client preview pages read with: drafts over published, the live API, the read token. */
export function draftsClientFrom(client: SanityClient): SanityClient {
  return client.withConfig({perspective: 'drafts', useCdn: false})
}
