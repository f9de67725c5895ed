import {defineQuery} from 'groq'

import {POST_TYPE, TAG_TYPE} from '../core/document-types.ts'

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
 * Every post and tag a sitemap lists, with when it last changed; posts first, each kind by slug.
 *
 * @example
 * ```ts
 * const entries = await client.fetch(sitemapQuery) // [{_type: 'post', slug: '…', lastModified: '2026-…'}, …]
 * ```
 */
export const sitemapQuery =
  defineQuery(`*[_type in ["${POST_TYPE}", "${TAG_TYPE}"] && defined(slug.current)]
  | order(_type asc, slug.current asc) {_type, "slug": slug.current, "lastModified": _updatedAt}`)
