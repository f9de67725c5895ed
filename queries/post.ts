import {defineQuery} from 'groq'

import {POST_TYPE, REACTION_TALLY_TYPE} from '../core/document-types.ts'
import {previousNextProjection} from '../core/related/queries.ts'
import {
  authorLinksField,
  imageFields,
  linkedPostsProjection,
  readTimeSecondsField,
  summaryField,
  tagLinksField,
} from './fragments.ts'

/**
 * A post page: one post by `$slug` with everything the page shows and links to, or null. Inline
 * images in the body carry their asset's URL and size like the hero image does; footnotes come
 * with their keys, which the body's footnote markers point at. Previous and next fall back to the
 * chronological neighbours when a link is unset or broken. The authors, the "Search & social"
 * fields, the first paragraph, the word count and the last change are what
 * `sanity-plugin-newsroom/seo` builds the head tags and the JSON-LD from.
 *
 * @example
 * ```ts
 * const post = await client.fetch(postPageQuery, {slug: 'mistral-ai-powers-frances-new-defense-era'})
 * post?.heroImage?.alt // 'Mistral AI transforms France’s defense capabilities in modern military technology.'
 * ```
 */
export const postPageQuery = defineQuery(`*[_type == "${POST_TYPE}" && slug.current == $slug][0]{
  _id, title, "slug": slug.current, publishedAt, "updatedAt": _updatedAt, excerpt,
  "heroImage": heroImage{${imageFields}},
  ${readTimeSecondsField},
  "wordCount": readTime.words,
  ${summaryField},
  "seo": seo{title, description, "image": image{${imageFields}}},
  "body": body[]{..., _type == "imageWithAlt" => {${imageFields}}},
  "footnotes": footnotes[]{_key, text},
  ${authorLinksField},
  ${tagLinksField},
  "reactions": *[_type == "${REACTION_TALLY_TYPE}" && post._ref == ^._id][0].counts,
  ${previousNextProjection}
}${linkedPostsProjection}`)

/**
 * Previous and next of a post as readers will see them once it is published, for a page that
 * shows a draft (the reader site's preview). Run it with the published perspective, with the
 * draft's `$id` and `$publishedAt`, and as `$previous` and `$next` `{_ref}` of the posts the drafts
 * perspective linked or picked there (or null): a published one is kept, one that is only a draft
 * gives way to the chronological neighbour among published posts, exactly as `postPageQuery`
 * resolves a published post's links (the same two projections), so no draft is ever a neighbour.
 */
export const publishedNeighboursQuery =
  defineQuery(`{"_id": $id, "publishedAt": $publishedAt, "previous": $previous, "next": $next}{
  ${previousNextProjection}
}${linkedPostsProjection}`)
