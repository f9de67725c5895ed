/**
 * The related-post picker's data: suggestions, the chronological neighbour and the linked post,
 * each fetched with the project's API version and a tag. The ranking itself is core/related's.
 */
import type {SanityClient} from '@sanity/client'
import {useCallback, useEffect, useMemo, useState} from 'react'

import {linkedPostStatus, type LinkedPostStatus} from '../../../core/related/links.ts'
import {
  bothVersions,
  chronologicalNeighbourRequest,
  existingIdsQuery,
  linkedPostQuery,
  relatedSuggestionsRequest,
  titleSearchPattern,
  type PostFields,
} from '../../../core/related/queries.ts'
import {draftIdsToCheck, rankRelatedPosts} from '../../../core/related/rank.ts'
import {taxonomyNoun} from '../../../core/related/reason.ts'
import type {
  PostLinkField,
  RelatedCandidate,
  RelatedContext,
  RelatedSuggestion,
} from '../../../core/related/types.ts'
import {useFetch, type FetchState} from '../../../schemas/hooks/useFetch.ts'

/** Tags on every request, so the lake's and Sanity's logs say where a query came from. */
export const REQUEST_TAGS = {
  suggestions: 'newsroom.related-suggestions',
  neighbour: 'newsroom.related-neighbour',
  linked: 'newsroom.related-linked',
  reciprocal: 'newsroom.related-reciprocal',
} as const

/** `value`, once it has stopped changing for `delayMs`. */
export function useDebouncedValue<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value)
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs)
    return () => clearTimeout(timer)
  }, [value, delayMs])
  return settled
}

/** The suggestions and, for the badges, the title of each of the edited post's tags. */
export interface Suggestions {
  suggestions: RelatedSuggestion[]
  /** Tag id → title, for the edited post's tags. */
  tagTitles: ReadonlyMap<string, string>
}

/**
 * Ranked suggestions for `field` of the post in `context` (memoize it), matching `searchText`
 * when given. Nothing is fetched while `enabled` is false. While a new search runs, the previous
 * suggestions stay in the state's `previous`.
 */
export function useRelatedSuggestions(
  client: SanityClient,
  context: RelatedContext,
  field: PostLinkField,
  searchText: string,
  enabled: boolean,
  post: Readonly<PostFields>,
): FetchState<Suggestions> {
  const load = useCallback(async (): Promise<Suggestions> => {
    const {query, params} = relatedSuggestionsRequest(context, field, searchText, post)
    const options = {perspective: 'raw', tag: REQUEST_TAGS.suggestions} as const
    const result = await client.fetch<{
      candidates: RelatedCandidate[]
      tags: Array<{_id: string; title?: string}>
    }>(query, params, options)
    // A draft whose published version did not come back may still have one: ask.
    const toCheck = draftIdsToCheck(result.candidates)
    const existing = toCheck.length
      ? await client.fetch<string[]>(existingIdsQuery, {ids: toCheck}, options)
      : []
    const suggestions = rankRelatedPosts(result.candidates, context, {
      field,
      searching: titleSearchPattern(searchText) !== '',
      publishedIds: new Set(existing),
      noun: taxonomyNoun(post.taxonomyField),
    })
    return {
      suggestions,
      tagTitles: new Map(result.tags.map((tag) => [tag._id, tag.title ?? tag._id])),
    }
  }, [client, context, field, searchText, post])
  return useFetch(enabled ? load : undefined)
}

const NO_NEIGHBOUR = async () => null

/**
 * The published post just before (previous) or after (next) the edited one: what readers get
 * while the link is unset. Ready with null when there is none (or the post has no date).
 */
export function useChronologicalNeighbour(
  client: SanityClient,
  context: RelatedContext,
  field: PostLinkField,
  post: Readonly<PostFields>,
): FetchState<RelatedSuggestion | null> {
  const request = useMemo(
    () => chronologicalNeighbourRequest(context, field, post),
    [context, field, post],
  )
  const load = useCallback(async (): Promise<RelatedSuggestion | null> => {
    if (!request) return null
    const found = await client.fetch<RelatedCandidate | null>(request.query, request.params, {
      perspective: 'published',
      tag: REQUEST_TAGS.neighbour,
    })
    const ranked = found
      ? rankRelatedPosts([found], context, {
          field,
          searching: true,
          noun: taxonomyNoun(post.taxonomyField),
        })
      : []
    return ranked[0] ?? null
  }, [client, context, field, request, post])
  return useFetch(request ? load : NO_NEIGHBOUR)
}

/** The post a link points at, as its preview card shows it. */
export interface LinkedPost {
  status: LinkedPostStatus
  title?: string
  publishedAt?: string
  thumbnailUrl?: string
}

/** The linked post's title, date, thumbnail and whether readers can see it. */
export function useLinkedPost(
  client: SanityClient,
  ref: string | undefined,
  post: Readonly<PostFields>,
): FetchState<LinkedPost> {
  const load = useCallback(async (): Promise<LinkedPost> => {
    const id = ref as string
    const found = await client.fetch<RelatedCandidate[]>(
      linkedPostQuery(post),
      {ids: bothVersions(id)},
      {perspective: 'raw', tag: REQUEST_TAGS.linked},
    )
    // Show what readers see; a draft only when there is nothing published.
    const doc = found.find((item) => item._id === id) ?? found[0]
    return {
      status: linkedPostStatus(id, found),
      ...(doc?.title ? {title: doc.title} : {}),
      ...(doc?.publishedAt ? {publishedAt: doc.publishedAt} : {}),
      ...(doc?.thumbnailUrl ? {thumbnailUrl: doc.thumbnailUrl} : {}),
    }
  }, [client, ref, post])
  return useFetch(ref ? load : undefined)
}
