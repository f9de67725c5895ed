/**
 * The Live Content API over HTTPS through `@sanity/client`: query answers carry `syncTags`, and
 * `client.live.events()` receives `welcome`, then a `message` with the tags each change touched,
 * published content only unless `includeDrafts` (with a token) asks for drafts too.
 */
import type {LiveEvent, SanityClient, SyncTag} from '@sanity/client'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {startTestLake, type TestLake} from '../support/lake.ts'

let t: TestLake
let admin: SanityClient
let anonymous: SanityClient

beforeAll(async () => {
  t = await startTestLake()
  admin = t.client({token: 'admin'})
  anonymous = t.client({useCdn: true})
})
afterAll(() => t?.close())

/** Subscribe to `client.live.events()`; `next()` resolves with the next message or restart. */
function liveEvents(client: SanityClient, options: {includeDrafts?: boolean} = {}) {
  const events: LiveEvent[] = []
  let wake: (() => void) | undefined
  let welcomed!: () => void
  const welcome = new Promise<void>((resolve) => (welcomed = resolve))
  const subscription = client.live.events(options).subscribe({
    next(event) {
      if (event.type === 'welcome') welcomed()
      else if (event.type === 'message' || event.type === 'restart') events.push(event)
      wake?.()
    },
  })
  return {
    welcome,
    async next(): Promise<LiveEvent> {
      while (events.length === 0) await new Promise<void>((resolve) => (wake = resolve))
      return events.shift() as LiveEvent
    },
    pending: () => events.length,
    close: () => subscription.unsubscribe(),
  }
}

async function syncTags(client: SanityClient, query: string, params = {}): Promise<SyncTag[]> {
  const response = await client.fetch(query, params, {filterResponse: false})
  expect(response.syncTags).toBeDefined()
  return response.syncTags as SyncTag[]
}

describe('syncTags on query answers', () => {
  it('tags a query by the types it reads, and anything broader with the catch-all', async () => {
    const posts = await syncTags(anonymous, '*[_type == "post"]{title}')
    const tags = await syncTags(anonymous, '*[_type == $type][0...5]', {type: 'tag'})
    const both = await syncTags(anonymous, '*[_type in ["post", "tag"]]')
    const everything = await syncTags(anonymous, '*[defined(title)]')
    const deref = await syncTags(anonymous, '*[_type == "post"]{"author": author->name}')
    for (const list of [posts, tags, both, everything, deref]) {
      for (const tag of list) expect(tag).toMatch(/^s1:[\w-]+$/)
    }
    expect(posts).toHaveLength(1)
    expect(tags).toHaveLength(1)
    expect(posts).not.toEqual(tags)
    expect(both.sort()).toEqual([...posts, ...tags].sort())
    expect(everything).toHaveLength(1)
    expect(deref).toEqual(everything)
    expect(everything).not.toEqual(posts)
  })

  it('leaves them out before API version 2021-03-25', async () => {
    const old = t.client({apiVersion: '2021-03-24'})
    const response = await old.fetch('*[_type == "post"]', {}, {filterResponse: false})
    expect(response.syncTags).toBeUndefined()
  })
})

describe('client.live.events()', () => {
  it('announces published changes with tags that match the queries they affect', async () => {
    const postTags = await syncTags(anonymous, '*[_type == "post"]{title}')
    const everything = await syncTags(anonymous, '*[defined(title)]')
    const tagTags = await syncTags(anonymous, '*[_type == "tag"]')
    const live = liveEvents(anonymous)
    await live.welcome

    await admin.create({_id: 'live-post-1', _type: 'post', title: 'Hello'})
    const message = await live.next()
    expect(message).toMatchObject({type: 'message', id: expect.stringMatching(/^\d+$/)})
    const tags = (message as {tags: SyncTag[]}).tags
    expect(tags).toEqual(expect.arrayContaining([...postTags, ...everything]))
    expect(tags).not.toEqual(expect.arrayContaining(tagTags))

    // A refetch after the event sees the change (lastLiveEventId is what a client passes).
    const after = await anonymous.fetch(
      '*[_id == "live-post-1"][0].title',
      {},
      {lastLiveEventId: (message as {id: string}).id},
    )
    expect(after).toBe('Hello')
    live.close()
  })

  it('emits nothing to anonymous streams for a draft edit, and the draft to includeDrafts ones', async () => {
    const published = liveEvents(anonymous)
    const drafts = liveEvents(admin, {includeDrafts: true})
    await Promise.all([published.welcome, drafts.welcome])

    await admin.create({_id: 'drafts.live-post-2', _type: 'post', title: 'Draft only'})
    await admin.create({_id: 'live-tag-1', _type: 'tag', title: 'Published tag'})
    const tagTags = await syncTags(anonymous, '*[_type == "tag"]')
    const postTags = await syncTags(admin, '*[_type == "post"]')

    // The anonymous stream's first event is the tag's: the draft emitted nothing to it.
    const first = (await published.next()) as {tags: SyncTag[]}
    expect(first.tags).toEqual(expect.arrayContaining(tagTags))
    expect(first.tags).not.toEqual(expect.arrayContaining(postTags))
    expect(published.pending()).toBe(0)

    const draft = (await drafts.next()) as {tags: SyncTag[]}
    expect(draft.tags).toEqual(expect.arrayContaining(postTags))
    const tag = (await drafts.next()) as {tags: SyncTag[]}
    expect(tag.tags).toEqual(expect.arrayContaining(tagTags))
    published.close()
    drafts.close()
  })

  it('needs a token for includeDrafts, as Sanity does', async () => {
    expect(() => anonymous.live.events({includeDrafts: true})).toThrow(/token/)
    const response = await fetch(`${t.url}/vX/data/live/events/production?includeDrafts=true`, {
      headers: {accept: 'text/event-stream'},
    })
    expect(response.status).toBe(401)
  })
})

describe('the raw event stream', () => {
  async function firstEvents(headers: Record<string, string>, count: number): Promise<string[]> {
    const controller = new AbortController()
    const response = await fetch(`${t.url}/vX/data/live/events/production`, {
      headers: {accept: 'text/event-stream', ...headers},
      signal: controller.signal,
    })
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/)
    const reader = (response.body as ReadableStream<Uint8Array>).getReader()
    let text = ''
    while (text.split('\n\n').length <= count) {
      const {value} = await reader.read()
      text += new TextDecoder().decode(value)
    }
    controller.abort()
    return text.split('\n\n').slice(0, count)
  }

  it('resumes after Last-Event-ID, and restarts from a position it cannot resume', async () => {
    const live = liveEvents(anonymous)
    await live.welcome
    await admin.create({_id: 'live-post-3', _type: 'post', title: 'One'})
    const one = (await live.next()) as {id: string}
    await admin.create({_id: 'live-post-4', _type: 'post', title: 'Two'})
    const two = (await live.next()) as {id: string}
    live.close()

    const resumed = await firstEvents({'last-event-id': one.id}, 2)
    expect(resumed[0]).toBe('event: welcome\ndata: {}')
    expect(resumed[1]).toMatch(new RegExp(`^id: ${two.id}\\nevent: message\\ndata: \\{"tags":\\[`))

    const restarted = await firstEvents({'last-event-id': 'not-a-position'}, 2)
    expect(restarted[1]).toBe(`id: ${t.lake.store.seq}\nevent: restart\ndata: {}`)
  })

  it('answers 406 to a client that does not accept event streams', async () => {
    const response = await fetch(`${t.url}/vX/data/live/events/production`, {
      headers: {accept: 'application/json'},
    })
    expect(response.status).toBe(406)
  })
})
