import type {MutationEvent, SanityClient} from '@sanity/client'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {listenerCount} from '../../lake/routes/listen.ts'
import {startTestLake, TEST_API_VERSION, type TestLake} from '../support/lake.ts'

let lake: TestLake
let admin: SanityClient

beforeAll(async () => {
  lake = await startTestLake()
  admin = lake.client({token: 'admin'})
})

afterAll(async () => {
  await lake?.close()
})

/** Collect listener events until `count` mutation events arrived. */
function collect(
  client: SanityClient,
  query: string,
  params: Record<string, unknown>,
  options: Record<string, unknown> = {},
) {
  const events: Array<{type: string} & Record<string, unknown>> = []
  const waiters: Array<() => void> = []
  let welcomed!: () => void
  const welcome = new Promise<void>((resolve) => (welcomed = resolve))
  const subscription = client
    .listen(query, params, {events: ['welcome', 'mutation'], ...options})
    .subscribe((event) => {
      if (event.type === 'welcome') welcomed()
      else events.push(event as unknown as {type: string} & Record<string, unknown>)
      for (const wake of waiters.splice(0)) wake()
    })
  return {
    events,
    welcome,
    async until(count: number): Promise<Array<MutationEvent & Record<string, unknown>>> {
      while (events.length < count) await new Promise<void>((resolve) => waiters.push(resolve))
      return events as unknown as Array<MutationEvent & Record<string, unknown>>
    },
    close: () => subscription.unsubscribe(),
  }
}

async function eventually(check: () => boolean): Promise<void> {
  for (let attempt = 0; attempt < 200 && !check(); attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

describe('listen', () => {
  it('sends appear, update and disappear events for documents the filter matches', async () => {
    const listener = collect(admin, '*[_type == $type]', {type: 'post'})
    await listener.welcome
    await admin.create({_id: 'l-post', _type: 'post', title: 'One'})
    await admin.create({_id: 'l-tag', _type: 'tag', title: 'Not a post'})
    await admin.patch('l-post').set({title: 'Two'}).commit()
    await admin.delete('l-post')
    const [appear, update, disappear] = await listener.until(3)
    listener.close()

    expect(listener.events.map((event) => event.documentId)).toEqual(['l-post', 'l-post', 'l-post'])
    expect(appear).toMatchObject({
      type: 'mutation',
      documentId: 'l-post',
      transition: 'appear',
      visibility: 'query',
      transactionTotalEvents: 1,
      transactionCurrentEvent: 1,
      result: {_id: 'l-post', title: 'One'},
    })
    expect(appear?.eventId).toBe(`${appear?.transactionId}#l-post`)
    expect(appear?.mutations).toEqual([expect.objectContaining({create: expect.anything()})])
    expect(appear?.effects).toEqual({apply: [0, appear?.result], revert: [0, null]})
    expect(update).toMatchObject({transition: 'update', previousRev: appear?.resultRev})
    expect(update?.result).toMatchObject({title: 'Two'})
    expect(disappear).toMatchObject({transition: 'disappear', previousRev: update?.resultRev})
    expect(disappear?.resultRev).toBe(disappear?.transactionId)
    expect(disappear?.result).toBeUndefined()
  })

  it('reports a document that stops matching (matched before, not after)', async () => {
    await admin.create({_id: 'l-moving', _type: 'post', title: 'Moving'})
    const listener = collect(admin, '*[_type == "post" && title == "Moving"]', {})
    await listener.welcome
    await admin.patch('l-moving').set({title: 'Moved'}).commit()
    const [event] = await listener.until(1)
    listener.close()
    expect(event).toMatchObject({documentId: 'l-moving', transition: 'update'})
  })

  it('honours includePreviousRevision and includeMutations', async () => {
    await admin.create({_id: 'l-opts', _type: 'post', title: 'Before'})
    const listener = collect(
      admin,
      '*[_id in $ids]',
      {ids: ['l-opts']},
      {includePreviousRevision: true, includeMutations: false},
    )
    await listener.welcome
    await admin.patch('l-opts').set({title: 'After'}).commit()
    const [event] = await listener.until(1)
    listener.close()
    expect(event?.result).toMatchObject({_id: 'l-opts', title: 'After'})
    expect(event?.mutations).toBeUndefined()
    expect(event?.previous).toMatchObject({_id: 'l-opts', title: 'Before'})
  })

  it('shows drafts to token holders and never to anonymous listeners', async () => {
    const anonymous = collect(lake.client(), '*[_type == "post"]', {})
    const viewer = collect(lake.client({token: 'viewer'}), '*[_type == "post"]', {})
    await Promise.all([anonymous.welcome, viewer.welcome])
    await admin.create({_id: 'drafts.l-secret', _type: 'post', title: 'Draft'})
    await admin.create({_id: 'l-public', _type: 'post', title: 'Public'})
    await viewer.until(2)
    await anonymous.until(1)
    // The public document's event arrived after the draft's, so nothing else is in flight.
    anonymous.close()
    viewer.close()
    expect(viewer.events.map((event) => event.documentId)).toEqual(['drafts.l-secret', 'l-public'])
    expect(anonymous.events.map((event) => event.documentId)).toEqual(['l-public'])
  })

  it('delivers each listener its events in commit order', async () => {
    const listener = collect(admin, '*[_type == "counter"]', {})
    await listener.welcome
    await admin.create({_id: 'l-counter', _type: 'counter', n: 0})
    await Promise.all(Array.from({length: 10}, () => admin.patch('l-counter').inc({n: 1}).commit()))
    const events = await listener.until(11)
    listener.close()
    const counts = events.map((event) => (event.result as unknown as {n: number}).n)
    expect(counts).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
  })

  it('streams raw SSE: welcome first, id lines, only the event kinds asked for', async () => {
    const base = `${lake.url}/v${TEST_API_VERSION}/data/listen/production`
    const query = encodeURIComponent('*[_id == "l-raw"]')
    const response = await fetch(`${base}?query=${query}`, {
      headers: {authorization: `Bearer ${lake.adminToken}`},
    })
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/)
    const reader = (response.body as ReadableStream<Uint8Array>).getReader()
    const decoder = new TextDecoder()
    let text = ''
    const readUntil = async (needle: string) => {
      while (!text.includes(needle)) {
        const {value, done} = await reader.read()
        if (done) break
        text += decoder.decode(value, {stream: true})
      }
    }
    await readUntil('\n\n')
    expect(text).toMatch(/^event: welcome\ndata: \{"listenerName":"[^"]+"\}\n\n/)
    const created = await admin.create({_id: 'l-raw', _type: 'post'})
    await readUntil('"transition"')
    await readUntil('\n\n')
    await reader.cancel()
    expect(text).toContain(`id: ${created._rev}#l-raw\nevent: mutation\ndata: {`)

    // @sanity/client never sends includeResult=false, so ask for it by hand.
    const onlyMutations = await fetch(
      `${base}?query=${query}&events=mutation&includeResult=false`,
      {
        headers: {authorization: `Bearer ${lake.adminToken}`},
      },
    )
    const second = (onlyMutations.body as ReadableStream<Uint8Array>).getReader()
    await admin.patch('l-raw').set({title: 'x'}).commit()
    const {value} = await second.read()
    await second.cancel()
    const chunk = decoder.decode(value)
    expect(chunk).toMatch(/^id: [^\n]+#l-raw\nevent: mutation\n/)
    expect(JSON.parse(chunk.split('data: ')[1] as string)).not.toHaveProperty('result')
  })

  it('rejects a listen filter that does not parse with a Sanity query error', async () => {
    const response = await fetch(
      `${lake.url}/v${TEST_API_VERSION}/data/listen/production?query=${encodeURIComponent('*[_type ==')}`,
      {headers: {authorization: `Bearer ${lake.adminToken}`}},
    )
    expect(response.status).toBe(400)
    const body = (await response.json()) as {error: {type: string}}
    expect(body.error.type).toBe('queryParseError')
  })

  it('forgets listeners that disconnect', async () => {
    await eventually(() => listenerCount(lake.lake.ctx) === 0)
    const listeners = Array.from({length: 5}, () => collect(admin, '*', {}))
    await Promise.all(listeners.map((listener) => listener.welcome))
    expect(listenerCount(lake.lake.ctx)).toBe(5)
    for (const listener of listeners) listener.close()
    await eventually(() => listenerCount(lake.lake.ctx) === 0)
    expect(listenerCount(lake.lake.ctx)).toBe(0)
  })
})
