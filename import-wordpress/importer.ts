/**
 * `importWordPress(options)`: a WordPress export (WXR) into the content model. Two passes over
 * the file, streamed: a scan (ids, dates, slugs, terms, attachments, the hash of each item; a
 * damaged file fails here, before anything is written), then the import, post by post, in
 * batched transactions.
 *
 * A post whose source hash (its item, its images' bytes, and what the plan decided for it) is
 * the one the last import recorded, and which nobody changed since, is skipped before it is
 * converted; when every post is, the second pass is not made at all.
 */
import {createHash} from 'node:crypto'
import {statSync} from 'node:fs'
import {readFile} from 'node:fs/promises'
import {performance} from 'node:perf_hooks'

import {publishedIdOf} from 'sanity-plugin-newsroom/related'
import {createProgress, type Progress, type ProgressOutput} from './progress.ts'
import {preflightTarget, type Target} from './target.ts'
import {
  authorIdFor,
  buildAuthorDocument,
  buildPostContent,
  canonicalJson,
  contentHashOf,
  EXCERPT_MAX,
  shortenExcerpt,
  type ImageWithAlt,
} from './documents.ts'
import {parseFootnotesMeta, type Footnote} from './footnotes.ts'
import type {BodyConverter, MediaBlock, PendingImage, TextBlock} from './html-to-blocks.ts'
import {htmlText} from './html-text.ts'
import {
  chooseAlt,
  createImageResolver,
  mediaPathFor,
  REAL_ALT_SOURCES,
  type Attachment,
  type ImageResolver,
} from './images.ts'
import type {PostMedia} from './media.ts'
import {
  originalUploadUrl,
  planImport,
  scanExport,
  type ExistingContent,
  type ExistingPost,
  type ImportPlan,
  type PlannedPost,
  type ScanResult,
} from './plan.ts'
import {stableKey} from './keys.ts'
import {
  formatRedirects,
  permalinkPath,
  postPath,
  type Redirect,
  type RedirectFormat,
} from './redirects.ts'
import {
  emptySummary,
  formatReport,
  writeFileWhole,
  type ImportSummary,
  type ImportWarning,
} from './report.ts'
import {createPostWriter, type PreparedPost} from './writer.ts'
import {detach, readWxrFile, type WxrItem} from './wxr-reader.ts'

/** Options of {@link importWordPress}. */
export interface ImportWordPressOptions {
  /** The WXR file (Tools → Export in WordPress). */
  file: string
  /** Where to write: `resolveTarget(flags)` from `import-wordpress/target.ts`. */
  target: Target
  /** A copy of `wp-content/uploads`; images not found there are fetched from their URL. */
  mediaDir?: string
  /** Read, convert, fetch and compare, but write nothing. */
  dryRun?: boolean
  /** Categories become tags too (except WordPress's default "Uncategorized"). */
  categoriesAsTags?: boolean
  /** Replace posts an editor changed since the last import. */
  overwrite?: boolean
  /** Write redirects from the old permalinks to `/posts/<slug>`. */
  redirects?: {file: string; format?: RedirectFormat}
  /** Write every warning to this file (JSON when it ends in `.json`). */
  reportFile?: string
  /**
   * Where progress goes (a terminal gets a bar); `false` for none.
   * @defaultValue `process.stderr`
   */
  progress?: ProgressOutput | false
  /**
   * Posts per transaction.
   * @defaultValue 25
   */
  batchSize?: number
  /** Fetches image URLs. @defaultValue `globalThis.fetch` */
  fetch?: typeof fetch
}

/** What an import did. */
export interface ImportResult {
  summary: ImportSummary
  warnings: ImportWarning[]
  redirects: Redirect[]
}

/** A batch is written early once its documents reach this size, to keep transactions small. */
const BATCH_MAX_BYTES = 2 * 1024 * 1024
/** Images of one post fetched at once. */
const IMAGE_CONCURRENCY = 4

async function mapLimited<T, R>(items: readonly T[], limit: number, map: (item: T) => Promise<R>) {
  const results: R[] = new Array(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const index = next++
      results[index] = await map(items[index] as T)
    }
  }
  await Promise.all(Array.from({length: Math.min(limit, items.length)}, worker))
  return results
}

async function queryExisting(target: Target): Promise<ExistingContent> {
  const client = target.client.withConfig({perspective: 'raw'})
  return client.fetch(
    `{"posts": *[_type == "post"]{_id, _rev, "slug": slug.current, "wordpress": wordpress{id, site, guid, sourceHash, importRevision}}, "tags": *[_type == "tag"]{_id, title}}`,
    {},
    {tag: 'newsroom.import-wordpress.plan'},
  )
}

/**
 * The version of what the conversion makes of a source: part of every source hash, so a change
 * to the conversion (a new block type, a fixed bug) re-converts every post on the next run.
 */
export const CONVERSION_VERSION = '2'

/** The image bytes hashes of one run, by file. */
type ByteHashes = Map<string, Promise<string>>

function sha1(text: string | Buffer): string {
  return createHash('sha1').update(text).digest('hex')
}

/**
 * What a post's images are, for its source hash: for each image it names, the hash of its bytes
 * in `mediaDir`, else its URL (an image fetched from the old site is not fetched to be hashed).
 */
async function imagesFingerprint(
  post: PlannedPost,
  context: {scan: ScanResult; media: (post: PlannedPost) => PostMedia; mediaDir?: string},
  hashes: ByteHashes,
): Promise<string[]> {
  const media = context.media(post)
  const urls = [
    ...post.media.urls,
    ...post.media.ids.map((id) => context.scan.attachments.get(id)?.url ?? `attachment:${id}`),
    ...(post.media.ownGallery ? media.ownAttachments().map((attachment) => attachment.url) : []),
  ]
  return Promise.all(
    urls.map(async (url) => {
      const path = context.mediaDir ? mediaPathFor(url, context.mediaDir) : undefined
      if (!path) return url
      let hash = hashes.get(path)
      if (!hash) {
        hash = readFile(path).then(
          (bytes) => sha1(bytes),
          () => `missing:${url}`,
        )
        hashes.set(path, hash)
      }
      return hash
    }),
  )
}

/** The source hash of a planned post; see the module comment. */
function sourceHashOf(post: PlannedPost, images: string[]): string {
  return sha1(
    canonicalJson({
      version: CONVERSION_VERSION,
      item: post.itemHash,
      images,
      id: post.documentId,
      site: post.site,
      slug: post.slug,
      tags: post.tagIds,
      previous: post.previous,
      next: post.next,
    }),
  )
}

/**
 * Whether the dataset holds `post` exactly as the last import wrote it from this same source:
 * the version the import writes (published or draft) alone, unchanged since (its `_rev` is the
 * import's transaction), with this source hash.
 */
function isUnchangedSince(
  post: PlannedPost,
  sourceHash: string,
  stored: ReadonlyMap<string, ExistingPost>,
): boolean {
  const other = stored.get(post.published ? `drafts.${post.baseId}` : post.baseId)
  const own = stored.get(post.documentId)
  if (other || !own?._rev) return false
  return own.wordpress?.sourceHash === sourceHash && own.wordpress.importRevision === own._rev
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory()
  } catch {
    return false
  }
}

/** The export's size, for the scan's bar; undefined when unreadable (the reader says why). */
function fileSize(path: string): number | undefined {
  try {
    return statSync(path).size
  } catch {
    return undefined
  }
}

/** Everything the second pass needs to turn one item into a post. */
interface Context {
  scan: ScanResult
  /** The attachments a post's galleries and players may name. */
  media: (post: PlannedPost) => PostMedia
  /** Source hashes, by ordinal. */
  sourceHashes: Map<number, string>
  converter: BodyConverter
  images: ImageResolver
  warn: (warning: ImportWarning) => void
  progress?: Progress
  /** Featured images whose attachment is not in the export. */
  missingAttachments: number
}

function postRef(post: PlannedPost) {
  return {wordpressId: post.wordpressId, documentId: post.documentId, title: post.title}
}

/** Attachments by the post they belong to, in WordPress's gallery order (menu order, then id). */
function attachmentsByParent(attachments: ReadonlyMap<number, Attachment>) {
  const byParent = new Map<number, Attachment[]>()
  for (const attachment of attachments.values()) {
    if (!attachment.parent || !attachment.url) continue
    const list = byParent.get(attachment.parent) ?? []
    list.push(attachment)
    byParent.set(attachment.parent, list)
  }
  for (const list of byParent.values()) {
    list.sort((a, b) => a.menuOrder - b.menuOrder || a.id - b.id)
  }
  return byParent
}

/** A post's footnotes from its meta, keyed for the post; reported when the meta is unreadable. */
function footnotesOf(
  context: Context,
  item: WxrItem,
  post: PlannedPost,
): {footnotes: Footnote[]; keys: Map<string, string>} {
  const parsed = parseFootnotesMeta(item.meta.footnotes)
  if (!parsed) {
    context.warn({
      kind: 'dropped-block',
      post: postRef(post),
      message: 'the footnotes meta is not the JSON WordPress writes; footnotes left out',
    })
    return {footnotes: [], keys: new Map()}
  }
  const keys = new Map<string, string>()
  const footnotes = parsed.map((footnote) => {
    const key = stableKey(post.baseId, 'footnotes', footnote.id)
    keys.set(footnote.id, key)
    const text = context.converter.text(footnote.content)
    if (/<(?!\/?(?:p|br)\b)[a-z]/i.test(footnote.content)) {
      context.warn({
        kind: 'approximated',
        post: postRef(post),
        message: `footnote “${text.slice(0, 40)}” kept as plain text; its formatting and links are not kept`,
      })
    }
    return {_type: 'footnote' as const, _key: key, text}
  })
  return {footnotes, keys}
}

function attachmentFor(context: Context, image: PendingImage): Attachment | undefined {
  const {attachments, attachmentIdsByUrl} = context.scan
  const byId = image.attachmentId ? attachments.get(image.attachmentId) : undefined
  if (byId) return byId
  const id =
    attachmentIdsByUrl.get(image.src) ?? attachmentIdsByUrl.get(originalUploadUrl(image.src))
  return id === undefined ? undefined : attachments.get(id)
}

/** An image as the post stores it, or undefined (reported) when its bytes cannot be had. */
async function resolveImage(
  context: Context,
  post: PlannedPost,
  input: {
    url: string
    alt?: string
    caption?: string
    title?: string
    attachment?: Attachment
    key?: string
    role: string
  },
): Promise<ImageWithAlt | undefined> {
  const result = await context.images.resolve(input.url)
  if (!result.ok) {
    context.warn({
      kind: 'image-failed',
      post: postRef(post),
      message: `${input.role} ${input.url} could not be fetched (${result.reason}); left out`,
    })
    return undefined
  }
  context.progress?.count('images')
  const chosen = chooseAlt(input)
  if (!REAL_ALT_SOURCES.has(chosen.source)) {
    context.warn({
      kind: 'missing-alt',
      post: postRef(post),
      message: chosen.alt
        ? `${input.role} ${input.url} has no alt text; imported with its ${chosen.source} “${chosen.alt}” as alt text`
        : `${input.role} ${input.url} has no alt text and nothing to take it from`,
    })
  }
  const caption = input.caption?.trim()
  return {
    _type: 'imageWithAlt',
    ...(input.key ? {_key: input.key} : {}),
    asset: {_type: 'reference', _ref: result.assetId},
    alt: chosen.alt,
    ...(caption ? {caption} : {}),
  }
}

async function preparePost(
  context: Context,
  item: WxrItem,
  post: PlannedPost,
): Promise<PreparedPost> {
  const footnotes = footnotesOf(context, item, post)
  const converted = context.converter.convert(item.content, post.baseId, {
    media: context.media(post),
    footnoteKeys: footnotes.keys,
  })
  for (const note of converted.notes) {
    context.warn({kind: 'approximated', post: postRef(post), message: note})
  }
  for (const block of converted.blocks) {
    if (block._type === 'mediaEmbed' && block.kind === 'embed') {
      context.warn({
        kind: 'approximated',
        post: postRef(post),
        message: `the embed ${block.url} became a media block the reader site shows as a link, not the provider's player`,
      })
    }
  }
  const referenced = new Set(converted.footnoteIds)
  const unreferenced = [...footnotes.keys.keys()].filter((id) => !referenced.has(id))
  if (unreferenced.length > 0) {
    context.warn({
      kind: 'approximated',
      post: postRef(post),
      message: `${unreferenced.length} of ${footnotes.keys.size} footnotes have no marker in the body; listed after it all the same`,
    })
  }
  let imagesFailed = false
  for (const shortcode of converted.shortcodes) {
    context.warn({kind: 'shortcode', post: postRef(post), message: `${shortcode} kept as text`})
  }
  for (const block of converted.droppedBlocks) {
    context.warn({
      kind: 'dropped-block',
      post: postRef(post),
      message: `the Gutenberg block wp:${block} has no HTML in the export; left out`,
    })
  }
  const body = await mapLimited(converted.blocks, IMAGE_CONCURRENCY, async (block) => {
    if (block._type === 'block') return block as TextBlock
    if (block._type === 'mediaEmbed') return block as MediaBlock
    const attachment = attachmentFor(context, block)
    const image = await resolveImage(context, post, {
      url: attachment?.url || block.src,
      alt: block.alt,
      caption: block.caption,
      title: block.title,
      attachment,
      key: block._key,
      role: 'image',
    })
    if (!image) imagesFailed = true
    return image
  })

  let heroImage: ImageWithAlt | undefined
  const thumbnailId = Number(item.meta._thumbnail_id)
  if (Number.isInteger(thumbnailId) && thumbnailId > 0) {
    const attachment = context.scan.attachments.get(thumbnailId)
    if (attachment?.url) {
      heroImage = await resolveImage(context, post, {
        url: attachment.url,
        attachment,
        role: 'featured image',
      })
      if (!heroImage) imagesFailed = true
    } else {
      imagesFailed = true
      context.missingAttachments++
      context.warn({
        kind: 'image-failed',
        post: postRef(post),
        message: `featured image: attachment ${thumbnailId} is not in the export; left out`,
      })
    }
  }

  const excerptText = context.converter.text(item.excerpt)
  const excerpt = shortenExcerpt(excerptText)
  if (excerpt !== excerptText) {
    context.warn({
      kind: 'excerpt-shortened',
      post: postRef(post),
      message: `the excerpt had ${excerptText.length} characters; shortened to ${EXCERPT_MAX}`,
    })
  }
  const content = buildPostContent({
    id: post.baseId,
    origin: {
      ...(post.wordpressId > 0 ? {id: post.wordpressId} : {}),
      permalink: post.permalink || undefined,
      site: post.site || undefined,
      guid: post.guid || undefined,
      // A post with an image missing keeps no source hash, so the next run tries again.
      sourceHash: imagesFailed ? undefined : context.sourceHashes.get(post.ordinal),
    },
    title: post.title,
    slug: post.slug,
    excerpt,
    heroImage,
    body: body.filter((block) => block !== undefined),
    publishedAt: post.publishedAt,
    tagIds: post.tagIds,
    footnotes: footnotes.footnotes,
    authorIds: post.creator ? [authorIdFor(post.creator)] : [],
  })
  return {
    planned: post,
    content,
    contentHash: contentHashOf(content as unknown as Record<string, unknown>),
  }
}

function approximateSize(post: PreparedPost): number {
  // Text dominates a post; counting it avoids serialising every post twice.
  let size = 1024
  for (const block of post.content.body as TextBlock[]) {
    for (const child of block.children ?? []) size += (child.text?.length ?? 0) + 64
    size += 128
  }
  return size
}

/**
 * The authors of the imported posts (`dc:creator`, named by `wp:author`), created if missing in
 * one transaction before the posts that reference them: rerunning never overwrites an author an
 * editor changed.
 */
async function writeAuthors(target: Target, scan: ScanResult, plan: ImportPlan, dryRun: boolean) {
  const logins = new Set(
    [...plan.posts.values()].flatMap((post) => (post.creator ? [post.creator] : [])),
  )
  if (dryRun || logins.size === 0) return
  const transaction = target.client.transaction()
  for (const login of logins) {
    transaction.createIfNotExists(buildAuthorDocument(login, scan.authorNames.get(login)))
  }
  await transaction.commit({visibility: 'async', tag: 'newsroom.import-wordpress.authors'})
}

/**
 * Imports the WordPress export `options.file` into `options.target`; see the README's "Import
 * from WordPress". Throws a `WxrError` for a file that is not a whole WXR export and a
 * `TargetError` for a target that cannot be written, both before anything is written.
 */
export async function importWordPress(options: ImportWordPressOptions): Promise<ImportResult> {
  const started = performance.now()
  const dryRun = options.dryRun ?? false
  const summary = emptySummary(dryRun)
  const warnings: ImportWarning[] = []
  const warn = (warning: ImportWarning) => {
    // Messages quote URLs cut from post bodies: copied, so no body is kept for the whole run.
    warnings.push({...warning, message: detach(warning.message)})
  }
  const output = options.progress === false ? undefined : (options.progress ?? process.stderr)

  if (options.mediaDir !== undefined && !isDirectory(options.mediaDir)) {
    throw new Error(`The media directory ${options.mediaDir} does not exist`)
  }
  await preflightTarget(options.target, {write: !dryRun})

  let scanned = 0
  const scanProgress = output
    ? createProgress({
        label: 'scan',
        unit: 'MB',
        total: fileSize(options.file),
        output,
        format: (bytes) => (bytes / 1e6).toFixed(1),
      })
    : undefined
  let scan: ScanResult
  try {
    scan = await scanExport(
      readWxrFile(options.file, {
        onBytes: (bytes) => {
          scanProgress?.advance(bytes - scanned)
          scanned = bytes
        },
      }),
      {text: htmlText},
    )
  } catch (error) {
    scanProgress?.stop()
    throw error
  }
  scanProgress?.done()
  warnings.push(...scan.warnings)
  summary.items = scan.items
  summary.skipped = scan.skipped

  const existing = await queryExisting(options.target)
  const plan = planImport(scan, existing, {
    categoriesAsTags: options.categoriesAsTags,
    text: htmlText,
  })
  warnings.push(...plan.warnings)

  const progress = output
    ? createProgress({
        label: 'import',
        unit: 'items',
        total: scan.items,
        counters: ['images', 'transactions'],
        output,
      })
    : undefined
  const byParent = attachmentsByParent(scan.attachments)
  const media = (post: PlannedPost): PostMedia => ({
    attachment: (id) => scan.attachments.get(id),
    ownAttachments: () => (post.wordpressId > 0 ? (byParent.get(post.wordpressId) ?? []) : []),
  })
  const stored = new Map(existing.posts.map((post) => [post._id, post]))
  const sourceHashes = new Map<number, string>()
  const unchanged = new Set<number>()
  const byteHashes: ByteHashes = new Map()
  await mapLimited([...plan.posts.values()], IMAGE_CONCURRENCY, async (post) => {
    const images =
      post.media.urls.length + post.media.ids.length > 0 || post.media.ownGallery
        ? await imagesFingerprint(post, {scan, media, mediaDir: options.mediaDir}, byteHashes)
        : []
    const hash = sourceHashOf(post, images)
    sourceHashes.set(post.ordinal, hash)
    if (isUnchangedSince(post, hash, stored)) unchanged.add(post.ordinal)
  })
  byteHashes.clear()

  const context: Context = {
    scan,
    media,
    sourceHashes,
    // Loaded with jsdom and block-tools only when a post needs converting.
    converter: undefined as unknown as BodyConverter,
    images: createImageResolver({
      client: options.target.client,
      mediaDir: options.mediaDir,
      siteUrl: scan.site.baseSiteUrl || scan.site.link || undefined,
      dryRun,
      fetch: options.fetch,
    }),
    warn,
    progress,
    missingAttachments: 0,
  }
  const redirects: Redirect[] = []
  const writer = createPostWriter({
    client: options.target.client,
    dryRun,
    overwrite: options.overwrite,
    existingPostIds: existing.posts
      .map((post) => post._id)
      .filter((id) => publishedIdOf(id) === id),
    tags: plan.tags,
    onTransaction: () => {
      summary.transactions++
      progress?.count('transactions')
    },
    onPost: (planned, decision) => {
      if (planned.published) summary.posts.published++
      else summary.posts.drafts++
      if (decision.outcome === 'kept' || decision.outcome === 'kept-published') {
        summary.posts.kept++
        warn({
          kind: decision.outcome === 'kept' ? 'kept-edited' : 'kept-published',
          post: postRef(planned),
          message:
            decision.outcome === 'kept'
              ? 'changed in the Studio since the last import; kept as it is (--overwrite replaces it)'
              : 'a draft in WordPress but published in the dataset; the published post is kept',
        })
      } else {
        summary.posts[decision.outcome]++
      }
      if (unchanged.has(planned.ordinal)) summary.posts.skipped++
      const from = planned.published ? permalinkPath(planned.permalink) : undefined
      if (from) {
        const slug =
          decision.outcome === 'kept'
            ? ((decision.current?.slug as {current?: string} | undefined)?.current ?? planned.slug)
            : planned.slug
        redirects.push({from, to: postPath(slug)})
      }
    },
  })

  const batchSize = options.batchSize ?? 25
  let batch: PreparedPost[] = []
  let batchBytes = 0
  const flush = async () => {
    const current = batch
    batch = []
    batchBytes = 0
    await writer.write(current)
  }
  const importItems = async () => {
    if (unchanged.size === plan.posts.size) {
      // Nothing to convert: the second pass would only read the file again.
      for (const planned of plan.posts.values()) writer.skip(planned)
      progress?.advance(scan.items)
      return
    }
    const {createBodyConverter} = await import('./html-to-blocks.ts')
    context.converter = createBodyConverter()
    let ordinal = 0
    for await (const record of readWxrFile(options.file)) {
      if (record.kind !== 'item') continue
      progress?.advance()
      const item = record.item
      const planned = plan.posts.get(ordinal++)
      if (!planned) continue
      if (unchanged.has(planned.ordinal)) {
        writer.skip(planned)
        continue
      }
      let prepared: PreparedPost
      try {
        prepared = await preparePost(context, item, planned)
      } catch (error) {
        summary.posts.failed++
        warn({
          kind: 'post-failed',
          post: postRef(planned),
          message: `could not be converted (${error instanceof Error ? error.message : String(error)}); left out`,
        })
        continue
      }
      batch.push(prepared)
      batchBytes += approximateSize(prepared)
      if (batch.length >= batchSize || batchBytes >= BATCH_MAX_BYTES) await flush()
    }
    await flush()
  }
  try {
    await writeAuthors(options.target, scan, plan, dryRun)
    await importItems()
  } catch (error) {
    progress?.stop()
    throw error
  }
  progress?.done()

  summary.tags = writer.tagCounts()
  const images = context.images.counts()
  summary.images = {...images, failed: images.failed + context.missingAttachments}
  summary.redirects = redirects.length
  summary.warnings = warnings.length
  summary.seconds = (performance.now() - started) / 1000

  if (options.redirects && !dryRun) {
    await writeFileWhole(
      options.redirects.file,
      formatRedirects(redirects, options.redirects.format ?? 'json'),
    )
  }
  if (options.reportFile) {
    await writeFileWhole(
      options.reportFile,
      formatReport(
        summary,
        warnings,
        {source: options.file, target: options.target.description},
        options.reportFile,
      ),
    )
  }
  return {summary, warnings, redirects}
}
