import {defineQuery} from 'groq'

import {AUTHOR_TYPE} from '../core/authors.ts'
import {TAG_TYPE} from '../core/document-types.ts'
import {
  afterCursorFilter,
  imageFields,
  listablePostFilter,
  newestFirst,
  postCardFields,
} from './fragments.ts'

/**
 * The newest posts, one page: `$cursor` is null for the first page, else the `{publishedAt, id}`
 * of the last post already shown; `$limit` posts at most. `cursorPageParams` and `toCursorPage`
 * build the parameters and read the next cursor.
 *
 * @example
 * ```ts
 * const rows = await client.fetch(latestPostsQuery, cursorPageParams(null, 10))
 * const {items, nextCursor} = toCursorPage(rows, 10)
 * ```
 */
export const latestPostsQuery = defineQuery(`*[${listablePostFilter} && ${afterCursorFilter}]
  | ${newestFirst} [0...$limit] {${postCardFields}}`)

/**
 * A tag page: the tag with `$slug`, how many posts carry it, and one page of them, paginated like
 * `latestPostsQuery`; null when no tag has that slug.
 *
 * @example
 * ```ts
 * const tag = await client.fetch(postsByTagQuery, {slug: 'ai', ...cursorPageParams(null, 10)})
 * ```
 */
export const postsByTagQuery = defineQuery(`*[_type == "${TAG_TYPE}" && slug.current == $slug][0]{
  _id, title, "slug": slug.current, description,
  "postCount": count(*[${listablePostFilter} && ^._id in tags[]._ref]),
  "posts": *[${listablePostFilter} && ^._id in tags[]._ref && ${afterCursorFilter}]
    | ${newestFirst} [0...$limit] {${postCardFields}}
}`)

/**
 * Every tag with the number of listable posts carrying it, by title (case-insensitive).
 *
 * @example
 * ```ts
 * const tags = await client.fetch(tagsWithPostCountsQuery) // [{title: 'AI', postCount: 1, …}]
 * ```
 */
export const tagsWithPostCountsQuery =
  defineQuery(`*[_type == "${TAG_TYPE}" && defined(slug.current)]
  | order(lower(title) asc, _id asc) {
  _id, title, "slug": slug.current, description,
  "postCount": count(*[${listablePostFilter} && ^._id in tags[]._ref])
}`)

/**
 * An author page: the author with `$slug` (name, role, bio, photo, links), how many posts carry
 * their byline, and one page of them, paginated like `latestPostsQuery`; null when no author has
 * that slug.
 *
 * @example
 * ```ts
 * const author = await client.fetch(authorPageQuery, {slug: 'camille-laurent', ...cursorPageParams(null, 10)})
 * ```
 */
export const authorPageQuery =
  defineQuery(`*[_type == "${AUTHOR_TYPE}" && slug.current == $slug][0]{
  _id, name, "slug": slug.current, role, bio, links,
  "photo": photo{${imageFields}},
  "postCount": count(*[${listablePostFilter} && ^._id in authors[]._ref]),
  "posts": *[${listablePostFilter} && ^._id in authors[]._ref && ${afterCursorFilter}]
    | ${newestFirst} [0...$limit] {${postCardFields}}
}`)
