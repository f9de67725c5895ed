/** Shapes shared by the related-post ranking, the link patches and the GROQ strings. */
import type {POST_TYPE} from '../document-types.ts'

/** The two link fields of a post. `previous` is the older post, `next` the newer one. */
export type PostLinkField = 'previous' | 'next'

/**
 * What the picker does about the other post when a link is set (A.next = B means B.previous = A):
 * `'ask'` offers it, `'always'` writes it at once, `'never'` leaves B alone.
 */
export type ReciprocalLinkMode = 'ask' | 'always' | 'never'

/** A reference as stored in a document, or as it may arrive from a form (fields missing). */
export interface StoredReference {
  _ref?: string
  _type?: string
  _weak?: boolean
}

/** A reference to a post, as the link fields store it. */
export interface PostReference {
  _type: 'reference'
  _ref: string
  /** Set, with `_strengthenOnPublish`, while the target has never been published. */
  _weak?: true
  _strengthenOnPublish?: {type: typeof POST_TYPE}
}

/** A post the suggestion query returned (published or draft: `_id` is the raw id). */
export interface RelatedCandidate {
  _id: string
  title?: string | null
  publishedAt?: string | null
  /** The `_ref` of each of the candidate's tags. */
  tagIds?: ReadonlyArray<string | null> | null
  thumbnailUrl?: string | null
}

/** The post being edited, as far as ranking needs it. */
export interface RelatedContext {
  /** Its id, draft or published (`drafts.abc` and `abc` are the same post). */
  id: string
  publishedAt?: string | null
  /** The `_ref` of each of its tags. */
  tagIds: readonly string[]
  /** The post chosen in the other link field, which is never suggested. */
  otherLinkId?: string | null
}

/** One ranked suggestion, ready to show. */
export interface RelatedSuggestion {
  /** The published id: what a reference to this post points at. */
  id: string
  title: string
  publishedAt?: string
  thumbnailUrl?: string
  /** Tags this post shares with the edited post, in the edited post's tag order. */
  sharedTagIds: string[]
  /** Where it lies in time relative to the edited post; undefined when either has no date. */
  side?: 'older' | 'newer'
  /** Milliseconds between the two publish dates; undefined when either has no date. */
  distanceMs?: number
  /** True when the post has no published version (a draft never published, or unpublished). */
  unpublished: boolean
  /** Why it was suggested: "2 shared tags · 1 day older". */
  reason: string
}
