/**
 * `importWordPress(options)`: a WordPress export (WXR) into the content model. Two passes over
 * the file, streamed: a scan (ids, dates, slugs, terms, attachments; a damaged file fails here,
 * before anything is written), then the import, post by post, in batched transactions.
 */
import {statSync} from 'node:fs'
import {performance} from 'node:perf_hooks'

import {publishedIdOf} from 'sanity-plugin-newsroom/related'
import {createProgress, type Progress, type ProgressOutput} from './progress.ts'
import {preflightTarget, type Target} from './target.ts'
import {
  authorIdFor,
  buildAuthorDocument,
  buildPostContent,
  contentHashOf,
  EXCERPT_MAX,
  shortenExcerpt,
  type ImageWithAlt,
} from './documents.ts'
import {
  createBodyConverter,
  type BodyConverter,
  type PendingImage,
  type TextBlock,
} from './html-to-blocks.ts'
import {
  chooseAlt,
  createImageResolver,
  REAL_ALT_SOURCES,
  type Attachment,
  type ImageResolver,
} from './images.ts'
import {
  originalUploadUrl,
  planImport,
  scanExport,
  type ExistingContent,
  type ImportPlan,
  type PlannedPost,
  type ScanResult,
} from './plan.ts'
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
    `{"posts": *[_type == "post"]{_id, "slug": slug.current}, "tags": *[_type == "tag"]{_id, title}}`,
    {},
    {tag: 'newsroom.import-wordpress.plan'},
  )
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
  const converted = context.converter.convert(item.content, post.baseId)
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
    const attachment = attachmentFor(context, block)
    return resolveImage(context, post, {
      url: attachment?.url || block.src,
      alt: block.alt,
      caption: block.caption,
      title: block.title,
      attachment,
      key: block._key,
      role: 'image',
    })
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
    } else {
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
    wordpressId: post.wordpressId,
    title: post.title,
    slug: post.slug,
    excerpt,
    heroImage,
    body: body.filter((block) => block !== undefined),
    publishedAt: post.publishedAt,
    tagIds: post.tagIds,
    authorIds: post.creator ? [authorIdFor(post.creator)] : [],
    permalink: post.permalink || undefined,
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

  const converter = createBodyConverter()
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
        content: false,
        onBytes: (bytes) => {
          scanProgress?.advance(bytes - scanned)
          scanned = bytes
        },
      }),
      {text: (html) => converter.text(html)},
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
    text: (html) => converter.text(html),
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
  const context: Context = {
    scan,
    converter,
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
    onPost: (post, decision) => {
      const planned = post.planned
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
    for await (const record of readWxrFile(options.file)) {
      if (record.kind !== 'item') continue
      progress?.advance()
      const item = record.item
      const planned = item.postType === 'post' ? plan.posts.get(item.postId) : undefined
      if (!planned) continue
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
