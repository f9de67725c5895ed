/**
 * `recordReaction` against a real lake over HTTPS: the vote life cycle, counts under
 * concurrency, what anonymous readers see, and tallies kept in a separate dataset.
 */
import type {SanityClient} from '@sanity/client'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {DEFAULT_REACTION_KINDS} from '../../core/reaction-kinds.ts'
import {reactionTallyId} from '../../core/reactions/documents.ts'
import {ReactionError} from '../../core/reactions/errors.ts'
import {recordReaction} from '../../core/reactions/record.ts'
import type {CommittedTransaction} from '../../lake/types.ts'
import {startTestLake, type TestLake} from '../support/lake.ts'

const SECRET = 'lake-test-secret-that-is-long-enough-0123456789'
const KINDS = DEFAULT_REACTION_KINDS.map((kind) => kind.name)
const ZERO = Object.fromEntries(KINDS.map((name) => [name, 0]))

let t: TestLake
let admin: SanityClient
let anonymous: SanityClient
const transactions: CommittedTransaction[] = []

async function createPosts(...ids: string[]) {
  const tx = admin.transaction()
  for (const id of ids) tx.create({_id: id, _type: 'post', title: `Post ${id}`})
  await tx.commit()
}

/** Per-kind counts of a post's voter records: what its tally must equal. */
async function countVoterRecords(client: SanityClient, postId: string) {
  const reactions = await client.fetch<Array<string | null>>(
    '*[_type == "reactionVoter" && post._ref == $postId].reaction',
    {postId},
    {perspective: 'raw'},
  )
  const counts: Record<string, number> = {...ZERO}
  for (const reaction of reactions) if (reaction) counts[reaction] = (counts[reaction] ?? 0) + 1
  return counts
}

const vote = (postId: string, reaction: string | null, readerId: string) =>
  recordReaction({client: admin, secret: SECRET, postId, reaction, readerId})

beforeAll(async () => {
  // 1,000 concurrent single-vote transactions test that counts stay exact under contention; at
  // Sanity's 25 mutations a second they would take 40 s (the handler, which batches votes, is
  // tested under the limits in reactions-handler.test.ts): limits off.
  t = await startTestLake({datasets: ['production', 'reactions'], limits: false})
  admin = t.client({token: 'admin'})
  anonymous = t.client({useCdn: true})
  t.lake.store.onCommit((tx) => transactions.push(tx))
})
afterAll(() => t?.close())

describe('recordReaction', () => {
  it('records a first vote, ignores a repeat, moves a change and withdraws', async () => {
    await createPosts('post-life')
    const first = await vote('post-life', 'happy', 'reader-1')
    expect(first).toEqual({
      postId: 'post-life',
      counts: {...ZERO, happy: 1},
      percentages: {...ZERO, happy: 100},
      total: 1,
      reaction: 'happy',
    })
    const tally = await admin.getDocument(reactionTallyId('post-life'))
    expect(tally).toMatchObject({
      _type: 'reaction',
      post: {_type: 'reference', _ref: 'post-life', _weak: true},
      counts: {...ZERO, happy: 1},
    })

    const before = transactions.length
    expect(await vote('post-life', 'happy', 'reader-1')).toEqual(first)
    expect(transactions.length).toBe(before)

    await vote('post-life', 'sad', 'reader-2')
    const changed = await vote('post-life', 'excited', 'reader-1')
    expect(changed.counts).toEqual({...ZERO, sad: 1, excited: 1})
    expect(changed.percentages).toEqual({...ZERO, sad: 50, excited: 50})
    expect(changed.reaction).toBe('excited')

    const withdrawn = await vote('post-life', null, 'reader-1')
    expect(withdrawn).toMatchObject({counts: {...ZERO, sad: 1}, total: 1, reaction: null})
    // Withdrawing again, or withdrawing without ever voting, changes nothing.
    const settled = transactions.length
    await vote('post-life', null, 'reader-1')
    await vote('post-life', null, 'reader-3')
    expect(transactions.length).toBe(settled)
    // And the reader can come back.
    expect((await vote('post-life', 'sleepy', 'reader-1')).counts).toEqual({
      ...ZERO,
      sad: 1,
      sleepy: 1,
    })
    expect(await countVoterRecords(admin, 'post-life')).toEqual({...ZERO, sad: 1, sleepy: 1})
  })

  it('writes each vote as one transaction holding the tally and the voter record', async () => {
    await createPosts('post-atomic')
    const before = transactions.length
    await vote('post-atomic', 'angry', 'reader-1')
    const written = transactions.slice(before)
    expect(written).toHaveLength(1)
    const ids = written[0]?.changes.map((change) => change.id).sort()
    expect(ids?.[0]).toBe('reaction-post-atomic')
    expect(ids?.[1]).toMatch(/^reaction-voter\.[A-Za-z0-9_-]{43}$/)
    // The voter record holds the hash, never the reader id.
    expect(JSON.stringify(written[0]?.changes)).not.toContain('reader-1')
  })

  it('counts 1,000 distinct readers voting concurrently across the six kinds exactly', async () => {
    await createPosts('post-crowd')
    const votes = Array.from({length: 1000}, (_, i) => ({
      reader: `crowd-reader-${i}`,
      reaction: KINDS[(i * 7) % KINDS.length] as string,
    }))
    const expected: Record<string, number> = {...ZERO}
    for (const {reaction} of votes) expected[reaction] = (expected[reaction] ?? 0) + 1
    await Promise.all(votes.map(({reader, reaction}) => vote('post-crowd', reaction, reader)))
    const tally = await admin.getDocument(reactionTallyId('post-crowd'))
    expect(tally?.counts).toEqual(expected)
    expect(await countVoterRecords(admin, 'post-crowd')).toEqual(expected)
  })

  it('counts one reader firing 100 concurrent votes once', async () => {
    await createPosts('post-spam')
    const results = await Promise.all(
      Array.from({length: 100}, (_, i) =>
        vote('post-spam', KINDS[i % KINDS.length] as string, 'eager-reader'),
      ),
    )
    const tally = await admin.getDocument(reactionTallyId('post-spam'))
    const counts = tally?.counts as Record<string, number>
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(1)
    const records = await countVoterRecords(admin, 'post-spam')
    expect(records).toEqual(counts)
    // The reader's final reaction is the one counted, and some vote reported it.
    const counted = KINDS.find((kind) => counts[kind] === 1)
    expect(results.some((result) => result.reaction === counted)).toBe(true)
  })

  it('lets anyone read tallies, and nobody without a token read voter records', async () => {
    await createPosts('post-public')
    await vote('post-public', 'surprise', 'reader-1')
    const tally = await anonymous.fetch('*[_id == $id][0]{counts}', {
      id: reactionTallyId('post-public'),
    })
    expect(tally).toEqual({counts: {...ZERO, surprise: 1}})
    expect(await anonymous.fetch('count(*[_type == "reactionVoter"])')).toBe(0)
    const voterId = (
      await admin.fetch<string[]>(
        '*[_type == "reactionVoter" && post._ref == "post-public"]._id',
        {},
        {perspective: 'raw'},
      )
    )[0] as string
    expect(voterId).toMatch(/^reaction-voter\./)
    expect(await anonymous.getDocument(voterId)).toBeUndefined()
    const viewer = t.client({token: 'viewer', perspective: 'raw'})
    expect(await viewer.getDocument(voterId)).toMatchObject({reaction: 'surprise'})
  })

  it('rejects an unknown post and an unknown reaction, naming them, and writes nothing', async () => {
    await admin.create({_id: 'drafts.post-unpublished', _type: 'post', title: 'Draft'})
    const before = transactions.length
    const missing = vote('post-that-does-not-exist', 'happy', 'reader-1')
    await expect(missing).rejects.toBeInstanceOf(ReactionError)
    await expect(missing).rejects.toMatchObject({code: 'unknownPost'})
    await expect(missing).rejects.toThrow('"post-that-does-not-exist"')
    await expect(vote('post-life', 'meh', 'reader-1')).rejects.toThrow('Unknown reaction "meh"')
    // A draft is not a post readers can react to.
    await expect(vote('post-unpublished', 'happy', 'reader-1')).rejects.toMatchObject({
      code: 'unknownPost',
    })
    expect(transactions.length).toBe(before)
  })

  it('keeps tallies and voter records in a separate dataset when asked', async () => {
    await createPosts('post-elsewhere')
    const before = transactions.length
    const result = await recordReaction({
      client: admin,
      secret: SECRET,
      dataset: 'reactions',
      postId: 'post-elsewhere',
      reaction: 'happy',
      readerId: 'reader-1',
    })
    expect(result.counts.happy).toBe(1)
    expect(transactions.slice(before).map((tx) => tx.dataset)).toEqual(['reactions'])
    expect(await admin.getDocument(reactionTallyId('post-elsewhere'))).toBeUndefined()
    const reactions = t.client({token: 'admin', dataset: 'reactions'})
    expect((await reactions.getDocument(reactionTallyId('post-elsewhere')))?.counts).toEqual({
      ...ZERO,
      happy: 1,
    })
    expect(await countVoterRecords(reactions, 'post-elsewhere')).toEqual({...ZERO, happy: 1})
    // The post itself must still exist in the content dataset.
    await expect(
      recordReaction({
        client: admin,
        secret: SECRET,
        dataset: 'reactions',
        postId: 'post-nowhere',
        reaction: 'happy',
        readerId: 'reader-1',
      }),
    ).rejects.toMatchObject({code: 'unknownPost'})
  })
})
