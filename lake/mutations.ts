/**
 * Sanity mutations (`create`, `createOrReplace`, `createIfNotExists`, `patch`, `delete`) applied
 * to documents. Pure: the store hands in a lookup of the current documents and gets back the
 * changed documents, or a `LakeError` when the transaction must be rejected as a whole.
 * Patches go through `@sanity/mutator`, the same code the Studio applies optimistically.
 */
import {randomUUID} from 'node:crypto'
import {Mutation as MutatorMutation} from '@sanity/mutator'
import {LakeError} from './http.ts'
import type {DocumentChange, LakeDocument, Mutation} from './types.ts'

const MUTATION_TYPES = [
  'create',
  'createOrReplace',
  'createIfNotExists',
  'patch',
  'delete',
] as const
type MutationType = (typeof MUTATION_TYPES)[number]

/** What happened to one mutation's document, as `/data/mutate` reports it. */
export interface MutationResult {
  id: string
  operation: 'create' | 'update' | 'delete'
}

const ID_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/
const MAX_ID_LENGTH = 128

/** Why `id` is not a valid Sanity document id, or undefined when it is. */
export function invalidIdReason(id: unknown): string | undefined {
  if (typeof id !== 'string' || id === '') return 'Document ID must be a non-empty string'
  if (id.length > MAX_ID_LENGTH) return `Document ID "${id}" is longer than ${MAX_ID_LENGTH} chars`
  if (!ID_PATTERN.test(id) || id.endsWith('.') || id.includes('..')) {
    return `Document ID "${id}" is not valid: use a-z, A-Z, 0-9, "_", "-" and single "." between parts`
  }
  return undefined
}

function badRequest(description: string, index?: number): LakeError {
  return LakeError.sanity(400, 'mutationError', description, index === undefined ? {} : {index})
}

/** One failed mutation inside a rejected transaction, in Sanity's `items` shape. */
function itemError(status: number, index: number, id: string, type: string, description: string) {
  return LakeError.sanity(status, 'mutationError', `Mutation(s) failed with 1 error(s)`, {
    items: [{error: {id, type, description}, index}],
  })
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The single operation key of a mutation, e.g. `patch`. */
export function mutationType(mutation: Mutation, index: number): MutationType {
  if (!isObject(mutation)) throw badRequest(`Mutation at index ${index} is not an object`, index)
  const keys = Object.keys(mutation)
  const type = keys[0]
  if (keys.length !== 1 || !MUTATION_TYPES.includes(type as MutationType)) {
    throw badRequest(
      `Unknown mutation type at index ${index}: ${JSON.stringify(keys)}; expected one of ${MUTATION_TYPES.join(', ')}`,
      index,
    )
  }
  return type as MutationType
}

/** The document id a (normalized) mutation targets. */
export function mutationTarget(mutation: Mutation): string {
  const body = Object.values(mutation)[0] as Record<string, unknown>
  return (body._id ?? body.id) as string
}

/**
 * Validate the shape of each mutation and give id-less creates a generated id, so the ids a
 * transaction touches are known before it is applied. Returns new mutation objects.
 */
export function normalizeMutations(mutations: unknown): Mutation[] {
  if (!Array.isArray(mutations)) throw badRequest('`mutations` must be an array')
  if (mutations.length === 0) throw badRequest('No mutations given')
  return mutations.map((mutation: Mutation, index) => {
    const type = mutationType(mutation, index)
    const body = mutation[type]
    if (!isObject(body)) throw badRequest(`\`${type}\` at index ${index} must be an object`, index)
    if (type === 'create' || type === 'createOrReplace' || type === 'createIfNotExists') {
      const id = body._id === undefined && type === 'create' ? randomUUID() : body._id
      const reason = invalidIdReason(id)
      if (reason) throw badRequest(reason, index)
      if (typeof body._type !== 'string' || body._type === '') {
        throw badRequest(`Document "${String(id)}" is missing \`_type\``, index)
      }
      return {[type]: {...body, _id: id}}
    }
    if ('query' in body && body.id === undefined) {
      throw badRequest(
        `\`${type}\` by query at index ${index} must be expanded before commit`,
        index,
      )
    }
    const reason = invalidIdReason(body.id)
    if (reason) throw badRequest(reason, index)
    return {[type]: body}
  })
}

/** The outcome of applying a transaction's mutations. */
export interface AppliedMutations {
  changes: DocumentChange[]
  results: MutationResult[]
}

/**
 * Apply normalized `mutations` on top of `lookup` (the committed documents). `_rev` of every
 * changed document becomes `transactionId`, `_updatedAt` becomes `timestamp`.
 */
export function applyMutations(
  lookup: (id: string) => LakeDocument | undefined,
  mutations: Mutation[],
  {transactionId, timestamp}: {transactionId: string; timestamp: string},
): AppliedMutations {
  // Working state for the documents this transaction touched: null means deleted.
  const working = new Map<string, LakeDocument | null>()
  const touched = new Map<string, Mutation[]>()
  const results: MutationResult[] = []
  const current = (id: string): LakeDocument | null =>
    working.has(id) ? (working.get(id) ?? null) : (lookup(id) ?? null)
  const original = (id: string): LakeDocument | null => lookup(id) ?? null
  const stamp = (doc: Record<string, unknown>, createdAt: unknown): LakeDocument =>
    ({
      ...doc,
      _createdAt: typeof createdAt === 'string' ? createdAt : timestamp,
      _updatedAt: timestamp,
      _rev: transactionId,
    }) as LakeDocument

  mutations.forEach((mutation, index) => {
    const type = mutationType(mutation, index)
    const body = mutation[type] as Record<string, unknown>
    const id = mutationTarget(mutation)
    const existing = current(id)
    const track = () => touched.set(id, [...(touched.get(id) ?? []), mutation])

    switch (type) {
      case 'create':
        if (existing) {
          throw itemError(
            409,
            index,
            id,
            'documentAlreadyExistsError',
            `Document by ID "${id}" already exists`,
          )
        }
        working.set(id, stamp(body, body._createdAt))
        track()
        results.push({id, operation: 'create'})
        return
      case 'createIfNotExists':
        if (!existing) {
          working.set(id, stamp(body, body._createdAt))
          track()
        }
        results.push({id, operation: existing ? 'update' : 'create'})
        return
      case 'createOrReplace':
        working.set(id, stamp(body, body._createdAt ?? existing?._createdAt))
        track()
        results.push({id, operation: existing ? 'update' : 'create'})
        return
      case 'delete':
        if (existing) {
          working.set(id, null)
          track()
        }
        results.push({id, operation: 'delete'})
        return
      case 'patch': {
        if (!existing) {
          throw itemError(404, index, id, 'documentNotFoundError', `Document "${id}" not found`)
        }
        const expected = body.ifRevisionID
        const before = original(id)
        if (expected !== undefined && expected !== (before?._rev ?? existing._rev)) {
          throw itemError(
            409,
            index,
            id,
            'conflictError',
            `Document "${id}" has unexpected revision ID ("${before?._rev ?? existing._rev}"), expected "${String(expected)}"`,
          )
        }
        working.set(id, stamp(applyPatch(existing, body, index), existing._createdAt))
        track()
        results.push({id, operation: 'update'})
        return
      }
    }
  })

  const changes: DocumentChange[] = []
  for (const [id, mutationsForId] of touched) {
    const before = original(id)
    const after = working.get(id) ?? null
    if (before === null && after === null) continue
    changes.push({id, before, after, mutations: mutationsForId})
  }
  return {changes, results}
}

function applyPatch(
  doc: LakeDocument,
  patch: Record<string, unknown>,
  index: number,
): LakeDocument {
  const {ifRevisionID: _ignored, query: _query, ...operations} = patch
  let next: unknown
  try {
    next = new MutatorMutation({mutations: [{patch: operations}]} as never).apply(doc as never)
  } catch (error) {
    throw badRequest(`Patch at index ${index} failed: ${(error as Error).message}`, index)
  }
  if (!isObject(next) || next._id !== doc._id) {
    throw badRequest(`Patch at index ${index} may not change \`_id\``, index)
  }
  if (typeof next._type !== 'string' || next._type === '') {
    throw badRequest(`Patch at index ${index} may not remove \`_type\``, index)
  }
  return next as LakeDocument
}

/** Give every object in an array that lacks `_key` a random one (`autoGenerateArrayKeys`). */
export function addMissingKeys(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map((item) => {
      const next = addMissingKeys(item)
      return isObject(next) && next._key === undefined
        ? {_key: randomUUID().replace(/-/g, '').slice(0, 12), ...next}
        : next
    })
  }
  if (isObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, addMissingKeys(v)]))
  }
  return value
}
