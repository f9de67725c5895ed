import {describe, expect, it} from 'vitest'

import {FIXTURE_EXPORT} from '../tests/fixtures/wordpress/media.ts'
import {createBodyConverter} from './html-to-blocks.ts'
import {
  decodeSlug,
  originalUploadUrl,
  planImport,
  scanExport,
  wordpressDateToIso,
  type ScanResult,
} from './plan.ts'
import {readWxrFile} from './wxr-reader.ts'

const converter = createBodyConverter()
const text = (html: string) => converter.text(html)
const scan = (): Promise<ScanResult> =>
  scanExport(readWxrFile(FIXTURE_EXPORT, {content: false}), {text})

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
          {_id: 'drafts.wp-post-12', slug: 'trump-powell-oil-calm-markets'},
        ],
        tags: [
          {_id: 'tag-ai', title: 'ai'},
          {_id: 'drafts.tag-europe', title: 'EUROPE'},
          {_id: 'wp-tag-markets', title: 'Markets & trading'},
        ],
      },
      {text},
    )
    expect(plan.posts.get(11)?.slug).toBe('mistral-ai-powers-frances-new-defense-era-2')
    expect(plan.posts.get(12)?.slug).toBe('trump-powell-oil-calm-markets')
    expect(plan.posts.get(11)?.tagIds).toEqual(['tag-ai', 'wp-tag-defense', 'tag-europe'])
    expect(plan.tags.get('tag-ai')?.exists).toBe(true)
    expect(plan.tags.get('tag-europe')?.exists).toBe(true)
    // Renamed by an editor since the last import: the same id, kept as it is.
    expect(plan.tags.get('wp-tag-markets')?.exists).toBe(true)
  })

  it('makes categories tags too when asked, except Uncategorized', async () => {
    const plan = planImport(await scan(), {posts: [], tags: []}, {text, categoriesAsTags: true})
    expect(plan.posts.get(11)?.tagIds).toEqual([
      'wp-category-news',
      'wp-category-technology',
      'wp-tag-ai',
      'wp-tag-defense',
      'wp-tag-europe',
    ])
    expect(plan.posts.get(13)?.tagIds).toEqual(['wp-tag-europe'])
  })
})
