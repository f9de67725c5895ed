/**
 * robots.txt and the sitemaps it names: a sitemap index pointing at the sitemap of every post,
 * tag and author (sitemaps.org), and a Google News sitemap of the posts of the last two days.
 */
import type {NewsSitemapQueryResult, SitemapQueryResult} from 'sanity-plugin-newsroom/queries'
import {absoluteUrl} from 'sanity-plugin-newsroom/seo'

import {escapeMarkup} from './escape.ts'
import {authorPath, postPath, tagPath} from './paths.ts'

/** Where robots.txt and the sitemaps live. */
export const SITEMAP_PATHS = {
  robots: '/robots.txt',
  index: '/sitemap-index.xml',
  pages: '/sitemap.xml',
  news: '/news-sitemap.xml',
} as const

/** How far back the news sitemap reaches: Google News wants the last two days. */
export const NEWS_WINDOW_MS = 2 * 24 * 60 * 60 * 1000

const PATH_OF: Record<SitemapQueryResult[number]['_type'], (slug: string) => string | undefined> = {
  author: authorPath,
  post: postPath,
  tag: tagPath,
}

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>'
const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9'
const NEWS_NS = 'http://www.google.com/schemas/sitemap-news/0.9'

const element = (name: string, text: string) => `<${name}>${escapeMarkup(text)}</${name}>`

/** robots.txt: everything may be crawled but the reaction API; the sitemap index. */
export function renderRobots(siteUrl: string): string {
  return [
    'User-agent: *',
    'Allow: /',
    'Disallow: /api/',
    '',
    `Sitemap: ${absoluteUrl({url: siteUrl}, SITEMAP_PATHS.index)}`,
    '',
  ].join('\n')
}

/** The sitemap index: the pages sitemap and the news sitemap. */
export function renderSitemapIndex(siteUrl: string): string {
  return [
    XML_DECLARATION,
    `<sitemapindex xmlns="${SITEMAP_NS}">`,
    ...[SITEMAP_PATHS.pages, SITEMAP_PATHS.news].map(
      (path) => `<sitemap>${element('loc', absoluteUrl({url: siteUrl}, path))}</sitemap>`,
    ),
    '</sitemapindex>',
    '',
  ].join('\n')
}

/**
 * The sitemaps.org XML for the home page and every entry, with absolute URLs on `siteUrl`. An
 * entry whose slug cannot be part of a URL is left out.
 */
export function renderSitemap(entries: SitemapQueryResult, siteUrl: string): string {
  const urls = [
    `<url>${element('loc', absoluteUrl({url: siteUrl}, '/'))}</url>`,
    ...entries.flatMap((entry) => {
      const path = PATH_OF[entry._type](entry.slug)
      if (path === undefined) return []
      const loc = absoluteUrl({url: siteUrl}, path)
      return [`<url>${element('loc', loc)}${element('lastmod', entry.lastModified)}</url>`]
    }),
  ]
  return [XML_DECLARATION, `<urlset xmlns="${SITEMAP_NS}">`, ...urls, '</urlset>', ''].join('\n')
}

/** The publication as Google News knows it. */
export interface NewsPublication {
  name: string
  /** An ISO 639 language code: `en`, `fr`; Chinese as `zh-cn` or `zh-tw`. */
  language: string
}

/**
 * Google News' language code for a page language: the primary subtag, but for Chinese, whose
 * script or region Google wants (`zh-cn` for simplified, `zh-tw` for traditional).
 */
export function newsLanguage(lang: string): string {
  const [primary = 'en', ...rest] = lang.toLowerCase().split('-')
  if (primary !== 'zh') return primary
  return rest.some((part) => ['hant', 'tw', 'hk', 'mo'].includes(part)) ? 'zh-tw' : 'zh-cn'
}

/**
 * The Google News sitemap: each recent post with its publication, date and title; a post whose
 * slug cannot be part of a URL is left out.
 */
export function renderNewsSitemap(
  posts: NewsSitemapQueryResult,
  siteUrl: string,
  publication: NewsPublication,
): string {
  const urls = posts.flatMap((post) => {
    const path = postPath(post.slug)
    if (path === undefined) return []
    return [
      '<url>',
      element('loc', absoluteUrl({url: siteUrl}, path)),
      element('lastmod', post.lastModified),
      '<news:news>',
      '<news:publication>',
      element('news:name', publication.name),
      element('news:language', publication.language),
      '</news:publication>',
      element('news:publication_date', post.publishedAt ?? post.lastModified),
      element('news:title', post.title ?? 'Untitled post'),
      '</news:news>',
      '</url>',
    ].join('')
  })
  return [
    XML_DECLARATION,
    `<urlset xmlns="${SITEMAP_NS}" xmlns:news="${NEWS_NS}">`,
    ...urls,
    '</urlset>',
    '',
  ].join('\n')
}
