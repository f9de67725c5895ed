/**
 * The data API: `/data/query`, `/data/doc`, `/data/mutate` and `/data/export`, with Sanity's
 * access rules (anonymous callers: published only, never a dotted id; viewers: no writes).
 */
import {LakeError, sendJsonText, type LakeResponse} from '../http.ts'
import {queryTags} from '../live/sync-tags.ts'
import {
  addMissingKeys,
  applyMutations,
  normalizeMutations,
  mutationTarget,
  mutationType,
} from '../mutations.ts'
import type {MutationResult} from '../mutations.ts'
import {parseQuery} from '../query/evaluate.ts'
import type {Router} from '../router.ts'
import {newTransactionId} from '../store.ts'
import type {
  Access,
  CommittedTransaction,
  LakeContext,
  LakeDocument,
  LakeRequest,
  Mutation,
  Perspective,
} from '../types.ts'
import {parseQueryParams, requireDataset, requireWrite} from './request.ts'

/** From this API version on, query answers carry `syncTags` (the Live Content API's). */
const SYNC_TAGS_FROM = '2021-03-25'

/** From this API version on, queries default to the published perspective. */
const PUBLISHED_DEFAULT_FROM = '2025-02-19'

/** Whether a document may be shown to `access` (anonymous callers never see dotted ids). */
export function canSee(access: Access, id: string): boolean {
  return !access.publishedOnly || !id.includes('.')
}

/**
 * The perspective a query runs in: the caller's choice, else Sanity's default for the API
 * version (published from v2025-02-19, raw before). Anonymous callers always get published.
 */
export function resolvePerspective(req: LakeRequest, requested: unknown): Perspective {
  if (req.access.publishedOnly) return 'published'
  if (requested === undefined || requested === null || requested === '') {
    const date = /^v(\d{4}-\d{2}-\d{2})$/.exec(req.apiVersion)?.[1]
    if (req.apiVersion === 'vX') return 'published'
    return date !== undefined && date >= PUBLISHED_DEFAULT_FROM ? 'published' : 'raw'
  }
  const parts = (Array.isArray(requested) ? requested : String(requested).split(','))
    .map((p) => String(p).trim())
    .filter(Boolean)
  if (parts.length === 1 && (parts[0] === 'raw' || parts[0] === 'published')) return parts[0]
  // A release stack ends in `drafts`; the lake has no releases, so it reads as drafts.
  if (parts.includes('drafts') || parts.includes('previewDrafts')) return 'drafts'
  throw LakeError.sanity(
    400,
    'httpBadRequest',
    `Invalid perspective "${parts.join(',')}": use raw, drafts or published`,
  )
}

function hasSyncTags(apiVersion: string): boolean {
  if (apiVersion === 'vX') return true
  const date = /^v(\d{4}-\d{2}-\d{2})$/.exec(apiVersion)?.[1]
  return date !== undefined && date >= SYNC_TAGS_FROM
}

async function runQuery(ctx: LakeContext, req: LakeRequest, res: LakeResponse): Promise<void> {
  const dataset = requireDataset(ctx, req)
  let query: unknown
  let params: Record<string, unknown>
  let requestedPerspective: unknown = req.query.get('perspective') ?? undefined
  if (req.method === 'POST') {
    const body = await req.json()
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw LakeError.sanity(400, 'httpBadRequest', 'Body must be an object: {query, params}')
    }
    const {query: q, params: p, perspective} = body as Record<string, unknown>
    query = q
    if (p !== undefined && (typeof p !== 'object' || p === null || Array.isArray(p))) {
      throw LakeError.sanity(400, 'httpBadRequest', '`params` must be an object')
    }
    params = {...parseQueryParams(req.query), ...(p as Record<string, unknown> | undefined)}
    requestedPerspective = perspective ?? requestedPerspective
  } else {
    query = req.query.get('query') ?? undefined
    params = parseQueryParams(req.query)
  }
  if (typeof query !== 'string' || query.trim() === '') {
    throw LakeError.sanity(400, 'httpBadRequest', 'Missing `query`')
  }
  const perspective = resolvePerspective(req, requestedPerspective)
  const {resultJson, ms} = await ctx.queries.query({
    client: req.client,
    dataset,
    query,
    params,
    perspective,
    access: req.access,
  })
  // The envelope is assembled around the worker's JSON instead of parsing and re-serializing it.
  const echo = req.query.get('returnQuery') === 'false' ? '' : `"query":${JSON.stringify(query)},`
  // The query ran, so it parses (from the parse cache, as a rule). `lastLiveEventId` needs no
  // handling: every answer already reflects every commit before it.
  const tags = hasSyncTags(req.apiVersion)
    ? `,"syncTags":${JSON.stringify(queryTags(dataset, parseQuery(query, params), params))}`
    : ''
  sendJsonText(res, 200, `{${echo}"result":${resultJson},"ms":${ms}${tags}}`)
}

function getDocuments(ctx: LakeContext, req: LakeRequest) {
  const dataset = requireDataset(ctx, req)
  const ids = (req.params.ids ?? '').split(',').filter(Boolean)
  // The Studio's availability checks only need to know that a document exists.
  const excludeContent = isTrue(req.query.get('excludeContent'))
  const documents: LakeDocument[] = []
  const omitted: Array<{id: string; reason: 'existence' | 'permission'}> = []
  for (const id of ids) {
    if (!canSee(req.access, id)) {
      omitted.push({id, reason: 'permission'})
      continue
    }
    const doc = ctx.store.getDocument(dataset, id)
    if (doc) documents.push(excludeContent ? systemFields(doc) : doc)
    else omitted.push({id, reason: 'existence'})
  }
  return {documents, omitted}
}

function systemFields(doc: LakeDocument): LakeDocument {
  const {_id, _type, _rev, _createdAt, _updatedAt} = doc
  return {_id, _type, _rev, _createdAt, _updatedAt}
}

function isTrue(value: string | null): boolean {
  return value === 'true' || value === '1'
}

/** Turn `{patch|delete: {query}}` into one mutation per matching document. */
async function expandQueryMutations(
  ctx: LakeContext,
  req: LakeRequest,
  dataset: string,
  mutations: Mutation[],
): Promise<Mutation[]> {
  const expanded: Mutation[] = []
  for (const [index, mutation] of mutations.entries()) {
    const type = mutationType(mutation, index)
    const body = mutation[type] as Record<string, unknown> | null
    if ((type !== 'patch' && type !== 'delete') || !body || typeof body.query !== 'string') {
      expanded.push(mutation)
      continue
    }
    const {query, params, ...rest} = body
    const {resultJson} = await ctx.queries.query({
      dataset,
      query: query as string,
      params: (params ?? {}) as Record<string, unknown>,
      perspective: 'raw',
      access: req.access,
    })
    const result = JSON.parse(resultJson) as unknown
    const docs = Array.isArray(result) ? result : result ? [result] : []
    for (const doc of docs) {
      const id = (doc as {_id?: unknown})?._id
      if (typeof id === 'string') expanded.push({[type]: {...rest, id}})
    }
  }
  return expanded
}

function withKeys(mutation: Mutation): Mutation {
  const type = Object.keys(mutation)[0] as string
  const body = mutation[type] as Record<string, unknown>
  if (type !== 'patch') return {[type]: addMissingKeys(body)}
  const next = {...body}
  for (const op of ['set', 'setIfMissing', 'insert'] as const) {
    if (next[op] !== undefined) next[op] = addMissingKeys(next[op])
  }
  return {patch: next}
}

async function mutate(ctx: LakeContext, req: LakeRequest) {
  const dataset = requireDataset(ctx, req)
  requireWrite(req.access, 'mutate')
  const body = await req.json()
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw LakeError.sanity(400, 'mutationError', 'Body must be an object: {mutations: [...]}')
  }
  const {mutations, transactionId: bodyTransactionId} = body as Record<string, unknown>
  if (!Array.isArray(mutations)) {
    throw LakeError.sanity(400, 'mutationError', '`mutations` must be an array')
  }
  const expanded = await expandQueryMutations(ctx, req, dataset, mutations)
  const transactionId =
    (typeof bodyTransactionId === 'string' && bodyTransactionId) ||
    req.query.get('transactionId') ||
    undefined
  if (transactionId !== undefined && !/^[A-Za-z0-9._-]{1,128}$/.test(transactionId)) {
    throw LakeError.sanity(400, 'mutationError', `Invalid transaction id "${transactionId}"`)
  }
  // Patches or deletes by a query that matches nothing (the Presentation tool deleting expired
  // preview secrets when there are none): nothing to do, as on Sanity, rather than an error.
  if (mutations.length > 0 && expanded.length === 0) {
    return {
      transactionId: transactionId ?? newTransactionId(),
      results: [],
      ...(isTrue(req.query.get('returnIds')) ? {documentIds: []} : {}),
    }
  }
  let list = normalizeMutations(expanded)
  if (isTrue(req.query.get('autoGenerateArrayKeys'))) list = list.map(withKeys)
  const tx = isTrue(req.query.get('dryRun'))
    ? dryRun(ctx, dataset, list, transactionId, req.access.identity)
    : ctx.store.commit(dataset, list, {transactionId, identity: req.access.identity})
  const results = describeResults(list, tx)
  const returnDocuments = isTrue(req.query.get('returnDocuments'))
  const response: Record<string, unknown> = {
    transactionId: tx.transactionId,
    results: results.map((result) =>
      returnDocuments ? {...result, document: resultDocument(ctx, dataset, tx, result)} : result,
    ),
  }
  if (isTrue(req.query.get('returnIds'))) response.documentIds = results.map((r) => r.id)
  return response
}

/** What committing `mutations` would do, without writing anything (`?dryRun=true`). */
function dryRun(
  ctx: LakeContext,
  dataset: string,
  mutations: Mutation[],
  transactionId: string | undefined,
  identity: string,
): CommittedTransaction {
  const id = transactionId ?? newTransactionId()
  const timestamp = new Date().toISOString()
  const {changes} = applyMutations((docId) => ctx.store.getDocument(dataset, docId), mutations, {
    transactionId: id,
    timestamp,
  })
  return {seq: ctx.store.seq, dataset, transactionId: id, identity, timestamp, changes}
}

/** One result per mutation, in the shape `/data/mutate` answers with. */
function describeResults(mutations: Mutation[], tx: CommittedTransaction): MutationResult[] {
  const created = new Set(tx.changes.filter((c) => c.before === null).map((c) => c.id))
  return mutations.map((mutation, index) => {
    const id = mutationTarget(mutation)
    const type = mutationType(mutation, index)
    if (type === 'delete') return {id, operation: 'delete'}
    if (type === 'patch') return {id, operation: 'update'}
    return {id, operation: created.has(id) ? 'create' : 'update'}
  })
}

function resultDocument(
  ctx: LakeContext,
  dataset: string,
  tx: CommittedTransaction,
  result: MutationResult,
): LakeDocument | null {
  const change = tx.changes.find((c) => c.id === result.id)
  if (change) return change.after ?? change.before
  return ctx.store.getDocument(dataset, result.id) ?? null
}

function exportDataset(ctx: LakeContext, req: LakeRequest, res: LakeResponse): void {
  const dataset = requireDataset(ctx, req)
  const types = req.query.get('types')?.split(',').filter(Boolean)
  // Snapshot first: commits during a slow download must not tear the export.
  const docs = [...ctx.store.documents(dataset).values()]
    .filter((doc) => canSee(req.access, doc._id))
    .filter((doc) => !types || types.includes(doc._type))
    .sort((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0))
  res.statusCode = 200
  res.setHeader('content-type', 'application/x-ndjson; charset=utf-8')
  let i = 0
  const writeMore = () => {
    while (i < docs.length) {
      const chunk: string[] = []
      for (const end = Math.min(i + 500, docs.length); i < end; i++) {
        chunk.push(JSON.stringify(docs[i]) + '\n')
      }
      if (!(res as {write: (s: string) => boolean}).write(chunk.join(''))) {
        res.once('drain', writeMore)
        return
      }
    }
    res.end()
  }
  writeMore()
}

/** Register `/data/query`, `/data/doc`, `/data/mutate` and `/data/export`. */
export function registerDataRoutes(router: Router, ctx: LakeContext): void {
  router.add(['GET', 'POST'], '/data/query/:dataset', (req, res) => runQuery(ctx, req, res))
  router.add('GET', '/data/doc/:dataset/:ids', (req) => getDocuments(ctx, req))
  router.add('POST', '/data/mutate/:dataset', (req) => mutate(ctx, req))
  router.add('GET', '/data/export/:dataset', (req, res) => exportDataset(ctx, req, res))
}
