/**
 * `POST /data/actions/:dataset`: the Studio's document actions (create, edit, publish, unpublish,
 * discard, delete, replaceDraft and the `version.*` actions), translated into plain mutations and
 * committed as ONE store transaction, so listeners see one event per changed document.
 *
 * The translation runs the actions one after another against a working copy of the documents they
 * touch (through the same `applyMutations` the store uses), because an action may depend on what an
 * earlier action of the same request did: e.g. the first `edit` copies the published document to
 * its draft and the next `edit` patches that draft.
 */
import {randomUUID} from 'node:crypto'

import {LakeError} from '../http.ts'
import {applyMutations} from '../mutations.ts'
import type {Router} from '../router.ts'
import type {LakeContext, LakeDocument, Mutation} from '../types.ts'
import {requireDataset, requireWrite} from './request.ts'

/** Looks up a committed document by id. */
export type DocumentLookup = (id: string) => LakeDocument | undefined

type ActionBody = Record<string, unknown>

/** The action types the lake knows; `sanity.action.release.*` are refused by prefix. */
export type ActionType =
  | 'sanity.action.document.create'
  | 'sanity.action.document.replaceDraft'
  | 'sanity.action.document.edit'
  | 'sanity.action.document.publish'
  | 'sanity.action.document.unpublish'
  | 'sanity.action.document.discard'
  | 'sanity.action.document.delete'
  | 'sanity.action.document.version.create'
  | 'sanity.action.document.version.discard'
  | 'sanity.action.document.version.replace'
  | 'sanity.action.document.version.unpublish'

/** One action being translated, and the documents as the request's earlier actions left them. */
interface ActionContext {
  action: ActionBody
  /** Its position in the request, reported in errors. */
  index: number
  current: DocumentLookup
}

/**
 * Turns one action into the mutations that carry it out (none: nothing to do), or throws the
 * `LakeError` that refuses it.
 */
type Translator = (ctx: ActionContext) => Mutation[]

const RELEASES_UNSUPPORTED =
  'Content releases are not supported by the local lake; publish documents one by one instead'

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Sanity's action error shape: `{type: 'actionError', description, items: [{error, index}]}`. */
function actionError(
  status: number,
  index: number,
  type: string,
  description: string,
  id?: string,
): LakeError {
  return LakeError.sanity(status, 'actionError', description, {
    items: [{error: {type, description, ...(id ? {id} : {})}, index}],
  })
}

/** 400 `validationError`: the action itself is malformed. */
function invalidAction({index}: ActionContext, description: string): LakeError {
  return actionError(400, index, 'validationError', description)
}

/** 409 `documentNotFoundError`: the action needs a document that is not there. */
function documentNotFound({index}: ActionContext, id: string, description: string): LakeError {
  return actionError(409, index, 'documentNotFoundError', description, id)
}

/** 409 `documentAlreadyExistsError`: the action would create a document that is there. */
function alreadyExists({index}: ActionContext, id: string, description: string): LakeError {
  return actionError(409, index, 'documentAlreadyExistsError', description, id)
}

function requireString(ctx: ActionContext, field: string): string {
  const value = ctx.action[field]
  if (typeof value !== 'string' || value === '') {
    throw invalidAction(
      ctx,
      `Action at index ${ctx.index} (${String(ctx.action.actionType)}) needs a non-empty \`${field}\``,
    )
  }
  return value
}

/** The document body of a create or replaceDraft action: an object with a `_type`. */
function requireAttributes(ctx: ActionContext): Record<string, unknown> {
  const attributes = ctx.action.attributes
  if (!isObject(attributes) || typeof attributes._type !== 'string') {
    throw invalidAction(ctx, '`attributes` must be a document with a `_type`')
  }
  return attributes
}

/** 409 when the action names an expected revision (`if…RevisionId`) the document does not have. */
function checkRevision(
  ctx: ActionContext,
  what: string,
  id: string,
  doc: {_rev?: string} | undefined,
  expected: unknown,
): void {
  if (typeof expected !== 'string' || expected === doc?._rev) return
  throw actionError(
    409,
    ctx.index,
    'conflictError',
    `${what} "${id}" has revision "${doc?._rev ?? '(none)'}", expected "${expected}"`,
    id,
  )
}

/** A document as a creation body: system fields other than `_createdAt` are the store's. */
function copyAs(doc: LakeDocument, id: string): Record<string, unknown> {
  const {_rev: _r, _updatedAt: _u, ...rest} = doc
  return {...rest, _id: id}
}

/** The id a create or replaceDraft action writes: `attributes._id`, else the draft id. */
function draftTarget(attributes: Record<string, unknown>, publishedId: string): string {
  return typeof attributes._id === 'string' ? attributes._id : `drafts.${publishedId}`
}

/** Create a draft (or, given a published `_id`, the document itself) from `attributes`. */
function createDocument(ctx: ActionContext): Mutation[] {
  const publishedId = requireString(ctx, 'publishedId')
  const attributes = requireAttributes(ctx)
  const id = draftTarget(attributes, publishedId)
  if (ctx.current(publishedId) && id !== publishedId) {
    throw alreadyExists(
      ctx,
      publishedId,
      `Cannot create a draft: the published document "${publishedId}" already exists`,
    )
  }
  if (ctx.current(id)) {
    if (ctx.action.ifExists === 'ignore') return []
    throw alreadyExists(ctx, id, `Document "${id}" already exists`)
  }
  return [{create: {...attributes, _id: id}}]
}

/** Replace the draft with `attributes`; the document must have a draft or a published version. */
function replaceDraft(ctx: ActionContext): Mutation[] {
  const publishedId = requireString(ctx, 'publishedId')
  const attributes = requireAttributes(ctx)
  const id = draftTarget(attributes, publishedId)
  if (!ctx.current(id) && !ctx.current(publishedId)) {
    throw documentNotFound(
      ctx,
      id,
      `Cannot replace draft "${id}": neither it nor "${publishedId}" exists`,
    )
  }
  return [{createOrReplace: {...attributes, _id: id}}]
}

/** Patch the draft, first copying the published document into it if there is no draft yet. */
function editDocument(ctx: ActionContext): Mutation[] {
  const draftId = requireString(ctx, 'draftId')
  const publishedId = requireString(ctx, 'publishedId')
  const patch = ctx.action.patch
  if (!isObject(patch)) throw invalidAction(ctx, '`patch` must be an object of patch operations')
  const patchDraft: Mutation = {patch: {...patch, id: draftId}}
  if (ctx.current(draftId)) return [patchDraft]
  const published = ctx.current(publishedId)
  if (!published) {
    throw documentNotFound(
      ctx,
      draftId,
      `Cannot edit "${draftId}": neither the draft nor "${publishedId}" exists`,
    )
  }
  return [{create: copyAs(published, draftId)}, patchDraft]
}

/** Replace the published document with the draft and delete the draft. */
function publishDraft(ctx: ActionContext): Mutation[] {
  const draftId = requireString(ctx, 'draftId')
  const publishedId = requireString(ctx, 'publishedId')
  const draft = ctx.current(draftId)
  if (!draft) {
    throw documentNotFound(ctx, draftId, `Cannot publish: draft "${draftId}" does not exist`)
  }
  checkRevision(ctx, 'Draft', draftId, draft, ctx.action.ifDraftRevisionId)
  const published = ctx.current(publishedId)
  checkRevision(ctx, 'Published document', publishedId, published, ctx.action.ifPublishedRevisionId)
  return [{createOrReplace: copyAs(draft, publishedId)}, {delete: {id: draftId}}]
}

/** Delete the published document, keeping its content as the draft unless there is one. */
function unpublishDocument(ctx: ActionContext): Mutation[] {
  const draftId = requireString(ctx, 'draftId')
  const publishedId = requireString(ctx, 'publishedId')
  const published = ctx.current(publishedId)
  if (!published) {
    throw documentNotFound(ctx, publishedId, `Cannot unpublish: "${publishedId}" is not published`)
  }
  return [{delete: {id: publishedId}}, {createIfNotExists: copyAs(published, draftId)}]
}

/** Delete the draft. */
function discardDraft(ctx: ActionContext): Mutation[] {
  const draftId = requireString(ctx, 'draftId')
  if (!ctx.current(draftId)) {
    throw documentNotFound(ctx, draftId, `Cannot discard: draft "${draftId}" does not exist`)
  }
  return [{delete: {id: draftId}}]
}

/** Delete the published document, its draft and the listed `includeDrafts`, whichever exist. */
function deleteDocument(ctx: ActionContext): Mutation[] {
  const publishedId = requireString(ctx, 'publishedId')
  const included = Array.isArray(ctx.action.includeDrafts) ? ctx.action.includeDrafts : []
  const ids = [publishedId, `drafts.${publishedId}`, ...included].filter(
    (id, i, all): id is string => typeof id === 'string' && all.indexOf(id) === i,
  )
  const existing = ids.filter((id) => ctx.current(id))
  if (existing.length === 0) {
    throw documentNotFound(
      ctx,
      publishedId,
      `Cannot delete "${publishedId}": it has no published or draft version`,
    )
  }
  return existing.map((id) => ({delete: {id}}))
}

/** Create a release version, from a given `document` or as a copy of `baseId`. */
function createVersion(ctx: ActionContext): Mutation[] {
  const publishedId = requireString(ctx, 'publishedId')
  const document = ctx.action.document
  if (isObject(document)) {
    const id = document._id
    if (typeof id !== 'string' || !id.endsWith(publishedId)) {
      throw invalidAction(ctx, '`document._id` must be a version id of `publishedId`')
    }
    return [{create: document}]
  }
  const baseId = requireString(ctx, 'baseId')
  const versionId = requireString(ctx, 'versionId')
  const base = ctx.current(baseId)
  if (!base) throw documentNotFound(ctx, baseId, `Base document "${baseId}" does not exist`)
  checkRevision(ctx, 'Base document', baseId, base, ctx.action.ifBaseRevisionId)
  return [{create: copyAs(base, versionId)}]
}

/** Delete a release version. */
function discardVersion(ctx: ActionContext): Mutation[] {
  const versionId = requireString(ctx, 'versionId')
  if (!ctx.current(versionId)) {
    throw documentNotFound(ctx, versionId, `Version "${versionId}" does not exist`)
  }
  return [{delete: {id: versionId}}]
}

/** Replace an existing release version with `document`. */
function replaceVersion(ctx: ActionContext): Mutation[] {
  const document = ctx.action.document
  if (!isObject(document) || typeof document._id !== 'string') {
    throw invalidAction(ctx, '`document` must be a document with an `_id`')
  }
  if (!ctx.current(document._id)) {
    throw documentNotFound(ctx, document._id, `Version "${document._id}" does not exist`)
  }
  return [{createOrReplace: document}]
}

/** Releases (`version.unpublish`, `sanity.action.release.*`): refused with the reason. */
function releasesUnsupported({action, index}: ActionContext): never {
  const description = `${RELEASES_UNSUPPORTED} (${String(action.actionType)})`
  throw actionError(400, index, 'unsupportedActionError', description)
}

function unknownAction({action, index}: ActionContext): never {
  const description = `Unknown action type "${String(action.actionType)}"`
  throw actionError(400, index, 'unsupportedActionError', description)
}

/** One translator per action type. */
const translators: Record<ActionType, Translator> = {
  'sanity.action.document.create': createDocument,
  'sanity.action.document.replaceDraft': replaceDraft,
  'sanity.action.document.edit': editDocument,
  'sanity.action.document.publish': publishDraft,
  'sanity.action.document.unpublish': unpublishDocument,
  'sanity.action.document.discard': discardDraft,
  'sanity.action.document.delete': deleteDocument,
  'sanity.action.document.version.create': createVersion,
  'sanity.action.document.version.discard': discardVersion,
  'sanity.action.document.version.replace': replaceVersion,
  'sanity.action.document.version.unpublish': releasesUnsupported,
}

function translatorFor(actionType: string): Translator {
  if (Object.hasOwn(translators, actionType)) return translators[actionType as ActionType]
  if (actionType.startsWith('sanity.action.release.')) return releasesUnsupported
  return unknownAction
}

/**
 * Translate Sanity document actions into the mutations of one transaction. Throws `LakeError`
 * (400 for malformed actions, 409 for conflicts with the current documents) and then nothing
 * must be committed.
 *
 * @param actions - the request's `actions` array
 * @param lookup - the committed documents of the dataset
 * @param options - the transaction id and timestamp the store will use, so revision checks of
 *   later actions see the revisions earlier actions produce
 */
export function translateActions(
  actions: unknown,
  lookup: DocumentLookup,
  options: {transactionId: string; timestamp: string},
): Mutation[] {
  if (!Array.isArray(actions) || actions.length === 0) {
    throw LakeError.sanity(400, 'actionError', '`actions` must be a non-empty array of actions')
  }
  // The documents touched so far; null means deleted by an earlier action.
  const working = new Map<string, LakeDocument | null>()
  const current = (id: string): LakeDocument | undefined =>
    working.has(id) ? (working.get(id) ?? undefined) : lookup(id)
  const out: Mutation[] = []

  actions.forEach((action: unknown, index) => {
    if (!isObject(action) || typeof action.actionType !== 'string') {
      throw actionError(400, index, 'validationError', `Action at index ${index} has no actionType`)
    }
    const mutations = translatorFor(action.actionType)({action, index, current})
    if (mutations.length === 0) return
    let applied
    try {
      applied = applyMutations(current, mutations, options)
    } catch (error) {
      throw error instanceof LakeError ? asActionError(error, index) : error
    }
    for (const change of applied.changes) working.set(change.id, change.after)
    out.push(...mutations)
  })
  return out
}

/** A mutation error of the action at `index`, reported in the actions API's shape. */
function asActionError(error: LakeError, index: number): LakeError {
  const inner = (error.body as {error?: {description?: string; items?: unknown[]}}).error
  const item = (inner?.items?.[0] as {error?: {type?: string; description?: string}})?.error
  return actionError(
    error.status,
    index,
    item?.type ?? 'mutationError',
    item?.description ?? inner?.description ?? error.message,
  )
}

/** Registers `POST /data/actions/:dataset`. */
export function registerActionRoutes(router: Router, ctx: LakeContext): void {
  router.add('POST', '/data/actions/:dataset', async (req) => {
    requireWrite(req.access, 'actions')
    const dataset = requireDataset(ctx, req)
    const body = await req.json()
    if (!isObject(body))
      throw LakeError.sanity(400, 'actionError', 'Body must be `{actions: [...]}`')
    const transactionId =
      typeof body.transactionId === 'string' && body.transactionId !== ''
        ? body.transactionId
        : randomUUID()
    const timestamp = new Date().toISOString()
    const mutations = translateActions(body.actions, (id) => ctx.store.getDocument(dataset, id), {
      transactionId,
      timestamp,
    })
    // Nothing to change (e.g. create with ifExists: ignore on an existing draft) or a dry run.
    if (mutations.length === 0 || body.dryRun === true) return {transactionId}
    const tx = ctx.store.commit(dataset, mutations, {transactionId, identity: req.access.identity})
    return {transactionId: tx.transactionId}
  })
}
