/**
 * The related-post picker's data: suggestions, the chronological neighbour and the linked post,
 * each fetched with the project's API version and a tag. The ranking itself is core/related's.
 */
import type {SanityClient} from '@sanity/client'
import {useEffect, useState} from 'react'

import {
  bothVersions,
  chronologicalNeighbourRequest,
  existingIdsQuery,
  linkedPostQuery,
  relatedSuggestionsRequest,
  titleSearchPattern,
} from '../../../core/related/queries.ts'
import {draftIdsToCheck, rankRelatedPosts} from '../../../core/related/rank.ts'
import {linkedPostStatus, type LinkedPostStatus} from '../../../core/related/links.ts'
import {
  type PostLinkField,
  type RelatedCandidate,
  type RelatedContext,
  type RelatedSuggestion,
} from '../../../core/related/types.ts'

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

export interface SuggestionsState {
  status: 'loading' | 'ready' | 'error'
  suggestions: RelatedSuggestion[]
  /** Tag id → title, for the edited post's tags. */
  tagTitles: ReadonlyMap<string, string>
}

const LOADING: SuggestionsState = {status: 'loading', suggestions: [], tagTitles: new Map()}

/**
 * Ranked suggestions for `field` of the post in `context` (memoize it), matching `searchText`
 * when given. Nothing is fetched while `enabled` is false.
 */
export function useRelatedSuggestions(
  client: SanityClient,
  context: RelatedContext,
  field: PostLinkField,
  searchText: string,
  enabled: boolean,
): SuggestionsState {
  const [state, setState] = useState<SuggestionsState>(LOADING)
  useEffect(() => {
    if (!enabled) return undefined
    let active = true
    setState((previous) => ({...previous, status: 'loading'}))
    const load = async () => {
      const {query, params} = relatedSuggestionsRequest(context, field, searchText)
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
      })
      const tagTitles = new Map(result.tags.map((tag) => [tag._id, tag.title ?? tag._id]))
      if (active) setState({status: 'ready', suggestions, tagTitles})
    }
    load().catch(() => {
      if (active) setState({status: 'error', suggestions: [], tagTitles: new Map()})
    })
    return () => {
      active = false
    }
  }, [client, context, field, searchText, enabled])
  return state
}

/**
 * The published post just before (previous) or after (next) the edited one: what readers get
 * while the link is unset. Undefined while loading, null when there is none.
 */
export function useChronologicalNeighbour(
  client: SanityClient,
  context: RelatedContext,
  field: PostLinkField,
): RelatedSuggestion | null | undefined {
  const [neighbour, setNeighbour] = useState<RelatedSuggestion | null | undefined>(undefined)
  useEffect(() => {
    const request = chronologicalNeighbourRequest(context, field)
    if (!request) {
      setNeighbour(null)
      return undefined
    }
    let active = true
    client
      .fetch<RelatedCandidate | null>(request.query, request.params, {
        perspective: 'published',
        tag: REQUEST_TAGS.neighbour,
      })
      .then((found) => {
        const ranked = found ? rankRelatedPosts([found], context, {field, searching: true}) : []
        if (active) setNeighbour(ranked[0] ?? null)
      })
      .catch(() => active && setNeighbour(null))
    return () => {
      active = false
    }
  }, [client, context, field])
  return neighbour
}

/** The post a link points at, as its preview card shows it. */
export interface LinkedPost {
  status: LinkedPostStatus | 'loading'
  title?: string
  publishedAt?: string
  thumbnailUrl?: string
}

/** The linked post's title, date, thumbnail and whether readers can see it. */
export function useLinkedPost(client: SanityClient, ref: string | undefined): LinkedPost {
  const [linked, setLinked] = useState<LinkedPost>({status: 'loading'})
  useEffect(() => {
    if (!ref) return undefined
    let active = true
    setLinked({status: 'loading'})
    client
      .fetch<RelatedCandidate[]>(
        linkedPostQuery,
        {ids: bothVersions(ref)},
        {perspective: 'raw', tag: REQUEST_TAGS.linked},
      )
      .then((found) => {
        const status = linkedPostStatus(ref, found)
        // Show what readers see; a draft only when there is nothing published.
        const doc = found.find((item) => item._id === ref) ?? found[0]
        if (!active) return
        setLinked({
          status,
          ...(doc?.title ? {title: doc.title} : {}),
          ...(doc?.publishedAt ? {publishedAt: doc.publishedAt} : {}),
          ...(doc?.thumbnailUrl ? {thumbnailUrl: doc.thumbnailUrl} : {}),
        })
      })
      .catch(() => active && setLinked({status: 'loading'}))
    return () => {
      active = false
    }
  }, [client, ref])
  return linked
}
