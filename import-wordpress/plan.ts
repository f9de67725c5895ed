/**
 * The first pass over an export, and what it decides before anything is written. The scan reads
 * the whole file once (so a damaged or truncated file fails before any write) and keeps only what
 * the plan needs: each post's id, guid, status, date, slug, terms, the hash of its item and the
 * images it names, and each attachment. The plan then gives every post its id, a unique slug, its
 * tags (existing ones reused by title) and its previous/next among the imported published posts.
 *
 * Ids: `wp-post-<wp:post_id>`; an item without a usable id (none, not a number, or one an earlier
 * item of the export has) gets `wp-guid-<hash of its guid>`; an id held in the dataset by a post
 * imported from another site, or from another item of the same site (another guid), is never
 * taken over: the post gets `<id>-<hash of site and guid>`. Every such choice is reported.
 */
import {createHash} from 'node:crypto'

import {chronologicalChain, publishedIdOf} from 'sanity-plugin-newsroom/related'
import {slugify} from './keys.ts'
import {canonicalJson, distinctPostIdFor, guidPostIdFor, postIdFor, tagIdFor} from './documents.ts'
import type {Attachment} from './images.ts'
import type {ImportWarning} from './report.ts'
import type {WxrItem, WxrItemTerm, WxrRecord, WxrSite, WxrTermDefinition} from './wxr-reader.ts'

/** WordPress statuses imported as published posts, and as drafts. */
const PUBLISHED_STATUSES = new Set(['publish'])
const DRAFT_STATUSES = new Set(['draft', 'pending', 'future', 'private'])

/** The images an item's body and meta name, for the source hash (found without converting). */
export interface MediaRefs {
  /** `src` of every `<img>`. */
  urls: string[]
  /** Attachment ids: `wp-image-N`, gallery `ids`, the featured image. */
  ids: number[]
  /** A `[gallery]` without `ids`: the post's own attachments. */
  ownGallery: boolean
}

/** A post found by the scan. */
export interface ScannedPost {
  /** Its place among the export's items (0 for the first): how the second pass finds its plan. */
  ordinal: number
  /** `wp:post_id`; 0 when the item has none usable. */
  wordpressId: number
  guid: string
  /** What identifies the item when it has no usable id: its guid, else its link, title and date. */
  identity: string
  /** The hash of the item as exported (every field, the body too). */
  itemHash: string
  media: MediaRefs
  /** `publish` → published; `draft`, `pending`, `future`, `private` → draft. */
  published: boolean
  wordpressStatus: string
  /** ISO date from `wp:post_date_gmt` (or, failing it, `wp:post_date`). */
  publishedAt?: string
  /** The slug WordPress had (decoded), or one made from the title. */
  slugBase: string
  title: string
  permalink: string
  terms: WxrItemTerm[]
  /** `dc:creator`: the author's login; empty or unset when the export names none. */
  creator?: string
}

/** What the scan keeps of an export. */
export interface ScanResult {
  site: WxrSite
  posts: ScannedPost[]
  attachments: Map<number, Attachment>
  /** Attachment ids by upload URL, to find the attachment of an `<img>` without a `wp-image-N` class. */
  attachmentIdsByUrl: Map<string, number>
  /** Term descriptions by `taxonomy:slug`. */
  termDescriptions: Map<string, string>
  /** The export's site (`wp:base_blog_url`, else its link), recorded on each post. */
  siteUrl: string
  /** Display names of the site's users (`wp:author`) by login. */
  authorNames: Map<string, string>
  /** Items that are not posts, by kind. */
  skipped: Record<string, number>
  items: number
  warnings: ImportWarning[]
}

/** `2026-11-25 09:00:00` (UTC) → `2026-11-25T09:00:00.000Z`; undefined for `0000-00-00 …`. */
export function wordpressDateToIso(value: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(value.trim())
  if (!match || match[1] === '0000') return undefined
  const iso = `${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}.000Z`
  return Number.isNaN(Date.parse(iso)) ? undefined : iso
}

/**
 * Half of a surrogate pair (an emoji cut in two): no URL can carry one. The plugin's Studio
 * refuses such slugs (`core/slugs.ts`); this package imports nothing of the plugin's core.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/** WordPress's percent-encoded slug as text, without halves of characters no URL can carry. */
export function decodeSlug(slug: string): string {
  let decoded = slug
  try {
    decoded = decodeURIComponent(slug)
  } catch {
    // Not percent-encoding after all: keep it as written.
  }
  return decoded.replace(LONE_SURROGATE, '')
}

/** An attachment's upload URL without the size WordPress adds to resized copies (`-300x200`). */
export function originalUploadUrl(url: string): string {
  return url.replace(/-\d+x\d+(\.[a-z0-9]+)$/i, '$1')
}

/** Options of {@link scanExport}. */
export interface ScanOptions {
  /** Decodes entities and strips tags from titles. */
  text: (html: string) => string
  /** Called for each item read. */
  onItem?: () => void
}

const IMG_SRC = /<img\b[^>]*?\ssrc\s*=\s*["']([^"']+)["']/gi
const ATTACHMENT_IDS = /wp-image-(\d+)|data-id="(\d+)"|"id":(\d+)/g
const GALLERY_IDS = /\[gallery\b[^\]]*?\b(?:ids|include)\s*=\s*["']?([\d,\s]+)|"ids":\[([^\]]*)\]/g

/** The images an item names, read with regular expressions (a hash input, not a conversion). */
export function mediaRefsOf(item: WxrItem): MediaRefs {
  const content = item.content
  const ids = new Set<number>()
  const add = (text: string | undefined) => {
    for (const part of (text ?? '').split(',')) {
      const id = Number(part.replace(/"/g, '').trim())
      if (Number.isInteger(id) && id > 0) ids.add(id)
    }
  }
  for (const match of content.matchAll(ATTACHMENT_IDS)) add(match[1] ?? match[2] ?? match[3])
  for (const match of content.matchAll(GALLERY_IDS)) add(match[1] ?? match[2])
  add(item.meta._thumbnail_id)
  return {
    urls: [...new Set([...content.matchAll(IMG_SRC)].map((match) => match[1] as string))],
    ids: [...ids],
    ownGallery: /\[gallery(?![^\]]*\b(?:ids|include)\s*=)[^\]]*\]|\[(?:audio|video)\s*\]/.test(
      content,
    ),
  }
}

/** The hash of an item as exported: every field but its line in the file. */
export function itemHashOf(item: WxrItem): string {
  const {line: _line, ...fields} = item
  return createHash('sha1').update(canonicalJson(fields)).digest('hex')
}

function skipReason(item: WxrItem): string {
  if (item.postType !== 'post') return item.postType || 'unknown'
  return item.status || 'unknown'
}

/**
 * Reads `records` (a scan without bodies) to its end. Throws what the reader throws: nothing is
 * planned from a file that is not whole.
 */
export async function scanExport(
  records: AsyncIterable<WxrRecord>,
  options: ScanOptions,
): Promise<ScanResult> {
  const result: ScanResult = {
    site: {title: '', link: '', baseSiteUrl: '', baseBlogUrl: '', wxrVersion: ''},
    posts: [],
    attachments: new Map(),
    attachmentIdsByUrl: new Map(),
    termDescriptions: new Map(),
    siteUrl: '',
    authorNames: new Map(),
    skipped: {},
    items: 0,
    warnings: [],
  }
  for await (const record of records) {
    if (record.kind === 'site') {
      result.site = record.site
      result.siteUrl = record.site.baseBlogUrl || record.site.link || record.site.baseSiteUrl
      continue
    }
    if (record.kind === 'author') {
      result.authorNames.set(record.author.login, options.text(record.author.displayName))
      continue
    }
    if (record.kind === 'term') {
      const term: WxrTermDefinition = record.term
      if (term.description) {
        result.termDescriptions.set(`${term.taxonomy}:${term.slug}`, term.description)
      }
      continue
    }
    const item = record.item
    const ordinal = result.items++
    options.onItem?.()
    if (item.postType === 'attachment') {
      result.attachments.set(item.postId, {
        id: item.postId,
        url: item.attachmentUrl,
        alt: options.text(item.meta._wp_attachment_image_alt ?? ''),
        title: options.text(item.title),
        caption: options.text(item.excerpt),
        parent: item.postParent,
        menuOrder: item.menuOrder,
      })
      if (item.attachmentUrl) result.attachmentIdsByUrl.set(item.attachmentUrl, item.postId)
    }
    const published = PUBLISHED_STATUSES.has(item.status)
    if (item.postType !== 'post' || !(published || DRAFT_STATUSES.has(item.status))) {
      const reason = skipReason(item)
      result.skipped[reason] = (result.skipped[reason] ?? 0) + 1
      continue
    }
    const title = options.text(item.title)
    let publishedAt = wordpressDateToIso(item.postDateGmt)
    const documentId = item.postId > 0 ? postIdFor(item.postId) : `item ${ordinal + 1}`
    if (!publishedAt && published) {
      publishedAt = wordpressDateToIso(item.postDate)
      result.warnings.push({
        kind: 'date-guessed',
        post: {wordpressId: item.postId, documentId, title},
        message: publishedAt
          ? `no wp:post_date_gmt; the local date ${item.postDate} was taken as UTC`
          : 'no publish date at all',
      })
    }
    if (item.status === 'private') {
      result.warnings.push({
        kind: 'private-as-draft',
        post: {wordpressId: item.postId, documentId: `drafts.${documentId}`, title},
        message: 'private in WordPress: imported as a draft, not published',
      })
    }
    result.posts.push({
      ordinal,
      wordpressId: item.postId > 0 ? item.postId : 0,
      guid: item.guid,
      identity: item.guid || [item.link, item.title, item.postDate].join('\n'),
      itemHash: itemHashOf(item),
      media: mediaRefsOf(item),
      published,
      wordpressStatus: item.status,
      ...(publishedAt ? {publishedAt} : {}),
      slugBase: item.postName ? decodeSlug(item.postName) : slugify(title),
      title,
      permalink: item.link,
      terms: item.terms,
      creator: item.creator,
    })
  }
  return result
}

/** A post the dataset holds, as far as planning and skipping care. */
export interface ExistingPost {
  _id: string
  _rev?: string
  slug?: string | null
  /** Where it was imported from; null for a post written in the Studio. */
  wordpress?: {
    id?: number | null
    site?: string | null
    guid?: string | null
    sourceHash?: string | null
    importRevision?: string | null
  } | null
}

/** What the dataset already holds, as far as planning cares. */
export interface ExistingContent {
  /** Every post (drafts too). */
  posts: readonly ExistingPost[]
  /** Every tag (drafts too): id and title. */
  tags: ReadonlyArray<{_id: string; title?: string | null}>
}

/** A tag the import references: an existing one, or one it creates. */
export interface PlannedTag {
  _id: string
  title: string
  slug: string
  description?: string
  /** Already in the dataset (by title, or by id from an earlier import). */
  exists: boolean
}

/** A post as it will be written. */
export interface PlannedPost extends ScannedPost {
  /** The export's site, recorded on the post. */
  site: string
  /** The published id (`wp-post-11`), whatever the status. */
  baseId: string
  /** Where it is written: the published id, or `drafts.<id>` for a draft. */
  documentId: string
  slug: string
  tagIds: string[]
  /** Published ids of its chronological neighbours among the imported published posts. */
  previous?: string
  next?: string
}

/** Everything decided before the second pass. */
export interface ImportPlan {
  /** By {@link ScannedPost.ordinal}. */
  posts: Map<number, PlannedPost>
  tags: Map<string, PlannedTag>
  warnings: ImportWarning[]
}

/** Options of {@link planImport}. */
export interface PlanOptions {
  categoriesAsTags?: boolean
  /** Decodes entities in term names. */
  text: (html: string) => string
}

function termsToTag(terms: readonly WxrItemTerm[], categoriesAsTags: boolean): WxrItemTerm[] {
  return terms.filter(
    (term) =>
      term.domain === 'post_tag' ||
      // WordPress files every post without a category under its default, "Uncategorized".
      (categoriesAsTags && term.domain === 'category' && term.slug !== 'uncategorized'),
  )
}

/** Whether a stored post was imported from this item: the same site and guid. */
function sameSource(stored: ExistingPost, site: string, post: ScannedPost): boolean {
  const origin = stored.wordpress
  if (!origin) return false
  // Imported before sites were recorded: the WordPress id is all there is to go by.
  if (!origin.site) return origin.id === post.wordpressId
  return origin.site === site && (!origin.guid || origin.guid === post.guid)
}

/** The published id of every post, by ordinal; see the module comment. */
function assignIds(
  scan: ScanResult,
  existing: ExistingContent,
  warnings: ImportWarning[],
): Map<number, string> {
  const stored = new Map<string, ExistingPost>()
  for (const post of existing.posts) {
    const id = publishedIdOf(post._id) as string
    // The published version speaks for the post; a draft only when there is no published one.
    if (post._id === id || !stored.has(id)) stored.set(id, post)
  }
  const ids = new Map<number, string>()
  const taken = new Set<string>()
  const seenWordPressIds = new Set<number>()
  for (const post of scan.posts) {
    const ref = (documentId: string) => ({
      wordpressId: post.wordpressId,
      documentId: post.published ? documentId : `drafts.${documentId}`,
      title: post.title,
    })
    let id: string
    if (post.wordpressId > 0 && !seenWordPressIds.has(post.wordpressId)) {
      id = postIdFor(post.wordpressId)
    } else {
      id = guidPostIdFor(post.identity)
      warnings.push({
        kind: 'id-from-guid',
        post: ref(id),
        message: post.wordpressId
          ? `wp:post_id ${post.wordpressId} is used by an earlier item of the export; the id comes from the guid ${post.guid || '(none: link, title and date)'}`
          : `no usable wp:post_id; the id comes from the guid ${post.guid || '(none: link, title and date)'}`,
      })
    }
    if (post.wordpressId > 0) seenWordPressIds.add(post.wordpressId)
    const holder = stored.get(id)
    if ((holder && !sameSource(holder, scan.siteUrl, post)) || taken.has(id)) {
      const distinct = distinctPostIdFor(id, scan.siteUrl, post.identity)
      const origin = holder?.wordpress
      warnings.push({
        kind: 'id-collision',
        post: ref(distinct),
        message: `${id} already holds ${
          origin
            ? `a post imported from ${origin.site || 'another export'}${origin.guid ? ` (guid ${origin.guid})` : ''}`
            : 'a post written in the Studio'
        }; it is left as it is and this post is imported as ${distinct}`,
      })
      id = distinct
    }
    taken.add(id)
    ids.set(post.ordinal, id)
  }
  return ids
}

/** Decides ids, slugs, tags and links; see the module comment. */
export function planImport(
  scan: ScanResult,
  existing: ExistingContent,
  options: PlanOptions,
): ImportPlan {
  const warnings: ImportWarning[] = []
  const tagsByTitle = new Map<string, PlannedTag>()
  for (const tag of existing.tags) {
    const title = tag.title?.trim()
    const id = publishedIdOf(tag._id) as string
    if (title && !tagsByTitle.has(title.toLowerCase())) {
      tagsByTitle.set(title.toLowerCase(), {_id: id, title, slug: '', exists: true})
    }
  }
  const existingTagIds = new Set(existing.tags.map((tag) => publishedIdOf(tag._id) as string))
  const tags = new Map<string, PlannedTag>()

  const tagFor = (term: WxrItemTerm): PlannedTag | undefined => {
    const title = options.text(term.name)
    if (!title) return undefined
    const key = title.toLowerCase()
    let tag = tagsByTitle.get(key)
    if (!tag) {
      const id = tagIdFor(term.domain, term.slug || title)
      const description = scan.termDescriptions.get(`${term.domain}:${term.slug}`)
      tag = {
        _id: id,
        title,
        slug: decodeSlug(term.slug) || slugify(title),
        ...(description ? {description: options.text(description)} : {}),
        exists: existingTagIds.has(id),
      }
      tagsByTitle.set(key, tag)
    }
    tags.set(tag._id, tag)
    return tag
  }

  const ids = assignIds(scan, existing, warnings)

  // Slugs: published posts first (they had public addresses), then drafts, each by WordPress id.
  const order = [...scan.posts].sort(
    (a, b) =>
      Number(b.published) - Number(a.published) ||
      a.wordpressId - b.wordpressId ||
      a.ordinal - b.ordinal,
  )
  const slugOwners = new Map<string, string>()
  for (const post of existing.posts) {
    if (post.slug) slugOwners.set(post.slug, publishedIdOf(post._id) as string)
  }
  const posts = new Map<number, PlannedPost>()
  for (const post of order) {
    const baseId = ids.get(post.ordinal) as string
    const base = post.slugBase || `post-${post.wordpressId || post.ordinal + 1}`
    let slug = base
    for (let n = 2; slugOwners.has(slug) && slugOwners.get(slug) !== baseId; n++) {
      slug = `${base}-${n}`
    }
    slugOwners.set(slug, baseId)
    const documentId = post.published ? baseId : `drafts.${baseId}`
    if (slug !== base) {
      warnings.push({
        kind: 'slug-changed',
        post: {wordpressId: post.wordpressId, documentId, title: post.title},
        message: `the slug “${base}” belongs to another post; imported as “${slug}”`,
      })
    }
    const tagIds = [
      ...new Set(
        termsToTag(post.terms, options.categoriesAsTags ?? false)
          .map(tagFor)
          .filter((tag): tag is PlannedTag => tag !== undefined)
          .map((tag) => tag._id),
      ),
    ]
    posts.set(post.ordinal, {...post, site: scan.siteUrl, baseId, documentId, slug, tagIds})
  }

  const chain = chronologicalChain(
    [...posts.values()]
      .filter((post) => post.published)
      .map((post) => ({id: post.baseId, publishedAt: post.publishedAt})),
  )
  for (const post of posts.values()) {
    const links = chain.get(post.baseId)
    if (links?.previous) post.previous = links.previous
    if (links?.next) post.next = links.next
  }
  return {posts, tags, warnings}
}
