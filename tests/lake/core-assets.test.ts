import {createHash} from 'node:crypto'
import type {SanityClient} from '@sanity/client'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {startTestLake, type TestLake} from '../support/lake.ts'
import {tinyPng} from './core-fixtures.ts'

let t: TestLake
let admin: SanityClient

beforeAll(async () => {
  t = await startTestLake()
  admin = t.client({token: 'admin'})
})
afterAll(() => t?.close())

const sha1 = (bytes: Buffer | string) => createHash('sha1').update(bytes).digest('hex')

describe('image uploads', () => {
  it('stores the image under a sha1 id with dimensions, and serves it', async () => {
    const png = tinyPng(40, 30)
    const asset = await admin.assets.upload('image', png, {filename: 'hero.png'})
    const hash = sha1(png)
    expect(asset).toMatchObject({
      _id: `image-${hash}-40x30-png`,
      _type: 'sanity.imageAsset',
      assetId: hash,
      sha1hash: hash,
      extension: 'png',
      mimeType: 'image/png',
      originalFilename: 'hero.png',
      size: png.length,
      path: `images/local/production/${hash}-40x30.png`,
      url: `${t.url}/images/local/production/${hash}-40x30.png`,
      metadata: {dimensions: {width: 40, height: 30, aspectRatio: 40 / 30}},
    })
    expect(await admin.getDocument(asset._id)).toMatchObject({_id: asset._id, _rev: asset._rev})

    const served = await fetch(asset.url)
    expect(served.status).toBe(200)
    expect(served.headers.get('content-type')).toBe('image/png')
    expect(served.headers.get('x-sanity-sha1')).toBe(hash)
    expect(Buffer.from(await served.arrayBuffer()).equals(png)).toBe(true)
    // Image URL builders append transforms (tests/lake/images.test.ts checks them).
    expect((await fetch(`${asset.url}?w=20&auto=format`)).status).toBe(200)
  })

  it('returns the existing asset for the same bytes, without a new transaction', async () => {
    const png = tinyPng(8, 8, 7)
    const first = await admin.assets.upload('image', png, {filename: 'one.png'})
    const seq = t.lake.store.seq
    const second = await admin.assets.upload('image', png, {filename: 'two.png'})
    expect(second._id).toBe(first._id)
    expect(second._rev).toBe(first._rev)
    expect(second.originalFilename).toBe('one.png')
    expect(t.lake.store.seq).toBe(seq)
  })

  it('rejects bytes that are not an image', async () => {
    await expect(admin.assets.upload('image', Buffer.from('not an image'))).rejects.toMatchObject({
      statusCode: 400,
    })
  })

  it('404s unknown files and other projects', async () => {
    expect((await fetch(`${t.url}/images/local/production/${'0'.repeat(40)}-1x1.png`)).status).toBe(
      404,
    )
    expect((await fetch(`${t.url}/images/other/production/${'0'.repeat(40)}-1x1.png`)).status).toBe(
      404,
    )
    expect((await fetch(`${t.url}/images/local/production/..%2Fcert.pem`)).status).toBe(404)
  })
})

describe('file uploads', () => {
  it('stores any bytes as a file asset and serves them with their type', async () => {
    const text = 'Hello, newsroom\n'
    const asset = await admin.assets.upload('file', Buffer.from(text), {
      filename: 'notes.txt',
      contentType: 'text/plain',
    })
    const hash = sha1(text)
    expect(asset).toMatchObject({
      _id: `file-${hash}-txt`,
      _type: 'sanity.fileAsset',
      extension: 'txt',
      mimeType: 'text/plain',
      originalFilename: 'notes.txt',
      size: text.length,
      url: `${t.url}/files/local/production/${hash}.txt`,
    })
    const served = await fetch(asset.url)
    expect(served.headers.get('content-type')).toMatch(/^text\/plain/)
    expect(await served.text()).toBe(text)
  })
})
