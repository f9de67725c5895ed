import {defineQuery} from 'groq'

import {AUTHOR_TYPE} from '../core/authors.ts'
import {TAG_TYPE} from '../core/document-types.ts'
import {
  authorLinksField,
  imageFields,
  listablePostFilter,
  newestFirst,
  summaryField,
  tagLinksField,
} from './fragments.ts'

/** What a feed item needs: title, link, dates, summary, hero image, authors and tags. */
const feedItemFields = /* groq */ `
  _id, title, "slug": slug.current, publishedAt, "updatedAt": _updatedAt, excerpt,
  ${summaryField},
  "heroImage": heroImage{${imageFields}},
  ${authorLinksField},
  ${tagLinksField}
`

/**
 * The site-wide feed: the newest 50 published posts with what an RSS, Atom or JSON Feed item
 * needs.
 *
 * @example
 * ```ts
 * const items = await client.fetch(feedQuery) // [{title, slug, publishedAt, authors, tags, …}, …]
 * ```
 */
export const feedQuery = defineQuery(`*[${listablePostFilter}] | ${newestFirst} [0...50] {
  ${feedItemFields}
}`)

/**
 * A tag's feed: the tag with `$slug` and its newest 50 posts as `feedQuery` returns them; null
 * when no tag has that slug.
 *
 * @example
 * ```ts
 * const tag = await client.fetch(tagFeedQuery, {slug: 'ai'}) // {title: 'AI', posts: [...]}
 * ```
 */
export const tagFeedQuery = defineQuery(`*[_type == "${TAG_TYPE}" && slug.current == $slug][0]{
  _id, title, "slug": slug.current, description,
  "posts": *[${listablePostFilter} && ^._id in tags[]._ref] | ${newestFirst} [0...50] {
    ${feedItemFields}
  }
}`)

/**
 * An author's feed: the author with `$slug` and their newest 50 posts as `feedQuery` returns
 * them; null when no author has that slug.
 *
 * @example
 * ```ts
 * const author = await client.fetch(authorFeedQuery, {slug: 'camille-laurent'})
 * ```
 */
export const authorFeedQuery =
  defineQuery(`*[_type == "${AUTHOR_TYPE}" && slug.current == $slug][0]{
  _id, name, "slug": slug.current, bio,
  "posts": *[${listablePostFilter} && ^._id in authors[]._ref] | ${newestFirst} [0...50] {
    ${feedItemFields}
  }
}`)
