import {defineQuery} from 'groq'

import {previousNextProjection} from '../core/related/queries.ts'
import {
  imageFields,
  linkedPostsProjection,
  readTimeSecondsField,
  tagLinksField,
} from './fragments.ts'

/**
 * A post page: one post by `$slug` with everything the page shows and links to, or null. Inline
 * images in the body carry their asset's URL and size like the hero image does; footnotes come
 * with their keys, which the body's footnote markers point at. Previous and
 * next fall back to the chronological neighbours when a link is unset or broken.
 *
 * @example
 * ```ts
 * const post = await client.fetch(postPageQuery, {slug: 'mistral-ai-powers-frances-new-defense-era'})
 * post?.heroImage?.alt // 'Mistral AI transforms France’s defense capabilities in modern military technology.'
 * ```
 */
export const postPageQuery = defineQuery(`*[_type == "post" && slug.current == $slug][0]{
  _id, title, "slug": slug.current, publishedAt, excerpt,
  "heroImage": heroImage{${imageFields}},
  ${readTimeSecondsField},
  "body": body[]{..., _type == "imageWithAlt" => {${imageFields}}},
  "footnotes": footnotes[]{_key, text},
  ${tagLinksField},
  "reactions": *[_type == "reaction" && post._ref == ^._id][0].counts,
  ${previousNextProjection}
}${linkedPostsProjection}`)
