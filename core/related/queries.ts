/**
 * The GROQ behind related posts: the picker's suggestion query (tags compared by `_ref`, never
 * dereferenced; results limited), its helper lookups, and the projection frontends embed to
 * resolve a post's previous and next links with a chronological fallback.
 *
 * Publish dates are compared as the ISO strings Sanity's datetime field stores (UTC,
 * `toISOString()` form), which sort chronologically.
 */
import {POST_TYPE} from '../document-types.ts'
import {publishedIdOf} from '../ids.ts'
import {SUGGESTION_LIMIT} from './rank.ts'
import type {PostLinkField, RelatedContext} from './types.ts'

/** What each side of the timeline means in GROQ: comparison, and nearest-first sort direction. */
const SIDES = {
  previous: {before: '<', atOrBefore: '<=', direction: 'desc'},
  next: {before: '>', atOrBefore: '>=', direction: 'asc'},
} as const

/**
 * Where a post keeps what related posts read, by field name: our content model's `post`, or a
 * Studio's own type (Sanity's blog template: `post` with `categories`, `mainImage`).
 */
export interface PostFields {
  /** The document type of posts. */
  type: string
  /** The datetime field that orders posts (the chronological neighbour, "2 days older"). */
  dateField: string
  /** The array of references that is the taxonomy: shared references rank a suggestion up. */
  taxonomyField: string
  /** The post's title. */
  titleField: string
  /** The slug field (a `slug`, read as `<field>.current`). */
  slugField: string
  /** The image shown as the thumbnail and the link's picture, or false for none. */
  imageField: string | false
}

/** Our content model's post. */
export const NEWSROOM_POST_FIELDS: Readonly<PostFields> = {
  type: POST_TYPE,
  dateField: 'publishedAt',
  taxonomyField: 'tags',
  titleField: 'title',
  slugField: 'slug',
  imageField: 'heroImage',
}

/** `"name": field`, or just `field` when they are the same (GROQ keeps the field's name). */
const alias = (name: string, field: string) => (name === field ? field : `"${name}": ${field}`)

/** The fields a linked post resolves to: what "Previous post" / "Next post" show. */
function linkedPostFields(post: PostFields): string {
  return [
    '_id',
    alias('title', post.titleField),
    `"slug": ${post.slugField}.current`,
    alias('publishedAt', post.dateField),
    ...(post.imageField ? [alias('heroImage', post.imageField)] : []),
  ].join(', ')
}

/** The fields of a post the picker shows and ranks (see `RelatedCandidate`). */
function candidateFields(post: PostFields): string {
  return [
    '_id',
    alias('title', post.titleField),
    alias('publishedAt', post.dateField),
    `"tagIds": ${post.taxonomyField}[]._ref`,
    ...(post.imageField ? [`"thumbnailUrl": ${post.imageField}.asset->url`] : []),
  ].join(', ')
}

const LINKED_POST_FIELDS = `_id, title, "slug": slug.current, publishedAt, heroImage`

/**
 * A projection fragment that resolves a post's `previous` and `next` to
 * `{_id, title, slug, publishedAt, heroImage}`. A link that is unset, or points at a post that is
 * missing or not published, falls back to the chronological neighbour: the published post just
 * before (for previous) or after (for next) by `publishedAt`, `_id` breaking ties. Null only when
 * there is no such post.
 *
 * One template literal of constants, so `sanity typegen` can follow it into a `defineQuery`.
 * Embed it in the projection of a post:
 *
 * ```ts
 * import {previousNextProjection} from 'sanity-plugin-newsroom/related'
 * const postPageQuery = defineQuery(`*[_type == "post" && slug.current == $slug][0]{
 *   title, publishedAt, ${previousNextProjection}
 * }`)
 * ```
 */
export const previousNextProjection = `"previous": coalesce(
  previous->{${LINKED_POST_FIELDS}},
  *[_type == "${POST_TYPE}" && _id in path("*") && (publishedAt < ^.publishedAt || (publishedAt == ^.publishedAt && _id < ^._id))]
    | order(publishedAt desc, _id desc)[0]{${LINKED_POST_FIELDS}}
),
"next": coalesce(
  next->{${LINKED_POST_FIELDS}},
  *[_type == "${POST_TYPE}" && _id in path("*") && (publishedAt > ^.publishedAt || (publishedAt == ^.publishedAt && _id > ^._id))]
    | order(publishedAt asc, _id asc)[0]{${LINKED_POST_FIELDS}}
)`

/**
 * {@link previousNextProjection} for a post type with other field names: the same fragment, each
 * linked post resolved to the same `{_id, title, slug, publishedAt, heroImage}` (aliased from the
 * given fields; no `heroImage` when `imageField` is false). With {@link NEWSROOM_POST_FIELDS} it is
 * `previousNextProjection` itself. A built string is not followed by `sanity typegen`: type the
 * result with {@link PreviousNextLinks}.
 *
 * ```ts
 * const fields = {...NEWSROOM_POST_FIELDS, taxonomyField: 'categories', imageField: 'mainImage'}
 * const query = `*[_type == "post" && slug.current == $slug][0]{title, ${buildPreviousNextProjection(fields)}}`
 * ```
 */
export function buildPreviousNextProjection(post: Readonly<PostFields>): string {
  const fields = linkedPostFields(post)
  const date = post.dateField
  const side = (name: PostLinkField, before: string, direction: string) => `"${name}": coalesce(
  ${name}->{${fields}},
  *[_type == "${post.type}" && _id in path("*") && (${date} ${before} ^.${date} || (${date} == ^.${date} && _id ${before} ^._id))]
    | order(${date} ${direction}, _id ${direction})[0]{${fields}}
)`
  return `${side('previous', '<', 'desc')},\n${side('next', '>', 'asc')}`
}

/** One side of what {@link buildPreviousNextProjection} resolves, as a frontend receives it. */
export interface LinkedPostSummary {
  _id: string
  title: string | null
  slug: string | null
  publishedAt: string | null
  heroImage?: unknown
}

/** The `previous` and `next` a built projection adds to a post. */
export interface PreviousNextLinks {
  previous: LinkedPostSummary | null
  next: LinkedPostSummary | null
}

/** Candidates fetched: twice what is shown, since a draft and its published version both match. */
export const SUGGESTION_FETCH_LIMIT = SUGGESTION_LIMIT * 2

/** Which suggestion query: by date on the field's side, or by title search (either side). */
export interface SuggestionQueryMode {
  /** The edited post has a publish date: keep only posts on the field's side of it. */
  dated: boolean
  /** The editor typed a title search. */
  search: boolean
}

/**
 * The suggestion query for a link field, run with the `raw` perspective so never-published
 * drafts are found too. Ranks by the number of shared tags (`_ref`s compared with `$tagIds`, no
 * dereferencing), then nearest date; returns `candidates` (at most
 * {@link SUGGESTION_FETCH_LIMIT}) and the `title` of each of the edited post's `tags`.
 * Params: `$excludeIds`, `$tagIds`, and `$publishedAt` when dated, `$search` when searching.
 */
export function relatedSuggestionsQuery(
  field: PostLinkField,
  mode: SuggestionQueryMode,
  post: Readonly<PostFields> = NEWSROOM_POST_FIELDS,
): string {
  const {atOrBefore, direction} = SIDES[field]
  const {dateField: date, taxonomyField: taxonomy} = post
  const filter = [`_type == "${post.type}"`]
  if (mode.search) filter.push(`${post.titleField} match $search`)
  // Equal dates are kept on both sides; ranking places them by id.
  else if (mode.dated) filter.push(`${date} ${atOrBefore} $publishedAt`)
  // Last: the date test halves the candidates more cheaply.
  filter.push('!(_id in $excludeIds)')
  const order = mode.dated ? direction : 'desc'
  return (
    `{"candidates": *[${filter.join(' && ')}] | ` +
    `order(coalesce(count(${taxonomy}[_ref in $tagIds]), 0) desc, ${date} ${order}, _id ${order})` +
    `[0...${SUGGESTION_FETCH_LIMIT}]{${candidateFields(post)}}, ` +
    // The taxonomy's documents by id, whatever their type (tags, categories, sections).
    `"tags": *[_id in $tagIds]{_id, title}}`
  )
}

/** A query and its parameters. */
export interface GroqRequest {
  query: string
  params: Record<string, unknown>
}

/** The post's own id and draft id, and the same for the other link's post. */
function excludedIds(context: RelatedContext): string[] {
  const ids = [context.id, context.otherLinkId]
    .map((id) => publishedIdOf(id ?? undefined))
    .filter((id): id is string => Boolean(id))
  return ids.flatMap((id) => [id, `drafts.${id}`])
}

/**
 * `"France's def"` → `"France's* def*"`: every word must start a word of the title. Empty when
 * nothing searchable was typed.
 */
export function titleSearchPattern(text: string): string {
  return text
    .replace(/\*/g, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => `${word}*`)
    .join(' ')
}

/** The suggestion query and params for `field` of the post in `context`, optionally searching. */
export function relatedSuggestionsRequest(
  context: RelatedContext,
  field: PostLinkField,
  searchText = '',
  post: Readonly<PostFields> = NEWSROOM_POST_FIELDS,
): GroqRequest {
  const search = titleSearchPattern(searchText)
  const dated = Boolean(context.publishedAt)
  const params: Record<string, unknown> = {
    excludeIds: excludedIds(context),
    tagIds: [...new Set(context.tagIds)],
  }
  if (search) params.search = search
  else if (dated) params.publishedAt = context.publishedAt
  return {query: relatedSuggestionsQuery(field, {dated, search: Boolean(search)}, post), params}
}

/**
 * The chronological neighbour on `field`'s side, as readers get it when the link is unset (the
 * same rule as {@link previousNextProjection}), excluding the post chosen in the other field. Run
 * it with the `published` perspective. Undefined when the post has no publish date.
 */
export function chronologicalNeighbourRequest(
  context: RelatedContext,
  field: PostLinkField,
  post: Readonly<PostFields> = NEWSROOM_POST_FIELDS,
): GroqRequest | undefined {
  if (!context.publishedAt) return undefined
  const {before, direction} = SIDES[field]
  const date = post.dateField
  return {
    query:
      `*[_type == "${post.type}" && !(_id in $excludeIds) && (${date} ${before} $publishedAt || ` +
      `(${date} == $publishedAt && _id ${before} $id))] | ` +
      `order(${date} ${direction}, _id ${direction})[0]{${candidateFields(post)}}`,
    params: {
      excludeIds: excludedIds(context),
      publishedAt: context.publishedAt,
      id: publishedIdOf(context.id),
    },
  }
}

/** `[id, drafts.id]`: both versions of a post. */
export function bothVersions(id: string): string[] {
  const publishedId = publishedIdOf(id) as string
  return [publishedId, `drafts.${publishedId}`]
}

/** Which of `$ids` exist (raw perspective): tells a never-published draft from a published post. */
export const existingIdsQuery = '*[_id in $ids]._id'

/** A linked post's versions, for its preview card and broken-link check (raw perspective). */
export function linkedPostQuery(post: Readonly<PostFields> = NEWSROOM_POST_FIELDS): string {
  return `*[_id in $ids]{${candidateFields(post)}}`
}

/** Whole documents by id (raw perspective): the reciprocal link copies a published post to its draft. */
export const documentsByIdQuery = '*[_id in $ids]'

/** The link fields of a post's versions, for the chain check (raw perspective). */
export const chainTargetQuery = '*[_id in $ids]{_id, _type, title, previous, next}'
