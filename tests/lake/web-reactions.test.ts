/**
 * The reader site's reactions against a real lake: the site in-process (`app.request`), reading
 * through an anonymous CDN client and voting through `/api/reactions` with a separate admin
 * client, over the fixture dataset. Votes as JSON (the page's script) and as form posts (no
 * JavaScript), the reader's cookie, the live tally on the next page, and what stays private.
 */
import type {SanityClient} from '@sanity/client'
import {createRequire} from 'node:module'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {FIXTURE_DOCUMENTS} from '../fixtures/queries/dataset.ts'
import {createWebApp, type WebAppOptions} from '../../web/app.tsx'
import {startTestLake, type TestLake} from '../support/lake.ts'

// jsdom ships no types; this is the one constructor the test uses.
const {JSDOM} = createRequire(import.meta.url)('jsdom') as {
  JSDOM: new (markup: string) => {window: {document: Document}}
}

const SITE = 'http://localhost'
const ARTICLE = '/posts/mistral-ai-powers-frances-new-defense-era'
const SECRET = 'web-reactions-test-secret-0123456789abcdef'
/** The fixture's tally of the article. */
const FIXTURE_COUNTS = {happy: 3, sad: 0, excited: 1, sleepy: 0, angry: 0, surprise: 2}

let lake: TestLake
let admin: SanityClient
let anonymous: SanityClient

beforeAll(async () => {
  lake = await startTestLake()
  admin = lake.client({token: 'admin', perspective: 'raw'})
  const transaction = admin.transaction()
  for (const document of FIXTURE_DOCUMENTS) transaction.createOrReplace(document)
  await transaction.commit({visibility: 'sync'})
  anonymous = lake.client({useCdn: true})
})

afterAll(async () => {
  await lake?.close()
})

function siteWith(reactions: Partial<NonNullable<WebAppOptions['reactions']>> = {}) {
  return createWebApp({
    client: anonymous,
    siteUrl: SITE,
    reactions: {
      client: lake.client({token: 'admin'}),
      secret: SECRET,
      batchWindowMs: 5,
      ...reactions,
    },
    logError: () => undefined,
  })
}

type Site = ReturnType<typeof siteWith>

/** A reader: a cookie jar of one cookie, filled by the site's answers. */
function reader(site: Site) {
  let cookie: string | undefined
  const remember = (response: Response) => {
    const set = response.headers.get('set-cookie')
    if (set) cookie = set.split(';')[0]
    return response
  }
  const headers = (more: Record<string, string> = {}) => ({
    ...(cookie ? {cookie} : {}),
    ...more,
  })
  return {
    cookie: () => cookie,
    async page(path = ARTICLE) {
      const response = await site.request(`${SITE}${path}`, {headers: headers()})
      const html = await response.text()
      return {response, html, document: new JSDOM(html).window.document}
    },
    /** The page's script: JSON, same origin. */
    async voteJson(reaction: string | null, postId = 'post-article') {
      const response = await site.request(`${SITE}/api/reactions`, {
        method: 'POST',
        headers: headers({'content-type': 'application/json', origin: SITE}),
        body: JSON.stringify({postId, reaction}),
      })
      return remember(response)
    },
    /** A button of the form, without JavaScript. */
    async voteForm(fields: Record<string, string>, more: Record<string, string> = {origin: SITE}) {
      const response = await site.request(`${SITE}/api/reactions`, {
        method: 'POST',
        headers: headers({'content-type': 'application/x-www-form-urlencoded', ...more}),
        body: new URLSearchParams(fields).toString(),
        redirect: 'manual',
      })
      return remember(response)
    },
  }
}

const formFields = (reaction: string) => ({
  postId: 'post-article',
  slug: 'mistral-ai-powers-frances-new-defense-era',
  reaction,
})

/** Each button as `Name share` with `*` on the reader's own reaction. */
const shown = (document: Document) =>
  [...document.querySelectorAll('.reactions button')].map(
    (button) =>
      `${button.querySelector('.reaction-name')?.textContent} ${button.querySelector('.reaction-share')?.textContent}` +
      (button.getAttribute('aria-pressed') === 'true' ? ' *' : ''),
  )

const tally = () =>
  anonymous.fetch<Record<string, number>>('*[_id == "reaction-post-article"][0].counts')

describe('reactions on the reader site, against a lake', () => {
  it('records a JSON vote, and the reader’s next page shows it live, privately', async () => {
    const site = siteWith()
    const alice = reader(site)
    const before = await alice.page()
    expect(before.response.headers.get('cache-control')).toBe(
      'public, max-age=60, stale-while-revalidate=600',
    )
    expect(shown(before.document)).toEqual([
      'Happy 50 %',
      'Sad 0 %',
      'Excited 17 %',
      'Sleepy 0 %',
      'Angry 0 %',
      'Surprise 33 %',
    ])

    const vote = await alice.voteJson('sad')
    expect(vote.status).toBe(200)
    expect(await vote.json()).toEqual({
      postId: 'post-article',
      counts: {...FIXTURE_COUNTS, sad: 1},
      percentages: {happy: 43, sad: 14, excited: 14, sleepy: 0, angry: 0, surprise: 29},
      total: 7,
      reaction: 'sad',
    })
    const cookie = vote.headers.get('set-cookie') ?? ''
    expect(cookie).toMatch(/^newsroom_reader=[\w-]+\.[\w-]+; Path=\/; Max-Age=\d+; HttpOnly/)

    const after = await alice.page()
    expect(after.response.headers.get('cache-control')).toBe('private, no-cache')
    expect(after.response.headers.get('vary')).toBe('Cookie')
    expect(shown(after.document)).toEqual([
      'Happy 43 %',
      'Sad 14 % *',
      'Excited 14 %',
      'Sleepy 0 %',
      'Angry 0 %',
      'Surprise 29 %',
    ])
    expect(after.document.querySelector('.reactions-total')?.textContent).toBe('7 reactions')
    // The pressed button withdraws.
    expect(after.document.querySelector('button[data-kind="sad"]')?.getAttribute('value')).toBe('')

    // Every reader of the CDN sees the same tally; nobody sees who voted.
    expect(await tally()).toEqual({...FIXTURE_COUNTS, sad: 1})
    expect(await anonymous.fetch('count(*[_type == "reactionVoter"])')).toBe(0)
    expect(await admin.fetch('count(*[_type == "reactionVoter"])')).toBe(1)

    expect((await alice.voteJson(null)).status).toBe(200)
    expect(await tally()).toEqual(FIXTURE_COUNTS)
  })

  it('records a form post and answers 303 to the post, once per reader however often sent', async () => {
    const site = siteWith()
    const bob = reader(site)
    const first = await bob.voteForm(formFields('happy'))
    expect(first.status).toBe(303)
    expect(first.headers.get('location')).toBe(`${ARTICLE}#reactions`)
    expect(first.headers.get('cache-control')).toBe('no-store')
    expect(bob.cookie()).toMatch(/^newsroom_reader=/)

    // The browser follows the redirect with the new cookie: the vote is on the page.
    const page = await bob.page()
    expect(shown(page.document)[0]).toBe('Happy 57 % *')
    expect(page.document.querySelector('.reactions-total')?.textContent).toBe('7 reactions')

    // The same button again (a double submit, a reload of the POST) is still one vote.
    expect((await bob.voteForm(formFields('happy'))).status).toBe(303)
    expect(await tally()).toEqual({...FIXTURE_COUNTS, happy: 4})

    // Another button moves the vote; the pressed button's empty value withdraws it.
    await bob.voteForm(formFields('angry'))
    expect(await tally()).toEqual({...FIXTURE_COUNTS, angry: 1})
    await bob.voteForm(formFields(''))
    expect(await tally()).toEqual(FIXTURE_COUNTS)
    expect(shown((await bob.page()).document).some((text) => text.endsWith('*'))).toBe(false)
  })

  it('refuses a form from another site, an unknown post or reaction, with a page and no vote', async () => {
    const site = siteWith()
    const mallory = reader(site)
    const foreign = await mallory.voteForm(formFields('happy'), {origin: 'https://evil.example'})
    expect(foreign.status).toBe(403)
    const foreignPage = new JSDOM(await foreign.text()).window.document
    expect(foreignPage.querySelector('h1')?.textContent).toBe('Reaction not recorded')
    expect(foreignPage.querySelector('main a')?.getAttribute('href')).toBe(ARTICLE)

    const unknownPost = await mallory.voteForm({...formFields('happy'), postId: 'post-nope'})
    expect(unknownPost.status).toBe(404)
    expect(
      new JSDOM(await unknownPost.text()).window.document.querySelector('h1')?.textContent,
    ).toBe('Post not found')
    const unknownReaction = await mallory.voteForm(formFields('bored'))
    expect(unknownReaction.status).toBe(400)
    expect(await tally()).toEqual(FIXTURE_COUNTS)
  })

  it('tells a reader who votes too fast to wait, with Retry-After', async () => {
    const site = siteWith({readerRateLimit: {limit: 1, windowSeconds: 60}})
    const eager = reader(site)
    expect((await eager.voteForm(formFields('happy'))).status).toBe(303)
    const second = await eager.voteForm(formFields('sad'))
    expect(second.status).toBe(429)
    expect(Number(second.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(new JSDOM(await second.text()).window.document.querySelector('h1')?.textContent).toBe(
      'Too many reactions',
    )
    expect(await tally()).toEqual({...FIXTURE_COUNTS, happy: 4})
    await eager.voteForm(formFields(''))
  })

  it('never sends the write token to a browser', async () => {
    const site = siteWith()
    const carol = reader(site)
    const answers = [
      await (await carol.voteJson('excited')).text(),
      (await carol.page()).html,
      await (await site.request(`${SITE}/api/reactions?postId=post-article`)).text(),
      await (await carol.voteForm(formFields(''))).text(),
    ]
    for (const answer of answers) expect(answer).not.toContain(lake.adminToken)
  })

  it('streams the open page’s tally live as others vote (the Live Content API, relayed)', async () => {
    const site = siteWith()
    const watcher = reader(site)
    await watcher.voteJson('angry')
    const response = await site.request(`${SITE}/api/reactions/live?postId=post-article`, {
      headers: {cookie: watcher.cookie() as string},
    })
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/)
    const events = (response.body as ReadableStream<Uint8Array>).getReader()
    const nextTally = async () => {
      let text = ''
      while (!text.includes('\n\n')) {
        const {value, done} = await events.read()
        if (done) throw new Error('the live tally stream ended')
        text += new TextDecoder().decode(value)
      }
      expect(text).toMatch(/^event: tally\n/)
      return JSON.parse(/^data: (.*)$/m.exec(text)?.[1] ?? 'null') as {
        total: number
        reaction: string | null
      }
    }
    const start = (
      await anonymous.fetch<{total: number}>(
        '*[_id == "reaction-post-article"][0]{"total": counts.happy + counts.sad + counts.excited + counts.sleepy + counts.angry + counts.surprise}',
      )
    ).total
    // Give the relay a moment to subscribe, then another reader votes.
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect((await reader(site).voteJson('happy')).status).toBe(200)
    const live = await nextTally()
    // The other reader's vote, with the watcher's own reaction.
    expect(live).toMatchObject({total: start + 1, reaction: 'angry'})
    await events.cancel()
  })

  it('refuses a live tally for a malformed post id', async () => {
    const response = await siteWith().request(
      `${SITE}/api/reactions/live?postId=${'x'.repeat(200)}`,
    )
    expect(response.status).toBe(400)
  })
})
