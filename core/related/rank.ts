/**
 * Ranking of related-post suggestions for a post's previous and next links: most shared tags
 * first, then the nearest publish date on the field's side (older for previous, newer for next).
 */
import {publishedIdOf} from '../ids.ts'
import {formatRelatedReason, type TaxonomyNoun} from './reason.ts'
import type {PostLinkField, RelatedCandidate, RelatedContext, RelatedSuggestion} from './types.ts'

/** How many suggestions the picker shows. */
export const SUGGESTION_LIMIT = 8

/** The side of the edited post a field's posts lie on: previous is older, next is newer. */
export function sideOfField(field: PostLinkField): 'older' | 'newer' {
  return field === 'previous' ? 'older' : 'newer'
}

/** The other link field. */
export function oppositeField(field: PostLinkField): PostLinkField {
  return field === 'previous' ? 'next' : 'previous'
}

export interface RankOptions {
  field: PostLinkField
  /**
   * The editor is searching by title: posts on the other side of the edited post's date stay in
   * the list (after those on the field's side) instead of being left out.
   */
  searching?: boolean
  /** Ids whose published version is known to exist though the query returned only their draft. */
  publishedIds?: ReadonlySet<string>
  /** @defaultValue {@link SUGGESTION_LIMIT} */
  limit?: number
  /**
   * What the reason calls the taxonomy's documents ("2 shared categories").
   * @defaultValue tag/tags
   */
  noun?: Readonly<TaxonomyNoun>
}

interface Entry {
  suggestion: RelatedSuggestion
  /** Publish time in ms; undefined without a valid date. */
  time?: number
  /** 0: on the field's side (or any dated post when the edited post has no date), 1: the other side, 2: no date. */
  group: number
}

/** Parses an ISO date to ms; undefined when missing or invalid. */
function timeOf(value: string | null | undefined): number | undefined {
  if (!value) return undefined
  const time = Date.parse(value)
  return Number.isNaN(time) ? undefined : time
}

/** Chronological order: publish time, then id (the tie-breaker the GROQ fallback uses too). */
export function chronological(aTime: number, aId: string, bTime: number, bId: string): number {
  if (aTime !== bTime) return aTime < bTime ? -1 : 1
  return aId < bId ? -1 : aId > bId ? 1 : 0
}

/**
 * Published ids of the drafts in `candidates` whose published version the query did not return:
 * whether they were ever published needs a lookup (see `publishedIdsQuery`).
 */
export function draftIdsToCheck(candidates: readonly RelatedCandidate[]): string[] {
  const published = new Set(candidates.map((candidate) => candidate._id))
  const ids = candidates
    .filter((candidate) => candidate._id.startsWith('drafts.'))
    .map((candidate) => publishedIdOf(candidate._id) as string)
    .filter((id) => !published.has(id))
  return [...new Set(ids)]
}

/**
 * Ranks `candidates` (drafts and published documents, as the suggestion query returns them) for
 * the `field` link of the post described by `context`.
 *
 * - Excluded: the post itself and the post chosen in the other field. A draft and its published
 *   version count once, with the published content (what a reference points at).
 * - Without a search only posts on the field's side are kept: older for previous, newer for next.
 * - Order: most shared tags; then the field's side before the other side before undated posts;
 *   then the nearest date first (equal dates ordered by id, as the GROQ fallback does).
 * - A post with no published version is marked `unpublished`.
 */
export function rankRelatedPosts(
  candidates: readonly RelatedCandidate[],
  context: RelatedContext,
  options: RankOptions,
): RelatedSuggestion[] {
  const {field, searching = false, publishedIds = new Set<string>()} = options
  const limit = options.limit ?? SUGGESTION_LIMIT
  const selfId = publishedIdOf(context.id) as string
  const excluded = new Set([selfId, publishedIdOf(context.otherLinkId ?? undefined)])
  const contextTime = timeOf(context.publishedAt)
  const contextTags = [...new Set(context.tagIds)]
  const wanted = sideOfField(field)

  // One document per post: the published version wins over the draft.
  const byId = new Map<string, {doc: RelatedCandidate; published: boolean}>()
  for (const doc of candidates) {
    if (doc._id.startsWith('versions.')) continue
    const id = publishedIdOf(doc._id) as string
    if (excluded.has(id)) continue
    const published = doc._id === id
    const seen = byId.get(id)
    if (!seen || (published && !seen.published)) byId.set(id, {doc, published})
  }

  const entries: Entry[] = []
  for (const [id, {doc, published}] of byId) {
    const time = timeOf(doc.publishedAt)
    const tags = new Set(doc.tagIds ?? [])
    const sharedTagIds = contextTags.filter((tag) => tags.has(tag))
    let side: 'older' | 'newer' | undefined
    let distanceMs: number | undefined
    if (time !== undefined && contextTime !== undefined) {
      side = chronological(time, id, contextTime, selfId) < 0 ? 'older' : 'newer'
      distanceMs = Math.abs(time - contextTime)
    }
    const group = time === undefined ? 2 : contextTime === undefined || side === wanted ? 0 : 1
    if (!searching && contextTime !== undefined && group !== 0) continue
    entries.push({
      time,
      group,
      suggestion: {
        id,
        title: doc.title?.trim() || 'Untitled post',
        ...(doc.publishedAt ? {publishedAt: doc.publishedAt} : {}),
        ...(doc.thumbnailUrl ? {thumbnailUrl: doc.thumbnailUrl} : {}),
        sharedTagIds,
        ...(side ? {side} : {}),
        ...(distanceMs !== undefined ? {distanceMs} : {}),
        unpublished: !published && !publishedIds.has(id),
        reason: formatRelatedReason(
          sharedTagIds.length,
          side && distanceMs !== undefined ? {side, ms: distanceMs} : undefined,
          options.noun,
        ),
      },
    })
  }

  entries.sort((a, b) => {
    const shared = b.suggestion.sharedTagIds.length - a.suggestion.sharedTagIds.length
    if (shared !== 0) return shared
    if (a.group !== b.group) return a.group - b.group
    if (a.time === undefined || b.time === undefined) {
      return (
        a.suggestion.title.localeCompare(b.suggestion.title) ||
        (a.suggestion.id < b.suggestion.id ? -1 : 1)
      )
    }
    const order = chronological(a.time, a.suggestion.id, b.time, b.suggestion.id)
    // Nearest first: newest first among older posts (and when the edited post has no date).
    const newestFirst = contextTime === undefined || a.suggestion.side === 'older'
    return newestFirst ? -order : order
  })
  return entries.slice(0, limit).map((entry) => entry.suggestion)
}
