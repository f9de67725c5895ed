import {createClient} from '@sanity/client'
import {describe, expect, it} from 'vitest'

import {DEFAULT_REACTION_KINDS} from 'sanity-plugin-newsroom/reactions'
import {createWebApp} from './app.tsx'
import {createFixtureClient} from '../tests/support/fixture-client.ts'
import {resolveWebAppOptions, type WebAppOptions} from './options.ts'

const {client} = createFixtureClient()
const writeClient = (token?: string) =>
  createClient({
    projectId: 'p',
    dataset: 'production',
    apiVersion: '2025-02-19',
    useCdn: false,
    token,
  })
const SECRET = 'a-test-secret-of-at-least-32-characters'
const SITE_URL = 'https://news.example.com'
const PREVIEW = {
  client: writeClient('sk-viewer'),
  secret: SECRET,
  studioOrigins: ['http://localhost:3333'],
}

describe('resolveWebAppOptions', () => {
  it('fills in the defaults', () => {
    const resolved = resolveWebAppOptions({client, siteUrl: SITE_URL})
    expect(resolved).toMatchObject({
      client,
      siteName: 'Newsroom',
      siteUrl: SITE_URL,
      siteLogo: undefined,
      lang: 'en',
      timeZone: 'UTC',
      pageSize: 12,
      proxyImages: false,
      reactionKinds: DEFAULT_REACTION_KINDS,
      reactions: undefined,
    })
    expect(typeof resolved.logError).toBe('function')
  })

  it('takes a read client, a cookie secret and the Studio origins for preview mode', () => {
    const resolved = resolveWebAppOptions({
      client,
      siteUrl: SITE_URL,
      preview: {...PREVIEW, studioOrigins: ['http://localhost:3333/', 'https://a.sanity.studio']},
    })
    expect(resolved.preview).toEqual({
      ...PREVIEW,
      studioOrigins: ['http://localhost:3333', 'https://a.sanity.studio'],
      maxAgeSeconds: 3600,
    })
    expect(resolveWebAppOptions({client, siteUrl: SITE_URL}).preview).toBeUndefined()
  })

  it('takes a write client with a token and a secret for reactions', () => {
    const reactions = {client: writeClient('sk-write'), secret: SECRET, batchWindowMs: 10}
    expect(resolveWebAppOptions({client, siteUrl: SITE_URL, reactions}).reactions).toBe(reactions)
  })

  it('keeps valid options, and treats undefined as unset', () => {
    expect(
      resolveWebAppOptions({
        client,
        siteName: 'Le Quotidien',
        siteUrl: 'https://news.example.com/',
        lang: 'fr-CA',
        timeZone: 'Europe/Paris',
        pageSize: 1,
        logError: undefined,
      }),
    ).toMatchObject({
      siteName: 'Le Quotidien',
      // The origin, without the trailing slash.
      siteUrl: 'https://news.example.com',
      lang: 'fr-CA',
      timeZone: 'Europe/Paris',
      pageSize: 1,
    })
  })

  const invalid: Array<[string, Record<string, unknown>, string]> = [
    ['client', {client: {}}, 'expected a @sanity/client instance'],
    ['client', {client: undefined}, 'expected a @sanity/client instance'],
    ['siteName', {siteName: '  '}, 'must be a non-empty string'],
    ['siteUrl', {siteUrl: undefined}, 'must be an http(s) origin'],
    ['siteUrl', {siteUrl: 'news.example.com'}, 'must be an http(s) origin'],
    ['siteUrl', {siteUrl: 'ftp://news.example.com'}, 'must be an http(s) origin'],
    ['siteUrl', {siteUrl: 'https://example.com/news'}, 'must be an http(s) origin'],
    ['siteLogo', {siteLogo: 'logo.png'}, 'must be {url, width, height}'],
    [
      'siteLogo.url',
      {siteLogo: {url: '', width: 1, height: 1}},
      'must be an http(s) URL or a path',
    ],
    [
      'siteLogo.url',
      {siteLogo: {url: 'javascript:alert(1)', width: 1, height: 1}},
      'must be an http(s) URL or a path',
    ],
    [
      'siteLogo.url',
      {siteLogo: {url: '//cdn.example.com/logo.png', width: 1, height: 1}},
      'must be an http(s) URL or a path',
    ],
    [
      'siteLogo.width',
      {siteLogo: {url: '/logo.png', width: 0, height: 60}},
      'a whole number above 0',
    ],
    [
      'siteLogo.height',
      {siteLogo: {url: '/logo.png', width: 600, height: 6.5}},
      'a whole number above 0',
    ],
    ['lang', {lang: 'english please'}, 'is not a language tag'],
    ['lang', {lang: ''}, 'is not a language tag'],
    ['timeZone', {timeZone: 'Mars/Olympus_Mons'}, 'is not an IANA time zone'],
    ['pageSize', {pageSize: 0}, 'must be a whole number from 1 to 100'],
    ['pageSize', {pageSize: 2.5}, 'must be a whole number from 1 to 100'],
    ['pageSize', {pageSize: 101}, 'must be a whole number from 1 to 100'],
    ['pageSize', {pageSize: '12'}, 'must be a whole number from 1 to 100'],
    ['proxyImages', {proxyImages: 'yes'}, 'must be true or false'],
    ['logError', {logError: 'console'}, 'must be a function'],
    ['sitename', {sitename: 'typo'}, 'unknown option'],
    ['preview', {preview: 'on'}, 'must be an object with client, secret and studioOrigins'],
    ['preview.client', {preview: {...PREVIEW, client: {}}}, 'expected a @sanity/client instance'],
    ['preview.client', {preview: {...PREVIEW, client}}, 'needs a token that can read drafts'],
    ['preview.secret', {preview: {...PREVIEW, secret: 'short'}}, 'at least 32 characters'],
    ['preview.studioOrigins', {preview: {...PREVIEW, studioOrigins: []}}, 'a non-empty array'],
    [
      'preview.studioOrigins',
      {preview: {...PREVIEW, studioOrigins: 'http://localhost:3333'}},
      'a non-empty array',
    ],
    [
      'preview.studioOrigins[1]',
      {preview: {...PREVIEW, studioOrigins: ['http://localhost:3333', 'https://a.test/studio']}},
      'must be an http(s) origin',
    ],
    [
      'preview.studioOrigins[0]',
      {preview: {...PREVIEW, studioOrigins: ['localhost:3333']}},
      'must be an http(s) origin',
    ],
    ['preview.maxAgeSeconds', {preview: {...PREVIEW, maxAgeSeconds: 59}}, 'from 60 to 86400'],
    ['preview.maxAgeSeconds', {preview: {...PREVIEW, maxAgeSeconds: 90000}}, 'from 60 to 86400'],
    ['preview.maxAgeSeconds', {preview: {...PREVIEW, maxAgeSeconds: 600.5}}, 'from 60 to 86400'],
    ['preview.token', {preview: {...PREVIEW, token: 'sk'}}, 'unknown option'],
    ['reactionKinds', {reactionKinds: []}, 'needs at least one reaction kind'],
    [
      'reactionKinds[0].name',
      {reactionKinds: [{name: 'Happy', title: 'Happy'}]},
      'start with a lower-case letter',
    ],
    ['reactions', {reactions: null}, 'must be an object with client and secret'],
    ['reactions.client', {reactions: {secret: SECRET}}, 'expected a @sanity/client instance'],
    [
      'reactions.client',
      {reactions: {client: writeClient(), secret: SECRET}},
      'needs a token with write access',
    ],
    [
      'reactions.secret',
      {reactions: {client: writeClient('sk-write'), secret: 'short'}},
      'at least 32 characters',
    ],
    [
      'reactions.kinds',
      {reactions: {client: writeClient('sk-write'), secret: SECRET, kinds: []}},
      'set the site’s reactionKinds instead',
    ],
    [
      'reactions.readerId',
      {reactions: {client: writeClient('sk-write'), secret: SECRET, readerId: () => 'me'}},
      'mount createReactionHandler yourself',
    ],
  ]
  for (const [option, given, message] of invalid) {
    it(`rejects ${option} = ${JSON.stringify(Object.values(given)[0])}`, () => {
      expect(() =>
        resolveWebAppOptions({client, siteUrl: SITE_URL, ...given} as WebAppOptions),
      ).toThrow(`[newsroom] Invalid createWebApp option "${option}": `)
      expect(() =>
        resolveWebAppOptions({client, siteUrl: SITE_URL, ...given} as WebAppOptions),
      ).toThrow(message)
    })
  }

  it('leaves the handler’s other options to createReactionHandler, which fails as fast', () => {
    const reactions = {client: writeClient('sk-write'), secret: SECRET, cookieName: 'no spaces'}
    expect(() => resolveWebAppOptions({client, siteUrl: SITE_URL, reactions})).not.toThrow()
    expect(() => createWebApp({client, siteUrl: SITE_URL, reactions})).toThrow(
      '[newsroom] Invalid createReactionHandler option "cookieName"',
    )
  })

  it('makes the logo’s URL absolute on the site’s origin, or keeps an absolute one', () => {
    const logo = (url: string) =>
      resolveWebAppOptions({client, siteUrl: SITE_URL, siteLogo: {url, width: 600, height: 60}})
        .siteLogo
    expect(logo('/logo.png')).toEqual({
      url: 'https://news.example.com/logo.png',
      width: 600,
      height: 60,
    })
    expect(logo('https://cdn.example.org/brand/logo.png')?.url).toBe(
      'https://cdn.example.org/brand/logo.png',
    )
  })

  it('rejects options that are not an object', () => {
    expect(() => resolveWebAppOptions(null as unknown as WebAppOptions)).toThrow(
      '[newsroom] createWebApp options must be an object with at least `client`',
    )
  })
})
