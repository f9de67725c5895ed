import {describe, expect, it} from 'vitest'

import {createFixtureClient} from './fixture-client.ts'
import {resolveWebAppOptions, type WebAppOptions} from './options.ts'

const {client} = createFixtureClient()

describe('resolveWebAppOptions', () => {
  it('fills in the defaults', () => {
    const resolved = resolveWebAppOptions({client})
    expect(resolved).toMatchObject({
      client,
      siteName: 'Newsroom',
      siteUrl: undefined,
      lang: 'en',
      timeZone: 'UTC',
      pageSize: 12,
    })
    expect(typeof resolved.logError).toBe('function')
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
      siteUrl: 'https://news.example.com/',
      lang: 'fr-CA',
      timeZone: 'Europe/Paris',
      pageSize: 1,
    })
  })

  const invalid: Array<[string, Record<string, unknown>, string]> = [
    ['client', {client: {}}, 'expected a @sanity/client instance'],
    ['client', {client: undefined}, 'expected a @sanity/client instance'],
    ['siteName', {siteName: '  '}, 'must be a non-empty string'],
    ['siteUrl', {siteUrl: 'news.example.com'}, 'must be an http(s) origin'],
    ['siteUrl', {siteUrl: 'ftp://news.example.com'}, 'must be an http(s) origin'],
    ['siteUrl', {siteUrl: 'https://example.com/news'}, 'must be an http(s) origin'],
    ['lang', {lang: 'english please'}, 'is not a language tag'],
    ['lang', {lang: ''}, 'is not a language tag'],
    ['timeZone', {timeZone: 'Mars/Olympus_Mons'}, 'is not an IANA time zone'],
    ['pageSize', {pageSize: 0}, 'must be a whole number from 1 to 100'],
    ['pageSize', {pageSize: 2.5}, 'must be a whole number from 1 to 100'],
    ['pageSize', {pageSize: 101}, 'must be a whole number from 1 to 100'],
    ['pageSize', {pageSize: '12'}, 'must be a whole number from 1 to 100'],
    ['logError', {logError: 'console'}, 'must be a function'],
    ['sitename', {sitename: 'typo'}, 'unknown option'],
  ]
  for (const [option, given, message] of invalid) {
    it(`rejects ${option} = ${JSON.stringify(Object.values(given)[0])}`, () => {
      expect(() => resolveWebAppOptions({client, ...given} as WebAppOptions)).toThrow(
        `[newsroom web] Invalid option "${option}": `,
      )
      expect(() => resolveWebAppOptions({client, ...given} as WebAppOptions)).toThrow(message)
    })
  }

  it('rejects options that are not an object', () => {
    expect(() => resolveWebAppOptions(null as unknown as WebAppOptions)).toThrow(
      '[newsroom web] Options must be an object with at least `client`',
    )
  })
})
