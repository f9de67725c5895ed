/**
 * Image metadata and transforms on sharp (libvips): what an upload's bytes are, and the bytes of
 * `/images/…?w=…` for a parsed `ImageTransform`. Transformed copies are cached on disk under the
 * asset's directory, keyed by the transform and the output format, so each size is encoded once;
 * concurrent requests for the same copy share one encode, and at most `MAX_CONCURRENT_ENCODES` run
 * at once so a page full of new sizes cannot take every core and a lot of memory.
 */
import {createHash} from 'node:crypto'
import {existsSync, mkdirSync, renameSync, writeFileSync} from 'node:fs'
import {readFile} from 'node:fs/promises'
import {dirname, join} from 'node:path'
import sharp, {type Metadata, type Sharp} from 'sharp'
import {chooseFormat, planSize, type ImageTransform, type OutputFormat} from './params.ts'

/** Width, height and format of image bytes, read by sharp from the header. */
export interface ImageInfo {
  width: number
  height: number
  extension: 'png' | 'jpg' | 'gif' | 'webp' | 'svg' | 'tiff' | 'avif'
  mimeType: string
  hasAlpha: boolean
}

/** Largest source the lake decodes (sharp's own default is 268 megapixels). */
export const MAX_INPUT_PIXELS = 100_000_000
const MAX_CONCURRENT_ENCODES = 2

export const MIME_TYPES: Record<OutputFormat | 'svg' | 'tiff', string> = {
  jpg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  avif: 'image/avif',
  gif: 'image/gif',
  svg: 'image/svg+xml',
  tiff: 'image/tiff',
}

const EXTENSIONS: Record<string, ImageInfo['extension']> = {
  png: 'png',
  jpeg: 'jpg',
  gif: 'gif',
  webp: 'webp',
  svg: 'svg',
  tiff: 'tiff',
}

/** Dimensions and format of `bytes`; undefined if sharp cannot read them as an image. */
export async function readImageInfo(bytes: Buffer): Promise<ImageInfo | undefined> {
  let metadata: Metadata
  try {
    metadata = await sharp(bytes, {limitInputPixels: MAX_INPUT_PIXELS}).metadata()
  } catch {
    return undefined
  }
  const extension =
    metadata.format === 'heif' && metadata.compression === 'av1'
      ? 'avif'
      : EXTENSIONS[metadata.format ?? '']
  if (!extension || !metadata.width || !metadata.height) return undefined
  return {
    width: metadata.width,
    height: metadata.height,
    extension,
    mimeType: MIME_TYPES[extension],
    hasAlpha: metadata.hasAlpha,
  }
}

/** The format an original is served in when no `fm` asks otherwise (sharp cannot write svg, tiff). */
export function outputFormatOf(extension: string): OutputFormat {
  if (extension === 'jpg' || extension === 'png' || extension === 'webp' || extension === 'gif')
    return extension
  if (extension === 'avif') return 'avif'
  return 'png'
}

/** A transformed copy: its bytes and type. */
export interface TransformedImage {
  bytes: Buffer
  format: OutputFormat
  mimeType: string
  /** Served from the disk cache rather than encoded for this request. */
  cached: boolean
}

let running = 0
const waiting: Array<() => void> = []

async function withEncodeSlot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT_ENCODES) await new Promise<void>((go) => waiting.push(go))
  running++
  try {
    return await work()
  } finally {
    running--
    waiting.shift()?.()
  }
}

const inFlight = new Map<string, Promise<Buffer>>()

/**
 * The bytes of `source` (a file of the original) transformed by `transform`, encoded as the
 * chosen format, from `cacheDir` when an earlier request made them.
 */
export async function transformImage(options: {
  source: string
  originalExtension: string
  transform: ImageTransform
  accept: string | undefined
  cacheDir: string
}): Promise<TransformedImage> {
  const {source, transform, cacheDir} = options
  const format = chooseFormat(transform, outputFormatOf(options.originalExtension), options.accept)
  const key = createHash('sha1')
    .update(JSON.stringify({transform: {...transform, download: undefined}, format}))
    .digest('hex')
  const path = join(cacheDir, `${key}.${format}`)
  const mimeType = MIME_TYPES[format]
  if (existsSync(path)) return {bytes: await readFile(path), format, mimeType, cached: true}
  let pending = inFlight.get(path)
  if (!pending) {
    pending = withEncodeSlot(async () => {
      const bytes = await render(await readFile(source), transform, format)
      mkdirSync(dirname(path), {recursive: true})
      const tmp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`
      writeFileSync(tmp, bytes)
      renameSync(tmp, path)
      return bytes
    }).finally(() => inFlight.delete(path))
    inFlight.set(path, pending)
  }
  return {bytes: await pending, format, mimeType, cached: false}
}

/** Where `fit=crop` keeps the image, as sharp's position. */
function position(transform: ImageTransform): string | number {
  const anchor = transform.crop
  if (anchor.kind === 'entropy') return sharp.strategy.entropy
  if (anchor.kind === 'focal') return 'centre'
  const y = anchor.y === 'center' ? '' : anchor.y
  const x = anchor.x === 'center' ? '' : anchor.x
  return [y, x].filter(Boolean).join(' ') || 'centre'
}

/** Run the transform: rect, orientation, size (fit), background, effects, encoding. */
async function render(
  input: Buffer,
  transform: ImageTransform,
  format: OutputFormat,
): Promise<Buffer> {
  // EXIF orientation first, so every later step sees the image upright.
  let {image, width, height} = await materialize(
    sharp(input, {limitInputPixels: MAX_INPUT_PIXELS, animated: false}).rotate(),
  )
  if (transform.rect) {
    ;({image, width, height} = await materialize(
      image.extract(clipRect(transform.rect, width, height)),
    ))
  }
  if (transform.rotate) ({image, width, height} = await materialize(image.rotate(transform.rotate)))
  if (transform.flipV) image = image.flip()
  if (transform.flipH) image = image.flop()

  const plan = planSize(transform, width, height)
  const background = transform.background ?? {r: 0, g: 0, b: 0, alpha: 0}
  if (plan.mode === 'cover' && transform.crop.kind === 'focal') {
    // Scale to cover, then cut the window centred on the focal point, kept inside the image.
    const scale = Math.max(plan.resizeWidth / width, plan.resizeHeight / height)
    const scaledW = Math.max(plan.resizeWidth, Math.round(width * scale))
    const scaledH = Math.max(plan.resizeHeight, Math.round(height * scale))
    const left = clamp(
      Math.round(transform.crop.x * scaledW - plan.resizeWidth / 2),
      0,
      scaledW - plan.resizeWidth,
    )
    const top = clamp(
      Math.round(transform.crop.y * scaledH - plan.resizeHeight / 2),
      0,
      scaledH - plan.resizeHeight,
    )
    image = (await materialize(image.resize(scaledW, scaledH, {fit: 'fill'}))).image.extract({
      left,
      top,
      width: plan.resizeWidth,
      height: plan.resizeHeight,
    })
  } else {
    image = image.resize(plan.resizeWidth, plan.resizeHeight, {
      fit: plan.mode,
      position: position(transform),
    })
  }
  if (plan.canvas) {
    image = (await materialize(image)).image
    const padX = plan.canvas.width - plan.resizeWidth
    const padY = plan.canvas.height - plan.resizeHeight
    image = image.extend({
      left: Math.floor(padX / 2),
      right: Math.ceil(padX / 2),
      top: Math.floor(padY / 2),
      bottom: Math.ceil(padY / 2),
      background,
    })
  }
  if (transform.blurSigma >= 0.3) image = image.blur(transform.blurSigma)
  if (transform.sharpen > 0) image = image.sharpen({sigma: 0.5 + transform.sharpen / 50})
  if (transform.invert) image = image.negate({alpha: false})
  if (transform.grayscale) image = image.grayscale()
  // Formats without alpha get the background (white unless `bg` says otherwise).
  if (format === 'jpg') image = image.flatten({background: transform.background ?? '#ffffff'})
  else if (transform.background && !plan.canvas) image = image.flatten({background})

  const quality = transform.quality
  switch (format) {
    case 'jpg':
      return image.jpeg({quality, progressive: transform.progressive, mozjpeg: false}).toBuffer()
    case 'png':
      return image.png().toBuffer()
    case 'webp':
      return image.webp({quality}).toBuffer()
    case 'avif':
      // Effort 2 of 9: encodes in a fraction of the default's time, a few percent larger.
      return image.avif({quality: Math.max(1, quality - 15), effort: 2}).toBuffer()
    case 'gif':
      return image.gif().toBuffer()
  }
}

/**
 * Run the steps so far into raw pixels and start a new pipeline on them: sharp orders the
 * operations of one pipeline its own way, and raw pixels lose nothing between steps.
 */
async function materialize(
  pipeline: Sharp,
): Promise<{image: Sharp; width: number; height: number}> {
  const {data, info} = await pipeline.raw().toBuffer({resolveWithObject: true})
  const image = sharp(data, {
    raw: {width: info.width, height: info.height, channels: info.channels},
    limitInputPixels: MAX_INPUT_PIXELS,
  })
  return {image, width: info.width, height: info.height}
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), Math.max(min, max))
}

/** `rect` kept inside the image (Sanity clips a rect that runs past an edge). */
function clipRect(rect: NonNullable<ImageTransform['rect']>, width: number, height: number) {
  const left = Math.min(rect.left, width - 1)
  const top = Math.min(rect.top, height - 1)
  return {
    left,
    top,
    width: Math.max(1, Math.min(rect.width, width - left)),
    height: Math.max(1, Math.min(rect.height, height - top)),
  }
}
