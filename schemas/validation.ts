/**
 * Custom validation rules of the content model, as named pure functions so they can be unit tested
 * with real values (no fake `Rule`). Each returns `true` when valid, or the message an editor sees.
 */
import {publishedIdOf} from '../core/ids.ts'
import {hasLoneSurrogate} from '../core/slugs.ts'
import {bothVersions, chainTargetQuery} from '../core/related/queries.ts'
import {chainDisagreement, type LinkedPostDocument} from '../core/related/links.ts'
import {type PostLinkField} from '../core/related/types.ts'

/** A reference as stored in a document. */
export interface ReferenceValue {
  _ref?: string
  _type?: string
}

/** An image field value with the accessibility fields the old site always carried. */
export interface ImageWithAltValue {
  asset?: ReferenceValue
  alt?: string
}

export const ALT_TEXT_REQUIRED =
  'Alt text is required when an image is set: describe what it shows.'

/** Alt text is required whenever an image is set; an empty image needs none. */
export function requireAltWhenImageSet(value: ImageWithAltValue | undefined): true | string {
  if (!value?.asset?._ref) return true
  return typeof value.alt === 'string' && value.alt.trim().length > 0 ? true : ALT_TEXT_REQUIRED
}

export const SLUG_NOT_URL_SAFE =
  'The slug holds half of a character (a lone UTF-16 surrogate) that no web address can carry: retype it or generate it again.'

/** A slug must be writable in a URL: no lone UTF-16 surrogate. An empty slug is `required`'s job. */
export function slugCanBeAUrl(value: {current?: string} | undefined): true | string {
  const current = value?.current
  return typeof current === 'string' && hasLoneSurrogate(current) ? SLUG_NOT_URL_SAFE : true
}

export type {PostLinkField}

/**
 * Previous/next links: never the post itself, never the same post in both.
 * `document` is the post being edited (draft or published).
 */
export function validatePostLink(
  value: ReferenceValue | undefined,
  document: {_id?: string; previous?: ReferenceValue; next?: ReferenceValue} | undefined,
  field: PostLinkField,
): true | string {
  const ref = value?._ref
  if (!ref) return true
  if (ref === publishedIdOf(document?._id)) return 'A post cannot link to itself.'
  const other = document?.[field === 'previous' ? 'next' : 'previous']?._ref
  if (other && other === ref) return 'Previous and next cannot be the same post.'
  return true
}

/** A list of references: each document at most once (`what`: "tag", "author"). */
export function validateDistinctReferences(
  value: ReferenceValue[] | undefined,
  what: string,
): true | string {
  const seen = new Set<string>()
  for (const item of value ?? []) {
    if (!item?._ref) continue
    if (seen.has(item._ref)) return `Each ${what} can be added only once.`
    seen.add(item._ref)
  }
  return true
}

/** Tags: each tag at most once. */
export function validateDistinctTags(value: ReferenceValue[] | undefined): true | string {
  return validateDistinctReferences(value, 'tag')
}

const LINK_SCHEMES = ['http:', 'https:', 'mailto:', 'tel:']

/** Links in the body: absolute http(s), mailto or tel URLs, or site-relative paths. */
export function validateLinkHref(value: string | undefined): true | string {
  if (value === undefined || value === '') return 'A link needs a URL.'
  if (value.startsWith('/') && !value.startsWith('//')) return true
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return 'Enter a full URL such as https://example.com/page, or a path starting with /.'
  }
  if (!LINK_SCHEMES.includes(url.protocol)) {
    return `Links may use http, https, mailto or tel, not ${url.protocol.replace(':', '')}.`
  }
  return true
}

/** An author's link: an absolute http(s) URL (it becomes the JSON-LD `sameAs`). */
export function validateAuthorLink(value: string | undefined): true | string {
  if (value === undefined || value === '') return true
  try {
    if (/^https?:$/.test(new URL(value).protocol)) return true
  } catch {
    // Not a URL at all: the message below.
  }
  return 'Enter a full address starting with https://, such as https://example.com/jane.'
}

/** Past this many characters search engines cut a title short (a warning, not an error). */
export const SEO_TITLE_WARN = 60
/** Past this many characters search engines cut a description short (a warning). */
export const SEO_DESCRIPTION_WARN = 160

/** A warning when `value` is longer than `max` characters: what a search result would cut. */
export function warnWhenLonger(
  value: string | undefined,
  max: number,
  what: string,
): true | string {
  const length = value?.trim().length ?? 0
  return length > max
    ? `${length} characters: search results show about ${max}, so the ${what} will be cut short.`
    : true
}

/** The minimal client the checks need (`context.getClient(...)` gives a real one). */
export interface FetchClient {
  fetch: <R>(
    query: string,
    params: Record<string, unknown>,
    options?: {perspective?: 'raw'; tag?: string},
  ) => Promise<R>
}

export const TAG_TITLE_TAKEN =
  'A tag with this title already exists (titles are compared ignoring case).'

/** Tag titles are unique ignoring case, across drafts and published tags other than this one. */
export async function validateUniqueTagTitle(
  title: string | undefined,
  documentId: string | undefined,
  client: FetchClient,
): Promise<true | string> {
  if (!title?.trim()) return true
  const id = publishedIdOf(documentId) ?? ''
  const count = await client.fetch<number>(
    'count(*[_type == "tag" && lower(title) == lower($title) && !(_id in [$id, $draftId])])',
    {title: title.trim(), id, draftId: `drafts.${id}`},
  )
  return count > 0 ? TAG_TITLE_TAKEN : true
}

/**
 * Previous/next chain (a warning, not an error): when this post's `field` links to B, B should
 * link back (A.next is B, so B.previous is A). Reads B's draft when it has one, else its
 * published version, as the editor would see it.
 */
export async function validatePostChain(
  value: ReferenceValue | undefined,
  documentId: string | undefined,
  field: PostLinkField,
  client: FetchClient,
): Promise<true | string> {
  const ref = value?._ref
  if (!ref || !documentId || ref === publishedIdOf(documentId)) return true
  const versions = await client.fetch<LinkedPostDocument[]>(
    chainTargetQuery,
    {ids: bothVersions(ref)},
    {perspective: 'raw', tag: 'newsroom.related-chain'},
  )
  const target =
    versions.find((doc) => doc._id === `drafts.${ref}`) ??
    versions.find((doc) => doc._id === ref) ??
    null
  return chainDisagreement({documentId, field, target}) ?? true
}
