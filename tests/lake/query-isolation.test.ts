import type {SanityClient} from '@sanity/client'
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest'
import type {LakeQueryEngine} from '../../lake/query/engine.ts'
import {startTestLake, type TestLake} from '../support/lake.ts'

// Four nested subqueries over 40 documents: 40^5 comparisons, minutes in groq-js.
// The trailing comment makes the text longer than the 200 characters a log line keeps.
const PATHOLOGICAL = `*[_id in *[_id in *[_id in *[_id in *._id]._id]._id]._id]._id // ${'why '.repeat(60)}`
const TIMEOUT_MS = 6000

let lake: TestLake
let admin: SanityClient
const logged: string[] = []

beforeAll(async () => {
  const log = vi.spyOn(console, 'log')
  log.mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')))
  // 120 requests in one burst measure isolation from a runaway query, not the request limits
  // (which would hold back the mutations among them): limits off.
  lake = await startTestLake({queryTimeoutMs: TIMEOUT_MS, queryWorkers: 2, limits: false})
  admin = lake.client({token: 'admin'})
  const tx = admin.transaction()
  for (let i = 0; i < 40; i++) tx.create({_id: `doc-${i}`, _type: 'post', title: `Post ${i}`})
  await tx.commit()
})

afterAll(async () => {
  await lake?.close()
  vi.restoreAllMocks()
})

function engine(): LakeQueryEngine {
  return lake.lake.ctx.queries as LakeQueryEngine
}

async function eventually(check: () => boolean): Promise<void> {
  for (let attempt = 0; attempt < 400 && !check(); attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

describe('query isolation', () => {
  it('serves other clients while a pathological query runs, then times it out', async () => {
    let pathologicalSettled = false
    const pathological = admin.fetch(PATHOLOGICAL).then(
      () => {
        pathologicalSettled = true
        return undefined
      },
      (error: unknown) => {
        pathologicalSettled = true
        return error
      },
    )
    // Wait until the runaway query occupies (and has been demoted from) a worker.
    await eventually(() => engine().stats().demoted === 1)
    expect(engine().stats().demoted).toBe(1)

    const reader = lake.client({token: 'viewer'})
    const writer = lake.client({token: 'admin'})
    const queries = Array.from({length: 100}, (_, i) =>
      reader.fetch('*[_id == $id][0].title', {id: `doc-${i % 40}`}),
    )
    const mutations = Array.from({length: 20}, (_, i) =>
      writer.create({_id: `extra-${i}`, _type: 'tag', title: `Tag ${i}`}),
    )
    const titles = await Promise.all(queries)
    const created = await Promise.all(mutations)
    // All 120 requests finished while the pathological query was still running.
    expect(pathologicalSettled).toBe(false)
    expect(titles).toEqual(Array.from({length: 100}, (_, i) => `Post ${i % 40}`))
    expect(created.map((doc) => doc._id)).toEqual(Array.from({length: 20}, (_, i) => `extra-${i}`))

    const error = (await pathological) as {
      statusCode: number
      response: {body: {error: {type: string; description: string}}}
    }
    expect(error.statusCode).toBe(422)
    expect(error.response.body.error.type).toBe('queryTimeout')
    expect(error.response.body.error.description).toBe(
      `Query exceeded the time limit of ${TIMEOUT_MS} ms`,
    )

    const slowLines = logged.filter(
      (line) => line.startsWith('slow query (') && line.includes('*[_id in *[_id in'),
    )
    // Logged once: 422 is not a status @sanity/client retries.
    expect(slowLines).toHaveLength(1)
    expect(slowLines[0]).toMatch(/^slow query \(\d+ ms\): \*\[_id in/)
    expect(slowLines[0]).not.toContain(lake.adminToken)
    expect(slowLines[0]?.split('): ')[1]).toBe(`${PATHOLOGICAL.slice(0, 200)}…`)
  })

  it('replaces the timed-out worker: the pool is back to its size and answers normally', async () => {
    await eventually(() => engine().stats().workers === 2 && engine().stats().demoted === 0)
    expect(engine().stats()).toMatchObject({workers: 2, demoted: 0, queued: 0})
    expect(engine().stats().replaced).toBeGreaterThanOrEqual(1)
    const results = await Promise.all(
      Array.from({length: 10}, () => admin.fetch('count(*[_type == "post"])')),
    )
    expect(results).toEqual(Array.from({length: 10}, () => 40))
  })

  it('lets a writer read its own writes on the next query', async () => {
    for (let i = 0; i < 20; i++) {
      await admin.createOrReplace({_id: 'ryw', _type: 'counter', n: i})
      expect(await admin.fetch('*[_id == "ryw"][0].n')).toBe(i)
      await admin.patch('ryw').inc({n: 100}).commit()
      expect(await admin.fetch('*[_type == "counter"][0].n')).toBe(i + 100)
    }
  })
})

describe('result size limit', () => {
  let small: TestLake
  beforeAll(async () => {
    small = await startTestLake({maxResultBytes: 2000})
    const tx = small.client({token: 'admin'}).transaction()
    for (let i = 0; i < 50; i++) tx.create({_id: `big-${i}`, _type: 'post', title: 'x'.repeat(100)})
    await tx.commit()
  })
  afterAll(async () => {
    await small?.close()
  })

  it('refuses a result beyond maxResultBytes with a clear error, and keeps serving', async () => {
    const client = small.client({token: 'admin'})
    const error = await client.fetch('*[_type == "post"]').catch((e: unknown) => e)
    expect(error).toMatchObject({
      statusCode: 422,
      response: {body: {error: {type: 'queryResultTooLarge'}}},
    })
    expect(await client.fetch('count(*[_type == "post"])')).toBe(50)
  })
})
