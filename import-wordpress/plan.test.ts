import {describe, expect, it} from 'vitest'

import {FIXTURE_EXPORT} from '../tests/fixtures/wordpress/media.ts'
import {htmlText as text} from './html-text.ts'
import {
  decodeSlug,
  mediaRefsOf,
  originalUploadUrl,
  planImport,
  scanExport,
  wordpressDateToIso,
  type ImportPlan,
  type ScanResult,
} from './plan.ts'
import {readWxr, readWxrFile, type WxrItem} from './wxr-reader.ts'

const scan = (): Promise<ScanResult> => scanExport(readWxrFile(FIXTURE_EXPORT), {text})

/** The planned post of WordPress post `id`. */
const byWordPressId = (plan: ImportPlan, id: number) =>
  [...plan.posts.values()].find((post) => post.wordpressId === id)

/** A scan of an export holding these posts (title, guid, post id as written). */
async function scanOf(site: string, posts: Array<{title: string; guid: string; id?: string}>) {
  const items = posts
    .map(
      (post) => `<item><title>${post.title}</title><guid>${post.guid}</guid>
<wp:post_id>${post.id ?? ''}</wp:post_id><wp:post_type>post</wp:post_type><wp:status>publish</wp:status>
<wp:post_date_gmt>2026-01-01 00:00:00</wp:post_date_gmt></item>`,
    )
    .join('\n')
  const xml = `<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><link>${site}</link>
<wp:wxr_version>1.2</wp:wxr_version><wp:base_blog_url>${site}</wp:base_blog_url>${items}</channel></rss>`
  const chunks = async function* () {
    yield xml
  }
  return scanExport(readWxr(chunks()), {text})
}

describe('wordpressDateToIso', () => {
  it.each([
    ['2026-11-25 09:00:00', '2026-11-25T09:00:00.000Z'],
    [' 2026-02-28 23:59:59 ', '2026-02-28T23:59:59.000Z'],
    ['0000-00-00 00:00:00', undefined],
    ['2026-13-45 99:00:00', undefined],
    ['yesterday', undefined],
    ['', undefined],
  ])('%j → %j', (value, iso) => {
    expect(wordpressDateToIso(value)).toBe(iso)
  })
})

describe('decodeSlug', () => {
  it('decodes WordPress’s percent-encoding and removes halves of characters no URL can carry', () => {
    expect(decodeSlug('d%C3%A9fense-%F0%9F%98%80')).toBe('défense-😀')
    expect(decodeSlug('ai-\uD83D')).toBe('ai-')
    expect(decodeSlug('%E0%A4%A-broken')).toBe('%E0%A4%A-broken')
    expect(() => encodeURIComponent(decodeSlug('\uDE00x'))).not.toThrow()
  })
})

describe('originalUploadUrl', () => {
  it('strips the size of a resized copy', () => {
    expect(originalUploadUrl('https://s.test/u/fed-desk-300x169.png')).toBe(
      'https://s.test/u/fed-desk.png',
    )
    expect(originalUploadUrl('https://s.test/u/1920x1080.jpg')).toBe(
      'https://s.test/u/1920x1080.jpg',
    )
  })
})

describe('scanExport', () => {
  it('keeps the posts, the attachments and counts what is not a post', async () => {
    const result = await scan()
    expect(result.items).toBe(14)
    expect(result.skipped).toEqual({
      attachment: 5,
      page: 1,
      revision: 1,
      nav_menu_item: 1,
      trash: 1,
    })
    expect(
      result.posts.map((post) => [post.wordpressId, post.published, post.wordpressStatus]),
    ).toEqual([
      [10, true, 'publish'],
      [11, true, 'publish'],
      [12, true, 'publish'],
      [13, false, 'draft'],
      [18, false, 'pending'],
    ])
    expect(result.posts[1]).toMatchObject({
      title: 'Mistral AI Powers France’s New Defense Era',
      slugBase: 'mistral-ai-powers-frances-new-defense-era',
      publishedAt: '2026-11-25T09:00:00.000Z',
      permalink: 'https://newsroom.example/2026/11/25/mistral-ai-powers-frances-new-defense-era/',
    })
    // A draft with no post_name gets its slug from the title; it has no date.
    expect(result.posts[3]).toMatchObject({slugBase: 'europes-chip-plans-explained'})
    expect(result.posts[3]?.publishedAt).toBeUndefined()
    expect(result.attachments.get(103)).toEqual({
      id: 103,
      url: 'https://newsroom.example/wp-content/uploads/2026/11/trump-powell-oil.png',
      alt: '',
      title: 'trump-powell-oil',
      caption: 'Calm markets: Trump, Powell, and oil factors influencing economic stability.',
      parent: 12,
      menuOrder: 0,
    })
    expect(result.siteUrl).toBe('https://newsroom.example')
    // Its place among the items: an attachment comes first.
    expect(result.posts[0]).toMatchObject({
      ordinal: 1,
      guid: 'https://newsroom.example/?p=10',
      itemHash: expect.stringMatching(/^[0-9a-f]{40}$/),
    })
    expect(
      result.attachmentIdsByUrl.get(
        'https://newsroom.example/wp-content/uploads/2026/11/fed-desk.png',
      ),
    ).toBe(104)
    expect(result.termDescriptions.get('post_tag:ai')).toBe(
      'Artificial intelligence: models, labs &amp; policy.',
    )
    expect(result.warnings).toEqual([])
  })
})

describe('planImport', () => {
  it('gives ids, unique slugs, tags and a chronological chain among the published posts', async () => {
    const plan = planImport(await scan(), {posts: [], tags: []}, {text})
    const posts = [...plan.posts.values()].map((post) => ({
      id: post.documentId,
      slug: post.slug,
      tags: post.tagIds,
      previous: post.previous,
      next: post.next,
    }))
    expect(posts).toEqual([
      {
        id: 'wp-post-10',
        slug: 'powell-trump-doj-high-stakes',
        tags: ['wp-tag-politics', 'wp-tag-economy'],
        previous: undefined,
        next: 'wp-post-11',
      },
      {
        id: 'wp-post-11',
        slug: 'mistral-ai-powers-frances-new-defense-era',
        tags: ['wp-tag-ai', 'wp-tag-defense', 'wp-tag-europe'],
        previous: 'wp-post-10',
        next: 'wp-post-12',
      },
      {
        id: 'wp-post-12',
        slug: 'trump-powell-oil-calm-markets',
        tags: ['wp-tag-economy', 'wp-tag-markets'],
        previous: 'wp-post-11',
        next: undefined,
      },
      {
        id: 'drafts.wp-post-13',
        slug: 'europes-chip-plans-explained',
        tags: ['wp-tag-europe'],
        previous: undefined,
        next: undefined,
      },
      {
        id: 'drafts.wp-post-18',
        slug: 'powell-trump-doj-high-stakes-2',
        tags: ['wp-tag-politics'],
        previous: undefined,
        next: undefined,
      },
    ])
    expect(plan.warnings).toEqual([
      {
        kind: 'slug-changed',
        post: {
          wordpressId: 18,
          documentId: 'drafts.wp-post-18',
          title: 'Powell and the DOJ: What Comes Next',
        },
        message:
          'the slug “powell-trump-doj-high-stakes” belongs to another post; imported as “powell-trump-doj-high-stakes-2”',
      },
    ])
    expect(plan.tags.get('wp-tag-ai')).toEqual({
      _id: 'wp-tag-ai',
      title: 'AI',
      slug: 'ai',
      description: 'Artificial intelligence: models, labs & policy.',
      exists: false,
    })
  })

  it('reuses existing tags by title (ignoring case), keeps slugs of other posts, and knows its own', async () => {
    const plan = planImport(
      await scan(),
      {
        posts: [
          {_id: 'post-mistral-ai-defense', slug: 'mistral-ai-powers-frances-new-defense-era'},
          // An earlier import's draft, from before sites were recorded.
          {
            _id: 'drafts.wp-post-12',
            slug: 'trump-powell-oil-calm-markets',
            wordpress: {id: 12},
          },
        ],
        tags: [
          {_id: 'tag-ai', title: 'ai'},
          {_id: 'drafts.tag-europe', title: 'EUROPE'},
          {_id: 'wp-tag-markets', title: 'Markets & trading'},
        ],
      },
      {text},
    )
    expect(byWordPressId(plan, 11)?.slug).toBe('mistral-ai-powers-frances-new-defense-era-2')
    expect(byWordPressId(plan, 12)?.slug).toBe('trump-powell-oil-calm-markets')
    expect(byWordPressId(plan, 11)?.tagIds).toEqual(['tag-ai', 'wp-tag-defense', 'tag-europe'])
    expect(plan.tags.get('tag-ai')?.exists).toBe(true)
    expect(plan.tags.get('tag-europe')?.exists).toBe(true)
    // Renamed by an editor since the last import: the same id, kept as it is.
    expect(plan.tags.get('wp-tag-markets')?.exists).toBe(true)
  })

  it('makes categories tags too when asked, except Uncategorized', async () => {
    const plan = planImport(await scan(), {posts: [], tags: []}, {text, categoriesAsTags: true})
    expect(byWordPressId(plan, 11)?.tagIds).toEqual([
      'wp-category-news',
      'wp-category-technology',
      'wp-tag-ai',
      'wp-tag-defense',
      'wp-tag-europe',
    ])
    expect(byWordPressId(plan, 13)?.tagIds).toEqual(['wp-tag-europe'])
  })
})

describe('ids', () => {
  const SITE = 'https://a.example'

  it('gives an item without a usable wp:post_id, or with one an earlier item has, an id from its guid', async () => {
    const result = await scanOf(SITE, [
      {title: 'First', guid: `${SITE}/?p=1`, id: '1'},
      {title: 'No id', guid: `${SITE}/no-id/`},
      {title: 'Not a number', guid: `${SITE}/nan/`, id: 'seven'},
      {title: 'Same id again', guid: `${SITE}/?p=1-copy`, id: '1'},
    ])
    const plan = planImport(result, {posts: [], tags: []}, {text})
    const inFileOrder = (planned: ImportPlan) =>
      [...planned.posts.values()].sort((a, b) => a.ordinal - b.ordinal)
    const ids = inFileOrder(plan).map((post) => [post.title, post.baseId])
    expect(ids).toEqual([
      ['First', 'wp-post-1'],
      ['No id', expect.stringMatching(/^wp-guid-[0-9a-f]{12}$/)],
      ['Not a number', expect.stringMatching(/^wp-guid-[0-9a-f]{12}$/)],
      ['Same id again', expect.stringMatching(/^wp-guid-[0-9a-f]{12}$/)],
    ])
    expect(new Set(ids.map(([, id]) => id)).size).toBe(4)
    expect(plan.warnings.map((warning) => [warning.kind, warning.post?.title])).toEqual([
      // In file order: ids are given before slugs.
      ['id-from-guid', 'No id'],
      ['id-from-guid', 'Not a number'],
      ['id-from-guid', 'Same id again'],
    ])
    // The same export planned again gives the same ids.
    const again = planImport(
      await scanOf(SITE, [
        {title: 'First', guid: `${SITE}/?p=1`, id: '1'},
        {title: 'No id', guid: `${SITE}/no-id/`},
        {title: 'Not a number', guid: `${SITE}/nan/`, id: 'seven'},
        {title: 'Same id again', guid: `${SITE}/?p=1-copy`, id: '1'},
      ]),
      {posts: [], tags: []},
      {text},
    )
    expect(inFileOrder(again).map((post) => post.baseId)).toEqual(ids.map(([, id]) => id))
  })

  it('never takes over an id held by a post from another site or another item, and says so', async () => {
    const result = await scanOf(SITE, [
      {title: 'Search', guid: `${SITE}/search/`, id: '163'},
      {title: 'Mine', guid: `${SITE}/mine/`, id: '164'},
      {title: 'Old import', guid: `${SITE}/old/`, id: '165'},
      {title: 'Studio', guid: `${SITE}/studio/`, id: '166'},
    ])
    const plan = planImport(
      result,
      {
        posts: [
          {_id: 'wp-post-163', wordpress: {id: 163, site: SITE, guid: `${SITE}/font-sizes/`}},
          {_id: 'drafts.wp-post-164', wordpress: {id: 164, site: SITE, guid: `${SITE}/mine/`}},
          {_id: 'wp-post-165', wordpress: {id: 165}},
          {_id: 'wp-post-166', wordpress: null},
        ],
        tags: [],
      },
      {text},
    )
    expect([...plan.posts.values()].map((post) => post.baseId)).toEqual([
      expect.stringMatching(/^wp-post-163-[0-9a-f]{12}$/),
      'wp-post-164',
      'wp-post-165',
      expect.stringMatching(/^wp-post-166-[0-9a-f]{12}$/),
    ])
    const distinct = byWordPressId(plan, 163)?.baseId
    expect(plan.warnings).toEqual([
      {
        kind: 'id-collision',
        post: {wordpressId: 163, documentId: distinct, title: 'Search'},
        message: `wp-post-163 already holds a post imported from ${SITE} (guid ${SITE}/font-sizes/); it is left as it is and this post is imported as ${distinct}`,
      },
      {
        kind: 'id-collision',
        post: {wordpressId: 166, documentId: byWordPressId(plan, 166)?.baseId, title: 'Studio'},
        message: `wp-post-166 already holds a post written in the Studio; it is left as it is and this post is imported as ${byWordPressId(plan, 166)?.baseId}`,
      },
    ])
    // From another site, the same guid and id are another post too.
    const other = planImport(
      await scanOf('https://b.example', [{title: 'Mine', guid: `${SITE}/mine/`, id: '164'}]),
      {
        posts: [{_id: 'wp-post-164', wordpress: {id: 164, site: SITE, guid: `${SITE}/mine/`}}],
        tags: [],
      },
      {text},
    )
    expect([...other.posts.values()][0]?.baseId).toMatch(/^wp-post-164-[0-9a-f]{12}$/)
  })
})

describe('mediaRefsOf', () => {
  const item = (content: string, meta: Record<string, string> = {}) =>
    ({content, meta}) as unknown as WxrItem

  it('finds image URLs, attachment ids, gallery ids and own galleries without converting', () => {
    expect(
      mediaRefsOf(
        item(
          `<img class="wp-image-12" src="https://s.test/a.png"><img src='https://s.test/a.png'>
[gallery ids="755, 757"] <!-- wp:gallery {"ids":["1687",1691]} --> <figure data-id="9"></figure>`,
          {_thumbnail_id: '101'},
        ),
      ),
    ).toEqual({
      urls: ['https://s.test/a.png'],
      ids: [12, 9, 755, 757, 1687, 1691, 101],
      ownGallery: false,
    })
    expect(mediaRefsOf(item('[gallery columns="3"]')).ownGallery).toBe(true)
    expect(mediaRefsOf(item('[audio]')).ownGallery).toBe(true)
    expect(mediaRefsOf(item('<p>Nothing</p>'))).toEqual({urls: [], ids: [], ownGallery: false})
  })
})
