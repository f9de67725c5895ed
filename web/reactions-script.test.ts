// @vitest-environment jsdom
/**
 * The reactions script as browsers get it: the compiled module the site serves, run in jsdom
 * over the markup the site renders, with a stand-in `fetch`.
 */
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {join, resolve} from 'node:path'

import {createClient} from '@sanity/client'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {createWebApp} from './app.tsx'
import {createFixtureClient} from '../tests/support/fixture-client.ts'

type ScriptModule = typeof import('./reactions-script.ts')

const ARTICLE = '/posts/mistral-ai-powers-frances-new-defense-era'
const UNREACTED = '/posts/trump-powell-oil-context-behind-calm-markets'

/**
 * Creates the app with Node's own Uint8Array in place: the site bundles its script with esbuild,
 * which insists that TextEncoder's bytes are this realm's Uint8Array, and jsdom replaces it.
 */
function inNodeRealm<T>(run: () => T): T {
  const jsdomUint8Array = globalThis.Uint8Array
  globalThis.Uint8Array = Object.getPrototypeOf(Buffer.prototype).constructor
  try {
    return run()
  } finally {
    globalThis.Uint8Array = jsdomUint8Array
  }
}

const app = inNodeRealm(() =>
  createWebApp({
    client: createFixtureClient().client,
    siteUrl: 'http://localhost',
    reactions: {
      client: createClient({
        projectId: 'fixture',
        dataset: 'production',
        apiHost: 'http://127.0.0.1:9',
        useProjectHostname: false,
        apiVersion: '2025-02-19',
        useCdn: false,
        token: 'sk-write',
        // jsdom looks like a browser to the client; this app runs on the server.
        ignoreBrowserTokenWarning: true,
      }),
      secret: 'a-test-secret-of-at-least-32-characters',
    },
  }),
)

/** The reactions section of a page, as the site renders it. */
async function reactionsMarkup(path: string): Promise<string> {
  const html = await (await app.request(path)).text()
  const page = new DOMParser().parseFromString(html, 'text/html')
  return page.querySelector('.reactions')?.outerHTML ?? ''
}

/** A stand-in for `fetch` that records each call and answers `status` with `body`. */
function answering(status: number, body: unknown) {
  const calls: Array<{url: string; init: RequestInit}> = []
  const send = (async (url: string, init: RequestInit) => {
    calls.push({url, init})
    return new Response(JSON.stringify(body), {status})
  }) as unknown as typeof fetch
  return {send, calls}
}

const buttons = () =>
  [...document.querySelectorAll<HTMLButtonElement>('.reactions button')].map((button) => [
    button.querySelector('.reaction-name')?.textContent,
    button.querySelector('.reaction-share')?.textContent,
    button.getAttribute('aria-pressed'),
    button.value,
  ])
const statusText = () => document.querySelector('[data-reaction-status]')?.textContent
const settled = () => new Promise((resolve) => setTimeout(resolve, 0))

const RESULT = {
  postId: 'post-newer',
  counts: {happy: 1, sad: 0, excited: 0, sleepy: 0, angry: 0, surprise: 0},
  percentages: {happy: 100, sad: 0, excited: 0, sleepy: 0, angry: 0, surprise: 0},
  total: 1,
  reaction: 'happy',
}

describe('the reactions script', () => {
  let script: ScriptModule
  let dir = ''

  beforeAll(async () => {
    const html = await (await app.request(ARTICLE)).text()
    const src = /<script type="module" src="([^"]+)"/.exec(html)?.[1] ?? ''
    // Inside the project (git-ignored), where the test runner loads modules from.
    mkdirSync('artifacts', {recursive: true})
    dir = resolve(mkdtempSync(join('artifacts', 'reactions-script-')))
    const file = join(dir, 'reactions.mjs')
    writeFileSync(file, await (await app.request(src)).text())
    script = (await import(/* @vite-ignore */ file)) as ScriptModule
  })

  afterAll(() => {
    if (dir) rmSync(dir, {recursive: true, force: true})
  })

  it('votes with JSON on a click and shows the new shares in place', async () => {
    document.body.innerHTML = await reactionsMarkup(UNREACTED)
    const form = document.querySelector('form') as HTMLFormElement
    const {send, calls} = answering(200, RESULT)
    script.enhanceReactionForm(form, send)

    document.querySelector<HTMLButtonElement>('button[data-kind="happy"]')?.click()
    await settled()

    expect(calls).toHaveLength(1)
    expect(calls[0]?.url).toBe(new URL('/api/reactions', document.baseURI).href)
    expect(calls[0]?.init).toMatchObject({
      method: 'POST',
      credentials: 'same-origin',
      headers: {'content-type': 'application/json', accept: 'application/json'},
    })
    expect(JSON.parse(calls[0]?.init.body as string)).toEqual({
      postId: 'post-newer',
      reaction: 'happy',
    })
    expect(buttons()).toEqual([
      ['Happy', '100 %', 'true', ''],
      ['Sad', '0 %', 'false', 'sad'],
      ['Excited', '0 %', 'false', 'excited'],
      ['Sleepy', '0 %', 'false', 'sleepy'],
      ['Angry', '0 %', 'false', 'angry'],
      ['Surprise', '0 %', 'false', 'surprise'],
    ])
    expect(document.querySelector('[data-reaction-total]')?.textContent).toBe('1 reaction')
    expect(statusText()).toBe('Thanks: you reacted Happy.')
  })

  it('withdraws the reaction when the pressed button is clicked again', async () => {
    document.body.innerHTML = await reactionsMarkup(UNREACTED)
    const form = document.querySelector('form') as HTMLFormElement
    script.showReactionResult(form, RESULT)
    const {send, calls} = answering(200, {...RESULT, reaction: null, total: 0, percentages: {}})
    script.enhanceReactionForm(form, send)

    document.querySelector<HTMLButtonElement>('button[data-kind="happy"]')?.click()
    await settled()

    expect(JSON.parse(calls[0]?.init.body as string)).toEqual({
      postId: 'post-newer',
      reaction: null,
    })
    expect(buttons()[0]).toEqual(['Happy', '0 %', 'false', 'happy'])
    expect(document.querySelector('[data-reaction-total]')?.textContent).toBe('No reactions yet')
    expect(statusText()).toBe('Your reaction was removed.')
  })

  it('says why when a vote is refused or cannot be sent, and leaves the shares alone', async () => {
    document.body.innerHTML = await reactionsMarkup(ARTICLE)
    const form = document.querySelector('form') as HTMLFormElement
    const before = buttons()
    script.enhanceReactionForm(form, answering(429, {error: {code: 'rateLimited'}}).send)
    document.querySelector<HTMLButtonElement>('button[data-kind="sad"]')?.click()
    await settled()
    expect(statusText()).toBe(
      'That was a lot of reactions in a short time. Please try again in a minute.',
    )
    expect(buttons()).toEqual(before)

    document.body.innerHTML = await reactionsMarkup(ARTICLE)
    const offline = (async () => {
      throw new TypeError('Failed to fetch')
    }) as unknown as typeof fetch
    script.enhanceReactionForm(document.querySelector('form') as HTMLFormElement, offline)
    document.querySelector<HTMLButtonElement>('button[data-kind="sad"]')?.click()
    await settled()
    expect(statusText()).toBe(
      'Your reaction could not be recorded. Please reload the page and try again.',
    )
    expect(document.querySelector('form')?.hasAttribute('aria-busy')).toBe(false)
  })

  it('sends one vote at a time', async () => {
    document.body.innerHTML = await reactionsMarkup(UNREACTED)
    const form = document.querySelector('form') as HTMLFormElement
    const {send, calls} = answering(200, RESULT)
    script.enhanceReactionForm(form, send)
    document.querySelector<HTMLButtonElement>('button[data-kind="happy"]')?.click()
    document.querySelector<HTMLButtonElement>('button[data-kind="sad"]')?.click()
    expect(form.getAttribute('aria-busy')).toBe('true')
    await settled()
    expect(calls).toHaveLength(1)
  })

  it('shows a tally exactly as the server renders it', async () => {
    // The article's tally (3 happy, 1 excited, 2 surprise) rendered by the server, and the same
    // tally written by the script into a block that started at zero.
    document.body.innerHTML = await reactionsMarkup(ARTICLE)
    const rendered = document.querySelector('.reaction-buttons')?.innerHTML
    const renderedTotal = document.querySelector('[data-reaction-total]')?.textContent

    document.body.innerHTML = await reactionsMarkup(UNREACTED)
    script.showReactionResult(document.querySelector('form') as HTMLFormElement, {
      percentages: {happy: 50, sad: 0, excited: 17, sleepy: 0, angry: 0, surprise: 33},
      total: 6,
      reaction: null,
    })
    expect(document.querySelector('.reaction-buttons')?.innerHTML).toBe(rendered)
    expect(document.querySelector('[data-reaction-total]')?.textContent).toBe(renderedTotal)
    script.showReactionResult(document.querySelector('form') as HTMLFormElement, {
      percentages: {happy: 100},
      total: 1234,
      reaction: null,
    })
    expect(document.querySelector('[data-reaction-total]')?.textContent).toBe('1,234 reactions')
  })

  it('follows the live tally: each tally event from /api/reactions/live updates the block', async () => {
    document.body.innerHTML = await reactionsMarkup(UNREACTED)
    const form = document.querySelector('form') as HTMLFormElement
    const opened: string[] = []
    const source = new EventTarget()
    script.followLiveTally(form, (url) => {
      opened.push(url)
      return source as EventSource
    })
    expect(opened).toEqual([
      new URL('/api/reactions/live?postId=post-newer', document.baseURI).href,
    ])
    const tally = {
      ...RESULT,
      total: 2,
      reaction: null,
      percentages: {...RESULT.percentages, happy: 50, sad: 50},
    }
    source.dispatchEvent(new MessageEvent('tally', {data: JSON.stringify(tally)}))
    expect(buttons().slice(0, 2)).toEqual([
      ['Happy', '50 %', 'false', 'happy'],
      ['Sad', '50 %', 'false', 'sad'],
    ])
    expect(document.querySelector('[data-reaction-total]')?.textContent).toBe('2 reactions')
  })

  it('keeps the reader’s own pressed reaction when a live tally arrives from a stream that does not know them', async () => {
    document.body.innerHTML = await reactionsMarkup(UNREACTED)
    const form = document.querySelector('form') as HTMLFormElement
    const source = new EventTarget()
    script.followLiveTally(form, () => source as EventSource)
    // The reader's own vote answered: Happy is pressed.
    script.showReactionResult(form, {...RESULT, total: 1, reaction: 'happy'})
    const tally = {
      ...RESULT,
      total: 2,
      reaction: null,
      percentages: {...RESULT.percentages, happy: 100},
    }
    source.dispatchEvent(new MessageEvent('tally', {data: JSON.stringify(tally)}))
    expect(buttons()[0]).toEqual(['Happy', '100 %', 'true', ''])
    expect(document.querySelector('[data-reaction-total]')?.textContent).toBe('2 reactions')
  })
})
