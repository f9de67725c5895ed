import {describe, expect, it} from 'vitest'
import {readImageInfo} from './assets.ts'

/** The first bytes of a PNG: signature and IHDR (size, bit depth 8, `colorType`). */
function pngHeader(width: number, height: number, colorType: number): Buffer {
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr.writeUInt8(8, 8)
  ihdr.writeUInt8(colorType, 9)
  const length = Buffer.alloc(4)
  length.writeUInt32BE(ihdr.length)
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  return Buffer.concat([signature, length, Buffer.from('IHDR', 'latin1'), ihdr])
}

describe('readImageInfo', () => {
  it('reads PNG, GIF, JPEG, WebP and SVG headers', () => {
    expect(readImageInfo(pngHeader(3, 2, 2))).toEqual({
      width: 3,
      height: 2,
      extension: 'png',
      mimeType: 'image/png',
      hasAlpha: false,
    })
    // Colour type 6 is RGBA.
    expect(readImageInfo(pngHeader(1400, 900, 6))).toMatchObject({width: 1400, hasAlpha: true})
    expect(readImageInfo(pngHeader(3, 2, 2).subarray(0, 25))).toBeUndefined()

    const gif = Buffer.from('GIF89a\x0a\x00\x14\x00\x00\x00\x00', 'latin1')
    expect(readImageInfo(gif)).toMatchObject({width: 10, height: 20, extension: 'gif'})

    // SOI, an APP0 segment, then SOF0 with height 480, width 640.
    const jpeg = Buffer.from([
      0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x01, 0xe0,
      0x02, 0x80, 0x03, 0x01, 0x22, 0x00,
    ])
    expect(readImageInfo(jpeg)).toMatchObject({width: 640, height: 480, extension: 'jpg'})

    const vp8x = Buffer.alloc(32)
    vp8x.write('RIFF', 0, 'latin1')
    vp8x.write('WEBPVP8X', 8, 'latin1')
    vp8x.writeUIntLE(1023, 24, 3)
    vp8x.writeUIntLE(767, 27, 3)
    expect(readImageInfo(vp8x)).toMatchObject({width: 1024, height: 768, extension: 'webp'})

    const vp8l = Buffer.alloc(32)
    vp8l.write('RIFF', 0, 'latin1')
    vp8l.write('WEBPVP8L', 8, 'latin1')
    // 14 bits width-1 (99), 14 bits height-1 (49), little-endian after the 0x2f signature byte.
    const bits = 99 | (49 << 14)
    vp8l.writeUInt32LE(bits, 21)
    expect(readImageInfo(vp8l)).toMatchObject({width: 100, height: 50, extension: 'webp'})

    const svg = Buffer.from('<?xml version="1.0"?><svg xmlns="x" viewBox="0 0 120 60"></svg>')
    expect(readImageInfo(svg)).toMatchObject({width: 120, height: 60, extension: 'svg'})

    expect(readImageInfo(Buffer.from('plain text'))).toBeUndefined()
    expect(readImageInfo(Buffer.alloc(0))).toBeUndefined()
  })
})
