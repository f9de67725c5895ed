/**
 * Images of imported posts: where each one's bytes are (a copy of `wp-content/uploads` given with
 * `--media`, else its URL), the alt text it gets (its own, its attachment's, else the best text
 * there is), and its asset: the id is computed from the bytes as Sanity does
 * (`image-<sha1>-<w>x<h>-<ext>`), so an image already in the dataset is never uploaded again and
 * a dry run knows every id without writing.
 */
import {createHash} from 'node:crypto'
import {readFile} from 'node:fs/promises'
import {basename, join, relative, resolve, sep} from 'node:path'
import type {SanityClient} from '@sanity/client'

import {imageSize} from 'image-size'
import {detach} from './wxr-reader.ts'

/** A WordPress attachment (an uploaded file) as the import needs it. */
export interface Attachment {
  id: number
  /** The original upload's URL. */
  url: string
  /** `_wp_attachment_image_alt`. */
  alt: string
  /** The attachment's title (WordPress fills it from the file name). */
  title: string
  /** The attachment's caption (its excerpt). */
  caption: string
}

/** Where the alt text an image got came from. */
export type AltSource = 'alt' | 'attachment' | 'caption' | 'title' | 'filename' | 'none'

/** The alt text for an image, and where it came from. */
export interface ChosenAlt {
  alt: string
  source: AltSource
}

/** Alt sources that are real alt text; the others are stand-ins an editor should check. */
export const REAL_ALT_SOURCES: ReadonlySet<AltSource> = new Set(['alt', 'attachment'])

/** `https://x/uploads/2026/11/chart-1024x683.png` → `chart-1024x683`. */
function fileStem(url: string): string {
  let path = url
  try {
    path = decodeURIComponent(new URL(url, 'https://x').pathname)
  } catch {
    // Keep the URL as written.
  }
  return basename(path).replace(/\.[a-z0-9]+$/i, '')
}

/**
 * The alt text of an image: its own `alt`, else its attachment's alt text; failing those the best
 * text there is, in this order: its caption, the attachment's caption, its `title`, the
 * attachment's title, the file name.
 */
export function chooseAlt(input: {
  alt?: string
  caption?: string
  title?: string
  attachment?: Attachment
  url: string
}): ChosenAlt {
  const clean = (text: string | undefined) => (text ?? '').replace(/\s+/g, ' ').trim()
  const candidates: Array<[string | undefined, AltSource]> = [
    [input.alt, 'alt'],
    [input.attachment?.alt, 'attachment'],
    [input.caption, 'caption'],
    [input.attachment?.caption, 'caption'],
    [input.title, 'title'],
    [input.attachment?.title, 'title'],
    [fileStem(input.url).replace(/[-_]+/g, ' '), 'filename'],
  ]
  for (const [text, source] of candidates) {
    const alt = clean(text)
    if (alt) return {alt, source}
  }
  return {alt: '', source: 'none'}
}

/**
 * The file under `mediaDir` (a copy of `wp-content/uploads`) for an upload's URL, or undefined
 * when the URL is not under `wp-content/uploads` (or would step outside `mediaDir`).
 */
export function mediaPathFor(url: string, mediaDir: string): string | undefined {
  let pathname: string
  try {
    pathname = decodeURIComponent(new URL(url, 'https://x').pathname)
  } catch {
    return undefined
  }
  const marker = '/wp-content/uploads/'
  const at = pathname.indexOf(marker)
  if (at < 0) return undefined
  const root = resolve(mediaDir)
  const path = resolve(join(root, pathname.slice(at + marker.length)))
  const inside = relative(root, path)
  return inside && !inside.startsWith('..') && !inside.startsWith(sep) ? path : undefined
}

/** Sanity's names for the image types it stores, by `image-size`'s. */
const EXTENSIONS: Record<string, string> = {
  png: 'png',
  jpg: 'jpg',
  gif: 'gif',
  webp: 'webp',
  svg: 'svg',
}

/** Width, height and Sanity's extension of image bytes; undefined if not an image Sanity takes. */
function imageInfo(bytes: Buffer): {width: number; height: number; extension: string} | undefined {
  let size
  try {
    size = imageSize(bytes)
  } catch {
    return undefined
  }
  const extension = size.type ? EXTENSIONS[size.type] : undefined
  if (!extension || !(size.width > 0) || !(size.height > 0)) return undefined
  return {width: size.width, height: size.height, extension}
}

/** `image-<sha1>-<w>x<h>-<ext>`, the id Sanity gives these bytes; undefined if not an image. */
export function imageAssetId(bytes: Buffer): string | undefined {
  const info = imageInfo(bytes)
  if (!info) return undefined
  const sha1 = createHash('sha1').update(bytes).digest('hex')
  return `image-${sha1}-${info.width}x${info.height}-${info.extension}`
}

/** An image ready to reference, or why it is not. */
export type ResolvedImage =
  {ok: true; assetId: string; uploaded: boolean} | {ok: false; reason: string}

/** Options of {@link createImageResolver}. */
export interface ImageResolverOptions {
  client: SanityClient
  /** A copy of `wp-content/uploads`, tried before the URL. */
  mediaDir?: string
  /** Resolves relative image URLs (`/wp-content/uploads/…`). */
  siteUrl?: string
  /** Look up and compute, never upload. */
  dryRun?: boolean
  /** @defaultValue `globalThis.fetch` */
  fetch?: typeof fetch
  /** @defaultValue 30 000 */
  timeoutMs?: number
}

/** Fetches and uploads images, each URL once per run. */
export interface ImageResolver {
  resolve(url: string): Promise<ResolvedImage>
  /** Distinct images so far: uploaded (or, in a dry run, to upload), already there, failed. */
  counts(): {uploaded: number; existing: number; failed: number}
}

const MAX_IMAGE_BYTES = 64 * 1024 * 1024

function reasonOf(error: unknown): string {
  const cause = (error as {cause?: {code?: string; message?: string}}).cause
  if (cause?.code) return cause.code
  if (error instanceof Error && error.name === 'TimeoutError') return 'timed out'
  return error instanceof Error ? error.message : String(error)
}

/** Starts a resolver; results are kept by URL for the rest of the run. */
export function createImageResolver(options: ImageResolverOptions): ImageResolver {
  const fetchImpl = options.fetch ?? globalThis.fetch
  const timeoutMs = options.timeoutMs ?? 30_000
  const results = new Map<string, Promise<ResolvedImage>>()
  const counts = {uploaded: 0, existing: 0, failed: 0}

  const readBytes = async (url: string): Promise<Buffer | string> => {
    const local = options.mediaDir ? mediaPathFor(url, options.mediaDir) : undefined
    if (local) {
      try {
        return await readFile(local)
      } catch {
        // Not in the copy: try the URL.
      }
    }
    if (!/^https?:\/\//.test(url)) return `not in --media and not a web address`
    try {
      const response = await fetchImpl(url, {signal: AbortSignal.timeout(timeoutMs)})
      if (!response.ok) {
        await response.body?.cancel()
        return `HTTP ${response.status}`
      }
      const length = Number(response.headers.get('content-length') ?? 0)
      if (length > MAX_IMAGE_BYTES) {
        await response.body?.cancel()
        return `larger than ${MAX_IMAGE_BYTES / 1024 / 1024} MB`
      }
      return Buffer.from(await response.arrayBuffer())
    } catch (error) {
      return reasonOf(error)
    }
  }

  const load = async (url: string): Promise<ResolvedImage> => {
    const bytes = await readBytes(url)
    if (typeof bytes === 'string') return {ok: false, reason: bytes}
    const assetId = imageAssetId(bytes)
    if (!assetId) return {ok: false, reason: 'not a PNG, JPEG, GIF, WebP or SVG image'}
    if (await options.client.getDocument(assetId, {tag: 'newsroom.import-wordpress.asset'})) {
      return {ok: true, assetId, uploaded: false}
    }
    if (options.dryRun) return {ok: true, assetId, uploaded: true}
    try {
      const asset = await options.client.assets.upload('image', bytes, {
        filename: basename(new URL(url, 'https://x').pathname) || 'image',
        tag: 'newsroom.import-wordpress.upload',
      })
      return {ok: true, assetId: asset._id, uploaded: true}
    } catch (error) {
      return {ok: false, reason: `upload failed: ${reasonOf(error)}`}
    }
  }

  return {
    resolve(rawUrl) {
      // Kept for the whole run: a copy, not a view into the post body it was found in.
      let url = detach(rawUrl)
      try {
        url = options.siteUrl ? new URL(rawUrl, options.siteUrl).href : url
      } catch {
        // Not a URL at all: reported as such by load.
      }
      let result = results.get(url)
      if (!result) {
        result = load(url).then((resolved) => {
          if (!resolved.ok) counts.failed++
          else if (resolved.uploaded) counts.uploaded++
          else counts.existing++
          return resolved
        })
        results.set(url, result)
      }
      return result
    },
    counts: () => ({...counts}),
  }
}
