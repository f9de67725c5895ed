import {createClient} from '@sanity/client'
import {describe, expect, it} from 'vitest'

import {
  createReaderClient,
  createReactionsWriteClient,
  LakeUnavailableError,
  readerClientFrom,
  readLake,
} from './reader.ts'

describe('readerClientFrom', () => {
  it('pins any token-less client to the published perspective and the CDN', () => {
    const client = createClient({
      projectId: 'p',
      dataset: 'production',
      apiVersion: '2025-02-19',
      useCdn: false,
      perspective: 'raw',
    })
    expect(readerClientFrom(client).config()).toMatchObject({
      useCdn: true,
      perspective: 'published',
    })
  })
})

describe('readLake', () => {
  it('turns network errors, 5xx and 429 into LakeUnavailableError, keeping the cause', async () => {
    for (const error of [
      Object.assign(new Error('connect ECONNREFUSED'), {code: 'ECONNREFUSED'}),
      Object.assign(new Error('Bad gateway'), {statusCode: 502}),
      Object.assign(new Error('Slow down'), {statusCode: 429}),
    ]) {
      const failure = await readLake(() => Promise.reject(error)).catch((e: unknown) => e)
      expect(failure).toBeInstanceOf(LakeUnavailableError)
      expect((failure as Error).cause).toBe(error)
    }
  })

  it('passes other errors and results through', async () => {
    const badQuery = Object.assign(new Error('Query parse error'), {statusCode: 400})
    await expect(readLake(() => Promise.reject(badQuery))).rejects.toBe(badQuery)
    expect(await readLake(() => Promise.resolve({title: 'x'}))).toEqual({title: 'x'})
  })
})

describe('createReaderClient', () => {
  it('reads a Sanity project through its CDN host', () => {
    const client = createReaderClient({
      projectId: 'abc123',
      dataset: 'production',
      apiHost: 'https://api.sanity.io',
    })
    expect(client.config()).toMatchObject({useCdn: true, perspective: 'published'})
    expect(client.config().token).toBeUndefined()
    expect(client.getUrl('/data/query/production', true)).toMatch(
      /^https:\/\/abc123\.apicdn\.sanity\.io\//,
    )
  })

  it('reads the local lake on its own host, without the project in the name', () => {
    const client = createReaderClient({
      projectId: 'local',
      dataset: 'production',
      apiHost: 'https://localhost:3334',
    })
    expect(client.getUrl('/data/query/production', true)).toMatch(/^https:\/\/localhost:3334\/v/)
  })
})

describe('createReactionsWriteClient', () => {
  it('writes through the live API with its token, never the CDN', () => {
    const client = createReactionsWriteClient({
      projectId: 'abc123',
      dataset: 'production',
      apiHost: 'https://api.sanity.io',
      token: 'sk-write',
    })
    expect(client.config()).toMatchObject({useCdn: false, token: 'sk-write'})
    expect(client.getUrl('/data/mutate/production', false)).toMatch(
      /^https:\/\/abc123\.api\.sanity\.io\//,
    )
  })

  it('writes to the local lake on its own host', () => {
    const client = createReactionsWriteClient({
      projectId: 'local',
      dataset: 'production',
      apiHost: 'https://localhost:3334',
      token: 'sk-admin-x',
    })
    expect(client.getUrl('/data/mutate/production', false)).toMatch(/^https:\/\/localhost:3334\/v/)
  })
})
