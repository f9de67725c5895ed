/**
 * The live read time in the real Studio (built with `sanity build`) in headless Chromium against
 * the local lake: the seed post shows the old site's 7:39 give or take 15 s; a new post's figure
 * grows under the body as the editor types, pastes and deletes, without leaving the Content group;
 * the stored `readTime` follows every edit; publishing straight after typing publishes the figure
 * of the published body. Screenshots land in artifacts/e2e/read-time/.
 */
import {describe, expect, it} from 'vitest'

import {estimateReadTime, toReadTimeValue} from '../../core/read-time/index.ts'
import {SEED_IDS, loadSeedArticle} from '../../scripts/seed-content.ts'
import {seedLake} from '../../scripts/seed.ts'
import {focusBody, publishFrom, UI_TIMEOUT, useStudioSession} from '../support/studio-session.ts'

const ARTIFACTS = 'artifacts/e2e/read-time'
const TITLE = 'Read time test post'
const PASTED =
  'A pasted paragraph arrives in one piece: forty words that nobody typed, yet the figure ' +
  'under the body must count every one of them at once, and the stored read time must follow ' +
  'without the editor ever opening the Details tab to look at it.'

type PostDocument = Record<string, unknown> & {body?: unknown; heroImage?: unknown}

describe('the live read time in the Studio', () => {
  const session = useStudioSession({artifacts: ARTIFACTS, seed: seedLake, login: true})
  let postId = ''

  const pane = () => session.page.locator('[data-testid="document-pane"]').first()
  const figure = () => pane().locator('[data-testid="read-time-figure"]')
  const shownSeconds = async () => Number(await figure().getAttribute('data-seconds'))
  const shownWords = async () =>
    Number(
      /^([\d,]+) words?/
        .exec((await pane().locator('[data-testid="read-time-details"]').textContent()) ?? '')?.[1]
        ?.replace(/,/g, ''),
    )
  const draft = async () =>
    (await session.admin.getDocument(`drafts.${postId}`)) as PostDocument | undefined
  /** What the stored figure should be for a document's current body and hero image. */
  const expectedReadTime = (doc: PostDocument | undefined) =>
    toReadTimeValue(estimateReadTime(doc?.body, {heroImage: doc?.heroImage}))

  const contentGroupShown = async () =>
    (await pane().locator('[data-testid="group-tab-content"]').getAttribute('aria-selected')) ===
    'true'

  it('shows the seed post at the old site’s 7:39 give or take 15 s, and opening it writes nothing', async () => {
    await session.page.locator('[data-testid="pane-item-Posts"]').click()
    await session.page.getByText(loadSeedArticle().title).first().click()
    await figure().waitFor({timeout: UI_TIMEOUT})
    const seconds = await shownSeconds()
    expect(Math.abs(seconds - loadSeedArticle().displayedReadTimeSeconds)).toBeLessThanOrEqual(15)
    expect(await figure().textContent()).toBe(
      `${Math.floor(seconds / 60)} Minute, ${seconds % 60} Second`,
    )
    expect(await shownWords()).toBe(1501)
    expect(await contentGroupShown()).toBe(true)

    await pane().locator('[data-testid="read-time-summary"]').scrollIntoViewIfNeeded()
    await session.shot('seed-post')
    // Well past the debounce: still no draft, so opening a post never creates one.
    await session.page.waitForTimeout(2_500)
    expect(await session.admin.getDocument(`drafts.${SEED_IDS.post}`)).toBeUndefined()
  })

  it('grows the figure as the editor types a new post, in the Content group', async () => {
    await session.page.locator('[data-testid="pane-item-Posts"]').click()
    await session.page.locator('[data-testid="action-intent-button"]').first().click()
    const title = pane().locator('[data-testid="field-title"] input')
    await title.waitFor({timeout: UI_TIMEOUT})
    await title.click()
    await session.page.keyboard.type(TITLE)
    await session.page.waitForURL(/;[0-9a-f-]{36}/)
    postId = /;([0-9a-f-]{36})/.exec(session.page.url())?.[1] ?? ''
    expect(postId).not.toBe('')
    expect(await shownSeconds()).toBe(0)

    await focusBody(pane())
    await session.page.keyboard.type('Editors see the figure while they write.')
    await expect.poll(shownWords, {timeout: UI_TIMEOUT}).toBe(7)
    const before = await shownSeconds()
    await session.page.keyboard.press('Enter')
    await session.page.keyboard.type('It grows with each sentence they add to the body.')
    await expect.poll(shownWords, {timeout: UI_TIMEOUT}).toBe(17)
    expect(await shownSeconds()).toBeGreaterThan(before)
    expect(await contentGroupShown()).toBe(true)
    await session.shot('typing')

    // The read-time field lives in the Details group and is not rendered, yet the draft follows.
    expect(await pane().locator('[data-testid="field-readTime"]').count()).toBe(0)
    await expect
      .poll(async () => {
        const doc = await draft()
        return doc?.readTime && {stored: doc.readTime, expected: expectedReadTime(doc)}
      })
      .toMatchObject({stored: {words: 17}})
    const doc = await draft()
    expect(doc?.readTime).toEqual(expectedReadTime(doc))
  })

  it('follows a paste and the deletion of every block', async () => {
    await session.page.keyboard.press('Enter')
    await session.page.evaluate((text) => {
      const data = new DataTransfer()
      data.setData('text/plain', text)
      const event = new ClipboardEvent('paste', {clipboardData: data, bubbles: true})
      document.activeElement?.dispatchEvent(event)
    }, PASTED)
    await expect.poll(shownWords, {timeout: UI_TIMEOUT}).toBe(17 + 45)
    await expect
      .poll(async () => ((await draft())?.readTime as {words?: number})?.words, {
        timeout: UI_TIMEOUT,
      })
      .toBe(17 + 45)
    await session.shot('pasted')

    await session.page.keyboard.press('Control+A')
    await session.page.keyboard.press('Backspace')
    await expect.poll(shownWords, {timeout: UI_TIMEOUT}).toBe(0)
    await expect
      .poll(async () => ((await draft())?.readTime as {words?: number})?.words, {
        timeout: UI_TIMEOUT,
      })
      .toBe(0)
    await session.shot('deleted')
  })

  it('shows the stored figure read-only in the Details group', async () => {
    await pane().locator('[data-testid="group-tab-meta"]').click()
    const seconds = pane().locator('[data-testid="field-readTime.seconds"] input')
    await seconds.waitFor({timeout: UI_TIMEOUT})
    expect(await seconds.isEditable()).toBe(false)
    await pane()
      .locator('[data-testid="field-slug"]')
      .getByRole('button', {name: 'Generate'})
      .click()
    await expect
      .poll(async () => (await draft())?.slug, {timeout: UI_TIMEOUT})
      .toMatchObject({current: 'read-time-test-post'})
    await session.shot('details')
    await pane().locator('[data-testid="group-tab-content"]').click()
  })

  it('publishes right after typing with the figure of the published body', async () => {
    await focusBody(pane())
    await session.page.keyboard.type('Published the moment the last word was typed.')
    // No wait for the debounce: the publish action fixes the figure on its way out.
    await publishFrom(pane(), async () => Boolean(await session.reader.getDocument(postId)))
    const published = (await session.reader.getDocument(postId)) as PostDocument
    expect(published.readTime).toEqual(expectedReadTime(published))
    expect((published.readTime as {words: number}).words).toBe(8)
    expect(published.readTime).toMatchObject({
      seconds: estimateReadTime(published.body, {heroImage: published.heroImage}).seconds,
    })
    await expect.poll(draft, {timeout: UI_TIMEOUT}).toBeUndefined()
    // Nothing after publishing brings a draft back.
    await session.page.waitForTimeout(2_500)
    expect(await draft()).toBeUndefined()
    await session.shot('published')
  })

  it('fixes a stale stored figure in the same publish', async () => {
    await focusBody(pane())
    await session.page.keyboard.press('Control+End')
    await session.page.keyboard.type(' Then edited once more.')
    await expect
      .poll(async () => ((await draft())?.readTime as {words?: number})?.words, {
        timeout: UI_TIMEOUT,
      })
      .toBe(12)
    // A figure gone stale behind the Studio's back, as an import or an old script would leave it.
    const stale = {_type: 'readTime', seconds: 1, words: 1, characters: 0, images: 0}
    await session.admin.patch(`drafts.${postId}`).set({readTime: stale}).commit()
    await session.page.waitForTimeout(2_000)
    // No edit of the body, so the Studio leaves it alone until publishing.
    expect((await draft())?.readTime).toMatchObject(stale)
    await publishFrom(
      pane(),
      async () =>
        ((await session.reader.getDocument(postId))?.readTime as {words?: number})?.words === 12,
    )
    const published = (await session.reader.getDocument(postId)) as PostDocument
    expect(published.readTime).toEqual(expectedReadTime(published))
    await expect.poll(draft, {timeout: UI_TIMEOUT}).toBeUndefined()
    await session.shot('stale-fixed-on-publish')
  })
})
