import {mkdtempSync, readdirSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import sharp from 'sharp'
import {afterAll, describe, expect, it} from 'vitest'
import {parseImageParams} from './params.ts'
import {readImageInfo, transformImage} from './transform.ts'

const dir = mkdtempSync(join(tmpdir(), 'lake-images-'))
afterAll(() => rmSync(dir, {recursive: true, force: true}))

/** A `width`×`height` image, red on the left half and blue on the right. */
function halves(width: number, height: number, format: 'png' | 'jpeg' | 'webp' | 'gif' | 'avif') {
  const half = Math.floor(width / 2)
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="${half}" height="${height}" fill="#f00"/><rect x="${half}" width="${width - half}" height="${height}" fill="#00f"/></svg>`
  return sharp(Buffer.from(svg)).toFormat(format).toBuffer()
}

async function run(query: string, source: Buffer, accept?: string) {
  const path = join(dir, `source-${Math.random().toString(36).slice(2)}`)
  writeFileSync(path, source)
  const image = await transformImage({
    source: path,
    originalExtension: 'png',
    transform: parseImageParams(new URLSearchParams(query)),
    accept,
    cacheDir: join(dir, 'cache'),
  })
  const {data, info} = await sharp(image.bytes).raw().toBuffer({resolveWithObject: true})
  const pixel = (x: number, y: number) => [
    ...data.subarray(
      (y * info.width + x) * info.channels,
      (y * info.width + x) * info.channels + 3,
    ),
  ]
  return {image, info, pixel, meta: await sharp(image.bytes).metadata()}
}

describe('readImageInfo', () => {
  it.each([
    ['png', 'png', 'image/png'],
    ['jpeg', 'jpg', 'image/jpeg'],
    ['webp', 'webp', 'image/webp'],
    ['gif', 'gif', 'image/gif'],
    ['avif', 'avif', 'image/avif'],
  ] as const)('reads %s bytes', async (format, extension, mimeType) => {
    const info = await readImageInfo(await halves(40, 30, format))
    expect(info).toMatchObject({width: 40, height: 30, extension, mimeType})
  })

  it('reads SVG and alpha', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60"/>')
    expect(await readImageInfo(svg)).toMatchObject({
      width: 120,
      height: 60,
      extension: 'svg',
      hasAlpha: true,
    })
    const opaque = await readImageInfo(await halves(4, 4, 'jpeg'))
    expect(opaque?.hasAlpha).toBe(false)
  })

  it('says undefined for what is not an image', async () => {
    expect(await readImageInfo(Buffer.from('plain text'))).toBeUndefined()
    expect(await readImageInfo(Buffer.alloc(0))).toBeUndefined()
    const png = await halves(40, 30, 'png')
    expect(await readImageInfo(png.subarray(0, 10))).toBeUndefined()
  })
})

describe('transformImage', () => {
  it('resizes, converts and caches by parameters', async () => {
    const source = await halves(400, 200, 'png')
    const first = await run('w=100&fm=webp', source)
    expect(first.meta).toMatchObject({format: 'webp', width: 100, height: 50})
    expect(first.image.cached).toBe(false)
    const again = await run('w=100&fm=webp', source)
    expect(again.image.cached).toBe(true)
    expect(again.image.bytes.equals(first.image.bytes)).toBe(true)
    expect(readdirSync(join(dir, 'cache')).filter((f) => f.endsWith('.webp'))).toHaveLength(1)
  })

  it('picks AVIF or WebP for auto=format from Accept', async () => {
    const source = await halves(64, 32, 'png')
    expect((await run('auto=format&w=32', source, 'image/avif,image/webp,*/*')).meta.format).toBe(
      'heif',
    )
    expect((await run('auto=format&w=32', source, 'image/webp,*/*')).meta.format).toBe('webp')
    expect((await run('auto=format&w=32', source, '*/*')).meta.format).toBe('png')
  })

  it('crops towards the focal point and the named edge', async () => {
    const source = await halves(400, 200, 'png')
    const right = await run('w=50&h=100&fit=crop&crop=focalpoint&fp-x=0.9&fp-y=0.5', source)
    expect(right.info).toMatchObject({width: 50, height: 100})
    expect(right.pixel(0, 50)).toEqual([0, 0, 255])
    const left = await run('w=50&h=100&fit=crop&crop=left', source)
    expect(left.pixel(49, 50)).toEqual([255, 0, 0])
  })

  it('cuts rect first, then turns, flips and pads', async () => {
    const source = await halves(400, 200, 'png')
    const rect = await run('rect=200,0,200,200&w=20', source)
    expect(rect.info).toMatchObject({width: 20, height: 20})
    expect(rect.pixel(10, 10)).toEqual([0, 0, 255])
    const turned = await run('or=90&w=20', source)
    expect(turned.info).toMatchObject({width: 20, height: 40})
    expect(turned.pixel(10, 5)).toEqual([255, 0, 0])
    const flipped = await run('flip=h&w=40', source)
    expect(flipped.pixel(0, 5)).toEqual([0, 0, 255])
    const filled = await run('w=100&h=100&fit=fill&bg=0f0', source)
    expect(filled.info).toMatchObject({width: 100, height: 100})
    expect(filled.pixel(50, 5)).toEqual([0, 255, 0])
    expect(filled.pixel(10, 50)).toEqual([255, 0, 0])
  })

  it('serves a capped size for an absurd one, without decoding more than it must', async () => {
    const source = await halves(40, 20, 'png')
    const big = await run('w=99999999&fit=max', source)
    expect(big.info).toMatchObject({width: 40, height: 20})
  })
})
