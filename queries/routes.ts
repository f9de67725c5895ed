import {defineQuery} from 'groq'

import {AUTHOR_TYPE} from '../core/authors.ts'
import {POST_TYPE, TAG_TYPE} from '../core/document-types.ts'
import {listablePostFilter, newestFirst} from './fragments.ts'

/**
 * The slug of every post, for static generation (`generateStaticParams`, `getStaticPaths`).
 *
 * @example
 * ```ts
 * const params = await client.fetch(postSlugsQuery) // [{slug: 'mistral-ai-powers-frances-new-defense-era'}, …]
 * ```
 */
export const postSlugsQuery = defineQuery(`*[_type == "${POST_TYPE}" && defined(slug.current)]
  | order(slug.current asc) {"slug": slug.current}`)

/**
 * Every author, post and tag a sitemap lists, with when it last changed; by type (authors, posts,
 * tags), each by slug.
 *
 * @example
 * ```ts
 * const entries = await client.fetch(sitemapQuery) // [{_type: 'post', slug: '…', lastModified: '2026-…'}, …]
 * ```
 */
export const sitemapQuery =
  defineQuery(`*[_type in ["${AUTHOR_TYPE}", "${POST_TYPE}", "${TAG_TYPE}"] && defined(slug.current)]
  | order(_type asc, slug.current asc) {_type, "slug": slug.current, "lastModified": _updatedAt}`)

/**
 * The Google News sitemap: posts published from `$since` to `$now` (ISO date-times in UTC, as
 * Studio stores `publishedAt`; Google wants the last two days), newest first, at most 1,000 (Google's limit).
 *
 * @example
 * ```ts
 * const since = new Date(Date.now() - 2 * 86_400_000).toISOString()
 * const posts = await client.fetch(newsSitemapQuery, {since, now: new Date().toISOString()})
 * ```
 */
export const newsSitemapQuery = defineQuery(`*[${listablePostFilter}
  && publishedAt >= $since && publishedAt <= $now]
  | ${newestFirst} [0...1000] {title, "slug": slug.current, publishedAt, "lastModified": _updatedAt}`)
