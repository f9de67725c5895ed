import {createHash} from 'node:crypto'
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {createServer} from 'node:http'
import type {AddressInfo} from 'node:net'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import type {SanityClient} from '@sanity/client'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {createPlaceholderPng} from '../scripts/seed-png.ts'
import {
  chooseAlt,
  createImageResolver,
  imageAssetId,
  mediaPathFor,
  type Attachment,
} from './images.ts'

const attachment: Attachment = {
  id: 12,
  url: 'https://site.test/wp-content/uploads/2026/11/desk.png',
  alt: '',
  title: 'desk',
  caption: 'The trading desk',
  parent: 11,
  menuOrder: 0,
}

describe('chooseAlt', () => {
  it.each([
    [
      {alt: ' A desk ', attachment},
      {alt: 'A desk', source: 'alt'},
    ],
    [
      {alt: '', attachment: {...attachment, alt: 'Desk at the Fed'}},
      {alt: 'Desk at the Fed', source: 'attachment'},
    ],
    [
      {caption: 'Figure caption', attachment},
      {alt: 'Figure caption', source: 'caption'},
    ],
    [{attachment}, {alt: 'The trading desk', source: 'caption'}],
    [
      {title: 'Title attribute', attachment: {...attachment, caption: ''}},
      {alt: 'Title attribute', source: 'title'},
    ],
    [{attachment: {...attachment, caption: ''}}, {alt: 'desk', source: 'title'}],
    [{}, {alt: 'chart 2026 final', source: 'filename'}],
  ])('%j → %j', (input, expected) => {
    expect(chooseAlt({url: 'https://site.test/up/chart_2026-final.png', ...input})).toEqual(
      expected,
    )
  })

  it('finds nothing in a URL without a file name', () => {
    expect(chooseAlt({url: 'https://site.test/'})).toEqual({alt: '', source: 'none'})
  })
})

describe('mediaPathFor', () => {
  it('maps an upload URL into the copy of wp-content/uploads, decoding it', () => {
    expect(
      mediaPathFor(
        'https://site.test/wp-content/uploads/2026/11/caf%C3%A9%20%E6%9D%B1.png',
        '/media',
      ),
    ).toBe('/media/2026/11/café 東.png')
    expect(mediaPathFor('/blog/wp-content/uploads/a.png?ver=2', '/media')).toBe('/media/a.png')
  })

  it('refuses URLs outside uploads and paths that climb out of the copy', () => {
    expect(mediaPathFor('https://cdn.test/images/a.png', '/media')).toBeUndefined()
    expect(
      mediaPathFor('https://site.test/wp-content/uploads/../../etc/passwd', '/media'),
    ).toBeUndefined()
    expect(
      mediaPathFor('https://site.test/wp-content/uploads/%2e%2e/%2e%2e/etc/passwd', '/media'),
    ).toBeUndefined()
    expect(mediaPathFor('https://site.test/wp-content/uploads/', '/media')).toBeUndefined()
  })
})

describe('imageAssetId', () => {
  it('gives the id Sanity gives the bytes, or undefined for something else', () => {
    const png = createPlaceholderPng({width: 20, height: 10, from: [0, 0, 0], to: [255, 255, 255]})
    const sha1 = createHash('sha1').update(png).digest('hex')
    expect(imageAssetId(png)).toBe(`image-${sha1}-20x10-png`)
    expect(imageAssetId(Buffer.from('<html>not an image</html>'))).toBeUndefined()
    expect(imageAssetId(Buffer.alloc(0))).toBeUndefined()
  })
})

describe('createImageResolver', () => {
  const png = createPlaceholderPng({width: 8, height: 4, from: [10, 20, 30], to: [200, 100, 50]})
  const other = createPlaceholderPng({width: 8, height: 4, from: [1, 2, 3], to: [4, 5, 6]})
  let dir = ''
  let origin = ''
  const served: string[] = []
  const server = createServer((req, res) => {
    served.push(req.url ?? '')
    if (req.url === '/wp-content/uploads/remote.png') res.end(other)
    else if (req.url === '/page.html') res.end('<html></html>')
    else {
      res.statusCode = 404
      res.end()
    }
  })

  /** A client that knows one asset and records uploads. */
  const fakeClient = (known: string[]) => {
    const uploads: string[] = []
    const client = {
      getDocument: async (id: string) => (known.includes(id) ? {_id: id} : undefined),
      assets: {
        upload: async (_type: string, bytes: Buffer, options: {filename: string}) => {
          uploads.push(options.filename)
          return {_id: imageAssetId(bytes)}
        },
      },
    } as unknown as SanityClient
    return {client, uploads}
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'images-test-'))
    mkdirSync(join(dir, '2026/11'), {recursive: true})
    writeFileSync(join(dir, '2026/11/local.png'), png)
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    rmSync(dir, {recursive: true, force: true})
    await new Promise<void>((done) => server.close(() => done()))
  })

  it('reads --media first, fetches the rest, uploads each image once, and counts distinct images', async () => {
    const {client, uploads} = fakeClient([imageAssetId(other) as string])
    const resolver = createImageResolver({client, mediaDir: dir, siteUrl: origin})
    const local = `${origin}/wp-content/uploads/2026/11/local.png`
    expect(await resolver.resolve(local)).toEqual({
      ok: true,
      assetId: imageAssetId(png),
      uploaded: true,
    })
    expect(await resolver.resolve(local)).toEqual({
      ok: true,
      assetId: imageAssetId(png),
      uploaded: true,
    })
    expect(await resolver.resolve('/wp-content/uploads/remote.png')).toEqual({
      ok: true,
      assetId: imageAssetId(other),
      uploaded: false,
    })
    expect(await resolver.resolve('/wp-content/uploads/gone.png')).toEqual({
      ok: false,
      reason: 'HTTP 404',
    })
    expect(await resolver.resolve(`${origin}/page.html`)).toEqual({
      ok: false,
      reason: 'not a PNG, JPEG, GIF, WebP or SVG image',
    })
    expect(uploads).toEqual(['local.png'])
    expect(served).toEqual([
      '/wp-content/uploads/remote.png',
      '/wp-content/uploads/gone.png',
      '/page.html',
    ])
    expect(resolver.counts()).toEqual({uploaded: 1, existing: 1, failed: 2})
  })

  it('uploads nothing in a dry run but still knows the asset id', async () => {
    const {client, uploads} = fakeClient([])
    const resolver = createImageResolver({client, mediaDir: dir, dryRun: true})
    expect(
      await resolver.resolve('https://site.test/wp-content/uploads/2026/11/local.png'),
    ).toEqual({
      ok: true,
      assetId: imageAssetId(png),
      uploaded: true,
    })
    expect(uploads).toEqual([])
  })

  it('says why an image cannot be had: not a web address, a host that does not answer', async () => {
    const {client} = fakeClient([])
    const resolver = createImageResolver({client, mediaDir: dir})
    expect(await resolver.resolve('data:image/png;base64,AAAA')).toEqual({
      ok: false,
      reason: 'not in --media and not a web address',
    })
    const closed = createServer()
    await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done))
    const port = (closed.address() as AddressInfo).port
    await new Promise<void>((done) => closed.close(() => done()))
    expect(await resolver.resolve(`http://127.0.0.1:${port}/x.png`)).toEqual({
      ok: false,
      reason: 'ECONNREFUSED',
    })
  })
})
