/**
 * The GROQ behind related posts: the picker's suggestion query (tags compared by `_ref`, never
 * dereferenced; results limited), its helper lookups, and the projection frontends embed to
 * resolve a post's previous and next links with a chronological fallback.
 *
 * Publish dates are compared as the ISO strings Sanity's datetime field stores (UTC,
 * `toISOString()` form), which sort chronologically.
 */
import {publishedIdOf} from '../ids.ts'
import {SUGGESTION_LIMIT} from './rank.ts'
import type {PostLinkField, RelatedContext} from './types.ts'

/** What each side of the timeline means in GROQ: comparison, and nearest-first sort direction. */
const SIDES = {
  previous: {before: '<', atOrBefore: '<=', direction: 'desc'},
  next: {before: '>', atOrBefore: '>=', direction: 'asc'},
} as const

/** The fields the projection resolves for a linked post: what "Previous post" / "Next post" show. */
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
  *[_type == "post" && _id in path("*") && (publishedAt < ^.publishedAt || (publishedAt == ^.publishedAt && _id < ^._id))]
    | order(publishedAt desc, _id desc)[0]{${LINKED_POST_FIELDS}}
),
"next": coalesce(
  next->{${LINKED_POST_FIELDS}},
  *[_type == "post" && _id in path("*") && (publishedAt > ^.publishedAt || (publishedAt == ^.publishedAt && _id > ^._id))]
    | order(publishedAt asc, _id asc)[0]{${LINKED_POST_FIELDS}}
)`

/** What the suggestion query returns for each candidate (see `RelatedCandidate`). */
const CANDIDATE_FIELDS =
  '_id, title, publishedAt, "tagIds": tags[]._ref, "thumbnailUrl": heroImage.asset->url'

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
export function relatedSuggestionsQuery(field: PostLinkField, mode: SuggestionQueryMode): string {
  const {atOrBefore, direction} = SIDES[field]
  const filter = ['_type == "post"']
  if (mode.search) filter.push('title match $search')
  // Equal dates are kept on both sides; ranking places them by id.
  else if (mode.dated) filter.push(`publishedAt ${atOrBefore} $publishedAt`)
  // Last: the date test halves the candidates more cheaply.
  filter.push('!(_id in $excludeIds)')
  const order = mode.dated ? direction : 'desc'
  return (
    `{"candidates": *[${filter.join(' && ')}] | ` +
    `order(coalesce(count(tags[_ref in $tagIds]), 0) desc, publishedAt ${order}, _id ${order})` +
    `[0...${SUGGESTION_FETCH_LIMIT}]{${CANDIDATE_FIELDS}}, ` +
    `"tags": *[_type == "tag" && _id in $tagIds]{_id, title}}`
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
): GroqRequest {
  const search = titleSearchPattern(searchText)
  const dated = Boolean(context.publishedAt)
  const params: Record<string, unknown> = {
    excludeIds: excludedIds(context),
    tagIds: [...new Set(context.tagIds)],
  }
  if (search) params.search = search
  else if (dated) params.publishedAt = context.publishedAt
  return {query: relatedSuggestionsQuery(field, {dated, search: Boolean(search)}), params}
}

/**
 * The chronological neighbour on `field`'s side, as readers get it when the link is unset (the
 * same rule as {@link previousNextProjection}), excluding the post chosen in the other field. Run
 * it with the `published` perspective. Undefined when the post has no publish date.
 */
export function chronologicalNeighbourRequest(
  context: RelatedContext,
  field: PostLinkField,
): GroqRequest | undefined {
  if (!context.publishedAt) return undefined
  const {before, direction} = SIDES[field]
  return {
    query:
      `*[_type == "post" && !(_id in $excludeIds) && (publishedAt ${before} $publishedAt || ` +
      `(publishedAt == $publishedAt && _id ${before} $id))] | ` +
      `order(publishedAt ${direction}, _id ${direction})[0]{${CANDIDATE_FIELDS}}`,
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
export const linkedPostQuery =
  '*[_id in $ids]{_id, title, publishedAt, "thumbnailUrl": heroImage.asset->url}'

/** Whole documents by id (raw perspective): the reciprocal link copies a published post to its draft. */
export const documentsByIdQuery = '*[_id in $ids]'

/** The link fields of a post's versions, for the chain check (raw perspective). */
export const chainTargetQuery = '*[_id in $ids]{_id, _type, title, previous, next}'
