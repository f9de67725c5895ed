/**
 * Asset uploads (`POST /assets/images|files/<ds>`) and the public file URLs Sanity's CDN would
 * serve (`/images/<projectId>/<ds>/<sha1>-WxH.<ext>`, `/files/<projectId>/<ds>/<sha1>.<ext>`).
 * Asset ids derive from the bytes' SHA-1, so the same upload twice gives the same asset.
 * Files live in `<data>/assets/<ds>/`.
 */
import {createHash} from 'node:crypto'
import {
  createReadStream,
  existsSync,
  mkdirSync,
  openSync,
  closeSync,
  fsyncSync,
  renameSync,
  statSync,
  writeSync,
} from 'node:fs'
import {dirname, extname, join} from 'node:path'
import {LakeError, lakeBaseUrl, type LakeResponse} from '../http.ts'
import type {Router} from '../router.ts'
import type {LakeContext, LakeDocument, LakeRequest} from '../types.ts'
import {requireDataset, requireWrite} from './request.ts'

/** Width, height and format read from an image's header. */
export interface ImageInfo {
  width: number
  height: number
  extension: 'png' | 'jpg' | 'gif' | 'webp' | 'svg'
  mimeType: string
  hasAlpha: boolean
}

const MIME_TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  svg: 'image/svg+xml',
  pdf: 'application/pdf',
  txt: 'text/plain; charset=utf-8',
  json: 'application/json',
  csv: 'text/csv',
  mp4: 'video/mp4',
  mp3: 'audio/mpeg',
  zip: 'application/zip',
  bin: 'application/octet-stream',
}

/** Read dimensions from PNG, JPEG, GIF, WebP or SVG bytes; undefined if not an image. */
export function readImageInfo(bytes: Buffer): ImageInfo | undefined {
  if (
    bytes.length >= 26 &&
    bytes.readUInt32BE(0) === 0x89504e47 &&
    bytes.readUInt32BE(4) === 0x0d0a1a0a
  ) {
    const colorType = bytes[25] ?? 0
    return {
      width: bytes.readUInt32BE(16),
      height: bytes.readUInt32BE(20),
      extension: 'png',
      mimeType: 'image/png',
      // Colour types 4 and 6 carry alpha; a tRNS chunk adds transparency to the others.
      hasAlpha: colorType === 4 || colorType === 6 || bytes.includes('tRNS'),
    }
  }
  if (bytes.length >= 10 && /^GIF8[79]a$/.test(bytes.toString('latin1', 0, 6))) {
    return {
      width: bytes.readUInt16LE(6),
      height: bytes.readUInt16LE(8),
      extension: 'gif',
      mimeType: 'image/gif',
      hasAlpha: true,
    }
  }
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8) return readJpeg(bytes)
  if (
    bytes.length >= 30 &&
    bytes.toString('latin1', 0, 4) === 'RIFF' &&
    bytes.toString('latin1', 8, 12) === 'WEBP'
  ) {
    return readWebp(bytes)
  }
  return readSvg(bytes)
}

function readJpeg(bytes: Buffer): ImageInfo | undefined {
  let i = 2
  while (i + 9 < bytes.length) {
    if (bytes[i] !== 0xff) return undefined
    const marker = bytes[i + 1] as number
    if (marker === 0xff) {
      i++
      continue
    }
    const length = bytes.readUInt16BE(i + 2)
    // SOF0..SOF15 carry the frame size, except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return {
        height: bytes.readUInt16BE(i + 5),
        width: bytes.readUInt16BE(i + 7),
        extension: 'jpg',
        mimeType: 'image/jpeg',
        hasAlpha: false,
      }
    }
    i += 2 + length
  }
  return undefined
}

function readWebp(bytes: Buffer): ImageInfo | undefined {
  const chunk = bytes.toString('latin1', 12, 16)
  const base = {extension: 'webp' as const, mimeType: 'image/webp'}
  if (chunk === 'VP8 ') {
    return {
      ...base,
      width: bytes.readUInt16LE(26) & 0x3fff,
      height: bytes.readUInt16LE(28) & 0x3fff,
      hasAlpha: false,
    }
  }
  if (chunk === 'VP8L') {
    const b0 = bytes[21] as number
    const b1 = bytes[22] as number
    const b2 = bytes[23] as number
    const b3 = bytes[24] as number
    return {
      ...base,
      width: 1 + (((b1 & 0x3f) << 8) | b0),
      height: 1 + (((b3 & 0xf) << 10) | (b2 << 2) | ((b1 & 0xc0) >> 6)),
      hasAlpha: true,
    }
  }
  if (chunk === 'VP8X') {
    return {
      ...base,
      width: 1 + bytes.readUIntLE(24, 3),
      height: 1 + bytes.readUIntLE(27, 3),
      hasAlpha: ((bytes[20] as number) & 0x10) !== 0,
    }
  }
  return undefined
}

function readSvg(bytes: Buffer): ImageInfo | undefined {
  const head = bytes.toString('utf8', 0, Math.min(bytes.length, 4096))
  const tag = /<svg\b[^>]*>/i.exec(head)?.[0]
  if (!tag) return undefined
  const attr = (name: string) =>
    new RegExp(`\\s${name}\\s*=\\s*["']([^"']*)["']`, 'i').exec(tag)?.[1]
  const viewBox = attr('viewBox')
    ?.trim()
    .split(/[\s,]+/)
    .map(Number)
  const width = parseFloat(attr('width') ?? '') || viewBox?.[2]
  const height = parseFloat(attr('height') ?? '') || viewBox?.[3]
  if (!width || !height) return undefined
  return {
    width: Math.round(width),
    height: Math.round(height),
    extension: 'svg',
    mimeType: 'image/svg+xml',
    hasAlpha: true,
  }
}

/** Write `bytes` to `path` durably (fsync, then rename into place). */
function writeFileDurably(path: string, bytes: Buffer): void {
  const tmp = `${path}.${process.pid}.tmp`
  const fd = openSync(tmp, 'w')
  try {
    writeSync(fd, bytes)
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  renameSync(tmp, path)
  // Persist the rename itself, so the file survives a crash along with its document.
  const dir = openSync(dirname(path), 'r')
  try {
    fsyncSync(dir)
  } finally {
    closeSync(dir)
  }
}

function assetDir(ctx: LakeContext, dataset: string): string {
  return join(ctx.config.dataDir, 'assets', dataset)
}

function cleanFilename(name: string | null): string | undefined {
  if (!name) return undefined
  return name.replace(/[/\\]/g, '_').slice(0, 255) || undefined
}

async function upload(ctx: LakeContext, req: LakeRequest, kind: 'image' | 'file') {
  const dataset = requireDataset(ctx, req)
  requireWrite(req.access, 'mutate')
  const bytes = await req.body()
  if (bytes.length === 0) {
    throw LakeError.sanity(400, 'httpBadRequest', 'Empty upload: send the file as the request body')
  }
  const sha1 = createHash('sha1').update(bytes).digest('hex')
  const originalFilename = cleanFilename(req.query.get('filename'))
  const {projectId} = ctx.config
  const base = lakeBaseUrl(ctx.config)

  let id: string
  let fileName: string
  let fields: Record<string, unknown>
  if (kind === 'image') {
    const info = readImageInfo(bytes)
    if (!info || info.width <= 0 || info.height <= 0) {
      throw LakeError.sanity(400, 'httpBadRequest', 'Invalid image: could not read its dimensions')
    }
    id = `image-${sha1}-${info.width}x${info.height}-${info.extension}`
    fileName = `${sha1}-${info.width}x${info.height}.${info.extension}`
    fields = {
      _type: 'sanity.imageAsset',
      extension: info.extension,
      mimeType: info.mimeType,
      metadata: {
        _type: 'sanity.imageMetadata',
        dimensions: {
          _type: 'sanity.imageDimensions',
          width: info.width,
          height: info.height,
          aspectRatio: info.width / info.height,
        },
        hasAlpha: info.hasAlpha,
        isOpaque: !info.hasAlpha,
      },
      path: `images/${projectId}/${dataset}/${fileName}`,
      url: `${base}/images/${projectId}/${dataset}/${fileName}`,
    }
  } else {
    const fromName = extname(originalFilename ?? '')
      .slice(1)
      .toLowerCase()
    const contentType = String(req.headers['content-type'] ?? '')
      .split(';')[0]
      ?.trim()
    const fromType = Object.entries(MIME_TYPES).find(
      ([, mime]) => mime.split(';')[0] === contentType,
    )?.[0]
    const extension = (/^[a-z0-9]{1,10}$/.test(fromName) ? fromName : fromType) ?? 'bin'
    const mimeType =
      contentType && contentType !== 'application/octet-stream'
        ? contentType
        : (MIME_TYPES[extension]?.split(';')[0] ?? 'application/octet-stream')
    id = `file-${sha1}-${extension}`
    fileName = `${sha1}.${extension}`
    fields = {
      _type: 'sanity.fileAsset',
      extension,
      mimeType,
      path: `files/${projectId}/${dataset}/${fileName}`,
      url: `${base}/files/${projectId}/${dataset}/${fileName}`,
    }
  }

  const existing = ctx.store.getDocument(dataset, id)
  if (existing) return {document: existing}

  const dir = assetDir(ctx, dataset)
  mkdirSync(dir, {recursive: true})
  // The bytes are on disk before the document that points at them is committed.
  writeFileDurably(join(dir, fileName), bytes)
  const doc = {
    _id: id,
    ...fields,
    assetId: sha1,
    sha1hash: sha1,
    size: bytes.length,
    originalFilename: originalFilename ?? fileName,
    ...(req.query.get('title') ? {title: req.query.get('title')} : {}),
    ...(req.query.get('description') ? {description: req.query.get('description')} : {}),
    uploadId: sha1.slice(0, 32),
  }
  const tx = ctx.store.commit(dataset, [{createIfNotExists: doc}], {
    identity: req.access.identity,
  })
  const document: LakeDocument | undefined =
    tx.changes.find((c) => c.id === id)?.after ?? ctx.store.getDocument(dataset, id)
  return {document}
}

const SERVED_NAME = /^[a-f0-9]{40}(-\d+x\d+)?\.[a-z0-9]{1,10}$/

function serveFile(ctx: LakeContext, req: LakeRequest, res: LakeResponse): void {
  const {projectId, dataset = '', file = ''} = req.params
  if (projectId !== ctx.config.projectId || !ctx.store.hasDataset(dataset)) {
    throw LakeError.plain(404, 'Not Found', 'Asset not found')
  }
  if (!SERVED_NAME.test(file)) throw LakeError.plain(404, 'Not Found', 'Asset not found')
  const path = join(assetDir(ctx, dataset), file)
  if (!existsSync(path)) throw LakeError.plain(404, 'Not Found', 'Asset not found')
  const extension = extname(file).slice(1)
  res.statusCode = 200
  res.setHeader('content-type', MIME_TYPES[extension] ?? 'application/octet-stream')
  res.setHeader('content-length', String(statSync(path).size))
  res.setHeader('cache-control', 'public, max-age=31536000, immutable')
  res.setHeader('x-sanity-sha1', file.slice(0, 40))
  res.setHeader('etag', `"${file.slice(0, 40)}"`)
  // Public like Sanity's CDN: any page may load the bytes.
  res.setHeader('access-control-allow-origin', '*')
  if (req.method === 'HEAD') {
    res.end()
    return
  }
  createReadStream(path)
    .on('error', () => res.end())
    .pipe(res as NodeJS.WritableStream)
}

/** Register asset upload and the public `/images/…` and `/files/…` URLs. */
export function registerAssetRoutes(router: Router, ctx: LakeContext): void {
  router.add('POST', '/assets/images/:dataset', (req) => upload(ctx, req, 'image'))
  router.add('POST', '/assets/files/:dataset', (req) => upload(ctx, req, 'file'))
  router.add('GET', '/images/:projectId/:dataset/:file', (req, res) => serveFile(ctx, req, res))
  router.add('GET', '/files/:projectId/:dataset/:file', (req, res) => serveFile(ctx, req, res))
  // Sanity also accepts a vanity file name after the asset path.
  router.add('GET', '/images/:projectId/:dataset/:file/:vanity', (req, res) =>
    serveFile(ctx, req, res),
  )
  router.add('GET', '/files/:projectId/:dataset/:file/:vanity', (req, res) =>
    serveFile(ctx, req, res),
  )
}
