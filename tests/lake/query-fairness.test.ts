/**
 * Fair query scheduling: one client's burst of runaway queries never makes another client's
 * query wait behind it. Ordering only: the latency goal is measured by `npm run bench:lake`.
 */
import {createClient, type SanityClient} from '@sanity/client'
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest'

import {startTestLake, TEST_API_VERSION, type TestLake} from '../support/lake.ts'

// Nested subqueries over 40 documents: minutes in groq-js, so each runs into the deadline.
const PATHOLOGICAL = '*[_id in *[_id in *[_id in *[_id in *._id]._id]._id]._id]._id'
const TIMEOUT_MS = 5000
const RUNAWAYS = 6

let lake: TestLake

beforeAll(async () => {
  vi.spyOn(console, 'log').mockImplementation(() => undefined)
  lake = await startTestLake({queryTimeoutMs: TIMEOUT_MS, queryWorkers: 2})
  const admin = lake.client({token: 'admin'})
  const tx = admin.transaction()
  for (let i = 0; i < 40; i++) tx.create({_id: `doc-${i}`, _type: 'post', title: `Post ${i}`})
  await tx.commit()
})

afterAll(async () => {
  await lake?.close()
  vi.restoreAllMocks()
})

/** An anonymous client known to the lake by its User-Agent. */
function anonymous(userAgent: string): SanityClient {
  return createClient({
    projectId: lake.lake.config.projectId,
    dataset: 'production',
    apiHost: lake.url,
    useProjectHostname: false,
    apiVersion: TEST_API_VERSION,
    useCdn: false,
    maxRetries: 0,
    headers: {'user-agent': userAgent},
  })
}

describe('fair query scheduling', () => {
  it('answers a reader while another client’s runaway queries fill the pool, which still time out', async () => {
    const reader = anonymous('reader-site/1')
    await reader.fetch('count(*)')
    const events: string[] = []
    const attacker = anonymous('runaway/1')
    const runaways = Array.from({length: RUNAWAYS}, (_, i) =>
      attacker.fetch(PATHOLOGICAL).then(
        () => events.push(`runaway ${i} answered`),
        (error: {statusCode?: number; message?: string}) => {
          events.push(`runaway ${i} failed`)
          return error
        },
      ),
    )
    // Every runaway is queued or running before the reader asks.
    await new Promise((resolve) => setTimeout(resolve, 500))
    const count = await reader.fetch<number>('count(*[_type == "post"])')
    events.push('reader answered')
    expect(count).toBe(40)
    const failures = await Promise.all(runaways)
    expect(events[0]).toBe('reader answered')
    for (const failure of failures) {
      expect(failure).toMatchObject({statusCode: 422})
      expect(String((failure as {message?: string}).message)).toContain('time limit')
    }
  })
})
