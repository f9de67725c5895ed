/**
 * A storm of votes (through the handler and through `recordReaction`), the lake killed with
 * `kill -9` in the middle of it, and restarted: every tally equals its voter records (nothing
 * counted without its record, nothing recorded without its count) and every acknowledged vote is
 * there.
 */
import type {ChildProcess} from 'node:child_process'
import {mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import type {SanityClient} from '@sanity/client'
import {createLakeClient} from '../../lake/client.ts'
import {afterAll, describe, expect, it} from 'vitest'

import {API_VERSION} from '../../core/api-version.ts'
import {DEFAULT_REACTION_KINDS} from '../../core/reaction-kinds.ts'
import {reactionTallyId, reactionVoterId} from '../../core/reactions/documents.ts'
import {createReactionHandler} from '../../core/reactions/handler.ts'
import {hashReader, importReaderKey} from '../../core/reactions/reader.ts'
import {recordReaction} from '../../core/reactions/record.ts'
import {startLakeProcess} from '../support/lake.ts'

const SECRET = 'durability-test-secret-that-is-long-enough-012345'
const KINDS = DEFAULT_REACTION_KINDS.map((kind) => kind.name)
const POSTS = ['post-a', 'post-b', 'post-c']
const HANDLER_READERS = 40
const DIRECT_READERS = 20
const ACKNOWLEDGED_BEFORE_KILL = 400

const dataDir = mkdtempSync(join(tmpdir(), 'reactions-durability-'))
const children: ChildProcess[] = []

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL')
  rmSync(dataDir, {recursive: true, force: true})
})

function clientFor(url: string): SanityClient {
  return createLakeClient({
    url,
    dataset: 'production',
    apiVersion: API_VERSION,
    token: readFileSync(join(dataDir, 'admin-token'), 'utf8').trim(),
    // A killed lake must fail requests at once, not after the client's own retries.
    maxRetries: 0,
  })
}

/** What one reader did to one post: the last acknowledged vote and any vote still in flight. */
interface Votes {
  acknowledged?: string | null
  inFlight?: string | null
}

describe('reactions across kill -9', () => {
  it('keeps every tally equal to its voter records, and every acknowledged vote', async () => {
    // A storm of votes, most of them one transaction each: about durability across kill -9, not
    // Sanity's request limits (request-limits.test.ts), which would refuse most of the storm.
    const first = await startLakeProcess(dataDir, {limits: false})
    children.push(first.child)
    const client = clientFor(first.url)
    const tx = client.transaction()
    for (const id of POSTS) tx.create({_id: id, _type: 'post', title: id})
    await tx.commit()

    const handler = createReactionHandler({
      client,
      secret: SECRET,
      readerId: (request) => request.headers.get('x-reader'),
      readerRateLimit: false,
      ipRateLimit: false,
      batchWindowMs: 5,
      maxAttempts: 2,
      onError: () => {},
    })
    const viaHandler = async (postId: string, reaction: string | null, readerId: string) => {
      const response = await handler(
        new Request('https://news.example/api/reactions', {
          method: 'POST',
          headers: {'content-type': 'application/json', 'x-reader': readerId},
          body: JSON.stringify({postId, reaction}),
        }),
      )
      if (response.status !== 200) throw new Error(`HTTP ${response.status}`)
    }
    const direct = async (postId: string, reaction: string | null, readerId: string) => {
      await recordReaction({client, secret: SECRET, postId, reaction, readerId, maxAttempts: 2})
    }

    const votes = new Map<string, Votes>()
    let acknowledged = 0
    let killed = false
    let failure: Error | undefined
    let seed = 11
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31

    const reader = async (readerId: string, cast: typeof direct) => {
      while (!killed) {
        const postId = POSTS[Math.floor(random() * POSTS.length)] as string
        const reaction =
          random() < 0.15 ? null : (KINDS[Math.floor(random() * KINDS.length)] as string)
        const key = `${readerId}\n${postId}`
        const entry = votes.get(key) ?? {}
        votes.set(key, entry)
        entry.inFlight = reaction
        try {
          await cast(postId, reaction, readerId)
        } catch (error) {
          // Once the lake is killed votes fail: those were never acknowledged.
          if (!killed) failure = error as Error
          return
        }
        entry.acknowledged = reaction
        delete entry.inFlight
        acknowledged++
      }
    }
    const storm = [
      ...Array.from({length: HANDLER_READERS}, (_, i) => reader(`handler-reader-${i}`, viaHandler)),
      ...Array.from({length: DIRECT_READERS}, (_, i) => reader(`direct-reader-${i}`, direct)),
    ]
    while (acknowledged < ACKNOWLEDGED_BEFORE_KILL && !failure) {
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
    if (failure) throw failure
    first.child.kill('SIGKILL')
    killed = true
    await Promise.all(storm)

    const second = await startLakeProcess(dataDir, {limits: false})
    children.push(second.child)
    const restarted = clientFor(second.url)
    const state = await restarted.fetch<{
      tallies: Array<{_id: string; counts: Record<string, number>}>
      voters: Array<{_id: string; post: {_ref: string}; reaction?: string}>
    }>(
      `{"tallies": *[_type == "reaction"]{_id, counts},
        "voters": *[_type == "reactionVoter"]{_id, post, reaction}}`,
      {},
      {perspective: 'raw'},
    )
    // Nothing counted without its record, nothing recorded without its count.
    for (const postId of POSTS) {
      const fromRecords = Object.fromEntries(KINDS.map((kind) => [kind, 0]))
      for (const voter of state.voters) {
        if (voter.post._ref === postId && voter.reaction) fromRecords[voter.reaction]! += 1
      }
      const tally = state.tallies.find((doc) => doc._id === reactionTallyId(postId))
      expect(tally?.counts, postId).toEqual(fromRecords)
    }
    const total = state.voters.filter((voter) => voter.reaction).length
    expect(total).toBeGreaterThan(0)

    // Every acknowledged vote survived; a vote in flight at the kill landed whole or not at all.
    const key = await importReaderKey(SECRET)
    const records = new Map(state.voters.map((voter) => [voter._id, voter.reaction ?? null]))
    let checked = 0
    for (const [pair, {acknowledged: acked, inFlight}] of votes) {
      const [readerId, postId] = pair.split('\n') as [string, string]
      const stored = records.get(reactionVoterId(await hashReader(key, postId, readerId))) ?? null
      const allowed = new Set([acked ?? null, ...(inFlight === undefined ? [] : [inFlight])])
      expect(allowed.has(stored), `${pair}: ${stored}`).toBe(true)
      checked++
    }
    expect(checked).toBeGreaterThan(POSTS.length * 10)

    second.child.kill('SIGTERM')
  })
})
