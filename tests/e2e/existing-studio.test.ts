/**
 * Newsroom's features on a Studio's own schema, as an editor of Sanity's blog template meets them:
 * the Studio of tests/fixtures/blog-template (its `post` with `content`, `categories`, `author`,
 * `publishedAt`; `newsroom({contentModel: false, …})`) built with `sanity build`, in headless
 * Chromium against the local lake seeded with template-shaped posts. The live read time shows
 * under `content` and is stored on publish; the previous-post picker suggests posts by shared
 * categories before anything is typed. Screenshots land in artifacts/e2e/existing-studio/.
 */
import {resolve} from 'node:path'

import type {SanityClient} from '@sanity/client'
import {describe, expect, it} from 'vitest'

import {estimateReadTime, toReadTimeValue} from '../../core/read-time/index.ts'
import {loginToStudio} from '../support/studio.ts'
import {publishFrom, UI_TIMEOUT, useStudioSession} from '../support/studio-session.ts'

const ARTIFACTS = 'artifacts/e2e/existing-studio'
const STUDIO_DIR = resolve(import.meta.dirname, '../fixtures/blog-template')

const EDITED = {id: 'post-machines', title: 'Machines that read the news'}
/** Older than the edited post; by date alone the picker would list them in the opposite order. */
const OLDER = {
  bothCategories: {id: 'post-brussels', title: 'AI rules agreed in Brussels'},
  oneCategory: {id: 'post-chips', title: 'Europe’s chip plan'},
  noCategory: {id: 'post-derby', title: 'The derby, minute by minute'},
}
const ADDED = 'Editors see the figure grow while they write in the template’s own body field.'

/** A block of Portable Text with one span, as the template's `content` stores it. */
function paragraph(key: string, text: string) {
  return {
    _type: 'block',
    _key: key,
    style: 'normal',
    markDefs: [],
    children: [{_type: 'span', _key: `${key}-span`, text, marks: []}],
  }
}

/** Template-shaped content: three categories, an author, four posts with `content`. */
async function seedTemplatePosts(admin: SanityClient) {
  const ref = (id: string) => ({_type: 'reference', _ref: id})
  const categories = (...ids: string[]) => ids.map((id) => ({_key: id, ...ref(id)}))
  const post = (
    {id, title}: {id: string; title: string},
    publishedAt: string,
    categoryIds: string[],
    text: string,
  ) => ({
    _id: id,
    _type: 'post',
    title,
    slug: {_type: 'slug', current: id.replace(/^post-/, '')},
    publishedAt,
    author: ref('author-ada'),
    categories: categories(...categoryIds),
    content: [paragraph('p1', text)],
  })
  const category = (id: string, title: string) => ({
    _id: id,
    _type: 'category',
    title,
    slug: {_type: 'slug', current: id.replace(/^category-/, '')},
  })
  await admin
    .transaction()
    .create(category('category-ai', 'AI'))
    .create(category('category-europe', 'Europe'))
    .create(category('category-sport', 'Sport'))
    .create({_id: 'author-ada', _type: 'author', name: 'Ada Byron'})
    .create(
      post(
        OLDER.bothCategories,
        '2026-02-20T09:00:00.000Z',
        ['category-ai', 'category-europe'],
        'The rules were agreed after a long night of talks.',
      ),
    )
    .create(
      post(
        OLDER.oneCategory,
        '2026-02-25T09:00:00.000Z',
        ['category-europe'],
        'Factories are planned in three countries.',
      ),
    )
    .create(
      post(
        OLDER.noCategory,
        '2026-02-28T18:00:00.000Z',
        ['category-sport'],
        'A late goal settled it.',
      ),
    )
    .create(
      post(
        EDITED,
        '2026-03-01T09:00:00.000Z',
        ['category-ai', 'category-europe'],
        'Newsrooms have started to ask machines to read the wires for them.',
      ),
    )
    .commit()
}

describe('Newsroom on a Studio’s own schema (Sanity’s blog template)', () => {
  const session = useStudioSession({
    artifacts: ARTIFACTS,
    seed: seedTemplatePosts,
    studioDir: STUDIO_DIR,
    viewport: {width: 1400, height: 1000},
  })

  const pane = () => session.page.locator('[data-testid="document-pane"]').last()
  const figure = () => pane().locator('[data-testid="read-time-figure"]')
  const shownWords = async () =>
    Number(
      /^([\d,]+) words?/
        .exec((await pane().locator('[data-testid="read-time-details"]').textContent()) ?? '')?.[1]
        ?.replace(/,/g, ''),
    )

  it('shows the live read time under the template’s content field and follows typing', async () => {
    await loginToStudio(session.page, session.studio.url)
    await session.page.locator('[data-testid="pane-item-Post"]').click()
    await session.page.getByText(EDITED.title).first().click()
    await figure().waitFor({timeout: UI_TIMEOUT})
    expect(await shownWords()).toBe(12)
    await pane().locator('[data-testid="read-time-summary"]').scrollIntoViewIfNeeded()
    await session.shot('read-time')

    const content = pane().locator('[data-testid="field-content"]')
    const overlay = content.locator('[data-testid="activate-overlay"]')
    if (await overlay.count()) await overlay.first().click()
    await content.locator('[contenteditable="true"]').first().click()
    await session.page.keyboard.press('Control+End')
    await session.page.keyboard.press('Enter')
    await session.page.keyboard.type(ADDED)
    await expect.poll(shownWords, {timeout: UI_TIMEOUT}).toBe(12 + 14)
    await session.shot('read-time-typed')
    await session.shot('content-field', content)
  })

  it('suggests previous posts by shared categories before anything is typed', async () => {
    const previous = pane().locator('[data-testid="related-input-previous"]')
    await previous.scrollIntoViewIfNeeded()
    const suggestions = previous.locator('[data-testid="related-suggestion"]')
    await expect
      .poll(() => suggestions.allInnerTexts(), {timeout: UI_TIMEOUT})
      .toEqual([
        expect.stringContaining(
          `${OLDER.bothCategories.title}\nFeb 20, 2026\n2 shared categories · 9 days older`,
        ),
        expect.stringContaining(
          `${OLDER.oneCategory.title}\nFeb 25, 2026\n1 shared category · 4 days older`,
        ),
        expect.stringContaining(
          `${OLDER.noCategory.title}\nFeb 28, 2026\nNo shared categories · 15 hours older`,
        ),
      ])
    await session.shot('previous-suggestions', previous)
  })

  it('stores the read time of the published content on publish', async () => {
    await publishFrom(pane(), async () => {
      const published = await session.admin.getDocument(EDITED.id)
      return JSON.stringify(published?.content ?? '').includes('template’s own body field')
    })
    const published = (await session.admin.getDocument(EDITED.id)) as
      {content?: unknown; readTime?: unknown} | undefined
    expect(published?.readTime).toEqual(toReadTimeValue(estimateReadTime(published?.content)))
    expect(published?.readTime).toMatchObject({words: 12 + 14})
    // What a reader's query gets.
    expect(await session.reader.fetch(`*[_id == $id][0].readTime.words`, {id: EDITED.id})).toBe(
      12 + 14,
    )
    expect(await session.admin.getDocument(`drafts.${EDITED.id}`)).toBeUndefined()
  })
})
