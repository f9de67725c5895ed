/**
 * The query parameters of Sanity's image API (`/images/<project>/<dataset>/<file>?w=…`), the ones
 * `@sanity/image-url` writes, parsed and checked into a transform: what to cut, turn, size and
 * encode. Pure, so every rule is unit-tested without an image; `transform.ts` runs the result.
 *
 * Bad values are a 400 with a message naming the parameter; sizes beyond `MAX_DIMENSION` are
 * capped (as an image CDN does), never an error and never an unbounded allocation. Parameters the
 * lake does not know are ignored, as Sanity ignores them.
 */

/** Output formats the lake encodes. */
export type OutputFormat = 'jpg' | 'png' | 'webp' | 'avif' | 'gif'

/** Sanity's `fit` modes (imgix's semantics). */
export const FIT_MODES = ['clip', 'crop', 'fill', 'fillmax', 'max', 'min', 'scale'] as const
export type FitMode = (typeof FIT_MODES)[number]

/** Where `fit=crop` keeps the image when it cuts: edges, the centre, or a focal point (0..1). */
export type CropAnchor =
  | {kind: 'edges'; x: 'left' | 'center' | 'right'; y: 'top' | 'center' | 'bottom'}
  | {kind: 'focal'; x: number; y: number}
  | {kind: 'entropy'}

export interface Rect {
  left: number
  top: number
  width: number
  height: number
}

/** A checked transform. Dimensions are output pixels (`dpr` applied, caps applied). */
export interface ImageTransform {
  rect?: Rect
  /** Clockwise quarter turns, applied after `rect`. */
  rotate: 0 | 90 | 180 | 270
  flipH: boolean
  flipV: boolean
  width?: number
  height?: number
  minWidth?: number
  minHeight?: number
  maxWidth?: number
  maxHeight?: number
  fit: FitMode
  crop: CropAnchor
  /** `#rrggbb` or `#rrggbbaa`. */
  background?: string
  /** Gaussian sigma for sharp; 0: none. */
  blurSigma: number
  sharpen: number
  invert: boolean
  grayscale: boolean
  /** Explicit `fm`; undefined: the original's format (or `auto=format`'s choice). */
  format?: OutputFormat
  progressive: boolean
  autoFormat: boolean
  quality: number
  /** `dl`: the file name to download as ('' for the asset's own). */
  download?: string
}

/** The largest output width or height (Sanity's image pipeline caps at 8192 as well). */
export const MAX_DIMENSION = 8192
/** Sanity's default JPEG/WebP/AVIF quality. */
export const DEFAULT_QUALITY = 75

/** A parameter the lake cannot honour: the route answers 400 with `message`. */
export class ImageParamError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ImageParamError'
  }
}

const FORMATS: Record<string, {format: OutputFormat; progressive: boolean}> = {
  jpg: {format: 'jpg', progressive: false},
  jpeg: {format: 'jpg', progressive: false},
  pjpg: {format: 'jpg', progressive: true},
  png: {format: 'png', progressive: false},
  webp: {format: 'webp', progressive: false},
  avif: {format: 'avif', progressive: false},
  gif: {format: 'gif', progressive: false},
}

function number(params: URLSearchParams, name: string, min: number, max: number) {
  const raw = params.get(name)
  if (raw === null || raw === '') return undefined
  const value = Number(raw)
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new ImageParamError(`Invalid ${name}="${raw}": expected a number from ${min} to ${max}`)
  }
  return value
}

/** A size: a positive number, capped at `MAX_DIMENSION` (a huge request is not an error). */
function size(params: URLSearchParams, name: string, dpr: number): number | undefined {
  const raw = params.get(name)
  if (raw === null || raw === '') return undefined
  const value = Number(raw)
  if (!Number.isFinite(value) || value <= 0) {
    throw new ImageParamError(`Invalid ${name}="${raw}": expected a positive number of pixels`)
  }
  return Math.max(1, Math.min(MAX_DIMENSION, Math.round(value * dpr)))
}

function parseRect(raw: string | null): Rect | undefined {
  if (raw === null || raw === '') return undefined
  const parts = raw.split(',').map((part) => Number(part))
  if (parts.length !== 4 || parts.some((n) => !Number.isInteger(n) || n < 0)) {
    throw new ImageParamError(
      `Invalid rect="${raw}": expected left,top,width,height in whole pixels`,
    )
  }
  const [left, top, width, height] = parts as [number, number, number, number]
  if (width === 0 || height === 0) {
    throw new ImageParamError(`Invalid rect="${raw}": width and height must be at least 1`)
  }
  return {left, top, width, height}
}

function parseCrop(params: URLSearchParams): CropAnchor {
  const raw = params.get('crop')
  const fpX = number(params, 'fp-x', 0, 1)
  const fpY = number(params, 'fp-y', 0, 1)
  if (!raw) {
    return fpX !== undefined || fpY !== undefined
      ? {kind: 'focal', x: fpX ?? 0.5, y: fpY ?? 0.5}
      : {kind: 'edges', x: 'center', y: 'center'}
  }
  const words = raw.split(',').map((word) => word.trim())
  if (words.includes('focalpoint')) return {kind: 'focal', x: fpX ?? 0.5, y: fpY ?? 0.5}
  if (words.includes('entropy')) return {kind: 'entropy'}
  const anchor: CropAnchor = {kind: 'edges', x: 'center', y: 'center'}
  for (const word of words) {
    if (word === 'left' || word === 'right') anchor.x = word
    else if (word === 'top' || word === 'bottom') anchor.y = word
    else if (word !== 'center') {
      throw new ImageParamError(
        `Invalid crop="${raw}": use top, bottom, left, right, center, focalpoint or entropy`,
      )
    }
  }
  return anchor
}

/** `bg`: RGB, ARGB, RRGGBB or AARRGGBB hex, as Sanity takes it; returned as `#rrggbb[aa]`. */
function parseBackground(raw: string | null): string | undefined {
  if (raw === null || raw === '') return undefined
  const hex = raw.replace(/^#/, '')
  if (!/^[0-9a-f]+$/i.test(hex) || ![3, 4, 6, 8].includes(hex.length)) {
    throw new ImageParamError(
      `Invalid bg="${raw}": expected a hex colour (RGB, ARGB, RRGGBB, AARRGGBB)`,
    )
  }
  const full = hex.length <= 4 ? [...hex].map((c) => c + c).join('') : hex
  const [alpha, rgb] = full.length === 8 ? [full.slice(0, 2), full.slice(2)] : ['', full]
  return `#${rgb}${alpha}`.toLowerCase()
}

function oneOf<T extends string>(
  params: URLSearchParams,
  name: string,
  allowed: readonly T[],
): T | undefined {
  const raw = params.get(name)
  if (raw === null || raw === '') return undefined
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ImageParamError(`Invalid ${name}="${raw}": use one of ${allowed.join(', ')}`)
  }
  return raw as T
}

/** The names this module reads; a request with none of them is served as the original bytes. */
const KNOWN = [
  'w',
  'h',
  'max-w',
  'max-h',
  'min-w',
  'min-h',
  'fit',
  'crop',
  'fp-x',
  'fp-y',
  'rect',
  'q',
  'fm',
  'auto',
  'dpr',
  'bg',
  'flip',
  'or',
  'orient',
  'blur',
  'sharp',
  'invert',
  'sat',
  'dl',
]

/** Whether `params` asks for any transform at all. */
export function wantsTransform(params: URLSearchParams): boolean {
  return KNOWN.some((name) => params.has(name))
}

/** Parse and check Sanity image-API parameters. Throws `ImageParamError` for a bad value. */
export function parseImageParams(params: URLSearchParams): ImageTransform {
  const dpr = number(params, 'dpr', 1, 3) ?? 1
  const rotation = params.get('or') ?? params.get('orient')
  if (rotation !== null && !['0', '90', '180', '270'].includes(rotation)) {
    throw new ImageParamError(`Invalid or="${rotation}": use 0, 90, 180 or 270`)
  }
  const flip = params.get('flip') ?? ''
  if (!/^(h|v|hv|vh)?$/.test(flip)) {
    throw new ImageParamError(`Invalid flip="${flip}": use h, v or hv`)
  }
  const fm = params.get('fm')
  const format = fm ? FORMATS[fm] : undefined
  if (fm && !format) {
    throw new ImageParamError(`Invalid fm="${fm}": use jpg, pjpg, png, webp, avif or gif`)
  }
  const auto = params.get('auto')
  if (auto !== null && auto !== '' && auto !== 'format') {
    throw new ImageParamError(`Invalid auto="${auto}": only auto=format is supported`)
  }
  const sat = number(params, 'sat', -100, 100)
  const dl = params.get('dl')
  return {
    rect: parseRect(params.get('rect')),
    rotate: Number(rotation ?? 0) as ImageTransform['rotate'],
    flipH: flip.includes('h'),
    flipV: flip.includes('v'),
    width: size(params, 'w', dpr),
    height: size(params, 'h', dpr),
    minWidth: size(params, 'min-w', dpr),
    minHeight: size(params, 'min-h', dpr),
    maxWidth: size(params, 'max-w', dpr),
    maxHeight: size(params, 'max-h', dpr),
    fit: oneOf(params, 'fit', FIT_MODES) ?? 'clip',
    crop: parseCrop(params),
    background: parseBackground(params.get('bg')),
    // Sanity's blur runs from 0 to 2000; sharp's sigma is bounded so a blur stays cheap.
    blurSigma: Math.min(100, (number(params, 'blur', 0, 2000) ?? 0) / 4),
    sharpen: number(params, 'sharp', 0, 100) ?? 0,
    invert: params.has('invert') && params.get('invert') !== 'false',
    grayscale: sat === -100,
    format: format?.format,
    progressive: format?.progressive ?? false,
    autoFormat: auto === 'format',
    quality: Math.round(number(params, 'q', 0, 100) ?? DEFAULT_QUALITY),
    ...(dl !== null ? {download: dl} : {}),
  }
}

/**
 * The output format: an explicit `fm`; else, with `auto=format`, AVIF or WebP when the `Accept`
 * header takes them; else the original's format.
 */
export function chooseFormat(
  transform: Pick<ImageTransform, 'format' | 'autoFormat'>,
  original: OutputFormat,
  accept: string | undefined,
): OutputFormat {
  if (transform.format) return transform.format
  if (transform.autoFormat && accept) {
    if (/\bimage\/avif\b/.test(accept)) return 'avif'
    if (/\bimage\/webp\b/.test(accept)) return 'webp'
  }
  return original
}

/** Output size and how to get there, for a source of `width`×`height` (after rect and turns). */
export interface SizePlan {
  /** The image is resized to this… */
  resizeWidth: number
  resizeHeight: number
  /** …with this sharp fit: 'fill' stretches, 'cover' cuts, 'inside' keeps it all. */
  mode: 'fill' | 'cover' | 'inside'
  /** Then centred on a canvas of this size (fill, fillmax), the rest painted with `bg`. */
  canvas?: {width: number; height: number}
}

function clampBox(
  t: ImageTransform,
  width: number | undefined,
  height: number | undefined,
): [number | undefined, number | undefined] {
  let w = width
  let h = height
  if (t.maxWidth !== undefined && w !== undefined) w = Math.min(w, t.maxWidth)
  if (t.maxHeight !== undefined && h !== undefined) h = Math.min(h, t.maxHeight)
  if (t.minWidth !== undefined && w !== undefined) w = Math.max(w, t.minWidth)
  if (t.minHeight !== undefined && h !== undefined) h = Math.max(h, t.minHeight)
  return [w, h]
}

const round = (n: number) => Math.max(1, Math.round(n))

/** Plan the resize of a `sw`×`sh` source for `t` (imgix's fit semantics, which Sanity's follow). */
export function planSize(t: ImageTransform, sw: number, sh: number): SizePlan {
  const [w, h] = clampBox(t, t.width, t.height)
  // Only bounds given: they act on the source's own size.
  if (w === undefined && h === undefined) {
    const scale = Math.min(
      1,
      t.maxWidth !== undefined ? t.maxWidth / sw : 1,
      t.maxHeight !== undefined ? t.maxHeight / sh : 1,
    )
    const up = Math.max(
      1,
      t.minWidth !== undefined ? t.minWidth / sw : 1,
      t.minHeight !== undefined ? t.minHeight / sh : 1,
    )
    const factor = scale < 1 ? scale : up
    return capped({resizeWidth: round(sw * factor), resizeHeight: round(sh * factor), mode: 'fill'})
  }
  const noUpscale = t.fit === 'max' || t.fit === 'fillmax' || t.fit === 'min'
  if (w === undefined || h === undefined) {
    // One side given: the other follows the aspect ratio, whatever the fit.
    let scale = w !== undefined ? w / sw : (h as number) / sh
    if (noUpscale) scale = Math.min(1, scale)
    return capped({resizeWidth: round(sw * scale), resizeHeight: round(sh * scale), mode: 'fill'})
  }
  switch (t.fit) {
    case 'scale':
      return capped({resizeWidth: w, resizeHeight: h, mode: 'fill'})
    case 'crop':
      return capped({resizeWidth: w, resizeHeight: h, mode: 'cover'})
    case 'min': {
      const factor = Math.min(1, sw / w, sh / h)
      return capped({
        resizeWidth: round(w * factor),
        resizeHeight: round(h * factor),
        mode: 'cover',
      })
    }
    case 'fill':
    case 'fillmax': {
      let scale = Math.min(w / sw, h / sh)
      if (t.fit === 'fillmax') scale = Math.min(1, scale)
      return capped({
        resizeWidth: Math.min(w, round(sw * scale)),
        resizeHeight: Math.min(h, round(sh * scale)),
        mode: 'fill',
        canvas: {width: w, height: h},
      })
    }
    case 'clip':
    case 'max': {
      let scale = Math.min(w / sw, h / sh)
      if (t.fit === 'max') scale = Math.min(1, scale)
      return capped({resizeWidth: round(sw * scale), resizeHeight: round(sh * scale), mode: 'fill'})
    }
  }
}

/** Keep an aspect-preserving result within `MAX_DIMENSION` on both sides. */
function capped(plan: SizePlan): SizePlan {
  const over = Math.max(plan.resizeWidth, plan.resizeHeight) / MAX_DIMENSION
  if (over <= 1) return plan
  return {
    ...plan,
    resizeWidth: round(plan.resizeWidth / over),
    resizeHeight: round(plan.resizeHeight / over),
  }
}
