import {describe, expect, it} from 'vitest'

import {LakeError} from '../http.ts'
import {applyMutations} from '../mutations.ts'
import type {LakeDocument} from '../types.ts'
import {translateActions} from './actions.ts'

const TX = {transactionId: 'tx-2', timestamp: '2026-11-26T12:00:00.000Z'}

function doc(id: string, fields: Record<string, unknown> = {}, rev = 'rev-1'): LakeDocument {
  return {
    _id: id,
    _type: 'post',
    _rev: rev,
    _createdAt: '2026-11-01T00:00:00.000Z',
    _updatedAt: '2026-11-01T00:00:00.000Z',
    ...fields,
  }
}

/** Runs actions against `docs` and returns the resulting dataset (id → doc or null). */
function run(docs: LakeDocument[], actions: unknown[]) {
  const byId = new Map(docs.map((d) => [d._id, d]))
  const lookup = (id: string) => byId.get(id)
  const mutations = translateActions(actions, lookup, TX)
  const {changes} = applyMutations(lookup, mutations, TX)
  const result = new Map<string, LakeDocument | null>(byId)
  for (const change of changes) result.set(change.id, change.after)
  return {mutations, changes, result}
}

interface ActionErrorBody {
  error: {
    type: string
    description: string
    items: Array<{index: number; error: {type: string; description: string}}>
  }
}

function failure(
  docs: LakeDocument[],
  actions: unknown[],
): {status: number; body: ActionErrorBody} {
  try {
    run(docs, actions)
  } catch (error) {
    if (error instanceof LakeError)
      return {status: error.status, body: error.body as ActionErrorBody}
    throw error
  }
  throw new Error('expected the actions to fail')
}

const edit = (patch: object, id = 'p1') => ({
  actionType: 'sanity.action.document.edit',
  draftId: `drafts.${id}`,
  publishedId: id,
  patch,
})

describe('translateActions', () => {
  it('creates a draft from attributes, keeping the client _createdAt', () => {
    const {result, changes} = run(
      [],
      [
        {
          actionType: 'sanity.action.document.create',
          publishedId: 'p1',
          attributes: {_id: 'drafts.p1', _type: 'post', _createdAt: '2026-11-26T11:00:00.000Z'},
          ifExists: 'fail',
        },
      ],
    )
    expect(changes.map((c) => c.id)).toEqual(['drafts.p1'])
    expect(result.get('drafts.p1')).toMatchObject({
      _type: 'post',
      _rev: 'tx-2',
      _createdAt: '2026-11-26T11:00:00.000Z',
    })
  })

  it('fails create on an existing draft unless ifExists is ignore', () => {
    const create = (ifExists: string) => ({
      actionType: 'sanity.action.document.create',
      publishedId: 'p1',
      attributes: {_id: 'drafts.p1', _type: 'post'},
      ifExists,
    })
    expect(failure([doc('drafts.p1')], [create('fail')]).status).toBe(409)
    expect(run([doc('drafts.p1')], [create('ignore')]).mutations).toEqual([])
    expect(failure([doc('p1')], [create('ignore')]).body.error.items[0]?.error.type).toBe(
      'documentAlreadyExistsError',
    )
  })

  it('copies the published document to its draft on the first edit, then patches the draft', () => {
    const published = doc('p1', {title: 'Hello', body: []})
    const {result, changes} = run(
      [published],
      [
        edit({unset: ['_empty_action_guard_pseudo_field_']}),
        edit({diffMatchPatch: {title: '@@ -1,5 +1,6 @@\n Hello\n+!\n'}}),
        edit({setIfMissing: {tags: []}}),
      ],
    )
    expect(changes.map((c) => c.id)).toEqual(['drafts.p1'])
    expect(result.get('p1')).toBe(published)
    expect(result.get('drafts.p1')).toMatchObject({
      _id: 'drafts.p1',
      title: 'Hello!',
      tags: [],
      _rev: 'tx-2',
      _createdAt: published._createdAt,
    })
  })

  it('edits an existing draft without touching the published document', () => {
    const {changes, mutations} = run(
      [doc('p1', {title: 'Old'}), doc('drafts.p1', {title: 'Draft'})],
      [edit({set: {title: 'New'}})],
    )
    expect(mutations).toEqual([{patch: {set: {title: 'New'}, id: 'drafts.p1'}}])
    expect(changes[0]?.after?.title).toBe('New')
  })

  it('refuses to edit a document that does not exist at all', () => {
    const {status, body} = failure([], [edit({set: {title: 'x'}})])
    expect(status).toBe(409)
    expect(body.error.type).toBe('actionError')
    expect(body.error.items[0]).toMatchObject({index: 0, error: {type: 'documentNotFoundError'}})
  })

  it('publishes in one transaction: published replaced from the draft, draft deleted', () => {
    const draft = doc('drafts.p1', {title: 'Ready'}, 'draft-rev')
    const {result, changes} = run(
      [doc('p1', {title: 'Old'}, 'pub-rev'), draft],
      [
        {
          actionType: 'sanity.action.document.publish',
          draftId: 'drafts.p1',
          publishedId: 'p1',
          ifDraftRevisionId: 'draft-rev',
          ifPublishedRevisionId: 'pub-rev',
        },
      ],
    )
    expect(changes.map((c) => [c.id, c.after ? 'present' : 'gone'])).toEqual([
      ['p1', 'present'],
      ['drafts.p1', 'gone'],
    ])
    expect(result.get('p1')).toMatchObject({_id: 'p1', title: 'Ready', _rev: 'tx-2'})
  })

  it('rejects publish on a revision mismatch or a missing draft', () => {
    const publish = (extra: object) => ({
      actionType: 'sanity.action.document.publish',
      draftId: 'drafts.p1',
      publishedId: 'p1',
      ...extra,
    })
    expect(failure([doc('drafts.p1')], [publish({ifDraftRevisionId: 'other'})]).status).toBe(409)
    expect(
      failure([doc('drafts.p1'), doc('p1', {}, 'pub')], [publish({ifPublishedRevisionId: 'x'})])
        .body.error.items[0]?.error.type,
    ).toBe('conflictError')
    // The published document must exist when its revision is asserted.
    expect(failure([doc('drafts.p1')], [publish({ifPublishedRevisionId: 'x'})]).status).toBe(409)
    expect(failure([doc('p1')], [publish({})]).status).toBe(409)
  })

  it('publishes what earlier actions of the same request wrote', () => {
    const {result} = run(
      [doc('p1', {title: 'Old'})],
      [
        edit({set: {title: 'Edited then published'}}),
        {actionType: 'sanity.action.document.publish', draftId: 'drafts.p1', publishedId: 'p1'},
      ],
    )
    expect(result.get('p1')?.title).toBe('Edited then published')
    // Created and deleted within the transaction: never there as far as anyone can tell.
    expect(result.get('drafts.p1') ?? null).toBeNull()
  })

  it('unpublishes into a draft, keeping an existing draft as it is', () => {
    const unpublish = {
      actionType: 'sanity.action.document.unpublish',
      draftId: 'drafts.p1',
      publishedId: 'p1',
    }
    const fresh = run([doc('p1', {title: 'Live'})], [unpublish])
    expect(fresh.result.get('p1')).toBeNull()
    expect(fresh.result.get('drafts.p1')).toMatchObject({title: 'Live'})

    const kept = run([doc('p1', {title: 'Live'}), doc('drafts.p1', {title: 'Work'})], [unpublish])
    expect(kept.result.get('p1')).toBeNull()
    expect(kept.result.get('drafts.p1')?.title).toBe('Work')
    expect(failure([], [unpublish]).status).toBe(409)
  })

  it('discards a draft and refuses to discard a missing one', () => {
    const discard = {actionType: 'sanity.action.document.discard', draftId: 'drafts.p1'}
    const {result} = run([doc('p1'), doc('drafts.p1')], [discard])
    expect(result.get('drafts.p1')).toBeNull()
    expect(result.get('p1')).not.toBeNull()
    expect(failure([doc('p1')], [discard]).status).toBe(409)
  })

  it('deletes the published document and its draft together', () => {
    const {changes} = run(
      [doc('p1'), doc('drafts.p1'), doc('p2')],
      [
        {
          actionType: 'sanity.action.document.delete',
          publishedId: 'p1',
          includeDrafts: ['drafts.p1'],
        },
      ],
    )
    expect(changes.map((c) => c.id).sort()).toEqual(['drafts.p1', 'p1'])
    expect(changes.every((c) => c.after === null)).toBe(true)
    const onlyPublished = run(
      [doc('p1')],
      [{actionType: 'sanity.action.document.delete', publishedId: 'p1', includeDrafts: []}],
    )
    expect(onlyPublished.changes.map((c) => c.id)).toEqual(['p1'])
    expect(
      failure([], [{actionType: 'sanity.action.document.delete', publishedId: 'p1'}]).status,
    ).toBe(409)
  })

  it('duplicates a document as a create with new attributes', () => {
    const {result} = run(
      [doc('p1', {title: 'Original'})],
      [
        {
          actionType: 'sanity.action.document.create',
          publishedId: 'p2',
          attributes: {_id: 'drafts.p2', _type: 'post', title: 'Original'},
          ifExists: 'fail',
        },
      ],
    )
    expect(result.get('drafts.p2')?.title).toBe('Original')
    expect(result.get('p1')?.title).toBe('Original')
  })

  it('creates and discards release versions, and says clearly that releases are unsupported', () => {
    const created = run(
      [doc('p1', {title: 'Base'})],
      [
        {
          actionType: 'sanity.action.document.version.create',
          publishedId: 'p1',
          baseId: 'p1',
          versionId: 'versions.r1.p1',
        },
      ],
    )
    expect(created.result.get('versions.r1.p1')?.title).toBe('Base')
    const discarded = run(
      [doc('versions.r1.p1')],
      [{actionType: 'sanity.action.document.version.discard', versionId: 'versions.r1.p1'}],
    )
    expect(discarded.result.get('versions.r1.p1')).toBeNull()
    const release = failure([], [{actionType: 'sanity.action.release.create', releaseId: 'r1'}])
    expect(release.status).toBe(400)
    expect(release.body.error.description).toMatch(/releases are not supported/i)
  })

  it('rejects malformed requests with a 400 that names the problem', () => {
    expect(failure([], []).status).toBe(400)
    expect(failure([], [{}]).body.error.description).toMatch(/actionType/)
    expect(
      failure([], [{actionType: 'sanity.action.document.edit', draftId: 'drafts.p1'}]).body.error
        .description,
    ).toMatch(/publishedId/)
    expect(
      failure([], [{actionType: 'sanity.action.document.nope'}]).body.error.description,
    ).toMatch(/Unknown action type/)
  })

  it('reports the index of the failing action and applies nothing', () => {
    const {body} = failure(
      [doc('p1')],
      [
        edit({set: {title: 'ok'}}),
        {actionType: 'sanity.action.document.discard', draftId: 'drafts.zz'},
      ],
    )
    expect(body.error.items[0]?.index).toBe(1)
  })
})
