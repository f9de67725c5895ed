/**
 * Previous/next links between posts: the reference a link stores, the reciprocal link written to
 * the other post's draft, the chain check (A.next is B, so B.previous should be A) and the state
 * of a linked post (published, unpublished, deleted).
 */
import {POST_TYPE} from '../document-types.ts'
import {publishedIdOf} from '../ids.ts'
import {oppositeField} from './rank.ts'
import type {PostLinkField, PostReference, ReciprocalLinkMode, StoredReference} from './types.ts'

/**
 * The reference a link field stores. A post that was never published is referenced weakly and
 * strengthened when it is published, as the Studio's own reference input does, so the linking
 * post can be published first.
 */
export function postReference(id: string, options: {published: boolean}): PostReference {
  const _ref = publishedIdOf(id) as string
  return options.published
    ? {_type: 'reference', _ref}
    : {_type: 'reference', _ref, _weak: true, _strengthenOnPublish: {type: POST_TYPE}}
}

/** A post document as stored (draft or published), with the fields the link logic reads. */
export interface LinkedPostDocument {
  _id: string
  _type: string
  _rev?: string
  title?: string
  previous?: StoredReference | null
  next?: StoredReference | null
  [field: string]: unknown
}

/** Sanity mutations, as `@sanity/client`'s `mutate` takes them (one request, one transaction). */
export type LinkMutation =
  | {createIfNotExists: {_id: string; _type: string; [field: string]: unknown}}
  | {patch: {id: string; ifRevisionID?: string; set: Record<string, unknown>}}

/** What linking back from the target post involves. */
export type ReciprocalLinkPlan =
  /** The target already links back; nothing to write. */
  | {status: 'linked'; field: PostLinkField}
  /** The target exists in neither version: nothing to link. */
  | {status: 'missing'; field: PostLinkField}
  /** The target's opposite field is empty: `mutations` fill it. */
  | {status: 'empty'; field: PostLinkField; mutations: LinkMutation[]}
  /**
   * The target already links to another post (`currentRef`): `mutations` would replace that link,
   * so an editor must agree first.
   */
  | {status: 'conflict'; field: PostLinkField; currentRef: string; mutations: LinkMutation[]}

/** System fields a draft copy must not carry over from the published document. */
const SYSTEM_FIELDS = new Set(['_rev', '_createdAt', '_updatedAt', '_originalId'])

/**
 * Plans the reciprocal link for `source.field = target`: when A.next becomes B, B.previous
 * becomes A (and the converse), written to B's draft. The draft is created from B's published
 * version in the same transaction when B has none; an existing draft is patched only at the
 * revision that was read (`ifRevisionID`), so a link set meanwhile is never overwritten silently.
 */
export function planReciprocalLink(input: {
  /** The post whose link was just set (draft or published id). */
  sourceId: string
  /** Whether the source post has a published version. */
  sourcePublished: boolean
  /** The link field that was set on the source. */
  field: PostLinkField
  /** The target post's draft and published documents, null when absent. */
  target: {draft: LinkedPostDocument | null; published: LinkedPostDocument | null}
}): ReciprocalLinkPlan {
  const field = oppositeField(input.field)
  const current = input.target.draft ?? input.target.published
  if (!current) return {status: 'missing', field}
  const sourceId = publishedIdOf(input.sourceId) as string
  const currentRef = current[field]?._ref
  if (currentRef === sourceId) return {status: 'linked', field}

  const targetId = publishedIdOf(current._id) as string
  const draftId = `drafts.${targetId}`
  const set = {[field]: postReference(sourceId, {published: input.sourcePublished})}
  const mutations: LinkMutation[] = input.target.draft
    ? [{patch: {id: draftId, ...revisionOf(input.target.draft), set}}]
    : [{createIfNotExists: draftCopy(current, draftId)}, {patch: {id: draftId, set}}]
  return currentRef
    ? {status: 'conflict', field, currentRef, mutations}
    : {status: 'empty', field, mutations}
}

function revisionOf(doc: LinkedPostDocument): {ifRevisionID?: string} {
  return doc._rev ? {ifRevisionID: doc._rev} : {}
}

function draftCopy(
  doc: LinkedPostDocument,
  draftId: string,
): {_id: string; _type: string; [field: string]: unknown} {
  const copy: {_id: string; _type: string; [field: string]: unknown} = {
    _id: draftId,
    _type: doc._type,
  }
  for (const [key, value] of Object.entries(doc)) {
    if (!SYSTEM_FIELDS.has(key) && key !== '_id' && key !== '_type') copy[key] = value
  }
  return copy
}

/**
 * What to do with a reciprocal-link plan under the plugin's `reciprocal` mode: `'write'` at once,
 * `'ask'` the editor first, or `'skip'`. Replacing a link the other post already has is always
 * asked, even in `'always'` mode.
 */
export function reciprocalLinkAction(
  plan: ReciprocalLinkPlan,
  mode: ReciprocalLinkMode,
): 'write' | 'ask' | 'skip' {
  if (mode === 'never' || plan.status === 'linked' || plan.status === 'missing') return 'skip'
  if (plan.status === 'conflict') return 'ask'
  return mode === 'always' ? 'write' : 'ask'
}

/**
 * The chain check behind the validation warning: `document.field` links to `target`, so
 * `target`'s opposite field should link back. Returns the editor's message when it does not, or
 * undefined when it does (or when the target is gone, which the picker reports as a broken link).
 */
export function chainDisagreement(input: {
  documentId: string
  field: PostLinkField
  /** The linked post as the editor sees it: its draft when it has one, else its published version. */
  target: LinkedPostDocument | null
}): string | undefined {
  const {target, field} = input
  if (!target) return undefined
  const back = oppositeField(field)
  const backRef = target[back]?._ref
  if (backRef === publishedIdOf(input.documentId)) return undefined
  const title = target.title?.trim() ? `“${target.title.trim()}”` : 'the linked post'
  const fieldLabel = field === 'previous' ? 'previous' : 'next'
  return backRef
    ? `The chain disagrees: this post’s ${fieldLabel} post is ${title}, but ${title} has another ${back} post.`
    : `The chain disagrees: this post’s ${fieldLabel} post is ${title}, but ${title} has no ${back} post.`
}

/** Whether a linked post can be shown to readers. */
export type LinkedPostStatus = 'published' | 'unpublished' | 'missing'

/**
 * The state of the post a link points at, from the documents found for its id and draft id:
 * published, only a draft (never published, or unpublished), or neither (deleted).
 */
export function linkedPostStatus(
  ref: string,
  found: ReadonlyArray<{_id: string}>,
): LinkedPostStatus {
  if (found.some((doc) => doc._id === ref)) return 'published'
  return found.some((doc) => doc._id === `drafts.${ref}`) ? 'unpublished' : 'missing'
}
