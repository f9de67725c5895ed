import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {DatabaseSync} from 'node:sqlite'
import {afterAll, describe, expect, it} from 'vitest'
import {LakeError} from './http.ts'
import {openStore} from './store.ts'
import type {CommittedTransaction} from './types.ts'

const dirs: string[] = []
function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lake-persist-'))
  dirs.push(dir)
  return dir
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, {recursive: true, force: true})
})

const me = {identity: 'pTest'}

describe('store', () => {
  it('persists documents, seq and datasets across reopen', () => {
    const dataDir = freshDir()
    const store = openStore({dataDir})
    store.createDataset('production')
    store.createDataset('staging')
    store.commit('production', [{create: {_id: 'a', _type: 't', n: 1}}], me)
    const tx = store.commit('production', [{patch: {id: 'a', inc: {n: 1}}}], me)
    expect(store.seq).toBe(2)
    store.close()

    const reopened = openStore({dataDir})
    expect(reopened.seq).toBe(2)
    expect(reopened.datasets()).toEqual(['production', 'staging'])
    expect(reopened.getDocument('production', 'a')).toMatchObject({n: 2, _rev: tx.transactionId})
    reopened.close()
  })

  it('keeps the contract tables for query workers: documents and meta(seq) in step', () => {
    const dataDir = freshDir()
    const store = openStore({dataDir})
    store.createDataset('production')
    store.commit(
      'production',
      [{create: {_id: 'x', _type: 't'}}, {create: {_id: 'y', _type: 't'}}],
      me,
    )
    const reader = new DatabaseSync(store.dbPath, {readOnly: true})
    const seq = reader.prepare("SELECT value FROM meta WHERE key = 'seq'").get() as {value: string}
    const rows = reader
      .prepare('SELECT id, doc FROM documents WHERE dataset = ? ORDER BY id')
      .all('production') as Array<{id: string; doc: string}>
    expect(seq.value).toBe('1')
    expect(rows.map((r) => [r.id, JSON.parse(r.doc)._id])).toEqual([
      ['x', 'x'],
      ['y', 'y'],
    ])
    reader.close()
    store.close()
  })

  it('writes nothing when a transaction fails, and notifies listeners in commit order', () => {
    const store = openStore({dataDir: freshDir()})
    store.createDataset('production')
    const seen: CommittedTransaction[] = []
    const off = store.onCommit((tx) => seen.push(tx))
    store.commit('production', [{create: {_id: 'keep', _type: 't'}}], me)
    expect(() =>
      store.commit(
        'production',
        [{create: {_id: 'half', _type: 't'}}, {create: {_id: 'keep', _type: 't'}}],
        me,
      ),
    ).toThrow(LakeError)
    expect(store.getDocument('production', 'half')).toBeUndefined()
    expect(store.seq).toBe(1)
    store.commit('production', [{delete: {id: 'keep'}}], me)
    off()
    store.commit('production', [{create: {_id: 'unseen', _type: 't'}}], me)
    expect(seen.map((tx) => tx.seq)).toEqual([1, 2])
    expect(seen[1]?.changes).toEqual([
      {
        id: 'keep',
        before: expect.objectContaining({_id: 'keep'}),
        after: null,
        mutations: [{delete: {id: 'keep'}}],
      },
    ])
    expect(() => store.commit('nope', [{create: {_id: 'z', _type: 't'}}], me)).toThrow(/not found/)
    store.commit('production', [{create: {_id: 'once', _type: 't'}}], {
      ...me,
      transactionId: 'tx-once',
    })
    expect(() =>
      store.commit('production', [{create: {_id: 'twice', _type: 't'}}], {
        ...me,
        transactionId: 'tx-once',
      }),
    ).toThrow(/already been used/)
    expect(store.getDocument('production', 'twice')).toBeUndefined()
    store.close()
  })

  it('answers history: transactionsFor and documentAt by revision and time', () => {
    const store = openStore({dataDir: freshDir()})
    store.createDataset('production')
    const t1 = store.commit('production', [{create: {_id: 'h', _type: 't', v: 1}}], me)
    const t2 = store.commit(
      'production',
      [{patch: {id: 'h', set: {v: 2}}}, {create: {_id: 'other', _type: 't'}}],
      me,
    )
    store.commit('production', [{create: {_id: 'unrelated', _type: 't'}}], me)
    const t4 = store.commit('production', [{delete: {id: 'h'}}], me)

    const history = store.transactionsFor('production', ['h'])
    expect(history.map((tx) => tx.transactionId)).toEqual([
      t1.transactionId,
      t2.transactionId,
      t4.transactionId,
    ])
    expect(
      store.transactionsFor('production', ['h'], {reverse: true, limit: 1})[0]?.transactionId,
    ).toBe(t4.transactionId)
    expect(
      store.transactionsFor('production', ['h'], {fromTime: t2.timestamp}).map((tx) => tx.seq),
    ).toEqual([t2.seq, t4.seq])

    expect(store.documentAt('production', 'h', {rev: t1.transactionId})).toMatchObject({v: 1})
    expect(store.documentAt('production', 'h', {rev: t2.transactionId})).toMatchObject({v: 2})
    expect(store.documentAt('production', 'h', {time: t2.timestamp})).toMatchObject({v: 2})
    expect(store.documentAt('production', 'h', {time: t4.timestamp})).toBeNull()
    expect(store.documentAt('production', 'h', {time: '2000-01-01T00:00:00.000Z'})).toBeNull()
    store.close()
  })

  it('loads a 10k-document dataset on open', () => {
    const dataDir = freshDir()
    const store = openStore({dataDir})
    store.createDataset('production')
    for (let batch = 0; batch < 10; batch++) {
      store.commit(
        'production',
        Array.from({length: 1000}, (_, i) => ({
          create: {
            _id: `doc-${batch}-${i}`,
            _type: 'post',
            title: `Post ${i}`,
            body: 'x'.repeat(500),
          },
        })),
        me,
      )
    }
    store.close()
    const started = performance.now()
    const reopened = openStore({dataDir})
    const ms = performance.now() - started
    expect(reopened.documents('production').size).toBe(10_000)
    // A figure for the report, not an assertion (timing lives in benchmarks).
    console.log(`store: opened 10k documents in ${ms.toFixed(0)} ms`)
    reopened.close()
  })
})
