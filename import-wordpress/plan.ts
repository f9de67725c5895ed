/**
 * The first pass over an export, and what it decides before anything is written. The scan reads
 * the whole file once without bodies (so a damaged or truncated file fails before any write) and
 * keeps only what the plan needs: each post's id, status, date, slug and terms, and each
 * attachment. The plan then gives every post its id, a unique slug, its tags (existing ones
 * reused by title) and its previous/next among the imported published posts.
 */
import {chronologicalChain, publishedIdOf} from 'sanity-plugin-newsroom/related'
import {slugify} from './keys.ts'
import {postIdFor, tagIdFor} from './documents.ts'
import type {Attachment} from './images.ts'
import type {ImportWarning} from './report.ts'
import type {WxrItem, WxrItemTerm, WxrRecord, WxrSite, WxrTermDefinition} from './wxr-reader.ts'

/** WordPress statuses imported as published posts, and as drafts. */
const PUBLISHED_STATUSES = new Set(['publish'])
const DRAFT_STATUSES = new Set(['draft', 'pending', 'future', 'private'])

/** A post found by the scan. */
export interface ScannedPost {
  wordpressId: number
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

function decodeSlug(slug: string): string {
  try {
    return decodeURIComponent(slug)
  } catch {
    return slug
  }
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
    authorNames: new Map(),
    skipped: {},
    items: 0,
    warnings: [],
  }
  for await (const record of records) {
    if (record.kind === 'site') {
      result.site = record.site
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
    result.items++
    options.onItem?.()
    if (item.postType === 'attachment') {
      result.attachments.set(item.postId, {
        id: item.postId,
        url: item.attachmentUrl,
        alt: options.text(item.meta._wp_attachment_image_alt ?? ''),
        title: options.text(item.title),
        caption: options.text(item.excerpt),
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
    const documentId = postIdFor(item.postId)
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
      wordpressId: item.postId,
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

/** What the dataset already holds, as far as planning cares. */
export interface ExistingContent {
  /** Every post (drafts too): id and slug. */
  posts: ReadonlyArray<{_id: string; slug?: string | null}>
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

  // Slugs: published posts first (they had public addresses), then drafts, each by WordPress id.
  const order = [...scan.posts].sort(
    (a, b) => Number(b.published) - Number(a.published) || a.wordpressId - b.wordpressId,
  )
  const slugOwners = new Map<string, string>()
  for (const post of existing.posts) {
    if (post.slug) slugOwners.set(post.slug, publishedIdOf(post._id) as string)
  }
  const posts = new Map<number, PlannedPost>()
  for (const post of order) {
    const baseId = postIdFor(post.wordpressId)
    const base = post.slugBase || `post-${post.wordpressId}`
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
    posts.set(post.wordpressId, {...post, baseId, documentId, slug, tagIds})
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
