import {describe, expect, it} from 'vitest'

import {POST_EXCERPT_MAX} from '../schemas/documents/post.ts'
import {
  authorIdFor,
  buildAuthorDocument,
  buildPostContent,
  canonicalJson,
  contentHashOf,
  EXCERPT_MAX,
  importHashOf,
  distinctPostIdFor,
  guidPostIdFor,
  isUnedited,
  postIdFor,
  shortenExcerpt,
  tagIdFor,
} from './documents.ts'

const body = [
  {
    _type: 'block',
    _key: 'a1',
    style: 'normal',
    markDefs: [],
    children: [{_type: 'span', _key: 'a2', text: 'One two three four five.', marks: []}],
  },
]
const hero = {
  _type: 'imageWithAlt' as const,
  asset: {_type: 'reference' as const, _ref: 'image-abc-10x10-png'},
  alt: 'A hero',
}

/** A post as the import would store it, links and hash included. */
function storedPost(overrides: Record<string, unknown> = {}) {
  const content = buildPostContent({
    id: 'wp-post-11',
    origin: {
      id: 11,
      permalink: 'https://site.test/2026/11/25/mistral/',
      site: 'https://site.test',
      guid: 'https://site.test/?p=11',
      sourceHash: 'f00d',
    },
    title: 'Mistral AI Powers France’s New Defense Era',
    slug: 'mistral',
    excerpt: 'Short.',
    heroImage: hero,
    body,
    publishedAt: '2026-11-25T09:00:00.000Z',
    tagIds: ['wp-tag-ai'],
  })
  const links = {previous: 'wp-post-10', next: 'wp-post-12'}
  return {
    _id: 'wp-post-11',
    _type: 'post',
    _rev: 'r1',
    _updatedAt: '2026-11-30T00:00:00Z',
    ...content,
    previous: {_type: 'reference', _ref: links.previous},
    next: {_type: 'reference', _ref: links.next},
    wordpress: {
      ...content.wordpress,
      importHash: importHashOf(contentHashOf(content as never), links),
    },
    ...overrides,
  }
}

describe('ids', () => {
  it('derives post and tag ids from WordPress ids and slugs', () => {
    expect(postIdFor(11)).toBe('wp-post-11')
    expect(tagIdFor('post_tag', 'AI')).toBe('wp-tag-ai')
    expect(tagIdFor('category', 'news')).toBe('wp-category-news')
    // Encoded or odd slugs become a hash: ids allow only letters, digits, _ and -.
    expect(tagIdFor('post_tag', '%e6%9d%b1%e4%ba%ac')).toMatch(/^wp-tag-[0-9a-f]{12}$/)
    expect(tagIdFor('post_tag', 'x.y')).not.toBe(tagIdFor('post_tag', 'x-y'))
  })

  it('derives an id from a guid, and a distinct id from a site and guid, the same every time', () => {
    expect(guidPostIdFor('https://site.test/?p=11')).toMatch(/^wp-guid-[0-9a-f]{12}$/)
    expect(guidPostIdFor('https://site.test/?p=11')).toBe(guidPostIdFor('https://site.test/?p=11'))
    expect(guidPostIdFor('https://site.test/?p=11')).not.toBe(
      guidPostIdFor('https://site.test/?p=12'),
    )
    const distinct = distinctPostIdFor('wp-post-163', 'https://a.test', 'https://a.test/search/')
    expect(distinct).toMatch(/^wp-post-163-[0-9a-f]{12}$/)
    expect(distinctPostIdFor('wp-post-163', 'https://b.test', 'https://a.test/search/')).not.toBe(
      distinct,
    )
  })
})

describe('buildPostContent', () => {
  it('builds the fields with tag references and the read time from the estimator', () => {
    const footnotes = [{_type: 'footnote' as const, _key: 'f1', text: 'A note'}]
    const content = buildPostContent({
      id: 'wp-post-11',
      origin: {id: 11, site: 'https://site.test', guid: '', sourceHash: undefined},
      title: 'T',
      slug: 's',
      body,
      footnotes,
      heroImage: hero,
      tagIds: ['wp-tag-ai', 'wp-tag-europe'],
    })
    expect(content).toEqual({
      title: 'T',
      slug: {_type: 'slug', current: 's'},
      heroImage: hero,
      body,
      footnotes,
      tags: [
        {_type: 'reference', _ref: 'wp-tag-ai', _key: expect.stringMatching(/^[0-9a-f]{12}$/)},
        {_type: 'reference', _ref: 'wp-tag-europe', _key: expect.stringMatching(/^[0-9a-f]{12}$/)},
      ],
      // Five words (2 s) and the hero image (12 s).
      readTime: {
        _type: 'readTime',
        seconds: 14,
        words: 5,
        characters: 0,
        images: 1,
        wordsPerMinute: 200,
      },
      // Empty and undefined origin fields are left out.
      wordpress: {id: 11, site: 'https://site.test'},
    })
  })
})

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined fields', () => {
    expect(canonicalJson({b: 1, a: {d: [2, {f: 1, e: undefined}], c: '東京'}})).toBe(
      '{"a":{"c":"東京","d":[2,{"f":1}]},"b":1}',
    )
    expect(canonicalJson(null)).toBe('null')
    expect(canonicalJson(undefined)).toBe('null')
  })
})

describe('isUnedited', () => {
  it('holds for a post as the import wrote it, whatever its key order and system fields', () => {
    const post = storedPost()
    expect(isUnedited(post)).toBe(true)
    const reordered = Object.fromEntries(Object.entries(post).reverse())
    expect(isUnedited({...reordered, _rev: 'r9', _updatedAt: 'later'})).toBe(true)
    // The revision the import recorded is bookkeeping, not content.
    expect(isUnedited({...post, wordpress: {...post.wordpress, importRevision: 'tx-2'}})).toBe(true)
  })

  it.each([
    ['the title', {title: 'Edited title'}],
    ['the slug', {slug: {_type: 'slug', current: 'other'}}],
    ['the excerpt removed', {excerpt: undefined}],
    ['the hero alt text', {heroImage: {...hero, alt: 'Better alt'}}],
    [
      'a word of the body',
      {body: [{...body[0], children: [{_type: 'span', _key: 'a2', text: 'One two.', marks: []}]}]},
    ],
    ['the date', {publishedAt: '2026-11-26T09:00:00.000Z'}],
    ['the tags', {tags: []}],
    ['the previous link', {previous: {_type: 'reference', _ref: 'post-other'}}],
    ['the next link removed', {next: undefined}],
    ['the read time', {readTime: {_type: 'readTime', seconds: 1}}],
    ['a footnote', {footnotes: [{_type: 'footnote', _key: 'f1', text: 'Added'}]}],
    ['the hash itself', {wordpress: {id: 11, importHash: 'x'}}],
  ])('fails once %s changed', (_name, change) => {
    expect(isUnedited(storedPost(change))).toBe(false)
  })

  it('fails for a post the import never wrote', () => {
    const {wordpress: _wordpress, ...rest} = storedPost()
    expect(isUnedited(rest)).toBe(false)
  })
})

describe('shortenExcerpt', () => {
  it('keeps the schema’s limit', () => {
    expect(EXCERPT_MAX).toBe(POST_EXCERPT_MAX)
  })

  it('cuts at a word boundary with an ellipsis, within the limit', () => {
    const long = 'word '.repeat(100).trim()
    const short = shortenExcerpt(long)
    expect(short.length).toBeLessThanOrEqual(EXCERPT_MAX)
    expect(short).toMatch(/word…$/)
    expect(shortenExcerpt('Short enough.')).toBe('Short enough.')
    expect(shortenExcerpt('x'.repeat(400))).toBe(`${'x'.repeat(299)}…`)
    expect(shortenExcerpt('東京'.repeat(200)).length).toBeLessThanOrEqual(EXCERPT_MAX)
  })
})

describe('authors', () => {
  it('makes an author document per WordPress user, named by display name, else login', () => {
    expect(buildAuthorDocument('newsdesk', 'News & desk')).toEqual({
      _id: 'wp-author-newsdesk',
      _type: 'author',
      name: 'News & desk',
      slug: {_type: 'slug', current: 'news-desk'},
    })
    expect(buildAuthorDocument('jean.dupont@example', '')).toMatchObject({
      _id: `wp-author-${authorIdFor('jean.dupont@example').slice('wp-author-'.length)}`,
      name: 'jean.dupont@example',
    })
    expect(authorIdFor('jean.dupont@example')).toMatch(/^wp-author-[0-9a-f]{12}$/)
  })

  it('gives the post its byline as keyed references, covered by the hash', () => {
    const base = {id: 'wp-post-11', origin: {id: 11}, title: 'T', slug: 't', body: [], tagIds: []}
    const withAuthor = buildPostContent({...base, authorIds: ['wp-author-newsdesk']})
    expect(withAuthor.authors).toEqual([
      {
        _type: 'reference',
        _ref: 'wp-author-newsdesk',
        _key: expect.stringMatching(/^[0-9a-f]{12}$/),
      },
    ])
    const without = buildPostContent(base)
    expect(without.authors).toBeUndefined()
    const hash = (content: object) => contentHashOf(content as Record<string, unknown>)
    expect(hash(withAuthor)).not.toBe(hash(without))
    // A post imported before authors existed keeps its hash: an unset field is not hashed.
    expect(hash({...without, authors: undefined})).toBe(hash(without))
  })
})
