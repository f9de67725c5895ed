import type {SanityClient} from '@sanity/client'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {startTestLake, type TestLake} from '../support/lake.ts'

let t: TestLake
let admin: SanityClient

beforeAll(async () => {
  // Hundreds of writes at once test the store's atomicity, not Sanity's request limits (which
  // would refuse most of them): limits off.
  t = await startTestLake({limits: false})
  admin = t.client({token: 'admin'})
})
afterAll(() => t?.close())

describe('concurrency', () => {
  it('200 parallel increments on one document give exactly 200', async () => {
    await admin.create({_id: 'tally', _type: 'reactionTally', n: 0})
    const results = await Promise.all(
      Array.from({length: 200}, () => admin.patch('tally').inc({n: 1}).commit()),
    )
    expect((await admin.getDocument('tally'))?.n).toBe(200)
    // Every commit saw a distinct value, i.e. none was lost or applied twice.
    expect(new Set(results.map((doc) => doc.n)).size).toBe(200)
    expect(new Set(results.map((doc) => doc._rev)).size).toBe(200)
  })

  it('of parallel patches guarded by the same ifRevisionID exactly one wins', async () => {
    const doc = await admin.create({_id: 'guarded', _type: 'post', owner: 'nobody'})
    const attempts = await Promise.allSettled(
      Array.from({length: 20}, (_, i) =>
        admin
          .patch('guarded')
          .ifRevisionId(doc._rev)
          .set({owner: `writer-${i}`})
          .commit(),
      ),
    )
    const won = attempts.filter((a) => a.status === 'fulfilled')
    const lost = attempts.filter((a) => a.status === 'rejected')
    expect(won).toHaveLength(1)
    expect(lost.every((a) => (a.reason as {statusCode?: number}).statusCode === 409)).toBe(true)
    const winner = (won[0] as PromiseFulfilledResult<{owner?: unknown}>).value.owner
    expect((await admin.getDocument('guarded'))?.owner).toBe(winner)
  })

  it('keeps multi-document transactions consistent under parallel writers', async () => {
    await admin.create({_id: 'acct-a', _type: 'account', balance: 1000})
    await admin.create({_id: 'acct-b', _type: 'account', balance: 0})
    await Promise.all(
      Array.from({length: 100}, () =>
        admin
          .transaction()
          .patch('acct-a', (p) => p.dec({balance: 10}))
          .patch('acct-b', (p) => p.inc({balance: 10}))
          .commit(),
      ),
    )
    const [a, b] = await admin.getDocuments(['acct-a', 'acct-b'])
    expect(a?.balance).toBe(0)
    expect(b?.balance).toBe(1000)
    expect(a?._rev).toBe(b?._rev)
  })
})
