/**
 * The two document types behind reactions, their ids and shapes.
 *
 * - The tally, `reaction-<postId>`: public (no `.` in the id, so anonymous CDN queries read it),
 *   one count per reaction kind.
 * - A voter record per (post, reader), `reaction-voter.<hash>`: private (the `.` puts it in a
 *   path that anonymous readers never see), holding that reader's current reaction. The reader is
 *   known only by the hash; see `reader.ts`.
 */
import {REACTION_TALLY_TYPE, REACTION_VOTER_TYPE} from '../document-types.ts'
import type {ReactionCounts} from './percentages.ts'

export {POST_TYPE, REACTION_TALLY_TYPE, REACTION_VOTER_TYPE} from '../document-types.ts'

/** Every voter record id starts with this; the `.` keeps the records private. */
export const REACTION_VOTER_ID_PREFIX = 'reaction-voter.'

const TALLY_ID_PREFIX = 'reaction-'
/** Sanity ids are at most 128 characters; the tally id adds its prefix to the post id. */
const MAX_POST_ID_LENGTH = 128 - TALLY_ID_PREFIX.length
/** A published document id: no `.` (drafts, versions and private paths have one). */
const PUBLISHED_ID = /^[A-Za-z0-9_][A-Za-z0-9_-]*$/

/** A weak reference: the post can be unpublished or deleted while its reactions remain. */
export interface WeakPostReference {
  _type: 'reference'
  _ref: string
  _weak: true
}

/** The public tally of one post, as stored. */
export interface ReactionTallyDocument {
  _id: string
  _type: typeof REACTION_TALLY_TYPE
  post: WeakPostReference
  counts: ReactionCounts
  updatedAt: string
}

/** One reader's current reaction to one post, as stored (`reaction` absent once withdrawn). */
export interface ReactionVoterDocument {
  _id: string
  _type: typeof REACTION_VOTER_TYPE
  post: WeakPostReference
  reaction?: string
  updatedAt: string
}

/** The id of a post's public tally, e.g. `reaction-post-42`. */
export function reactionTallyId(postId: string): string {
  return `${TALLY_ID_PREFIX}${postId}`
}

/** The id of a voter record, from the keyed hash of (post, reader). */
export function reactionVoterId(readerHash: string): string {
  return `${REACTION_VOTER_ID_PREFIX}${readerHash}`
}

/** Why `postId` cannot be the id of a published post, or undefined when it can. */
export function postIdProblem(postId: unknown): string | undefined {
  if (typeof postId !== 'string' || postId === '') return 'postId must be a non-empty string'
  if (postId.length > MAX_POST_ID_LENGTH) {
    return `postId must be at most ${MAX_POST_ID_LENGTH} characters`
  }
  if (!PUBLISHED_ID.test(postId)) {
    return `postId "${postId}" is not the id of a published document (letters, digits, _ and -; no ".")`
  }
  return undefined
}

export function weakPostReference(postId: string): WeakPostReference {
  return {_type: 'reference', _ref: postId, _weak: true}
}

/** A tally's counts for `kindNames`, 0 for missing or invalid values. */
export function tallyCounts(
  counts: Readonly<Record<string, unknown>> | null | undefined,
  kindNames: readonly string[],
): ReactionCounts {
  return Object.fromEntries(
    kindNames.map((name) => {
      const value = counts?.[name]
      return [name, Number.isSafeInteger(value) && (value as number) > 0 ? (value as number) : 0]
    }),
  )
}
