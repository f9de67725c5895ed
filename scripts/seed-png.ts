/**
 * Placeholder PNGs for the demo content, built with node:zlib only: a two-colour gradient with a
 * horizon and a sun, so the Studio and the web demo show a real picture. The alt text travels
 * inside the file too, as a PNG `Description` text chunk.
 */
import {crc32, deflateSync} from 'node:zlib'

/** An RGB colour, each channel 0–255. */
export type Rgb = readonly [number, number, number]

export interface PlaceholderOptions {
  width: number
  height: number
  /** Sky colour at the top and at the horizon. */
  from: Rgb
  to: Rgb
  /** Stored as the PNG's `Description` text chunk. */
  description?: string
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(typeAndData))
  return Buffer.concat([length, typeAndData, crc])
}

function mix(a: Rgb, b: Rgb, t: number): Rgb {
  return [0, 1, 2].map((i) => Math.round(a[i]! + (b[i]! - a[i]!) * t)) as unknown as Rgb
}

/** Renders the placeholder as an 8-bit RGB PNG. Deterministic: same options, same bytes. */
export function createPlaceholderPng(options: PlaceholderOptions): Buffer {
  const {width, height, from, to} = options
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new Error(`createPlaceholderPng: bad size ${width}x${height}`)
  }
  const horizon = Math.round(height * 0.68)
  const sun = {x: width * 0.72, y: height * 0.42, r: Math.min(width, height) * 0.14}
  const ground = mix(to, [20, 24, 32], 0.75)
  const sunColour: Rgb = [255, 236, 179]
  const stride = width * 3 + 1
  const raw = Buffer.alloc(stride * height)
  for (let y = 0; y < height; y++) {
    raw[y * stride] = 0 // filter: none
    const sky = mix(from, to, Math.min(1, y / horizon))
    for (let x = 0; x < width; x++) {
      let colour = y >= horizon ? ground : sky
      const dx = x - sun.x
      const dy = y - sun.y
      if (y < horizon && dx * dx + dy * dy <= sun.r * sun.r) colour = sunColour
      const offset = y * stride + 1 + x * 3
      raw[offset] = colour[0]
      raw[offset + 1] = colour[1]
      raw[offset + 2] = colour[2]
    }
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header[8] = 8 // bit depth
  header[9] = 2 // colour type: RGB
  const chunks = [chunk('IHDR', header)]
  if (options.description) {
    // iTXt (UTF-8), since alt texts carry curly quotes: keyword, NUL, no compression, '' lang.
    const text = Buffer.concat([
      Buffer.from('Description\0\0\0\0\0', 'latin1'),
      Buffer.from(options.description, 'utf8'),
    ])
    chunks.push(chunk('iTXt', text))
  }
  chunks.push(chunk('IDAT', deflateSync(raw, {level: 9})), chunk('IEND', Buffer.alloc(0)))
  return Buffer.concat([SIGNATURE, ...chunks])
}

/** Reads width and height from a PNG's IHDR chunk. */
export function pngSize(png: Buffer): {width: number; height: number} {
  if (!png.subarray(0, 8).equals(SIGNATURE)) throw new Error('pngSize: not a PNG')
  return {width: png.readUInt32BE(16), height: png.readUInt32BE(20)}
}

/** The UTF-8 `Description` stored in an iTXt chunk, if any. */
export function pngDescription(png: Buffer): string | undefined {
  let offset = 8
  while (offset + 8 <= png.length) {
    const length = png.readUInt32BE(offset)
    const type = png.toString('latin1', offset + 4, offset + 8)
    const data = png.subarray(offset + 8, offset + 8 + length)
    if (type === 'iTXt' && data.toString('latin1', 0, 12) === 'Description\0') {
      return data.subarray(16).toString('utf8')
    }
    offset += 12 + length
  }
  return undefined
}
