import type {SanityClient} from '@sanity/client'
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest'
import {startTestLake, type TestLake} from '../support/lake.ts'

// Quadratic in the document's own array: about 10 s in groq-js for 20k items.
const SLOW_FILTER = '*[count(items[@ in ^.items]) > 0]'

let lake: TestLake
let admin: SanityClient
const logged: string[] = []

beforeAll(async () => {
  vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
    logged.push(args.map(String).join(' '))
  })
  lake = await startTestLake({queryTimeoutMs: 1500, queryWorkers: 2})
  admin = lake.client({token: 'admin'})
})

afterAll(async () => {
  await lake?.close()
  vi.restoreAllMocks()
})

function firstMutation(client: SanityClient, query: string) {
  let welcomed!: () => void
  const welcome = new Promise<void>((resolve) => (welcomed = resolve))
  let subscription: {unsubscribe(): void} | undefined
  const event = new Promise<{documentId: string}>((resolve) => {
    subscription = client
      .listen(query, {}, {events: ['welcome', 'mutation']})
      .subscribe((received) => {
        if (received.type === 'welcome') welcomed()
        else if (received.type === 'mutation') resolve(received)
      })
  })
  return {welcome, event, close: () => subscription?.unsubscribe()}
}

describe('listen filter isolation', () => {
  it('a filter past the deadline costs only its own listener the event', async () => {
    const slow = firstMutation(admin, SLOW_FILTER)
    const normal = firstMutation(admin, '*[_type == "bag"]')
    await Promise.all([slow.welcome, normal.welcome])

    const items = Array.from({length: 20_000}, (_, i) => `item-${i}`)
    await admin.create({_id: 'big-bag', _type: 'bag', items})
    // Queries from other clients are answered while the filter runs.
    const viewer = lake.client({token: 'viewer'})
    expect(await viewer.fetch('*[_id == "big-bag"][0]._type')).toBe('bag')

    const event = await normal.event
    expect(event.documentId).toBe('big-bag')
    slow.close()
    normal.close()
    expect(logged.some((line) => /not delivered to L\S+: Query exceeded/.test(line))).toBe(true)
  })
})
