/**
 * Reactions in the real Studio: votes recorded through the reaction API (the Fetch handler, as
 * the site mounts it) appear in the post's Reactions panel live, and editors can list and read
 * tallies and voter records but not publish or change them. Screenshots land in
 * artifacts/e2e/reactions/ (`02-panel-live.png` is the README's docs/reactions-panel.png).
 */
import type {SanityClient} from '@sanity/client'
import {beforeAll, describe, expect, it} from 'vitest'

import {createReactionHandler, type ReactionHandler} from '../../core/reactions/handler.ts'
import {listenerCount} from '../../lake/routes/listen.ts'
import {loginToStudio} from '../support/studio.ts'
import {UI_TIMEOUT, useStudioSession} from '../support/studio-session.ts'

const ARTIFACTS = 'artifacts/e2e/reactions'
const POST_ID = 'post-reactions-e2e'
const TITLE = 'Readers react to the newsroom'
/** The post preview's subtitle, as the reference fields show it. */
const PUBLISHED_DATE = 'Nov 20, 2026'
const SECRET = 'e2e-reactions-secret-that-is-long-enough-0123456789'

/** The post readers react to, published. */
const createPost = (admin: SanityClient) =>
  admin.create({
    _id: POST_ID,
    _type: 'post',
    title: TITLE,
    slug: {_type: 'slug', current: 'readers-react'},
    publishedAt: '2026-11-20T09:00:00.000Z',
  })

describe('reactions in the Studio', () => {
  const session = useStudioSession({
    artifacts: ARTIFACTS,
    seed: createPost,
    viewport: {width: 1280, height: 860},
  })
  let handler: ReactionHandler
  const cookies = new Map<string, string>()

  /** A reader votes through the handler, keeping their cookie as a browser would. */
  const vote = async (reader: string, reaction: string | null) => {
    const cookie = cookies.get(reader)
    const response = await handler(
      new Request('http://localhost:3000/api/reactions', {
        method: 'POST',
        headers: {'content-type': 'application/json', ...(cookie ? {cookie} : {})},
        body: JSON.stringify({postId: POST_ID, reaction}),
      }),
    )
    expect(response.status).toBe(200)
    const setCookie = response.headers.get('set-cookie')
    if (setCookie) cookies.set(reader, setCookie.split(';')[0] as string)
  }

  const panel = () => session.page.locator('[data-testid="reactions-panel"]')
  const panelRow = (kind: string) => panel().locator(`[data-testid="reactions-panel-${kind}"]`)
  const panelTotal = () => panel().locator('[data-testid="reactions-panel-total"]')

  beforeAll(() => {
    handler = createReactionHandler({
      client: session.admin,
      secret: SECRET,
      readerRateLimit: false,
      ipRateLimit: false,
    })
  })

  it('shows an empty Reactions panel on a post nobody reacted to', async () => {
    await loginToStudio(session.page, session.studio.url)
    await session.page.locator('[data-testid="pane-item-Posts"]').click()
    await session.page
      .locator('[data-testid="document-list-pane"]')
      .getByText(TITLE, {exact: true})
      .click()
    await panel().waitFor({timeout: UI_TIMEOUT})
    await expect
      .poll(() => panelTotal().textContent(), {timeout: UI_TIMEOUT})
      .toBe('No reactions yet')
    expect(await panelRow('happy').textContent()).toContain('😀 Happy')
    expect(await panelRow('happy').textContent()).toContain('0 · 0 %')
    await session.shot('panel-empty')
  })

  it('updates live as votes arrive through the reaction API', async () => {
    await Promise.all([
      vote('ada', 'happy'),
      vote('grace', 'happy'),
      vote('linus', 'happy'),
      vote('barbara', 'excited'),
      vote('ken', 'excited'),
      vote('margaret', 'sad'),
      vote('dennis', 'surprise'),
    ])
    await expect.poll(() => panelTotal().textContent(), {timeout: UI_TIMEOUT}).toBe('7 reactions')
    const rows = async () =>
      Object.fromEntries(
        await Promise.all(
          ['happy', 'sad', 'excited', 'sleepy', 'angry', 'surprise'].map(async (kind) => [
            kind,
            /(\d+ · \d+ %)/.exec((await panelRow(kind).textContent()) ?? '')?.[1],
          ]),
        ),
      )
    expect(await rows()).toEqual({
      happy: '3 · 43 %',
      sad: '1 · 14 %',
      excited: '2 · 29 %',
      sleepy: '0 · 0 %',
      angry: '0 · 0 %',
      surprise: '1 · 14 %',
    })
    expect(await panel().getByRole('meter', {name: 'Happy'}).getAttribute('aria-valuenow')).toBe(
      '43',
    )
    await session.shot('panel-live')

    // A reader changes their mind, another withdraws: one down, one up; one down.
    await vote('ada', 'angry')
    await vote('grace', null)
    await expect.poll(() => panelTotal().textContent(), {timeout: UI_TIMEOUT}).toBe('6 reactions')
    await expect.poll(rows, {timeout: UI_TIMEOUT}).toEqual({
      happy: '1 · 17 %',
      sad: '1 · 17 %',
      excited: '2 · 33 %',
      sleepy: '0 · 0 %',
      angry: '1 · 17 %',
      surprise: '1 · 16 %',
    })
    await session.shot('panel-changed')
  })

  it('lists tallies and voter records for editors, without any way to edit or publish them', async () => {
    await session.page.goto(`${session.studio.url}/structure`)
    await session.page.locator('[data-testid="pane-item-Voter records"]').click()
    const list = session.page.locator('[data-testid="document-list-pane"]').last()
    // Six readers still react; the one who withdrew keeps an empty record.
    await expect
      .poll(() => list.getByText(TITLE, {exact: true}).count(), {timeout: UI_TIMEOUT})
      .toBe(7)
    await list.getByText(TITLE, {exact: true}).first().click()
    const pane = session.page.locator('[data-testid="document-pane"]').last()
    await pane.locator('[data-testid="field-reaction"]').waitFor({timeout: UI_TIMEOUT})
    // The post's preview (title and date) in the read-only reference field.
    await pane.getByText(PUBLISHED_DATE).waitFor({timeout: UI_TIMEOUT})
    expect(await pane.locator('[data-testid="action-publish"]').count()).toBe(0)
    expect(await pane.locator('[data-testid="field-reaction"] select').isEditable()).toBe(false)
    await session.shot('voter-record')

    await session.page.goto(`${session.studio.url}/structure`)
    await session.page.locator('[data-testid="pane-item-Reactions"]').click()
    const tallies = session.page.locator('[data-testid="document-list-pane"]').last()
    await tallies.getByText(TITLE, {exact: true}).click()
    const tally = session.page.locator('[data-testid="document-pane"]').last()
    await tally.locator('[data-testid="field-counts"]').waitFor({timeout: UI_TIMEOUT})
    await tally.getByText(PUBLISHED_DATE).waitFor({timeout: UI_TIMEOUT})
    expect(await tally.locator('[data-testid="action-publish"]').count()).toBe(0)
    expect(await tally.locator('[data-testid="field-counts.sad"] input').isEditable()).toBe(false)
    expect(await tally.locator('[data-testid="field-counts.sad"] input').inputValue()).toBe('1')
    expect(await session.page.locator('[data-testid="action-intent-button"]').count()).toBe(0)
    await session.shot('tally')
  })

  it('closes its listeners when the browser leaves', async () => {
    expect(listenerCount(session.lake.lake.ctx)).toBeGreaterThan(0)
    await session.page.close()
    await expect.poll(() => listenerCount(session.lake.lake.ctx), {timeout: UI_TIMEOUT}).toBe(0)
  })
})
