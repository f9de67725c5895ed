/**
 * The history endpoints behind the Studio's "Review changes" and document history:
 * - `GET /data/history/:dataset/transactions/:ids`: NDJSON, one transaction per line with its
 *   author, mutations and mendoza `effects` per document;
 * - `GET /data/history/:dataset/documents/:ids?revision=|time=`: documents as they were;
 * - `GET /data/history/:dataset/events/documents/:id`: document-group events (created, published,
 *   unpublished, discarded, deleted), derived from the transactions, newest first.
 */
import {LakeError} from '../http.ts'
import type {Router} from '../router.ts'
import type {Access, CommittedTransaction, LakeContext, LakeDocument, Mutation} from '../types.ts'
import {requireDataset} from './request.ts'

const DRAFTS_PREFIX = 'drafts.'
const VERSION_PATTERN = /^versions\.([^.]+)\.(.+)$/

/** `drafts.x` and `versions.r.x` → `x`. */
export function publishedIdOf(id: string): string {
  if (id.startsWith(DRAFTS_PREFIX)) return id.slice(DRAFTS_PREFIX.length)
  const version = VERSION_PATTERN.exec(id)
  return version ? (version[2] as string) : id
}

function requireHistoryAccess(access: Access): void {
  if (access.role === 'anonymous') {
    throw LakeError.plain(401, 'Unauthorized', 'History requires a token or a Studio login')
  }
  if (!access.canRead) {
    throw LakeError.sanity(403, 'insufficientPermissionsError', 'Permission "history" required')
  }
}

function splitIds(ids: string): string[] {
  return ids.split(',').filter(Boolean)
}

/** One line of the transactions log, in the shape Sanity's history API answers. */
export interface HistoryTransaction {
  id: string
  timestamp: string
  author: string
  documentIDs: string[]
  mutations: Mutation[]
  effects: Record<string, {apply: unknown; revert: unknown}>
}

/**
 * A committed transaction as a history line, restricted to `ids` when given. Effects are whole-
 * value mendoza patches (`[0, value]`): valid mendoza that replaces the document as a whole.
 */
export function toHistoryTransaction(
  tx: CommittedTransaction,
  ids?: ReadonlySet<string>,
): HistoryTransaction {
  const changes = ids ? tx.changes.filter((c) => ids.has(c.id)) : tx.changes
  return {
    id: tx.transactionId,
    timestamp: tx.timestamp,
    author: tx.identity,
    documentIDs: changes.map((c) => c.id),
    mutations: changes.flatMap((c) => c.mutations),
    effects: Object.fromEntries(
      changes.map((c) => [c.id, {apply: [0, c.after], revert: [0, c.before]}]),
    ),
  }
}

type Variant = 'draft' | 'published'

/** A document-group event as the Studio's events store models it. */
export interface DocumentGroupEvent {
  id: string
  type: string
  timestamp: string
  author: string
  documentId: string
  documentVariantType: Variant
  [field: string]: unknown
}

/**
 * Derives the group events of one transaction for the document group of `publishedId` (its
 * published document and its draft). Content edits produce no event: the Studio builds those
 * from the transactions log itself. `publishedExists`: whether the published document existed
 * before `tx` (discarding the only remaining version deletes the whole group).
 */
export function groupEvents(
  tx: CommittedTransaction,
  publishedId: string,
  publishedExists: boolean,
): DocumentGroupEvent[] {
  const draftId = `${DRAFTS_PREFIX}${publishedId}`
  const published = tx.changes.find((c) => c.id === publishedId)
  const draft = tx.changes.find((c) => c.id === draftId)
  const base = {
    id: tx.transactionId,
    timestamp: tx.timestamp,
    author: tx.identity,
    documentId: publishedId,
  }
  const draftGone = Boolean(draft?.before && !draft.after)
  const events: DocumentGroupEvent[] = []

  if (published?.after && draftGone) {
    events.push({
      ...base,
      type: 'publishDocumentVersion',
      documentVariantType: 'published',
      revisionId: tx.transactionId,
      versionId: draftId,
      versionRevisionId: draft?.before?._rev,
      publishCause: 'document.publish',
    })
    return events
  }
  if (published?.before && !published.after) {
    // Unpublish keeps (or creates) the draft; anything else removes the whole document.
    if (draft?.after) {
      events.push({
        ...base,
        type: 'unpublishDocument',
        documentVariantType: 'published',
        versionId: draftId,
        versionRevisionId: tx.transactionId,
      })
    } else {
      events.push({...base, type: 'deleteDocumentGroup', documentVariantType: 'published'})
    }
    return events
  }
  if (published?.after) {
    events.push({
      ...base,
      type: published.before ? 'updateLiveDocument' : 'createLiveDocument',
      documentVariantType: 'published',
      revisionId: tx.transactionId,
    })
  }
  if (draft && !draft.before && draft.after) {
    events.push({
      ...base,
      type: 'createDocumentVersion',
      documentVariantType: 'draft',
      versionId: draftId,
      versionRevisionId: tx.transactionId,
    })
  } else if (draftGone && !publishedExists && !published) {
    events.push({...base, type: 'deleteDocumentGroup', documentVariantType: 'draft'})
  } else if (draftGone) {
    events.push({
      ...base,
      type: 'deleteDocumentVersion',
      documentVariantType: 'draft',
      versionId: draftId,
      versionRevisionId: draft?.before?._rev,
    })
  }
  return events
}

function positiveInt(value: string | null, fallback: number, max: number): number {
  const n = Number(value)
  return Number.isInteger(n) && n > 0 ? Math.min(n, max) : fallback
}

/** Registers the history endpoints. */
export function registerHistoryRoutes(router: Router, ctx: LakeContext): void {
  router.add('GET', '/data/history/:dataset/transactions/:ids', (req, res) => {
    requireHistoryAccess(req.access)
    const dataset = requireDataset(ctx, req)
    const ids = splitIds(req.params.ids as string)
    const q = req.query
    let txs = ctx.store.transactionsFor(dataset, ids, {
      fromTime: q.get('fromTime') || undefined,
      toTime: q.get('toTime') || undefined,
    })
    // fromTransaction and toTransaction are inclusive bounds.
    const from = q.get('fromTransaction')
    if (from) {
      const start = txs.findIndex((tx) => tx.transactionId === from)
      if (start >= 0) txs = txs.slice(start)
    }
    const to = q.get('toTransaction')
    if (to) {
      const end = txs.findIndex((tx) => tx.transactionId === to)
      if (end >= 0) txs = txs.slice(0, end + 1)
    }
    const authors = q.get('authors')
    if (authors) {
      const wanted = new Set(splitIds(authors))
      txs = txs.filter((tx) => wanted.has(tx.identity))
    }
    if (q.get('reverse') === 'true') txs = txs.reverse()
    txs = txs.slice(0, positiveInt(q.get('limit'), txs.length, 10_000))
    const onlyIdentified = q.get('includeIdentifiedDocumentsOnly') === 'true'
    const wanted = onlyIdentified ? new Set(ids) : undefined
    const body = txs.map((tx) => JSON.stringify(toHistoryTransaction(tx, wanted)) + '\n').join('')
    res.statusCode = 200
    res.setHeader('content-type', 'application/x-ndjson; charset=utf-8')
    res.end(body)
  })

  router.add('GET', '/data/history/:dataset/documents/:ids', (req) => {
    requireHistoryAccess(req.access)
    const dataset = requireDataset(ctx, req)
    const revision = req.query.get('revision') || undefined
    const time = req.query.get('time') || undefined
    if (!revision && !time) {
      throw LakeError.sanity(400, 'httpBadRequest', 'Give `revision` or `time`')
    }
    const documents = splitIds(req.params.ids as string)
      .map((id) => ctx.store.documentAt(dataset, id, revision ? {rev: revision} : {time}))
      .filter((doc): doc is LakeDocument => doc !== null)
    return {documents}
  })

  router.add('GET', '/data/history/:dataset/events/documents/:id', (req) => {
    requireHistoryAccess(req.access)
    const dataset = requireDataset(ctx, req)
    const requested = req.params.id as string
    const publishedId = publishedIdOf(requested)
    const groupIds = [...new Set([publishedId, `${DRAFTS_PREFIX}${publishedId}`, requested])]
    const limit = positiveInt(req.query.get('limit'), 100, 1000)
    // Oldest first, to know at each step whether the published document exists.
    const events: DocumentGroupEvent[] = []
    let publishedExists = false
    for (const tx of ctx.store.transactionsFor(dataset, groupIds)) {
      events.push(...groupEvents(tx, publishedId, publishedExists))
      const published = tx.changes.find((c) => c.id === publishedId)
      if (published) publishedExists = published.after !== null
    }
    return {events: {[requested]: events.reverse().slice(0, limit)}, nextCursor: ''}
  })
}
