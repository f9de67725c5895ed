/**
 * The related-post picker in the real Studio (built with `sanity build`, headless Chromium, the
 * local lake): an editor opens a post, picks the suggested next post, accepts the reciprocal link,
 * publishes both posts, and an anonymous reader then sees A.next = B and B.previous = A.
 * Screenshots land in artifacts/e2e/related-posts/.
 */
import type {SanityClient} from '@sanity/client'
import {describe, expect, it} from 'vitest'

import {previousNextProjection} from '../../core/related/index.ts'
import {createPlaceholderPng} from '../../scripts/seed-png.ts'
import {loginToStudio} from '../support/studio.ts'
import {publishFrom, UI_TIMEOUT, useStudioSession} from '../support/studio-session.ts'

const ARTIFACTS = 'artifacts/e2e/related-posts'

const TITLES = {
  a: 'Alpha: the newsroom goes offline',
  b: 'Bravo: AI rules agreed in Brussels',
  c: 'Charlie: Europe’s chip plan',
  d: 'Delta: a quiet evening',
  z: 'Zulu: an older AI story',
}

/** Five published posts: B shares both of A's tags and is a day newer. */
async function seedPosts(admin: SanityClient) {
  const png = (from: [number, number, number]) =>
    createPlaceholderPng({width: 320, height: 180, from, to: [240, 200, 120]})
  const heroB = await admin.assets.upload('image', png([30, 80, 160]), {filename: 'b.png'})
  const heroC = await admin.assets.upload('image', png([120, 40, 90]), {filename: 'c.png'})
  const ref = (id: string) => ({_type: 'reference', _ref: id})
  const tags = (...ids: string[]) => ids.map((id) => ({_key: id, ...ref(id)}))
  const hero = (assetId: string, alt: string) => ({
    _type: 'imageWithAlt',
    asset: ref(assetId),
    alt,
  })
  const post = (id: keyof typeof TITLES, publishedAt: string, extra: object) => ({
    _id: `post-${id}`,
    _type: 'post',
    title: TITLES[id],
    slug: {_type: 'slug', current: `post-${id}`},
    publishedAt,
    ...extra,
  })
  await admin
    .transaction()
    .create({_id: 'tag-ai', _type: 'tag', title: 'AI', slug: {_type: 'slug', current: 'ai'}})
    .create({
      _id: 'tag-eu',
      _type: 'tag',
      title: 'Europe',
      slug: {_type: 'slug', current: 'europe'},
    })
    .create(post('z', '2026-02-20T09:00:00.000Z', {tags: tags('tag-ai')}))
    .create(post('a', '2026-03-01T09:00:00.000Z', {tags: tags('tag-ai', 'tag-eu')}))
    .create(post('d', '2026-03-01T21:00:00.000Z', {}))
    .create(
      post('b', '2026-03-02T09:00:00.000Z', {
        tags: tags('tag-ai', 'tag-eu'),
        heroImage: hero(heroB._id, 'A flag over Brussels'),
      }),
    )
    .create(
      post('c', '2026-03-04T09:00:00.000Z', {
        tags: tags('tag-eu'),
        heroImage: hero(heroC._id, 'A chip on a fingertip'),
      }),
    )
    .commit()
}

describe('the related-post picker in the Studio', () => {
  const session = useStudioSession({
    artifacts: ARTIFACTS,
    seed: seedPosts,
    viewport: {width: 1400, height: 1000},
  })

  const pane = () => session.page.locator('[data-testid="document-pane"]').last()

  const linkOf = async (id: string, field: 'previous' | 'next') =>
    ((await session.admin.getDocument(id)) as Record<string, {_ref?: string}> | undefined)?.[field]
      ?._ref

  it('suggests B as the next post of A: shared tags first, with the reason', async () => {
    await loginToStudio(session.page, session.studio.url)
    await session.page.locator('[data-testid="pane-item-Posts"]').click()
    await session.page.getByText(TITLES.a).first().click()
    await pane().locator('[data-testid="field-title"] input').waitFor({timeout: UI_TIMEOUT})
    await pane().locator('[data-testid="group-tab-links"]').click()

    // The picker's own root: a replaced reference input has no `field-next` wrapper.
    const next = pane().locator('[data-testid="related-input-next"]')
    await next.scrollIntoViewIfNeeded()
    const suggestions = next.locator('[data-testid="related-suggestion"]')
    await suggestions.first().waitFor({timeout: UI_TIMEOUT})
    await expect.poll(() => suggestions.count(), {timeout: UI_TIMEOUT}).toBe(3)
    expect(await suggestions.allInnerTexts()).toEqual([
      expect.stringContaining(`${TITLES.b}\nMar 2, 2026\n2 shared tags · 1 day newer`),
      expect.stringContaining(`${TITLES.c}\nMar 4, 2026\n1 shared tag · 3 days newer`),
      expect.stringContaining(`${TITLES.d}\nMar 1, 2026\nNo shared tags · 12 hours newer`),
    ])
    // The hero thumbnail loads from the lake.
    await expect
      .poll(
        () =>
          suggestions
            .first()
            .locator('img')
            .evaluate((img: HTMLImageElement) => img.naturalWidth),
        {
          timeout: UI_TIMEOUT,
        },
      )
      .toBeGreaterThan(0)
    // Previous offers only older posts.
    const previous = pane().locator('[data-testid="related-input-previous"]')
    await expect
      .poll(() => previous.locator('[data-testid="related-suggestion"]').allInnerTexts(), {
        timeout: UI_TIMEOUT,
      })
      .toEqual([expect.stringContaining(TITLES.z)])
    await next.scrollIntoViewIfNeeded()
    await session.shot('suggestions')
    await session.shot('suggestions-pane', pane())
  })

  it('picks B, accepts the reciprocal link, and writes B.previous = A to B’s draft', async () => {
    const next = pane().locator('[data-testid="related-input-next"]')
    await next.locator('[data-testid="related-suggestion"]').first().click()
    await expect.poll(() => linkOf('drafts.post-a', 'next'), {timeout: UI_TIMEOUT}).toBe('post-b')

    const prompt = next.locator('[data-testid="related-reciprocal"]')
    await prompt.waitFor({timeout: UI_TIMEOUT})
    expect(await prompt.innerText()).toContain(
      `Also make this post the previous post of “${TITLES.b}”?`,
    )
    await session.shot('reciprocal-prompt', next)
    await prompt.locator('[data-testid="related-reciprocal-accept"]').click()
    await next.locator('[data-testid="related-notice"]').waitFor({timeout: UI_TIMEOUT})
    expect(await linkOf('drafts.post-b', 'previous')).toBe('post-a')
    // Nothing public yet.
    expect((await session.reader.getDocument('post-b'))?.previous).toBeUndefined()
    await expect
      .poll(() => next.locator('[data-testid="related-linked-post"]').innerText(), {
        timeout: UI_TIMEOUT,
      })
      .toContain(TITLES.b)
    await session.shot('linked', next)
  })

  it('publishes A, then opens B from the card and publishes it', async () => {
    await publishFrom(pane(), async () => (await linkOf('post-a', 'next')) === 'post-b')

    await pane()
      .locator('[data-testid="related-input-next"] [data-testid="related-linked-post"]')
      .click()
    await expect
      .poll(() => pane().locator('[data-testid="field-title"] input').inputValue(), {
        timeout: UI_TIMEOUT,
      })
      .toBe(TITLES.b)
    await pane().locator('[data-testid="group-tab-links"]').click()
    await expect
      .poll(
        () =>
          pane()
            .locator('[data-testid="related-input-previous"] [data-testid="related-linked-post"]')
            .innerText(),
        {timeout: UI_TIMEOUT},
      )
      .toContain(TITLES.a)
    await session.shot('post-b')
    await publishFrom(pane(), async () => (await linkOf('post-b', 'previous')) === 'post-a')
  })

  it('shows an anonymous reader A.next = B and B.previous = A', async () => {
    const links = await session.reader.fetch(
      `*[_id in ["post-a", "post-b"]] | order(_id) {_id, "previous": previous._ref, "next": next._ref}`,
    )
    expect(links).toEqual([
      {_id: 'post-a', previous: null, next: 'post-b'},
      {_id: 'post-b', previous: 'post-a', next: null},
    ])
    // The projection frontends use: the links, and the chronological fallback where unset.
    const resolved = await session.reader.fetch(
      `*[_id in ["post-a", "post-b"]] | order(_id) {_id, ${previousNextProjection}}{_id, "previous": previous._id, "next": next._id}`,
    )
    expect(resolved).toEqual([
      {_id: 'post-a', previous: 'post-z', next: 'post-b'},
      {_id: 'post-b', previous: 'post-a', next: 'post-c'},
    ])
    // No drafts left behind.
    expect(await session.admin.getDocuments(['drafts.post-a', 'drafts.post-b'])).toEqual([
      null,
      null,
    ])
  })
})
