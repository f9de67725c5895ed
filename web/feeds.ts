/**
 * The site's feeds, built with the `feed` package: RSS 2.0, Atom 1.0 and JSON Feed (version 1) of the
 * newest 50 posts, site-wide, per tag and per author. Every link is absolute on the site's URL;
 * the hero image is each item's enclosure (RSS), `<link rel="enclosure">` (Atom) or `image` (JSON
 * Feed); tags are categories.
 */
import {Feed} from 'feed'

import {absoluteUrl, truncateText} from 'sanity-plugin-newsroom/seo'
import type {FeedQueryResult} from 'sanity-plugin-newsroom/queries'
import {escapeMarkup} from './escape.ts'
import type {ImageFields} from './images.ts'
import {authorPath, postPath, tagPath} from './paths.ts'

/** One feed item as `feedQuery` returns it (a tag's or author's feed may hold undated ones). */
export type FeedItemData = Omit<FeedQueryResult[number], 'publishedAt'> & {
  publishedAt: string | null
}

/** The three formats, by the extension of their path. */
export const FEED_FORMATS = {
  xml: {
    type: 'application/rss+xml',
    contentType: 'application/rss+xml; charset=utf-8',
    name: 'RSS',
  },
  atom: {
    type: 'application/atom+xml',
    contentType: 'application/atom+xml; charset=utf-8',
    name: 'Atom',
  },
  json: {
    type: 'application/feed+json',
    contentType: 'application/feed+json; charset=utf-8',
    name: 'JSON Feed',
  },
} as const
export type FeedFormat = keyof typeof FEED_FORMATS

/** What a feed is about: the whole site, a tag or an author. */
export interface FeedSubject {
  /** e.g. `Newsroom`, `AI · Newsroom` */
  title: string
  description: string
  /** The page the feed mirrors, e.g. `/tags/ai`. */
  pagePath: string
  /** The feeds' own path without extension, e.g. `/tags/ai/feed`. */
  feedPath: string
}

/** The site as the feeds need it. */
export interface FeedSite {
  name: string
  /** The public origin. */
  url: string
  lang: string
  logoUrl?: string
  /** The hero as an absolute URL (the enclosure), or null. */
  imageUrl: (image: ImageFields) => string | null
}

/** The `<link rel="alternate">` of each format of the feed at `feedPath`. */
export function feedAlternates(site: Pick<FeedSite, 'url'>, subject: FeedSubject) {
  return (Object.keys(FEED_FORMATS) as FeedFormat[]).map((format) => ({
    type: FEED_FORMATS[format].type,
    title: `${subject.title} (${FEED_FORMATS[format].name})`,
    href: absoluteUrl(site, `${subject.feedPath}.${format}`),
  }))
}

const dateOf = (value: string | null | undefined) => {
  const date = value ? new Date(value) : undefined
  return date && !Number.isNaN(date.getTime()) ? date : undefined
}

const JSON_FEED_VERSION = 'https://jsonfeed.org/version/1.1'
const DUBLIN_CORE = 'http://purl.org/dc/elements/1.1/'

interface FeedAuthor {
  name: string
  link?: string
}

/**
 * An RSS item's authors as `<dc:creator>` elements, the namespace declared on each so the channel
 * needs none (the feed package declares `dc` only for full content). The package serialises with
 * xml-js, which writes an array as repeated elements; its `Extension` type only names an object.
 */
function dublinCoreCreators(authors: readonly FeedAuthor[]) {
  const creators = authors.map((author) => ({
    _attributes: {'xmlns:dc': DUBLIN_CORE},
    _text: author.name,
  }))
  return {name: 'dc:creator', objects: creators as unknown as Record<string, unknown>}
}

/**
 * The feed package's JSON Feed 1.0 made 1.1: the version, the feed's `language`, and every author
 * of an item in `authors` (1.0's single `author` stays for older readers, as 1.1 allows).
 */
function toJsonFeed11(json: string, lang: string, authorsById: Map<string, FeedAuthor[]>): string {
  const feed = JSON.parse(json) as {items: {id: string}[]} & Record<string, unknown>
  return JSON.stringify(
    {
      ...feed,
      version: JSON_FEED_VERSION,
      language: lang,
      items: feed.items.map((item) => {
        const authors = authorsById.get(item.id)
        return authors
          ? {
              ...item,
              authors: authors.map(({name, link}) => ({name, ...(link ? {url: link} : {})})),
            }
          : item
      }),
    },
    null,
    4,
  )
}

/** The feed of `items` in `format`, as text. */
export function renderFeed(
  format: FeedFormat,
  subject: FeedSubject,
  items: readonly FeedItemData[],
  site: FeedSite,
): string {
  const link = absoluteUrl(site, subject.pagePath)
  const newest = items.reduce<Date | undefined>((latest, item) => {
    const date = dateOf(item.updatedAt) ?? dateOf(item.publishedAt)
    return date && (!latest || date > latest) ? date : latest
  }, undefined)
  const feed = new Feed({
    title: subject.title,
    description: subject.description,
    id: link,
    link,
    language: site.lang,
    ...(site.logoUrl ? {image: site.logoUrl} : {}),
    copyright: `© ${site.name}`,
    // A feed of no posts still needs a date; the epoch says "never updated".
    updated: newest ?? new Date(0),
    generator: 'Newsroom for Sanity',
    feedLinks: Object.fromEntries(
      (Object.keys(FEED_FORMATS) as FeedFormat[]).map((key) => [
        key === 'xml' ? 'rss' : key,
        absoluteUrl(site, `${subject.feedPath}.${key}`),
      ]),
    ),
  })
  const authorsById = new Map<string, FeedAuthor[]>()
  for (const item of items) {
    // A post whose slug cannot be part of a URL (a lone surrogate) is left out of the feed.
    const path = postPath(item.slug)
    if (path === undefined) continue
    const url = absoluteUrl(site, path)
    const title = item.title?.trim() || 'Untitled post'
    const summary =
      item.excerpt?.trim() || (item.summary?.trim() ? truncateText(item.summary.trim(), 300) : '')
    const image = item.heroImage ? site.imageUrl(item.heroImage) : null
    const published = dateOf(item.publishedAt) ?? new Date(0)
    const authors = (item.authors ?? []).map((author): FeedAuthor => {
      const authorHref = author.slug ? authorPath(author.slug) : undefined
      return {name: author.name, ...(authorHref ? {link: absoluteUrl(site, authorHref)} : {})}
    })
    if (authors.length > 0) authorsById.set(url, authors)
    feed.addItem({
      // Atom's title is `type="html"`; RSS and JSON Feed titles are plain text.
      title: format === 'atom' ? escapeMarkup(title) : title,
      id: url,
      link: url,
      // HTML in every format (JSON Feed's `content_html`), so the plain text is escaped; a post
      // with no excerpt and no text is described by its title (a JSON Feed item needs content).
      description: escapeMarkup(summary || title),
      date: dateOf(item.updatedAt) ?? published,
      published,
      // No byline, no author (the feed package's JSON Feed cannot take an empty list). RSS 2.0's
      // <author> is an e-mail address, so RSS names each author with Dublin Core's <dc:creator>,
      // as WordPress does; JSON Feed 1.1 lists them all in `authors` (and keeps 1.0's `author`).
      ...(authors.length > 0 && format !== 'xml' ? {author: authors} : {}),
      ...(authors.length > 0 && format === 'xml'
        ? {extensions: [dublinCoreCreators(authors)]}
        : {}),
      category: (item.tags ?? []).map((tag) => {
        const tagHref = tagPath(tag.slug)
        return {
          name: tag.title ?? tag.slug,
          ...(tagHref ? {domain: absoluteUrl(site, tagHref)} : {}),
        }
      }),
      ...(image ? {image} : {}),
    })
  }
  if (format === 'xml') return feed.rss2()
  if (format === 'atom') return feed.atom1()
  return toJsonFeed11(feed.json1(), site.lang, authorsById)
}
