import type {SanityClient} from '@sanity/client'
import {describe, expect, it} from 'vitest'

import {buildPostContent, contentHashOf, importHashOf, isUnedited} from './documents.ts'
import type {PlannedPost, PlannedTag} from './plan.ts'
import {
  createPostWriter,
  decidePost,
  type Mutation,
  type PreparedPost,
  type StoredDocument,
} from './writer.ts'

/** A stored post the import wrote with `importHash`, optionally edited since. */
function stored(id: string, importHash: string, edited = false): StoredDocument {
  const content = buildPostContent({
    id: 'wp-post-1',
    origin: {id: 1},
    title: 'T',
    slug: 's',
    body: [],
    tagIds: [],
  })
  const doc: StoredDocument = {
    _id: id,
    _rev: `rev-${id}`,
    ...content,
    wordpress: {
      ...content.wordpress,
      importHash: importHashOf(contentHashOf(content as never), {}),
    },
  }
  if (importHash !== 'own') (doc.wordpress as {importHash: string}).importHash = importHash
  if (edited) doc.title = 'Edited in the Studio'
  return doc
}

describe('decidePost', () => {
  const own = stored('wp-post-1', 'own')
  const ownHash = (own.wordpress as {importHash: string}).importHash
  const edited = stored('wp-post-1', 'own', true)
  const draft = {...stored('drafts.wp-post-1', 'own'), _id: 'drafts.wp-post-1'}
  const editedDraft = {...draft, title: 'Draft edit'}

  it.each([
    ['new published post', {published: true}, {outcome: 'created', write: 'create'}],
    ['new draft', {published: false}, {outcome: 'created', write: 'create'}],
    [
      'unchanged published post',
      {published: true, publishedDocument: own, importHash: ownHash},
      {outcome: 'unchanged'},
    ],
    [
      'published post with news from WordPress',
      {published: true, publishedDocument: own},
      {outcome: 'updated', write: 'patch', revision: 'rev-wp-post-1'},
    ],
    [
      'published post an editor changed',
      {published: true, publishedDocument: edited},
      {outcome: 'kept'},
    ],
    [
      '…with --overwrite',
      {published: true, publishedDocument: edited, overwrite: true, importHash: ownHash},
      {outcome: 'updated', write: 'patch', revision: 'rev-wp-post-1'},
    ],
    [
      'published post with an editor’s draft',
      {published: true, publishedDocument: own, draft: editedDraft},
      {outcome: 'kept'},
    ],
    [
      '…with --overwrite: published, the draft deleted',
      {published: true, publishedDocument: own, draft: editedDraft, overwrite: true},
      {outcome: 'updated', write: 'patch', revision: 'rev-wp-post-1', deleteDraft: true},
    ],
    [
      'draft published in WordPress since',
      {published: true, draft},
      {outcome: 'updated', write: 'create', deleteDraft: true},
    ],
    ['unchanged draft', {published: false, draft, importHash: ownHash}, {outcome: 'unchanged'}],
    [
      'draft with news',
      {published: false, draft},
      {outcome: 'updated', write: 'patch', revision: 'rev-drafts.wp-post-1'},
    ],
    ['draft an editor changed', {published: false, draft: editedDraft}, {outcome: 'kept'}],
    [
      'draft in WordPress, published here',
      {published: false, publishedDocument: own},
      {outcome: 'kept-published'},
    ],
    [
      '…even with --overwrite',
      {published: false, publishedDocument: own, overwrite: true},
      {outcome: 'kept-published'},
    ],
  ])('%s', (_name, input, expected) => {
    const {current: _current, ...decision} = decidePost({importHash: 'new', ...input})
    expect(decision).toEqual(expected)
  })
})

/** An in-memory stand-in for the dataset: enough of create, patch and delete to follow links. */
function memoryClient() {
  const documents = new Map<string, StoredDocument>()
  const transactions: Mutation[][] = []
  let revision = 0
  const client = {
    getDocuments: async (ids: string[]) => ids.map((id) => documents.get(id) ?? null),
    mutate: async (mutations: Mutation[], options: {transactionId?: string} = {}) => {
      transactions.push(mutations)
      revision++
      // As in Sanity, a changed document's revision is the transaction's id.
      const rev = options.transactionId ?? `r${revision}`
      for (const mutation of mutations) {
        if ('create' in mutation)
          documents.set(mutation.create._id, {...mutation.create, _rev: rev})
        else if ('createIfNotExists' in mutation) {
          if (!documents.has(mutation.createIfNotExists._id))
            documents.set(mutation.createIfNotExists._id, mutation.createIfNotExists)
        } else if ('delete' in mutation) documents.delete(mutation.delete.id)
        else {
          const doc: StoredDocument = {
            ...(documents.get(mutation.patch.id) as StoredDocument),
            _rev: rev,
          }
          for (const [path, value] of Object.entries(mutation.patch.set ?? {})) {
            const [field, sub] = path.split('.') as [string, string | undefined]
            doc[field] = sub ? {...(doc[field] as object), [sub]: value} : value
          }
          for (const field of mutation.patch.unset ?? []) delete doc[field]
          documents.set(mutation.patch.id, doc)
        }
      }
      return {}
    },
  } as unknown as SanityClient
  return {client, documents, transactions}
}

function prepared(
  id: number,
  links: {previous?: number; next?: number},
  tagIds: string[] = [],
): PreparedPost {
  const content = buildPostContent({
    id: `wp-post-${id}`,
    origin: {id},
    title: `Post ${id}`,
    slug: `post-${id}`,
    body: [],
    publishedAt: `2026-11-2${id}T09:00:00.000Z`,
    tagIds,
  })
  const planned: PlannedPost = {
    ordinal: id,
    wordpressId: id,
    guid: `https://s.test/?p=${id}`,
    identity: `https://s.test/?p=${id}`,
    itemHash: 'h',
    media: {urls: [], ids: [], ownGallery: false},
    site: 'https://s.test',
    published: true,
    wordpressStatus: 'publish',
    slugBase: `post-${id}`,
    title: `Post ${id}`,
    permalink: '',
    terms: [],
    baseId: `wp-post-${id}`,
    documentId: `wp-post-${id}`,
    slug: `post-${id}`,
    tagIds,
    ...(links.previous ? {previous: `wp-post-${links.previous}`} : {}),
    ...(links.next ? {next: `wp-post-${links.next}`} : {}),
  }
  return {planned, content, contentHash: contentHashOf(content as never)}
}

describe('createPostWriter', () => {
  const tags = new Map<string, PlannedTag>([
    ['wp-tag-ai', {_id: 'wp-tag-ai', title: 'AI', slug: 'ai', exists: false}],
  ])

  it('writes a link whose target comes later in the transaction that writes the target', async () => {
    const {client, documents, transactions} = memoryClient()
    const writer = createPostWriter({client, existingPostIds: [], tags})
    // File order: the newest post first, so each post's previous is not written yet.
    await writer.write([prepared(3, {previous: 2}, ['wp-tag-ai'])])
    expect(writer.pendingLinks()).toBe(1)
    await writer.write([prepared(2, {previous: 1, next: 3}, ['wp-tag-ai'])])
    await writer.write([prepared(1, {next: 2})])
    expect(writer.pendingLinks()).toBe(0)

    expect(transactions.map((mutations) => mutations.map((m) => Object.keys(m)[0]))).toEqual([
      ['createIfNotExists', 'create'],
      ['create', 'patch'],
      ['create', 'patch'],
    ])
    expect(transactions[1]?.[1]).toEqual({
      patch: {
        id: 'wp-post-3',
        set: {
          'wordpress.importHash': expect.any(String),
          'wordpress.importRevision': expect.any(String),
          previous: {_type: 'reference', _ref: 'wp-post-2'},
        },
      },
    })
    const refs = (id: string) => {
      const doc = documents.get(id) as StoredDocument
      return [(doc.previous as {_ref?: string})?._ref, (doc.next as {_ref?: string})?._ref]
    }
    expect(refs('wp-post-1')).toEqual([undefined, 'wp-post-2'])
    expect(refs('wp-post-2')).toEqual(['wp-post-1', 'wp-post-3'])
    expect(refs('wp-post-3')).toEqual(['wp-post-2', undefined])
    // Every post ends as the import would write it in one go: a rerun finds them unedited.
    for (const id of ['wp-post-1', 'wp-post-2', 'wp-post-3']) {
      expect(isUnedited(documents.get(id) as StoredDocument)).toBe(true)
    }
    expect(writer.tagCounts()).toEqual({created: 1, existing: 0})
    // Each post records the transaction that last wrote it (link patches included): its _rev.
    for (const id of ['wp-post-1', 'wp-post-2', 'wp-post-3']) {
      const doc = documents.get(id) as StoredDocument
      expect((doc.wordpress as {importRevision: string}).importRevision).toBe(doc._rev)
    }
    expect(new Set([...documents.values()].map((doc) => doc._rev)).size).toBeGreaterThan(1)

    const outcomes: string[] = []
    const again = createPostWriter({
      client,
      existingPostIds: documents.keys(),
      tags,
      onPost: (_post, decision) => outcomes.push(decision.outcome),
    })
    await again.write([
      prepared(3, {previous: 2}, ['wp-tag-ai']),
      prepared(2, {previous: 1, next: 3}, ['wp-tag-ai']),
      prepared(1, {next: 2}),
    ])
    expect(outcomes).toEqual(['unchanged', 'unchanged', 'unchanged'])
    expect(transactions).toHaveLength(3)
  })

  it('counts a skipped post as unchanged, with its tags, and links new posts to it at once', async () => {
    const {client, transactions} = memoryClient()
    const outcomes: string[] = []
    const writer = createPostWriter({
      client,
      existingPostIds: ['wp-post-1'],
      tags,
      onPost: (post, decision) => outcomes.push(`${post.baseId} ${decision.outcome}`),
    })
    writer.skip(prepared(1, {next: 2}, ['wp-tag-ai']).planned)
    await writer.write([prepared(2, {previous: 1})])
    expect(outcomes).toEqual(['wp-post-1 unchanged', 'wp-post-2 created'])
    expect(transactions).toHaveLength(1)
    expect(writer.pendingLinks()).toBe(0)
    expect(writer.tagCounts()).toEqual({created: 0, existing: 0})
  })

  it('links within one batch directly, and writes nothing in a dry run', async () => {
    const {client, transactions} = memoryClient()
    const decisions: string[] = []
    const dry = createPostWriter({
      client,
      dryRun: true,
      existingPostIds: [],
      tags,
      onPost: (post, decision) => decisions.push(`${post.baseId} ${decision.outcome}`),
    })
    await dry.write([prepared(2, {previous: 1}), prepared(1, {next: 2})])
    expect(transactions).toEqual([])
    expect(decisions).toEqual(['wp-post-2 created', 'wp-post-1 created'])

    const writer = createPostWriter({client, existingPostIds: [], tags})
    await writer.write([prepared(2, {previous: 1}), prepared(1, {next: 2})])
    expect(transactions).toHaveLength(1)
    expect(transactions[0]?.map((m) => Object.keys(m)[0])).toEqual(['create', 'create'])
    expect(writer.pendingLinks()).toBe(0)
  })

  it('reads and decides again when a write meets an edit made in between (409)', async () => {
    const {client, documents} = memoryClient()
    const first = createPostWriter({client, existingPostIds: [], tags})
    await first.write([prepared(1, {})])
    let conflicts = 0
    const mutate = client.mutate.bind(client)
    const racing = Object.assign(Object.create(client), {
      mutate: async (mutations: Mutation[]) => {
        if (conflicts++ === 0) {
          // An editor changes the post just before the import's write lands.
          documents.set('wp-post-1', {
            ...(documents.get('wp-post-1') as StoredDocument),
            title: 'Editor',
            _rev: 'x',
          })
          throw Object.assign(new Error('Conflict'), {statusCode: 409})
        }
        return mutate(mutations as never)
      },
    }) as SanityClient
    const outcomes: string[] = []
    const writer = createPostWriter({
      client: racing,
      existingPostIds: ['wp-post-1'],
      tags,
      onPost: (_post, decision) => outcomes.push(decision.outcome),
    })
    const changed = prepared(1, {})
    changed.content = {...changed.content, title: 'New from WordPress'}
    changed.contentHash = contentHashOf(changed.content as never)
    await writer.write([changed])
    expect(outcomes).toEqual(['kept'])
    expect(documents.get('wp-post-1')?.title).toBe('Editor')
  })
})
