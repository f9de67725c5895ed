/**
 * The documents an import writes: ids derived from WordPress ids (or, failing a usable one, from
 * the item's guid), the post's fields, and the import hash that tells a post an editor changed
 * from one the import wrote and nobody touched.
 *
 * The hash covers every field the import manages, as stored: the content (title, slug, excerpt,
 * hero image, body, footnotes, date, tags, authors, read time, and where it came from: WordPress id,
 * permalink, site, guid and source hash) and the `_ref` of the previous/next links. It is kept on
 * the post (`wordpress.importHash`); recomputed from the post as it is now, it differs as soon as
 * any of those fields was edited.
 */
import {createHash} from 'node:crypto'

import {AUTHOR_TYPE} from 'sanity-plugin-newsroom/queries'
import {
  estimateReadTime,
  toReadTimeValue,
  type ReadTimeValue,
} from 'sanity-plugin-newsroom/read-time'
import type {Footnote} from './footnotes.ts'
import {slugify, stableKey} from './keys.ts'

/** `wp-post-11`: the published id of the post imported from WordPress post 11. */
export function postIdFor(wordpressId: number): string {
  return `wp-post-${wordpressId}`
}

function sha1Hex(text: string): string {
  return createHash('sha1').update(text).digest('hex')
}

/**
 * `wp-guid-0123456789ab`: the published id of a post whose item has no usable `wp:post_id`,
 * from its guid (or, without one, its permalink, title and date), so it is the same every run.
 */
export function guidPostIdFor(guid: string): string {
  return `wp-guid-${sha1Hex(guid).slice(0, 12)}`
}

/**
 * `wp-post-11-0123456789ab`: the id of a post whose WordPress id is taken in the dataset by a post
 * from another site (or another post of the same one): the id, and a hash of the site and guid.
 */
export function distinctPostIdFor(id: string, site: string, guid: string): string {
  return `${id}-${sha1Hex(`${site}\n${guid}`).slice(0, 12)}`
}

function idPart(slug: string): string {
  return /^[a-z0-9_-]{1,80}$/i.test(slug) ? slug.toLowerCase() : sha1Hex(slug).slice(0, 12)
}

/** `wp-tag-ai`, `wp-category-news`: the id of a tag created from a WordPress term. */
export function tagIdFor(taxonomy: string, slug: string): string {
  return `${taxonomy === 'category' ? 'wp-category' : 'wp-tag'}-${idPart(slug)}`
}

/** `wp-author-newsdesk`: the id of the author created from the WordPress user `newsdesk`. */
export function authorIdFor(login: string): string {
  return `wp-author-${idPart(login)}`
}

/**
 * The author document for the WordPress user `login` (`dc:creator`), named by its display name
 * (`wp:author`) or, when the export has none, its login. Written with `createIfNotExists`, so an
 * editor's changes to an imported author survive every later import.
 */
export function buildAuthorDocument(login: string, displayName: string | undefined) {
  const name = displayName?.trim() || login
  return {
    _id: authorIdFor(login),
    _type: AUTHOR_TYPE,
    name,
    slug: {_type: 'slug', current: slugify(name) || idPart(login)},
  }
}

/** Excerpts are shortened beyond this: the post schema's limit (`POST_EXCERPT_MAX`). */
export const EXCERPT_MAX = 300

/** `text` cut at a word boundary to at most `max` characters, with an ellipsis. */
export function shortenExcerpt(text: string, max = EXCERPT_MAX): string {
  if (text.length <= max) return text
  const cut = text.slice(0, max - 1)
  const atWord = cut.replace(/\s+\S*$/, '')
  return `${(atWord.length > max / 2 ? atWord : cut).trimEnd()}…`
}

/** A reference as the post stores it. */
export interface Reference {
  _type: 'reference'
  _ref: string
  _key?: string
}

/** An image with alt text: the hero image, and image blocks in the body. */
export interface ImageWithAlt {
  _type: 'imageWithAlt'
  _key?: string
  asset: Reference
  alt: string
  caption?: string
}

/** Where an imported post came from, as the post records it (`wordpress`). */
export interface WordPressOrigin {
  /** The item's `wp:post_id`; absent when it had none usable. */
  id?: number
  permalink?: string
  /** The export's site (`wp:base_blog_url`). */
  site?: string
  guid?: string
  /** The hash of the item and its images; absent while an image is missing (so a rerun retries). */
  sourceHash?: string
}

/** The fields of a post the import writes, except the links and the hash. */
export interface PostContent {
  title: string
  slug: {_type: 'slug'; current: string}
  excerpt?: string
  heroImage?: ImageWithAlt
  body: unknown[]
  footnotes?: Footnote[]
  publishedAt?: string
  tags?: Reference[]
  authors?: Reference[]
  readTime: Required<ReadTimeValue>
  wordpress: WordPressOrigin
}

/** Every field the import manages: what an update sets or unsets, and what the hash covers. */
export const MANAGED_FIELDS = [
  'title',
  'slug',
  'excerpt',
  'heroImage',
  'body',
  'footnotes',
  'publishedAt',
  'tags',
  'authors',
  'previous',
  'next',
  'readTime',
  'wordpress',
] as const

/** The post's neighbours by published id. */
export interface LinkIds {
  previous?: string
  next?: string
}

/** Builds a post's content; the read time comes from the estimator over the final body. */
export function buildPostContent(input: {
  /** The published id the post is written at (the seed of its tags' keys). */
  id: string
  origin: WordPressOrigin
  title: string
  slug: string
  excerpt?: string
  heroImage?: ImageWithAlt
  body: unknown[]
  publishedAt?: string
  tagIds: readonly string[]
  footnotes?: Footnote[]
  /** The byline: author document ids (`authorIdFor`). */
  authorIds?: readonly string[]
}): PostContent {
  const id = input.id
  const origin = Object.fromEntries(
    Object.entries(input.origin).filter(([, value]) => value !== undefined && value !== ''),
  ) as WordPressOrigin
  const content: PostContent = {
    title: input.title,
    slug: {_type: 'slug', current: input.slug},
    body: input.body,
    readTime: toReadTimeValue(estimateReadTime(input.body, {heroImage: input.heroImage})),
    wordpress: origin,
  }
  if (input.footnotes && input.footnotes.length > 0) content.footnotes = input.footnotes
  if (input.excerpt) content.excerpt = input.excerpt
  if (input.heroImage) content.heroImage = input.heroImage
  if (input.publishedAt) content.publishedAt = input.publishedAt
  if (input.tagIds.length > 0) {
    content.tags = input.tagIds.map((tagId) => ({
      _type: 'reference',
      _ref: tagId,
      _key: stableKey(id, 'tags', tagId),
    }))
  }
  if (input.authorIds && input.authorIds.length > 0) {
    content.authors = input.authorIds.map((authorId) => ({
      _type: 'reference',
      _ref: authorId,
      _key: stableKey(id, 'authors', authorId),
    }))
  }
  return content
}

/** JSON with object keys sorted, so equal values give equal text whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, field]) => field !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([key, field]) => `${JSON.stringify(key)}:${canonicalJson(field)}`).join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}

/** The hash of a post's content fields (a stored post or a {@link PostContent}). */
export function contentHashOf(post: Record<string, unknown>): string {
  const fields: Record<string, unknown> = {}
  for (const field of MANAGED_FIELDS) {
    if (field === 'previous' || field === 'next') continue
    fields[field] = post[field]
  }
  const wordpress = post.wordpress as Record<string, unknown> | undefined
  if (wordpress) {
    fields.wordpress = {
      id: wordpress.id,
      permalink: wordpress.permalink,
      site: wordpress.site,
      guid: wordpress.guid,
      sourceHash: wordpress.sourceHash,
    }
  }
  return sha1Hex(canonicalJson(fields))
}

/** The import hash of a post with `contentHash` and these links. */
export function importHashOf(contentHash: string, links: LinkIds): string {
  return sha1Hex(`${contentHash}\n${links.previous ?? ''}\n${links.next ?? ''}`)
}

function refOf(value: unknown): string | undefined {
  const ref = (value as {_ref?: unknown} | undefined)?._ref
  return typeof ref === 'string' ? ref : undefined
}

/** A stored post whose managed fields are still what the last import wrote. */
export function isUnedited(post: Record<string, unknown>): boolean {
  const stored = (post.wordpress as {importHash?: unknown} | undefined)?.importHash
  if (typeof stored !== 'string') return false
  const links = {previous: refOf(post.previous), next: refOf(post.next)}
  return importHashOf(contentHashOf(post), links) === stored
}
