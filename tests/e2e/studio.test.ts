/**
 * The real Studio (built with `sanity build`) in headless Chromium against the local lake, driven
 * the way an editor works: log in, write a post with a new tag and a hero image, publish, edit and
 * discard, unpublish, delete. Screenshots of the key steps land in artifacts/e2e/.
 */
import {describe, expect, it} from 'vitest'

import {listenerCount} from '../../lake/routes/listen.ts'
import {createPlaceholderPng} from '../../scripts/seed-png.ts'
import {loginToStudio} from '../support/studio.ts'
import {focusBody, publishFrom, UI_TIMEOUT, useStudioSession} from '../support/studio-session.ts'

const ARTIFACTS = 'artifacts/e2e'
const TITLE = 'Offline newsroom test post'
// Short texts: every keystroke is a patch round trip, and typing dominates the suite's time.
const PARAGRAPHS = ['Typed in a real browser.', 'Nothing left the machine.', 'The end.']
const ALT = 'A sunset over a newsroom'

describe('the Studio on the local lake', () => {
  const session = useStudioSession({artifacts: ARTIFACTS})
  let postId = ''

  /** The post as the admin sees it: published and draft. */
  const versions = async () => {
    const docs = await session.admin.getDocuments([postId, `drafts.${postId}`])
    return {published: docs[0] ?? null, draft: docs[1] ?? null}
  }

  /** The post's document pane (the tag created inline opens a second pane to its right). */
  const postPane = () => session.page.locator('[data-testid="document-pane"]').first()

  const menuAction = async (item: RegExp, confirm: RegExp) => {
    await postPane()
      .locator('[data-testid="pane-footer"] [data-testid="action-menu-button"]')
      .click()
    await session.page.getByRole('menuitem', {name: item}).click()
    await session.page.getByRole('dialog').getByRole('button', {name: confirm}).click()
  }

  it('logs in with the local provider', async () => {
    await session.page.goto(session.studio.url)
    await session.page.getByText('Local lake login').waitFor({timeout: UI_TIMEOUT})
    await session.shot('login')
    await loginToStudio(session.page, session.studio.url)
    await session.page.locator('[data-testid="pane-item-Posts"]').waitFor({timeout: UI_TIMEOUT})
    await session.shot('structure')
  })

  it('creates a post with paragraphs, a new tag and a hero image, and publishes it', async () => {
    await session.page.locator('[data-testid="pane-item-Posts"]').click()
    await session.page.locator('[data-testid="action-intent-button"]').first().click()
    const title = session.page.locator('[data-testid="field-title"] input')
    await title.waitFor({timeout: UI_TIMEOUT})
    await title.click()
    await session.page.keyboard.type(TITLE)
    await session.page.waitForURL(/;[0-9a-f-]{36}/)
    postId = /;([0-9a-f-]{36})/.exec(session.page.url())?.[1] ?? ''
    expect(postId).not.toBe('')

    await focusBody(session.page)
    for (const [i, paragraph] of PARAGRAPHS.entries()) {
      if (i > 0) await session.page.keyboard.press('Enter')
      await session.page.keyboard.type(paragraph)
    }

    const png = createPlaceholderPng({
      width: 800,
      height: 450,
      from: [20, 60, 120],
      to: [240, 190, 110],
    })
    await session.page
      .locator('[data-testid="image-input"] input[type="file"]')
      .first()
      .setInputFiles({name: 'hero.png', mimeType: 'image/png', buffer: png})
    const alt = session.page.locator('[data-testid="field-heroImage.alt"] input')
    await alt.waitFor({timeout: UI_TIMEOUT})
    await alt.click()
    await session.page.keyboard.type(ALT)
    await session.shot('post-content')

    // A tag created inline from the reference field, then published from its own pane.
    await session.page.locator('[data-testid="group-tab-links"]').click()
    await session.page
      .locator('[data-testid="field-tags"] [data-testid="add-single-object-button"]')
      .click()
    await session.page.keyboard.type('Offline')
    await session.page.locator('[data-testid^="create-new-document-select-tags"]').click()
    const tagTitle = session.page.locator('[data-testid="field-title"] input').last()
    await tagTitle.waitFor({timeout: UI_TIMEOUT})
    await tagTitle.click()
    await session.page.keyboard.type('Offline')
    await session.page
      .locator('[data-testid="field-slug"]')
      .last()
      .getByRole('button', {name: 'Generate'})
      .click()
    await publishFrom(
      session.page.locator('[data-testid="document-pane"]').last(),
      async () =>
        (await session.reader.fetch('*[_type == "tag" && title == "Offline"][0].slug.current')) ===
        'offline',
    )
    await session.shot('tag-created-inline')

    const post = postPane()
    await post.locator('[data-testid="group-tab-meta"]').click()
    await post.locator('[data-testid="field-slug"]').getByRole('button', {name: 'Generate'}).click()
    await expect
      .poll(async () => (await versions()).draft?.slug, {timeout: UI_TIMEOUT})
      .toMatchObject({current: 'offline-newsroom-test-post'})

    // Nothing is public before publishing.
    expect(await session.reader.getDocument(postId)).toBeUndefined()

    await publishFrom(post, async () => (await versions()).published?.title === TITLE)
    await session.shot('post-published')

    const published = await session.reader.fetch(
      `*[_id == $id][0]{title, "paragraphs": body[].children[].text, "alt": heroImage.alt,
        "image": heroImage.asset->url, "tags": tags[]->title}`,
      {id: postId},
    )
    expect(published).toMatchObject({
      title: TITLE,
      paragraphs: PARAGRAPHS,
      alt: ALT,
      tags: ['Offline'],
    })
    expect((await fetch(published.image)).status).toBe(200)
    expect((await versions()).draft).toBeNull()
  })

  it('edits the published post and discards the change', async () => {
    const post = postPane()
    await post.locator('[data-testid="group-tab-content"]').click()
    const title = post.locator('[data-testid="field-title"] input')
    await title.click()
    await session.page.keyboard.press('End')
    await session.page.keyboard.type(' (edited)')
    await expect
      .poll(async () => (await versions()).draft?.title, {timeout: UI_TIMEOUT})
      .toBe(`${TITLE} (edited)`)
    // Readers still see the published version.
    expect((await session.reader.getDocument(postId))?.title).toBe(TITLE)
    await session.shot('edited-draft')

    // Review changes shows what changed and, on hover, who changed it.
    await post.locator('[data-testid="change-bar__button"]').first().click()
    // Studio 6.9.2 labels the panel's close button with its untranslated key.
    const close = session.page.getByRole('button', {
      name: /^(Close history|changes\.action\.close-label)$/,
    })
    try {
      const change = session.page.getByText('(edited)').last()
      await change.waitFor({timeout: UI_TIMEOUT})
      const author = session.page.getByText('Local Admin').first()
      // The author popover opens on hover after a delay and may miss a quick pointer.
      await expect
        .poll(
          async () => {
            await session.page.mouse.move(5, 450)
            await change.hover()
            return author.waitFor({timeout: 2_000}).then(
              () => true,
              () => false,
            )
          },
          {timeout: UI_TIMEOUT},
        )
        .toBe(true)
      await session.shot('review-changes')
    } finally {
      await session.page.mouse.move(5, 450)
      await close.click()
      await close.waitFor({state: 'hidden'})
    }

    await menuAction(/discard changes/i, /discard changes/i)
    await expect.poll(async () => (await versions()).draft, {timeout: UI_TIMEOUT}).toBeNull()
    await expect.poll(() => title.inputValue(), {timeout: UI_TIMEOUT}).toBe(TITLE)
  })

  it('unpublishes the post', async () => {
    // Unpublish lives on the published version of the document.
    const post = postPane()
    await post.locator('[data-testid="document-header-Published-chip"]').click()
    await post.getByRole('button', {name: 'Unpublish'}).click()
    await session.page
      .getByRole('dialog')
      .getByRole('button', {name: /unpublish now/i})
      .click()
    await expect.poll(async () => (await versions()).published, {timeout: UI_TIMEOUT}).toBeNull()
    expect((await versions()).draft?.title).toBe(TITLE)
    expect(await session.reader.getDocument(postId)).toBeUndefined()
    await post.locator('[data-testid="document-header-Draft-chip"]').click()
    await session.shot('unpublished')
  })

  it('shows the connection-lost state while the lake is down and recovers when it is back', async () => {
    const title = postPane().locator('[data-testid="field-title"] input')
    await session.lake.close()
    await session.page.getByText('Trying to connect').first().waitFor({timeout: UI_TIMEOUT})
    await session.shot('lake-down')

    await session.restartLake()
    await session.page
      .getByText('Trying to connect')
      .first()
      .waitFor({state: 'hidden', timeout: UI_TIMEOUT})
    // The same login still works and edits reach the restarted lake.
    await postPane().locator('[data-testid="group-tab-content"]').click()
    await title.click()
    await session.page.keyboard.press('End')
    await session.page.keyboard.type(' again')
    await expect
      .poll(async () => (await versions()).draft?.title, {timeout: UI_TIMEOUT})
      .toBe(`${TITLE} again`)
    await session.shot('lake-back')
  })

  it('deletes the post', async () => {
    await menuAction(/^delete/i, /delete document/i)
    await expect
      .poll(async () => Object.values(await versions()).every((doc) => doc === null), {
        timeout: UI_TIMEOUT,
      })
      .toBe(true)
    await session.shot('deleted')
  })

  it('finds the new tag with the list search', async () => {
    await session.page.goto(`${session.studio.url}/structure`)
    await session.page.locator('[data-testid="pane-item-Tags"]').click()
    const search = session.page.getByPlaceholder('Search list')
    await search.click()
    await session.page.keyboard.type('Offli')
    await session.page
      .locator('[data-testid="document-list-pane"]')
      .getByText('Offline', {exact: true})
      .waitFor({timeout: UI_TIMEOUT})
    await session.shot('list-search')
  })

  it('runs a GROQ query in Vision', async () => {
    await session.page.goto(`${session.studio.url}/vision`)
    const editor = session.page.locator('.cm-content').first()
    await editor.waitFor({timeout: UI_TIMEOUT})
    await editor.click()
    await session.page.keyboard.press('Control+A')
    await session.page.keyboard.type('*[_type == "tag"]{title, "slug": slug.current}')
    await session.page.keyboard.press('Control+Enter')
    // The result tree shows the slug value unquoted.
    await session.page.getByText('offline', {exact: true}).first().waitFor({timeout: UI_TIMEOUT})
    await session.shot('vision')
  })

  it('releases every listener when the page closes', async () => {
    expect(listenerCount(session.lake.lake.ctx)).toBeGreaterThan(0)
    await session.page.close()
    await expect.poll(() => listenerCount(session.lake.lake.ctx), {timeout: UI_TIMEOUT}).toBe(0)
  })
})
