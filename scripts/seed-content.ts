/**
 * The demo content, as pure data: the seed article (scripts/seed-article.json, taken from the page
 * the publication is moving off) turned into Sanity documents with fixed ids, plus the placeholder
 * images they reference. `scripts/seed.ts` writes them to a lake.
 */
import {createHash} from 'node:crypto'
import {readFileSync} from 'node:fs'

import {AUTHOR_TYPE} from '../core/authors.ts'
import {estimateReadTime, toReadTimeValue} from '../core/read-time/index.ts'
import {slugify, stableKey} from '../import-wordpress/keys.ts'
import {createPlaceholderPng, pngSize, type Rgb} from './seed-png.ts'

/** The shape of `scripts/seed-article.json`. */
export interface SeedArticle {
  title: string
  heroImage: {alt: string}
  displayedReadTimeSeconds: number
  body: Array<{style: string; text: string}>
  reactions: Array<{name: string; title: string}>
  previous: {title: string; heroImage: {alt: string}}
  next: {title: string; heroImage: {alt: string}}
}

/** A document to create if missing; system fields are left to the lake. */
export interface SeedDocument {
  _id: string
  _type: string
  [field: string]: unknown
}

/** An image to upload; its asset id is known up front because it derives from the bytes. */
export interface SeedImage {
  filename: string
  bytes: Buffer
  assetId: string
  alt: string
}

export interface SeedContent {
  documents: SeedDocument[]
  images: SeedImage[]
}

/** Fixed ids, so seeding twice finds its own documents instead of adding new ones. */
export const SEED_IDS = {
  post: 'post-mistral-ai-defense',
  previous: 'post-powell-trump-doj',
  next: 'post-trump-powell-oil',
  reaction: 'reaction-post-mistral-ai-defense',
  tags: ['tag-ai', 'tag-defense', 'tag-europe'],
  authors: ['author-camille-laurent', 'author-jonas-weber'],
} as const

/**
 * Demo bylines. The old page names no author; these two are invented for the demo, so the
 * byline, the author pages and the feeds' authors have something to show.
 */
const AUTHORS = [
  {
    _id: 'author-camille-laurent',
    name: 'Camille Laurent',
    role: 'Defense correspondent',
    bio: 'Covers European defense, procurement and the companies building military AI.',
  },
  {
    _id: 'author-jonas-weber',
    name: 'Jonas Weber',
    role: 'Markets editor',
    bio: 'Writes about central banks, energy and what moves the markets.',
  },
]

const TAGS = [
  {_id: 'tag-ai', title: 'AI', description: 'Artificial intelligence: models, labs and policy.'},
  {_id: 'tag-defense', title: 'Defense', description: 'Armed forces, security and procurement.'},
  {_id: 'tag-europe', title: 'Europe', description: 'European politics, industry and sovereignty.'},
]

/** Fixed publish dates keep the documents identical from one seeding to the next. */
const PUBLISHED_AT = {
  previous: '2026-11-24T09:00:00.000Z',
  post: '2026-11-25T09:00:00.000Z',
  next: '2026-11-26T09:00:00.000Z',
}

const IMAGE_SIZE = {width: 1200, height: 675}

/** Loads the seed article that ships with the repository. */
export function loadSeedArticle(): SeedArticle {
  const url = new URL('./seed-article.json', import.meta.url)
  return JSON.parse(readFileSync(url, 'utf8')) as SeedArticle
}

/** The first sentences of the body, without the old site's `domain – ` dateline, ≤ 300 chars. */
export function excerptFrom(text: string, max = 300): string {
  const clean = text.replace(/^\S+\.\S+\s+[–-]\s+/, '').trim()
  const first = clean.charAt(0).toUpperCase() + clean.slice(1)
  if (first.length <= max) return first
  const sentenceEnd = lastSentenceEnd(first, max)
  if (sentenceEnd > 0) return first.slice(0, sentenceEnd)
  // No sentence fits: cut at the last word boundary, leaving room for the ellipsis.
  const head = first.slice(0, max - 1)
  const whole = /\s/.test(first.charAt(max - 1)) ? head : head.replace(/\s+\S*$/, '')
  return `${whole.replace(/[\s,;:–—-]+$/, '')}…`
}

/**
 * Where the last whole sentence within the first `max` characters of `text` ends (0: none). A
 * sentence ends at `.`, `!` or `?` (and any closing quote or bracket) before white space and a
 * capital, a digit or an opening quote, or at the end of the text; never after an initial or an
 * initialism such as "J.", "U.S." or "e.g.", which a sentence may go on after.
 */
function lastSentenceEnd(text: string, max: number): number {
  let end = 0
  for (const match of text.matchAll(/[.!?]+["'”’)\]]*(?=\s+["'“‘([]?[\p{Lu}\p{N}]|\s*$)/gu)) {
    const after = match.index + match[0].length
    if (after > max) break
    const word = /\S*$/.exec(text.slice(0, after))?.[0] ?? ''
    if (!/^(?:\p{L}\.)+$/u.test(word)) end = after
  }
  return end
}

function image(name: string, alt: string, from: Rgb, to: Rgb): SeedImage {
  const bytes = createPlaceholderPng({...IMAGE_SIZE, from, to, description: alt})
  const {width, height} = pngSize(bytes)
  const sha1 = createHash('sha1').update(bytes).digest('hex')
  return {filename: `${name}.png`, bytes, assetId: `image-${sha1}-${width}x${height}-png`, alt}
}

function heroImage(img: SeedImage) {
  return {
    _type: 'imageWithAlt',
    asset: {_type: 'reference', _ref: img.assetId},
    alt: img.alt,
  }
}

function ref(id: string, key?: string) {
  return key ? {_type: 'reference', _ref: id, _key: key} : {_type: 'reference', _ref: id}
}

function block(postId: string, index: number, style: string, text: string) {
  return {
    _type: 'block',
    _key: stableKey(postId, 'body', index),
    style,
    markDefs: [],
    children: [{_type: 'span', _key: stableKey(postId, 'body', index, 0), text, marks: []}],
  }
}

/**
 * Builds every seed document: the article with its byline, hero image, Portable Text body, tags, links
 * to the previous and next posts, estimated read time and an empty reaction tally; the two linked posts;
 * the tags. Pure apart from rendering the placeholder PNGs.
 */
export function buildSeedContent(article: SeedArticle = loadSeedArticle()): SeedContent {
  const hero = image('mistral-ai-defense', article.heroImage.alt, [36, 59, 112], [232, 140, 82])
  const previousHero = image(
    'powell-trump-doj',
    article.previous.heroImage.alt,
    [52, 52, 72],
    [178, 150, 120],
  )
  const nextHero = image(
    'trump-powell-oil',
    article.next.heroImage.alt,
    [22, 84, 96],
    [214, 196, 120],
  )

  const body = article.body.map((b, i) => block(SEED_IDS.post, i, b.style, b.text))
  const postHero = heroImage(hero)
  const firstParagraph = article.body.find((b) => b.style === 'normal')?.text ?? ''

  const post: SeedDocument = {
    _id: SEED_IDS.post,
    _type: 'post',
    title: article.title,
    slug: {_type: 'slug', current: slugify(article.title)},
    excerpt: excerptFrom(firstParagraph),
    authors: [ref(SEED_IDS.authors[0], stableKey(SEED_IDS.post, 'authors', SEED_IDS.authors[0]))],
    heroImage: postHero,
    body,
    publishedAt: PUBLISHED_AT.post,
    tags: SEED_IDS.tags.map((id) => ref(id, stableKey(SEED_IDS.post, 'tags', id))),
    previous: ref(SEED_IDS.previous),
    next: ref(SEED_IDS.next),
    // Computed as the Studio computes it; the old site showed 7:39 (displayedReadTimeSeconds).
    readTime: toReadTimeValue(estimateReadTime(body, {heroImage: postHero})),
  }

  const linked = (id: string, title: string, img: SeedImage, publishedAt: string, link: object) => {
    const linkedHero = heroImage(img)
    const linkedBody = [
      block(id, 0, 'normal', `${title}. The full story is not part of the demo content.`),
    ]
    return {
      _id: id,
      _type: 'post',
      title,
      slug: {_type: 'slug', current: slugify(title)},
      heroImage: linkedHero,
      body: linkedBody,
      publishedAt,
      authors: [ref(SEED_IDS.authors[1], stableKey(id, 'authors', SEED_IDS.authors[1]))],
      tags: [ref('tag-europe', stableKey(id, 'tags', 'tag-europe'))],
      readTime: toReadTimeValue(estimateReadTime(linkedBody, {heroImage: linkedHero})),
      ...link,
    }
  }

  const previous = linked(
    SEED_IDS.previous,
    article.previous.title,
    previousHero,
    PUBLISHED_AT.previous,
    {
      next: ref(SEED_IDS.post),
    },
  )
  const next = linked(SEED_IDS.next, article.next.title, nextHero, PUBLISHED_AT.next, {
    previous: ref(SEED_IDS.post),
  })

  const counts = Object.fromEntries(article.reactions.map((r) => [r.name, 0]))
  const reaction: SeedDocument = {
    _id: SEED_IDS.reaction,
    _type: 'reaction',
    // Weak, as the reaction API writes it: the tally must not pin its post.
    post: {...ref(SEED_IDS.post), _weak: true},
    counts,
    updatedAt: PUBLISHED_AT.post,
  }

  const tags: SeedDocument[] = TAGS.map((t) => ({
    _id: t._id,
    _type: 'tag',
    title: t.title,
    slug: {_type: 'slug', current: slugify(t.title)},
    description: t.description,
  }))

  const authors: SeedDocument[] = AUTHORS.map((a) => ({
    ...a,
    _type: AUTHOR_TYPE,
    slug: {_type: 'slug', current: slugify(a.name)},
  }))

  return {
    // Referenced documents first, so a strict lake never sees a dangling reference.
    documents: [...tags, ...authors, previous, next, post, reaction],
    images: [hero, previousHero, nextHero],
  }
}
