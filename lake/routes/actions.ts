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

/** 409 `documentNotFoundError`: the action needs a document that is not there. */
function documentNotFound(index: number, id: string, description: string): LakeError {
  return actionError(409, index, 'documentNotFoundError', description, id)
}

function requireString(action: ActionBody, field: string, index: number): string {
  const value = action[field]
  if (typeof value !== 'string' || value === '') {
    throw actionError(
      400,
      index,
      'validationError',
      `Action at index ${index} (${String(action.actionType)}) needs a non-empty \`${field}\``,
    )
  }
  return value
}

/** 409 when the action names an expected revision (`if…RevisionId`) the document does not have. */
function checkRevision(
  index: number,
  what: string,
  id: string,
  doc: {_rev?: string} | undefined,
  expected: unknown,
): void {
  if (typeof expected !== 'string' || expected === doc?._rev) return
  throw actionError(
    409,
    index,
    'conflictError',
    `${what} "${id}" has revision "${doc?._rev ?? '(none)'}", expected "${expected}"`,
    id,
  )
}

/** The document body of a create or replaceDraft action: an object with a `_type`. */
function requireAttributes(action: ActionBody, index: number): Record<string, unknown> {
  const attributes = action.attributes
  if (!isObject(attributes) || typeof attributes._type !== 'string') {
    throw actionError(
      400,
      index,
      'validationError',
      '`attributes` must be a document with a `_type`',
    )
  }
  return attributes
}

/** A document as a creation body: system fields other than `_createdAt` are the store's. */
function copyAs(doc: LakeDocument, id: string): Record<string, unknown> {
  const {_rev: _r, _updatedAt: _u, ...rest} = doc
  return {...rest, _id: id}
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

  const emit = (index: number, mutations: Mutation[]) => {
    if (mutations.length === 0) return
    let applied
    try {
      applied = applyMutations(current, mutations, options)
    } catch (error) {
      if (error instanceof LakeError) {
        const inner = (error.body as {error?: {description?: string; items?: unknown[]}}).error
        const item = (inner?.items?.[0] as {error?: {type?: string; description?: string}})?.error
        throw actionError(
          error.status,
          index,
          item?.type ?? 'mutationError',
          item?.description ?? inner?.description ?? error.message,
        )
      }
      throw error
    }
    for (const change of applied.changes) working.set(change.id, change.after)
    out.push(...mutations)
  }

  actions.forEach((raw: unknown, index) => {
    if (!isObject(raw) || typeof raw.actionType !== 'string') {
      throw actionError(400, index, 'validationError', `Action at index ${index} has no actionType`)
    }
    const action = raw
    const actionType = raw.actionType
    switch (actionType) {
      case 'sanity.action.document.create': {
        const publishedId = requireString(action, 'publishedId', index)
        const attributes = requireAttributes(action, index)
        const id = typeof attributes._id === 'string' ? attributes._id : `drafts.${publishedId}`
        if (current(publishedId) && id !== publishedId) {
          throw actionError(
            409,
            index,
            'documentAlreadyExistsError',
            `Cannot create a draft: the published document "${publishedId}" already exists`,
            publishedId,
          )
        }
        if (current(id)) {
          if (action.ifExists === 'ignore') return
          throw actionError(
            409,
            index,
            'documentAlreadyExistsError',
            `Document "${id}" already exists`,
            id,
          )
        }
        emit(index, [{create: {...attributes, _id: id}}])
        return
      }

      case 'sanity.action.document.replaceDraft': {
        const publishedId = requireString(action, 'publishedId', index)
        const attributes = requireAttributes(action, index)
        const id = typeof attributes._id === 'string' ? attributes._id : `drafts.${publishedId}`
        if (!current(id) && !current(publishedId)) {
          throw documentNotFound(
            index,
            id,
            `Cannot replace draft "${id}": neither it nor "${publishedId}" exists`,
          )
        }
        emit(index, [{createOrReplace: {...attributes, _id: id}}])
        return
      }

      case 'sanity.action.document.edit': {
        const draftId = requireString(action, 'draftId', index)
        const publishedId = requireString(action, 'publishedId', index)
        if (!isObject(action.patch)) {
          throw actionError(
            400,
            index,
            'validationError',
            '`patch` must be an object of patch operations',
          )
        }
        const mutations: Mutation[] = []
        if (!current(draftId)) {
          const published = current(publishedId)
          if (!published) {
            throw documentNotFound(
              index,
              draftId,
              `Cannot edit "${draftId}": neither the draft nor "${publishedId}" exists`,
            )
          }
          // The first edit of a published document starts its draft from the published content.
          mutations.push({create: copyAs(published, draftId)})
        }
        mutations.push({patch: {...action.patch, id: draftId}})
        emit(index, mutations)
        return
      }

      case 'sanity.action.document.publish': {
        const draftId = requireString(action, 'draftId', index)
        const publishedId = requireString(action, 'publishedId', index)
        const draft = current(draftId)
        if (!draft) {
          throw documentNotFound(
            index,
            draftId,
            `Cannot publish: draft "${draftId}" does not exist`,
          )
        }
        checkRevision(index, 'Draft', draftId, draft, action.ifDraftRevisionId)
        const published = current(publishedId)
        checkRevision(
          index,
          'Published document',
          publishedId,
          published,
          action.ifPublishedRevisionId,
        )
        emit(index, [{createOrReplace: copyAs(draft, publishedId)}, {delete: {id: draftId}}])
        return
      }

      case 'sanity.action.document.unpublish': {
        const draftId = requireString(action, 'draftId', index)
        const publishedId = requireString(action, 'publishedId', index)
        const published = current(publishedId)
        if (!published) {
          throw documentNotFound(
            index,
            publishedId,
            `Cannot unpublish: "${publishedId}" is not published`,
          )
        }
        // Keep the content as a draft unless the editor already has one.
        emit(index, [{delete: {id: publishedId}}, {createIfNotExists: copyAs(published, draftId)}])
        return
      }

      case 'sanity.action.document.discard': {
        const draftId = requireString(action, 'draftId', index)
        if (!current(draftId)) {
          throw documentNotFound(
            index,
            draftId,
            `Cannot discard: draft "${draftId}" does not exist`,
          )
        }
        emit(index, [{delete: {id: draftId}}])
        return
      }

      case 'sanity.action.document.delete': {
        const publishedId = requireString(action, 'publishedId', index)
        const included = Array.isArray(action.includeDrafts) ? action.includeDrafts : []
        const ids = [publishedId, `drafts.${publishedId}`, ...included].filter(
          (id, i, all): id is string => typeof id === 'string' && all.indexOf(id) === i,
        )
        const existing = ids.filter((id) => current(id))
        if (existing.length === 0) {
          throw documentNotFound(
            index,
            publishedId,
            `Cannot delete "${publishedId}": it has no published or draft version`,
          )
        }
        emit(
          index,
          existing.map((id) => ({delete: {id}})),
        )
        return
      }

      case 'sanity.action.document.version.create': {
        const publishedId = requireString(action, 'publishedId', index)
        if (isObject(action.document)) {
          const id = action.document._id
          if (typeof id !== 'string' || !id.endsWith(publishedId)) {
            throw actionError(
              400,
              index,
              'validationError',
              '`document._id` must be a version id of `publishedId`',
            )
          }
          emit(index, [{create: action.document}])
          return
        }
        const baseId = requireString(action, 'baseId', index)
        const versionId = requireString(action, 'versionId', index)
        const base = current(baseId)
        if (!base) {
          throw documentNotFound(index, baseId, `Base document "${baseId}" does not exist`)
        }
        checkRevision(index, 'Base document', baseId, base, action.ifBaseRevisionId)
        emit(index, [{create: copyAs(base, versionId)}])
        return
      }

      case 'sanity.action.document.version.discard': {
        const versionId = requireString(action, 'versionId', index)
        if (!current(versionId)) {
          throw documentNotFound(index, versionId, `Version "${versionId}" does not exist`)
        }
        emit(index, [{delete: {id: versionId}}])
        return
      }

      case 'sanity.action.document.version.replace': {
        if (!isObject(action.document) || typeof action.document._id !== 'string') {
          throw actionError(
            400,
            index,
            'validationError',
            '`document` must be a document with an `_id`',
          )
        }
        if (!current(action.document._id)) {
          throw actionError(
            409,
            index,
            'documentNotFoundError',
            `Version "${action.document._id}" does not exist`,
            action.document._id,
          )
        }
        emit(index, [{createOrReplace: action.document}])
        return
      }

      default:
        if (
          actionType === 'sanity.action.document.version.unpublish' ||
          actionType.startsWith('sanity.action.release.')
        ) {
          throw actionError(
            400,
            index,
            'unsupportedActionError',
            `${RELEASES_UNSUPPORTED} (${actionType})`,
          )
        }
        throw actionError(
          400,
          index,
          'unsupportedActionError',
          `Unknown action type "${actionType}"`,
        )
    }
  })
  return out
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
