/**
 * Image transforms over HTTPS: URLs built by `@sanity/image-url` from an uploaded screenshot,
 * fetched from the lake, sizes and formats decoded from the returned bytes with sharp.
 */
import {readFileSync} from 'node:fs'
import {resolve} from 'node:path'
import type {SanityClient, SanityImageAssetDocument} from '@sanity/client'
import {createImageUrlBuilder} from '@sanity/image-url'
import sharp from 'sharp'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {startTestLake, type TestLake} from '../support/lake.ts'

/** A real screenshot (the reader site's post page), 1280×… PNG. */
const SCREENSHOT = readFileSync(resolve(import.meta.dirname, '../../docs/web-post.png'))

let t: TestLake
let admin: SanityClient
let asset: SanityImageAssetDocument
let urlFor: ReturnType<typeof createImageUrlBuilder>
let original: {width: number; height: number}

beforeAll(async () => {
  t = await startTestLake()
  admin = t.client({token: 'admin'})
  asset = await admin.assets.upload('image', SCREENSHOT, {filename: 'web-post.png'})
  urlFor = createImageUrlBuilder(t.client())
  const meta = await sharp(SCREENSHOT).metadata()
  original = {width: meta.width as number, height: meta.height as number}
})
afterAll(() => t?.close())

async function get(url: string, accept = 'image/*') {
  const response = await fetch(url, {headers: {accept}})
  const bytes = Buffer.from(await response.arrayBuffer())
  if (response.status !== 200) return {response, bytes, meta: undefined}
  return {response, bytes, meta: await sharp(bytes).metadata()}
}

describe('image transforms', () => {
  it('records the dimensions sharp reads', () => {
    expect(asset.metadata.dimensions).toMatchObject(original)
    expect(asset._id).toBe(`image-${asset.sha1hash}-${original.width}x${original.height}-png`)
  })

  it('resizes to w, keeping the aspect ratio, and caches the copy', async () => {
    const url = urlFor.image(asset).width(320).url()
    const first = await get(url)
    expect(first.meta).toMatchObject({format: 'png', width: 320})
    expect(first.meta?.height).toBe(Math.round((original.height * 320) / original.width))
    expect(first.response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(first.response.headers.get('x-lake-image-cache')).toBe('miss')
    const again = await get(url)
    expect(again.response.headers.get('x-lake-image-cache')).toBe('hit')
    expect(again.response.headers.get('etag')).toBe(first.response.headers.get('etag'))
    expect(again.bytes.equals(first.bytes)).toBe(true)
  })

  it('converts with fm and with auto=format by Accept, far smaller than the original', async () => {
    const webp = await get(urlFor.image(asset).width(320).format('webp').url())
    expect(webp.meta).toMatchObject({format: 'webp', width: 320})
    expect(webp.bytes.length).toBeLessThan(SCREENSHOT.length / 10)
    const auto = urlFor.image(asset).width(320).auto('format').url()
    const avif = await get(auto, 'image/avif,image/webp,*/*')
    expect(avif.response.headers.get('content-type')).toBe('image/avif')
    expect(avif.meta).toMatchObject({format: 'heif', width: 320})
    expect(avif.response.headers.get('vary')).toContain('Accept')
    expect((await get(auto, 'image/webp,*/*')).meta?.format).toBe('webp')
    expect((await get(auto, '*/*')).meta?.format).toBe('png')
  })

  it("applies the editor's crop and hotspot for a fixed size", async () => {
    const image = {
      _type: 'image',
      asset: {_ref: asset._id, _type: 'reference'},
      crop: {top: 0.1, bottom: 0.1, left: 0.2, right: 0, _type: 'sanity.imageCrop'},
      hotspot: {x: 0.9, y: 0.5, width: 0.1, height: 0.1, _type: 'sanity.imageHotspot'},
    }
    const url = urlFor.image(image).width(200).height(200).url()
    expect(url).toContain('rect=')
    const {meta} = await get(url)
    expect(meta).toMatchObject({width: 200, height: 200})
    const focal = await get(
      urlFor
        .image(asset)
        .width(90)
        .height(160)
        .fit('crop')
        .crop('focalpoint')
        .focalPoint(0.9, 0.2)
        .url(),
    )
    expect(focal.meta).toMatchObject({width: 90, height: 160})
  })

  it('honours fit, dpr, rect, orientation, flip, blur, bg and quality', async () => {
    const size = async (build: ReturnType<typeof urlFor.image>) => {
      const {meta} = await get(build.url())
      return [meta?.width, meta?.height]
    }
    const base = () => urlFor.image(asset)
    expect(await size(base().width(100).height(100).fit('fill').bg('ff0000'))).toEqual([100, 100])
    expect(await size(base().width(100).height(100).fit('scale'))).toEqual([100, 100])
    // With both sizes, the builder cuts to their aspect ratio itself (rect) unless told not to.
    expect(await size(base().width(100).height(100).fit('clip'))).toEqual([100, 100])
    expect(await size(base().ignoreImageParams().width(100).height(100).fit('clip'))).toEqual([
      100,
      Math.round((original.height * 100) / original.width),
    ])
    expect(await size(base().width(100).dpr(2))).toEqual([
      200,
      Math.round((original.height * 200) / original.width),
    ])
    expect(await size(base().rect(0, 0, 300, 200))).toEqual([300, 200])
    expect(await size(base().rect(0, 0, 300, 200).orientation(90))).toEqual([200, 300])
    expect(await size(base().width(9_999_999).fit('max'))).toEqual([
      original.width,
      original.height,
    ])
    expect(await size(base().width(50).flipHorizontal().blur(20))).toEqual([
      50,
      Math.round((original.height * 50) / original.width),
    ])
    const low = await get(base().width(400).format('jpg').quality(20).url())
    const high = await get(base().width(400).format('jpg').quality(90).url())
    expect(low.bytes.length).toBeLessThan(high.bytes.length)
  })

  it('answers bad parameters with 400 and a clear message', async () => {
    const base = asset.url
    for (const [query, message] of [
      ['w=abc', 'Invalid w="abc"'],
      ['fit=cover', 'Invalid fit="cover"'],
      ['fm=bmp', 'Invalid fm="bmp"'],
      ['rect=1,2', 'Invalid rect="1,2"'],
    ] as const) {
      const response = await fetch(`${base}?${query}`)
      expect(response.status).toBe(400)
      expect(((await response.json()) as {message: string}).message).toContain(message)
    }
  })

  it('serves the original bytes when no parameter asks for a change', async () => {
    const {bytes} = await get(asset.url)
    expect(bytes.equals(SCREENSHOT)).toBe(true)
  })
})
