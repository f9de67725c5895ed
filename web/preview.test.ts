import {describe, expect, it} from 'vitest'

import {
  isPreviewSession,
  previewContentSecurityPolicy,
  previewCookie,
  readCookie,
  safeRedirectPath,
  signPreviewSession,
} from './preview.ts'

const SECRET = 'a-preview-secret-of-at-least-32-characters'
const NOW = new Date('2026-12-07T12:00:00.000Z')
const IN_AN_HOUR = new Date(NOW.getTime() + 3_600_000)

describe('the preview session cookie', () => {
  it('holds until it expires, under the secret that signed it', () => {
    const value = signPreviewSession(SECRET, IN_AN_HOUR)
    expect(value).toMatch(/^v1\.1796648400\.[A-Za-z0-9_-]{43}$/)
    expect(isPreviewSession(SECRET, value, NOW)).toBe(true)
    expect(isPreviewSession(SECRET, value, new Date(IN_AN_HOUR.getTime() - 1))).toBe(true)
    expect(isPreviewSession(SECRET, value, IN_AN_HOUR)).toBe(false)
    expect(isPreviewSession(`${SECRET}!`, value, NOW)).toBe(false)
  })

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['another shape', 'yes'],
    ['a later expiry under the old signature', 'v1.9999999999.'],
    ['a flipped signature character', 'flip'],
    ['a signature of another length', 'short'],
  ])('refuses a forged value: %s', (_, forged) => {
    const genuine = signPreviewSession(SECRET, IN_AN_HOUR)
    const signatureOf = genuine.split('.')[2] as string
    const value =
      forged === 'v1.9999999999.'
        ? `${forged}${signatureOf}`
        : forged === 'flip'
          ? genuine.slice(0, -1) + (genuine.endsWith('A') ? 'B' : 'A')
          : forged === 'short'
            ? genuine.slice(0, -2)
            : forged
    expect(isPreviewSession(SECRET, value, NOW)).toBe(false)
  })

  it('is HttpOnly on the whole site; SameSite=None, Secure and Partitioned on https only', () => {
    expect(previewCookie('v', 3600, false)).toBe(
      'newsroom-preview=v; Path=/; Max-Age=3600; HttpOnly; SameSite=Lax',
    )
    expect(previewCookie('v', 60, true)).toBe(
      'newsroom-preview=v; Path=/; Max-Age=60; HttpOnly; SameSite=None; Secure; Partitioned',
    )
  })

  it('is read from a Cookie header among others', () => {
    expect(readCookie('a=1; newsroom-preview=v1.2.x; b=2', 'newsroom-preview')).toBe('v1.2.x')
    expect(readCookie('xnewsroom-preview=1', 'newsroom-preview')).toBeUndefined()
    expect(readCookie(undefined, 'newsroom-preview')).toBeUndefined()
  })
})

describe('safeRedirectPath', () => {
  it.each([
    ['/posts/a?x=1#top', '/posts/a?x=1#top'],
    ['/', '/'],
    ['//evil.example/posts', '/'],
    ['/\\evil.example', '/'],
    ['https://evil.example/', '/'],
    ['posts/a', '/'],
    [null, '/'],
    [undefined, '/'],
  ])('%s → %s', (target, expected) => {
    expect(safeRedirectPath(target)).toBe(expected)
  })
})

describe('previewContentSecurityPolicy', () => {
  it('lets the Studio origins frame the page and the overlays style it, and nothing else', () => {
    const policy = "default-src 'self'; style-src 'self'; script-src 'self'; frame-ancestors 'none'"
    expect(previewContentSecurityPolicy(policy, ['http://localhost:3333', 'https://a.test'])).toBe(
      "default-src 'self'; style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors http://localhost:3333 https://a.test",
    )
  })
})
