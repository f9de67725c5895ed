/**
 * A small dataset the query tests run against, with groq-js in-process (`queries/*.test.ts`) and
 * on a real lake over HTTPS (`tests/lake/queries.test.ts`). It holds the cases the queries must
 * get right: four listable posts (two published at the same instant, so the `_id` tie-break
 * shows), a post with no publish date, one with no slug, a stored and a missing read time, links
 * to a deleted and to a never-published post, a deleted tag, a tag nobody uses, a draft edit and
 * a draft-only post (neither may ever show), and a reaction tally.
 */

import {evaluate, parse} from 'groq-js'

/** A document as stored, system fields included. */
export interface FixtureDocument {
  _id: string
  _type: string
  _createdAt: string
  _updatedAt: string
  _rev: string
  [field: string]: unknown
}

/** The two image assets the posts use. */
export const FIXTURE_IMAGES = {
  wide: {
    id: 'image-a1b2c3d4e5f60718293a4b5c6d7e8f9012345678-1200x675-png',
    url: 'https://cdn.sanity.io/images/fixture/production/a1b2c3d4e5f60718293a4b5c6d7e8f9012345678-1200x675.png',
    width: 1200,
    height: 675,
  },
  photo: {
    id: 'image-0f9e8d7c6b5a49382716a5b4c3d2e1f0a9b8c7d6-800x600-jpg',
    url: 'https://cdn.sanity.io/images/fixture/production/0f9e8d7c6b5a49382716a5b4c3d2e1f0a9b8c7d6-800x600.jpg',
    width: 800,
    height: 600,
  },
} as const

const CREATED = '2026-11-20T08:00:00.000Z'

function doc(
  fields: {_id: string; _type: string; _updatedAt?: string} & Record<string, unknown>,
): FixtureDocument {
  return {_createdAt: CREATED, _updatedAt: CREATED, _rev: `rev-${fields._id}`, ...fields}
}

function ref(id: string, key?: string) {
  return key ? {_type: 'reference', _ref: id, _key: key} : {_type: 'reference', _ref: id}
}

function slug(current: string) {
  return {_type: 'slug', current}
}

function image(asset: {id: string}, alt: string, extra: Record<string, unknown> = {}) {
  return {_type: 'imageWithAlt', asset: ref(asset.id), alt, ...extra}
}

function paragraph(key: string, text: string, style = 'normal', markDefs: unknown[] = []) {
  return {
    _type: 'block',
    _key: key,
    style,
    markDefs,
    children: [{_type: 'span', _key: `${key}-0`, text, marks: []}],
  }
}

function asset(info: {id: string; url: string; width: number; height: number}) {
  const [, sha1, , extension] = /^image-([0-9a-f]+)-(\d+x\d+)-(\w+)$/.exec(info.id) ?? []
  return doc({
    _id: info.id,
    _type: 'sanity.imageAsset',
    assetId: sha1,
    sha1hash: sha1,
    extension,
    mimeType: extension === 'png' ? 'image/png' : 'image/jpeg',
    url: info.url,
    path: info.url.replace('https://cdn.sanity.io/', ''),
    metadata: {
      _type: 'sanity.imageMetadata',
      dimensions: {
        _type: 'sanity.imageDimensions',
        width: info.width,
        height: info.height,
        aspectRatio: info.width / info.height,
      },
    },
  })
}

/** The article's byline: a full author, a deleted one (left out) and one without a page. */
const camille = doc({
  _id: 'author-camille',
  _type: 'author',
  _updatedAt: '2026-11-21T08:00:00.000Z',
  name: 'Camille Laurent',
  slug: slug('camille-laurent'),
  role: 'Defense correspondent',
  bio: 'Covers European defense and the companies building military AI.',
  photo: image(FIXTURE_IMAGES.photo, 'Camille Laurent, smiling.'),
  links: ['https://example.com/camille'],
})
const deskEditor = doc({_id: 'author-desk', _type: 'author', name: 'The Desk'})

/** The seed-like article: everything set, read time stored. */
const article = doc({
  _id: 'post-article',
  _type: 'post',
  _updatedAt: '2026-11-25T10:30:00.000Z',
  title: 'Mistral AI Powers France’s New Defense Era',
  slug: slug('mistral-ai-powers-frances-new-defense-era'),
  excerpt: 'France’s armed forces sign a framework agreement with Mistral AI.',
  publishedAt: '2026-11-25T09:00:00.000Z',
  heroImage: image(FIXTURE_IMAGES.wide, 'A French Navy frigate at sea.', {
    caption: 'The frigate Normandie, 2025.',
    hotspot: {_type: 'sanity.imageHotspot', x: 0.5, y: 0.4, width: 0.3, height: 0.3},
    crop: {_type: 'sanity.imageCrop', top: 0, bottom: 0.1, left: 0, right: 0},
  }),
  body: [
    paragraph('p1', 'France’s ministry of the armed forces has signed a deal.'),
    paragraph('h1', 'What the deal covers', 'h2'),
    {
      _type: 'block',
      _key: 'p2',
      style: 'normal',
      markDefs: [{_type: 'link', _key: 'l1', href: 'https://mistral.ai', openInNewTab: true}],
      children: [
        {_type: 'span', _key: 'p2-0', text: 'Read the ', marks: []},
        {_type: 'span', _key: 'p2-1', text: 'announcement', marks: ['l1']},
        {_type: 'span', _key: 'p2-2', text: '.', marks: []},
      ],
    },
    {_key: 'i1', ...image(FIXTURE_IMAGES.photo, 'Engineers at a console.')},
  ],
  tags: [
    ref('tag-ai', 'k-ai'),
    ref('tag-deleted', 'k-deleted'),
    ref('tag-defense', 'k-defense'),
    ref('tag-europe', 'k-europe'),
  ],
  authors: [
    ref('author-camille', 'k-camille'),
    ref('author-deleted', 'k-deleted'),
    ref('author-desk', 'k-desk'),
  ],
  previous: ref('post-older'),
  next: ref('post-newer'),
  readTime: {_type: 'readTime', seconds: 459, words: 1530, images: 1, wordsPerMinute: 200},
})

/** One day older; no stored read time (the query estimates it), no hero, excerpt or author. */
const older = doc({
  _id: 'post-older',
  _type: 'post',
  title: 'Powell, Trump, DOJ: The High-Stakes Content Context',
  slug: slug('powell-trump-doj-the-high-stakes-content-context'),
  publishedAt: '2026-11-24T09:00:00.000Z',
  // 7 + 5 + 3 words (double spaces and a CJK phrase written without spaces count as written).
  body: [
    paragraph('o1', 'Markets  wait for the Fed’s next move.'),
    paragraph('o2', 'Sources say nothing is decided.'),
    paragraph('o3', 'Ünïcödé 漢字かな 🙂'),
    {_key: 'o4', ...image(FIXTURE_IMAGES.photo, 'Traders at their desks.')},
  ],
  tags: [ref('tag-europe', 'k-europe')],
  next: ref('post-article'),
})

/** One day newer, and one more post at the very same instant: `_id` breaks the tie. */
const newer = doc({
  _id: 'post-newer',
  _type: 'post',
  title: 'Trump, Powell, Oil: Context Behind Calm Markets',
  slug: slug('trump-powell-oil-context-behind-calm-markets'),
  excerpt: 'Oil stays calm.',
  publishedAt: '2026-11-26T09:00:00.000Z',
  heroImage: image(FIXTURE_IMAGES.photo, 'An oil tanker at dusk.'),
  body: [],
  tags: [ref('tag-europe', 'k-europe')],
  authors: [ref('author-camille', 'k-camille')],
  // Everything of the "Search & social" group set.
  seo: {
    title: 'Oil stays calm: what Trump and Powell mean for markets',
    description: 'Why oil prices held steady through a week of political noise.',
    image: image(FIXTURE_IMAGES.wide, 'Oil tankers moored in a row.'),
  },
  previous: ref('post-article'),
})

const sameInstant = doc({
  _id: 'post-same-instant',
  _type: 'post',
  title: 'Same Minute, Other Story 🚀',
  slug: slug('same-minute-other-story'),
  publishedAt: '2026-11-26T09:00:00.000Z',
  tags: [ref('tag-ai', 'k-ai')],
  // Links to a post that was deleted and to one that was never published.
  previous: ref('post-deleted'),
  next: ref('post-draft-only'),
})

/** Has a slug but no publish date: its page works, listings leave it out. */
const undated = doc({
  _id: 'post-undated',
  _type: 'post',
  title: 'An Undated Note',
  slug: slug('an-undated-note'),
})

/** No slug: no page, in no list. */
const slugless = doc({
  _id: 'post-slugless',
  _type: 'post',
  title: 'Not Ready Yet',
  publishedAt: '2026-11-27T09:00:00.000Z',
})

/** Every document of the fixture dataset, drafts included. */
export const FIXTURE_DOCUMENTS: FixtureDocument[] = [
  asset(FIXTURE_IMAGES.wide),
  asset(FIXTURE_IMAGES.photo),
  doc({_id: 'tag-ai', _type: 'tag', title: 'AI', slug: slug('ai')}),
  doc({_id: 'tag-defense', _type: 'tag', title: 'défense', slug: slug('defense')}),
  doc({
    _id: 'tag-europe',
    _type: 'tag',
    title: 'Europe',
    slug: slug('europe'),
    description: 'European politics, industry and sovereignty.',
  }),
  doc({_id: 'tag-unused', _type: 'tag', title: 'Économie', slug: slug('economie')}),
  doc({_id: 'tag-slugless', _type: 'tag', title: 'No Slug'}),
  camille,
  deskEditor,
  article,
  older,
  newer,
  sameInstant,
  undated,
  slugless,
  doc({
    _id: 'reaction-post-article',
    _type: 'reaction',
    post: ref('post-article'),
    counts: {happy: 3, sad: 0, excited: 1, sleepy: 0, angry: 0, surprise: 2},
  }),
  {...article, _id: 'drafts.post-article', title: 'Draft Title Nobody May See'},
  doc({
    _id: 'drafts.post-draft-only',
    _type: 'post',
    title: 'Never Published',
    slug: slug('never-published'),
    publishedAt: '2026-11-28T09:00:00.000Z',
  }),
]

/**
 * What an anonymous CDN client can see: no document whose id contains a dot (drafts, versions,
 * private records), as Sanity's published perspective and the local lake enforce.
 */
export function publishedDocuments(
  documents: FixtureDocument[] = FIXTURE_DOCUMENTS,
): FixtureDocument[] {
  return documents.filter((document) => !document._id.includes('.'))
}

/**
 * Runs `query` with groq-js over what an anonymous reader of the fixture dataset sees: the
 * reference result every test compares with.
 */
export async function queryFixture(
  query: string,
  params: Record<string, unknown> = {},
  documents: FixtureDocument[] = publishedDocuments(),
): Promise<unknown> {
  const result = await evaluate(parse(query, {params}), {dataset: documents, params})
  return result.get()
}
