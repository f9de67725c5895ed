/**
 * `npm run backfill:read-time` against a real lake: what it writes and what it leaves alone, dry
 * runs, a second run, a post edited mid-run, and the command's answer to a bad token, an unknown
 * dataset and an unreachable host.
 */
import {spawn} from 'node:child_process'
import {resolve} from 'node:path'
import type {SanityClient} from '@sanity/client'
import {afterAll, beforeAll, beforeEach, describe, expect, it} from 'vitest'

import {estimateReadTime, toReadTimeValue} from '../../core/read-time/index.ts'
import {backfillReadTime} from '../../scripts/backfill-read-time.ts'
import {freePort} from '../support/studio.ts'
import {startTestLake, type TestLake} from '../support/lake.ts'

const SCRIPT = resolve(import.meta.dirname, '../../scripts/backfill-read-time.ts')

const paragraph = (text: string) => ({
  _type: 'block',
  _key: text.slice(0, 6).replace(/\W/g, 'x'),
  style: 'normal',
  markDefs: [],
  children: [{_type: 'span', _key: 's', text, marks: []}],
})
const hero = {_type: 'imageWithAlt', asset: {_type: 'reference', _ref: 'image-abc-10x10-png'}}
const readTimeOf = (doc: Record<string, unknown>) =>
  toReadTimeValue(estimateReadTime(doc.body, {heroImage: doc.heroImage}))

type Doc = {_id: string; _type: string} & Record<string, unknown>

/** Twelve posts: missing, stale and current figures, drafts beside published, and a tag. */
function fixture(): Doc[] {
  const missing = {_id: 'post-missing', _type: 'post', body: [paragraph('Four words right here')]}
  const draftOfMissing = {
    ...missing,
    _id: 'drafts.post-missing',
    body: [paragraph('The draft says more than the published post does')],
    readTime: {_type: 'readTime', seconds: 1, words: 4},
  }
  const current = {
    _id: 'post-current',
    _type: 'post',
    heroImage: hero,
    body: [paragraph('Already right, so never written')],
  }
  const stale = Array.from({length: 8}, (_, i) => ({
    _id: `post-stale-${i}`,
    _type: 'post',
    body: [paragraph(`Stale number ${i} with 中文 characters`)],
    readTime: {_type: 'readTime', seconds: 459, words: 1500, images: 1, wordsPerMinute: 200},
  }))
  const tag = {_id: 'tag-x', _type: 'tag', title: 'Not a post', readTime: {seconds: 1}}
  return [
    missing,
    draftOfMissing,
    {...current, readTime: readTimeOf(current)},
    ...stale,
    {
      _id: 'post-race',
      _type: 'post',
      body: [paragraph('Edited while the backfill runs')],
    },
    tag,
  ]
}

const POSTS = 12

function runCli(args: string[], env: Record<string, string> = {}) {
  return new Promise<{code: number | null; stdout: string; stderr: string}>((done) => {
    const child = spawn(process.execPath, [SCRIPT, ...args], {
      env: {...process.env, SANITY_AUTH_TOKEN: '', ...env},
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.once('close', (code) => done({code, stdout, stderr}))
  })
}

describe('backfill:read-time', () => {
  let lake: TestLake
  let admin: SanityClient

  /** Every document's revision: what a run must not touch stays at the same revision. */
  const revisions = async () =>
    Object.fromEntries(
      (await admin.fetch<Array<{_id: string; _rev: string}>>('*[]{_id, _rev}')).map((doc) => [
        doc._id,
        doc._rev,
      ]),
    )

  beforeAll(async () => {
    lake = await startTestLake()
    admin = lake.client({token: 'admin', perspective: 'raw'})
  })

  beforeEach(async () => {
    const transaction = admin.transaction()
    for (const doc of fixture()) transaction.createOrReplace(doc)
    await transaction.commit()
  })

  afterAll(async () => {
    await lake?.close()
  })

  it('changes nothing in a dry run, and says what it would write', async () => {
    const before = await revisions()
    const report = await backfillReadTime({client: admin, dryRun: true, batchSize: 5})
    expect(report).toMatchObject({checked: POSTS, updated: 11, unchanged: 1, failed: 0})
    expect(await revisions()).toEqual(before)
  })

  it('writes the figure of every stale or missing post, drafts too, then has nothing left', async () => {
    const before = await revisions()
    const progress: number[] = []
    const report = await backfillReadTime({
      client: admin,
      batchSize: 5,
      onProgress: (p) => progress.push(p.checked),
    })
    expect(report).toEqual({
      checked: POSTS,
      updated: 11,
      unchanged: 1,
      failed: 0,
      dryRun: false,
      failures: [],
    })
    expect(progress).toEqual([5, 10, 12])

    const posts = await admin.fetch<Array<Record<string, unknown>>>('*[_type == "post"]')
    for (const post of posts) expect(post.readTime).toEqual(readTimeOf(post))
    const draft = posts.find((post) => post._id === 'drafts.post-missing')
    expect(draft?.readTime).toMatchObject({words: 9, seconds: 3})
    expect(posts.find((post) => post._id === 'post-stale-0')?.readTime).toMatchObject({
      words: 5,
      characters: 2,
    })
    const after = await revisions()
    expect(after['post-current']).toBe(before['post-current'])
    expect(after['tag-x']).toBe(before['tag-x'])
    expect(after['post-stale-0']).not.toBe(before['post-stale-0'])

    const again = await backfillReadTime({client: admin, batchSize: 5})
    expect(again).toMatchObject({checked: POSTS, updated: 0, unchanged: POSTS, failed: 0})
    expect(await revisions()).toEqual(after)
  })

  it('computes the figure of a post edited mid-run from its new body', async () => {
    let raced = false
    // The first commit finds post-race changed since it was read: a real revision conflict.
    const racing = admin.withConfig({})
    racing.transaction = ((...args: Parameters<typeof admin.transaction>) => {
      const transaction = admin.transaction(...args)
      const commit = transaction.commit.bind(transaction)
      transaction.commit = (async (options?: object) => {
        if (!raced) {
          raced = true
          const body = [paragraph('An editor wrote a much longer body in the meantime here')]
          await admin.patch('post-race').set({body}).commit()
        }
        return commit(options as never)
      }) as typeof transaction.commit
      return transaction
    }) as typeof admin.transaction
    const report = await backfillReadTime({client: racing, batchSize: 100})
    expect(raced).toBe(true)
    expect(report).toMatchObject({checked: POSTS, updated: 11, unchanged: 1, failed: 0})
    const post = await admin.getDocument('post-race')
    expect(post?.readTime).toEqual(readTimeOf(post as Record<string, unknown>))
    expect(post?.readTime).toMatchObject({words: 11})
  })

  describe('the command', () => {
    const lakeArgs = () => ['--data', lake.dataDir, '--url', lake.url]

    it('backfills with a summary and plain progress lines, then finds nothing to do', async () => {
      const dry = await runCli([...lakeArgs(), '--dry-run', '--batch-size', '10'])
      expect(dry.code).toBe(0)
      expect(dry.stdout.trim()).toBe(
        `backfill-read-time (dry run): checked ${POSTS}, would update 11, unchanged 1, failed 0`,
      )
      // Not a terminal: plain lines (a short run prints only the final one), never a bar.
      expect(dry.stderr).toMatch(
        new RegExp(
          `^backfill-read-time: ${POSTS}/${POSTS} posts 100% · to update 11 · \\d+:\\d\\d\n$`,
        ),
      )

      const first = await runCli(lakeArgs())
      expect(first.code).toBe(0)
      expect(first.stdout.trim()).toBe(
        `backfill-read-time: checked ${POSTS}, updated 11, unchanged 1, failed 0`,
      )
      expect(first.stderr).toMatch(/^backfill-read-time: 12\/12 posts 100% · updated 11 · /)
      const second = await runCli(lakeArgs())
      expect(second.stdout.trim()).toBe(
        `backfill-read-time: checked ${POSTS}, updated 0, unchanged ${POSTS}, failed 0`,
      )
    })

    it.each([
      [
        'a bad token',
        () => ({args: lakeArgs(), env: {SANITY_AUTH_TOKEN: 'not-a-real-token'}}),
        /^backfill-read-time: the local lake at https:\/\/localhost:\d+ rejected the token \(401: Session not found\); is the lake running from the data dir passed with --data\?\n$/,
      ],
      [
        'an unknown dataset',
        () => ({args: [...lakeArgs(), '--dataset', 'nope'], env: {}}),
        /^backfill-read-time: Dataset "nope" does not exist in the local lake at https:\/\/localhost:\d+\.\n$/,
      ],
      [
        'an unreachable host',
        async () => ({
          args: ['--data', lake.dataDir, '--url', `https://127.0.0.1:${await freePort()}`],
          env: {},
        }),
        /^backfill-read-time: Cannot reach https:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\): is the lake running\? \(npm run lake\)\n$/,
      ],
      [
        'a project without a token',
        () => ({args: ['--project', 'abc123', '--dataset', 'production'], env: {}}),
        /^backfill-read-time: SANITY_AUTH_TOKEN is not set: writing to project abc123 needs a token with write access \(sanity\.io\/manage → API → Tokens\)\.\n$/,
      ],
    ])(
      'stops on %s with one clear line, exit code 1 and nothing written',
      async (_, setup, line) => {
        const before = await revisions()
        const {args, env} = await setup()
        const result = await runCli(args, env)
        expect(result.code).toBe(1)
        expect(result.stderr).toMatch(line)
        expect(result.stdout).toBe('')
        expect(await revisions()).toEqual(before)
      },
    )
  })
})
