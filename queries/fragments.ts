/**
 * GROQ pieces the queries share. Plain strings interpolated into `defineQuery` templates:
 * `sanity typegen` resolves them, so every query is still typed as a whole.
 */

/**
 * An `imageWithAlt` for rendering: alt text, caption, the editor's crop and hotspot (for
 * `@sanity/image-url`), and the asset's id, URL and pixel size (to reserve its space on the page).
 */
export const imageFields = /* groq */ `
  alt, caption, crop, hotspot,
  "asset": asset->{_id, url, "width": metadata.dimensions.width, "height": metadata.dimensions.height}
`

/** A post's tags that still exist, in the editor's order. */
export const tagLinksField = /* groq */ `
  "tags": (tags[]->)[defined(slug.current)]{_id, title, "slug": slug.current}
`

/** What a list of posts shows for each post. */
export const postCardFields = /* groq */ `
  _id, title, "slug": slug.current, publishedAt, excerpt,
  "heroImage": heroImage{${imageFields}},
  ${tagLinksField}
`

/** What a "Previous post" or "Next post" link shows. */
export const linkedPostFields = /* groq */ `
  _id, title, "slug": slug.current, "heroImage": heroImage{${imageFields}}
`

/**
 * Previous and next as the editor set them, dereferenced: an unset, deleted or unpublished link is
 * null. The related-posts projection with the chronological fallback replaces this one fragment.
 */
export const previousAndNextFields = /* groq */ `
  "previous": previous->{${linkedPostFields}}, "next": next->{${linkedPostFields}}
`

/**
 * The stored read time in seconds or, when it is missing, a rough estimate: words in the body's
 * text blocks at 200 a minute, plus 12 s for each inline image.
 */
export const readTimeSecondsField = /* groq */ `
  "readTimeSeconds": coalesce(
    readTime.seconds,
    round(
      math::sum(body[_type == "block"]{"words": count(string::split(pt::text(@), " ")[@ != ""])}.words) * 60 / 200
      + 12 * count(body[_type == "imageWithAlt"])
    )
  )
`

/**
 * Posts a listing can show: published (the CDN only serves published documents), with a slug and
 * a publish date to sort by.
 */
export const listablePostFilter = /* groq */ `
  _type == "post" && defined(slug.current) && defined(publishedAt)
`

/**
 * Keyset pagination, newest first: posts strictly after `$cursor` (`{publishedAt, id}` of the
 * last post of the previous page, or null for the first page) in `order(publishedAt desc, _id
 * desc)`. Comparing the same strings that `order()` sorts keeps pages gap- and overlap-free, and
 * the cost of a page never grows with how deep it is.
 */
export const afterCursorFilter = /* groq */ `
  ($cursor == null || publishedAt < $cursor.publishedAt
    || (publishedAt == $cursor.publishedAt && _id < $cursor.id))
`

/** The sort order `afterCursorFilter` pages through. */
export const newestFirst = /* groq */ `order(publishedAt desc, _id desc)`
