/**
 * Writing imported posts in batches, one transaction per batch, so an interrupted import leaves
 * whole posts only and a rerun picks up where it stopped.
 *
 * For each post the writer compares what the dataset holds with what the import would write
 * ({@link decidePost}): a new post is created; a post nobody edited since the last import is
 * updated (or left alone when nothing changed); a post an editor changed is kept unless
 * `overwrite`. Updates are patches at the revision that was read, so an edit that lands between
 * the read and the write fails the transaction, which is then read and decided again.
 *
 * A link needs its target to exist (a strong reference). A post whose neighbour comes later in
 * the file is written without that link, and the link is added, with the post's hash, in the
 * transaction that writes the neighbour.
 */
import type {SanityClient} from '@sanity/client'

import {postReference} from 'sanity-plugin-newsroom/related'
import {
  importHashOf,
  isUnedited,
  MANAGED_FIELDS,
  type LinkIds,
  type PostContent,
} from './documents.ts'
import type {PlannedPost, PlannedTag} from './plan.ts'

/** A post converted and ready to write. */
export interface PreparedPost {
  planned: PlannedPost
  content: PostContent
  contentHash: string
}

/** A stored document, as `getDocuments` returns it. */
export type StoredDocument = Record<string, unknown> & {_id: string; _rev?: string}

/** What happened to a post. */
export type PostOutcome = 'created' | 'updated' | 'unchanged' | 'kept' | 'kept-published'

/** What to do with one post. */
export interface PostDecision {
  outcome: PostOutcome
  /** Create the document, or patch it at `revision`. Absent: write nothing. */
  write?: 'create' | 'patch'
  revision?: string
  /** Delete the draft: the import publishes it. */
  deleteDraft?: boolean
  /** The version an editor sees (the draft if any), when there is one. */
  current?: StoredDocument
}

/**
 * Decides what to do with a post, from the versions the dataset holds:
 *
 * - a WordPress draft is written as a draft, never over a published post (which it keeps);
 * - a published post is written as published; a draft of it is published (deleted) with it;
 * - a version an editor changed since the last import (its hash no longer matches) is kept,
 *   unless `overwrite`;
 * - a post whose stored hash equals what the import would write is unchanged.
 */
export function decidePost(input: {
  published: boolean
  /** The import hash of what the import would write, with all its links. */
  importHash: string
  draft?: StoredDocument | null
  publishedDocument?: StoredDocument | null
  overwrite?: boolean
}): PostDecision {
  const {draft, publishedDocument: stored, overwrite = false} = input
  const sameAsImport = (doc: StoredDocument) =>
    (doc.wordpress as {importHash?: unknown} | undefined)?.importHash === input.importHash &&
    isUnedited(doc)
  if (!input.published) {
    if (stored) return {outcome: 'kept-published', current: draft ?? stored}
    if (!draft) return {outcome: 'created', write: 'create'}
    if (!isUnedited(draft) && !overwrite) return {outcome: 'kept', current: draft}
    if (sameAsImport(draft)) return {outcome: 'unchanged', current: draft}
    return {outcome: 'updated', write: 'patch', revision: draft._rev, current: draft}
  }
  const current = draft ?? stored
  if (!current) return {outcome: 'created', write: 'create'}
  if (!isUnedited(current) && !overwrite) return {outcome: 'kept', current}
  if (draft) {
    return stored
      ? {outcome: 'updated', write: 'patch', revision: stored._rev, deleteDraft: true, current}
      : {outcome: 'updated', write: 'create', deleteDraft: true, current}
  }
  if (sameAsImport(current)) return {outcome: 'unchanged', current}
  return {outcome: 'updated', write: 'patch', revision: current._rev, current}
}

/** A mutation as `client.mutate` takes it. */
export type Mutation =
  | {create: Record<string, unknown> & {_id: string; _type: string}}
  | {createIfNotExists: Record<string, unknown> & {_id: string; _type: string}}
  | {patch: {id: string; ifRevisionID?: string; set?: Record<string, unknown>; unset?: string[]}}
  | {delete: {id: string}}

/** Options of {@link createPostWriter}. */
export interface PostWriterOptions {
  client: SanityClient
  /** Decide and count, never write. */
  dryRun?: boolean
  overwrite?: boolean
  /** Published ids of the posts the dataset holds before the import. */
  existingPostIds: Iterable<string>
  tags: ReadonlyMap<string, PlannedTag>
  /** Called once per post, after its batch is written. */
  onPost?: (post: PreparedPost, decision: PostDecision) => void
  /** Called after each transaction. */
  onTransaction?: (mutations: number) => void
  /** @defaultValue 3 */
  attempts?: number
}

/** Writes batches of posts; see the module comment. */
export interface PostWriter {
  write(batch: readonly PreparedPost[]): Promise<void>
  /** Links still waiting for their target (a target that never got written). */
  pendingLinks(): number
  /** Tags created so far, and tags referenced that existed. */
  tagCounts(): {created: number; existing: number}
}

interface LinkState {
  contentHash: string
  links: LinkIds
}

function isConflict(error: unknown): boolean {
  return (error as {statusCode?: unknown}).statusCode === 409
}

/** Starts a writer holding the run's state: what exists, and the links waiting for a target. */
export function createPostWriter(options: PostWriterOptions): PostWriter {
  const existing = new Set(options.existingPostIds)
  const tagsWritten = new Set(
    [...options.tags.values()].filter((tag) => tag.exists).map((tag) => tag._id),
  )
  const tagsReferenced = new Set<string>()
  let tagsCreated = 0
  /** Target id → the posts waiting to link to it, and by which field. */
  const pending = new Map<string, Array<{source: string; field: 'previous' | 'next'}>>()
  /** The content hash and written links of each post with a link pending. */
  const linkStates = new Map<string, LinkState>()

  const plan = (batch: readonly PreparedPost[], found: Map<string, StoredDocument>) => {
    const decisions = batch.map((post) => {
      const {planned, contentHash} = post
      const links = {previous: planned.previous, next: planned.next}
      return {
        post,
        decision: decidePost({
          published: planned.published,
          importHash: importHashOf(contentHash, links),
          draft: found.get(`drafts.${planned.baseId}`),
          publishedDocument: found.get(planned.baseId),
          overwrite: options.overwrite,
        }),
      }
    })
    const willExist = new Set(existing)
    for (const {post, decision} of decisions) {
      if (decision.write && post.planned.published) willExist.add(post.planned.baseId)
    }

    const writes: Mutation[] = []
    const tagCreates: Mutation[] = []
    const newTags = new Set<string>()
    const newPending: Array<[string, {source: string; field: 'previous' | 'next'}]> = []
    const newStates = new Map<string, LinkState>()
    const resolved = new Map<string, LinkIds>()
    const written: string[] = []

    for (const {post, decision} of decisions) {
      if (!decision.write) continue
      const {planned, content, contentHash} = post
      const links: LinkIds = {}
      for (const field of ['previous', 'next'] as const) {
        const target = planned[field]
        if (!target) continue
        if (willExist.has(target)) links[field] = target
        else newPending.push([target, {source: planned.baseId, field}])
      }
      if (planned.published && newPending.some(([, wait]) => wait.source === planned.baseId)) {
        newStates.set(planned.baseId, {contentHash, links})
      }
      for (const tagId of planned.tagIds) {
        const tag = options.tags.get(tagId)
        if (!tag || tagsWritten.has(tagId) || newTags.has(tagId)) continue
        newTags.add(tagId)
        tagCreates.push({
          createIfNotExists: {
            _id: tag._id,
            _type: 'tag',
            title: tag.title,
            slug: {_type: 'slug', current: tag.slug},
            ...(tag.description ? {description: tag.description} : {}),
          },
        })
      }
      const fields: Record<string, unknown> = {
        ...content,
        ...(links.previous ? {previous: postReference(links.previous, {published: true})} : {}),
        ...(links.next ? {next: postReference(links.next, {published: true})} : {}),
        wordpress: {...content.wordpress, importHash: importHashOf(contentHash, links)},
      }
      if (decision.write === 'create') {
        writes.push({create: {_id: planned.documentId, _type: 'post', ...fields}})
      } else {
        const unset = MANAGED_FIELDS.filter((field) => fields[field] === undefined)
        writes.push({
          patch: {
            id: planned.documentId,
            ...(decision.revision ? {ifRevisionID: decision.revision} : {}),
            set: fields,
            ...(unset.length > 0 ? {unset} : {}),
          },
        })
      }
      if (decision.deleteDraft) writes.push({delete: {id: `drafts.${planned.baseId}`}})
      if (planned.published) {
        written.push(planned.baseId)
        for (const wait of pending.get(planned.baseId) ?? []) {
          resolved.set(wait.source, {...resolved.get(wait.source), [wait.field]: planned.baseId})
        }
      }
    }

    // Links whose target this batch writes, added to posts written by earlier batches.
    const linkPatches: Mutation[] = []
    const updatedStates = new Map<string, LinkState>()
    for (const [source, added] of resolved) {
      const state = linkStates.get(source)
      if (!state) continue
      const links = {...state.links, ...added}
      const set: Record<string, unknown> = {
        'wordpress.importHash': importHashOf(state.contentHash, links),
      }
      for (const field of ['previous', 'next'] as const) {
        const target = added[field]
        if (target) set[field] = postReference(target, {published: true})
      }
      linkPatches.push({patch: {id: source, set}})
      updatedStates.set(source, {contentHash: state.contentHash, links})
    }

    const apply = () => {
      for (const id of written) {
        existing.add(id)
        pending.delete(id)
      }
      for (const id of newTags) tagsWritten.add(id)
      tagsCreated += newTags.size
      for (const [id, state] of updatedStates) {
        const stillWaiting = [...pending.values()].some((list) =>
          list.some((wait) => wait.source === id),
        )
        if (stillWaiting) linkStates.set(id, state)
        else linkStates.delete(id)
      }
      for (const [id, state] of newStates) linkStates.set(id, state)
      for (const [target, wait] of newPending) {
        const list = pending.get(target) ?? []
        list.push(wait)
        pending.set(target, list)
      }
      for (const {post, decision} of decisions) {
        for (const tagId of post.planned.tagIds) tagsReferenced.add(tagId)
        options.onPost?.(post, decision)
      }
    }
    return {mutations: [...tagCreates, ...writes, ...linkPatches], apply}
  }

  return {
    async write(batch) {
      if (batch.length === 0) return
      const ids = batch.flatMap((post) => [post.planned.baseId, `drafts.${post.planned.baseId}`])
      const attempts = options.attempts ?? 3
      for (let attempt = 1; ; attempt++) {
        const documents = await options.client.getDocuments(ids, {
          tag: 'newsroom.import-wordpress.read',
        })
        const found = new Map<string, StoredDocument>()
        for (const doc of documents) if (doc) found.set(doc._id, doc as StoredDocument)
        const step = plan(batch, found)
        if (options.dryRun || step.mutations.length === 0) {
          step.apply()
          return
        }
        try {
          await options.client.mutate(step.mutations as never, {
            visibility: 'async',
            tag: 'newsroom.import-wordpress.write',
          })
        } catch (error) {
          if (isConflict(error) && attempt < attempts) continue
          throw error
        }
        step.apply()
        options.onTransaction?.(step.mutations.length)
        return
      }
    },
    pendingLinks() {
      let count = 0
      for (const list of pending.values()) count += list.length
      return count
    },
    tagCounts() {
      const existingCount = [...tagsReferenced].filter((id) => options.tags.get(id)?.exists).length
      return {created: tagsCreated, existing: existingCount}
    },
  }
}
