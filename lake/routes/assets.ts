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
import {ImageParamError, parseImageParams, wantsTransform} from '../images/params.ts'
import {readImageInfo, transformImage} from '../images/transform.ts'
import type {Router} from '../router.ts'
import type {LakeContext, LakeDocument, LakeRequest} from '../types.ts'
import {requireDataset, requireWrite} from './request.ts'

const MIME_TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  tiff: 'image/tiff',
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
    const info = await readImageInfo(bytes)
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

/** Long-lived and public, like Sanity's CDN: an asset URL's bytes never change. */
function setPublicCacheHeaders(res: LakeResponse, etag: string): void {
  res.setHeader('cache-control', 'public, max-age=31536000, immutable')
  res.setHeader('etag', `"${etag}"`)
  // Public like Sanity's CDN: any page may load the bytes.
  res.setHeader('access-control-allow-origin', '*')
}

function assetPath(
  ctx: LakeContext,
  req: LakeRequest,
): {dataset: string; file: string; path: string} {
  const {projectId, dataset = '', file = ''} = req.params
  if (projectId !== ctx.config.projectId || !ctx.store.hasDataset(dataset)) {
    throw LakeError.plain(404, 'Not Found', 'Asset not found')
  }
  if (!SERVED_NAME.test(file)) throw LakeError.plain(404, 'Not Found', 'Asset not found')
  const path = join(assetDir(ctx, dataset), file)
  if (!existsSync(path)) throw LakeError.plain(404, 'Not Found', 'Asset not found')
  return {dataset, file, path}
}

function downloadName(req: LakeRequest, file: string, extension: string): string | undefined {
  const dl = req.query.get('dl')
  if (dl === null) return undefined
  const name = (dl || file).replace(/["\\/\r\n]/g, '_')
  return /\.[a-z0-9]+$/i.test(name) ? name : `${name}.${extension}`
}

function serveFile(ctx: LakeContext, req: LakeRequest, res: LakeResponse): void {
  const {file, path} = assetPath(ctx, req)
  const extension = extname(file).slice(1)
  res.statusCode = 200
  res.setHeader('content-type', MIME_TYPES[extension] ?? 'application/octet-stream')
  res.setHeader('content-length', String(statSync(path).size))
  res.setHeader('x-sanity-sha1', file.slice(0, 40))
  setPublicCacheHeaders(res, file.slice(0, 40))
  const download = downloadName(req, file, extension)
  if (download) res.setHeader('content-disposition', `attachment; filename="${download}"`)
  if (req.method === 'HEAD') {
    res.end()
    return
  }
  createReadStream(path)
    .on('error', () => res.end())
    .pipe(res as NodeJS.WritableStream)
}

/**
 * `/images/…` with Sanity's image-API parameters: the transformed copy (cached on disk beside
 * the original), or the original itself when no parameter asks for a change.
 */
async function serveImage(ctx: LakeContext, req: LakeRequest, res: LakeResponse): Promise<void> {
  if (!wantsTransform(req.query)) {
    serveFile(ctx, req, res)
    return
  }
  const {dataset, file, path} = assetPath(ctx, req)
  let transform
  try {
    transform = parseImageParams(req.query)
  } catch (error) {
    if (!(error instanceof ImageParamError)) throw error
    throw LakeError.plain(400, 'Bad Request', error.message)
  }
  const sha1 = file.slice(0, 40)
  const image = await transformImage({
    source: path,
    originalExtension: extname(file).slice(1),
    transform,
    accept: req.headers.accept,
    cacheDir: join(assetDir(ctx, dataset), 'transforms', sha1),
  })
  res.statusCode = 200
  res.setHeader('content-type', image.mimeType)
  res.setHeader('content-length', String(image.bytes.length))
  res.setHeader('x-sanity-sha1', sha1)
  setPublicCacheHeaders(
    res,
    `${sha1}-${createHash('sha1').update(image.bytes).digest('hex').slice(0, 16)}`,
  )
  // With auto=format the bytes depend on what the browser accepts.
  if (transform.autoFormat && !transform.format) {
    const vary = res.getHeader('vary')
    res.setHeader('vary', vary ? `${String(vary)}, Accept` : 'Accept')
  }
  res.setHeader('x-lake-image-cache', image.cached ? 'hit' : 'miss')
  const download = downloadName(req, file, image.format)
  if (download) res.setHeader('content-disposition', `attachment; filename="${download}"`)
  if (req.method === 'HEAD') res.end()
  else res.end(image.bytes)
}

/** Register asset upload and the public `/images/…` and `/files/…` URLs. */
export function registerAssetRoutes(router: Router, ctx: LakeContext): void {
  router.add('POST', '/assets/images/:dataset', (req) => upload(ctx, req, 'image'))
  router.add('POST', '/assets/files/:dataset', (req) => upload(ctx, req, 'file'))
  router.add('GET', '/images/:projectId/:dataset/:file', (req, res) => serveImage(ctx, req, res))
  router.add('GET', '/files/:projectId/:dataset/:file', (req, res) => serveFile(ctx, req, res))
  // Sanity also accepts a vanity file name after the asset path.
  router.add('GET', '/images/:projectId/:dataset/:file/:vanity', (req, res) =>
    serveImage(ctx, req, res),
  )
  router.add('GET', '/files/:projectId/:dataset/:file/:vanity', (req, res) =>
    serveFile(ctx, req, res),
  )
}
