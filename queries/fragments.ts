/**
 * GROQ pieces the queries share. Plain strings interpolated into `defineQuery` templates:
 * `sanity typegen` resolves them, so every query is still typed as a whole.
 */
import {POST_TYPE} from '../core/document-types.ts'

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

/** A post's authors that still exist and have a name, in byline order; `slug` null for no page. */
export const authorLinksField = /* groq */ `
  "authors": (authors[]->)[defined(name)]{_id, name, "slug": slug.current}
`

/** The body's first paragraph as plain text: the description of a post without an excerpt. */
export const summaryField = /* groq */ `
  "summary": pt::text(body[_type == "block" && style == "normal"][0])
`

/** What a list of posts shows for each post. */
export const postCardFields = /* groq */ `
  _id, title, "slug": slug.current, publishedAt, excerpt,
  "heroImage": heroImage{${imageFields}},
  ${tagLinksField}
`

/**
 * What a "Previous post" or "Next post" link shows, from a linked post as `previousNextProjection`
 * resolves it (`slug` already a string, `heroImage` as stored).
 */
export const linkedPostFields = /* groq */ `
  _id, title, slug, "heroImage": heroImage{${imageFields}}
`

/**
 * Previous and next: the links the editor set or, for a link that is unset or points at a missing
 * or unpublished post, the chronological neighbour (core/related's `previousNextProjection`: the
 * published post just before or after by `publishedAt`, `_id` breaking ties). Apply it as a
 * second projection over a post projected with `previousNextProjection`: it keeps every other
 * field and gives each link the fields a "Previous post" or "Next post" link shows. A linked post
 * without a slug has no page to link to: that link is null.
 */
export const linkedPostsProjection = /* groq */ `{
  ...,
  "previous": select(defined(previous.slug) => previous{${linkedPostFields}}),
  "next": select(defined(next.slug) => next{${linkedPostFields}})
}`

/**
 * The stored read time in seconds or, when it is missing, an estimate by `estimateReadTime`'s
 * rule as far as GROQ can follow it (the README's "GROQ queries" says where it differs): words at
 * 200 a minute (the body's text blocks and the images' captions, split at spaces), and images
 * (inline images and the hero) at 12 s for the first, 1 s less for each next, at least 3 s:
 * `12n - n(n - 1) / 2` seconds up to ten images, `3n + 45` beyond. Null for a post without a body.
 */
export const readTimeSecondsField = /* groq */ `
  "readTimeSeconds": coalesce(
    readTime.seconds,
    @{
      "words": math::sum(body[_type == "block"]{"n": count(string::split(pt::text(@), " ")[@ != ""])}.n)
        + math::sum(body[string::startsWith(asset._ref, "image-")]{"n": count(string::split(caption, " ")[@ != ""])}.n)
        + select(string::startsWith(heroImage.asset._ref, "image-") => coalesce(count(string::split(heroImage.caption, " ")[@ != ""]), 0), 0),
      "images": count(body[string::startsWith(asset._ref, "image-")])
        + select(string::startsWith(heroImage.asset._ref, "image-") => 1, 0)
    }{
      "seconds": round(words * 60 / 200 + select(images <= 10 => 12 * images - images * (images - 1) / 2, 3 * images + 45))
    }.seconds
  )
`

/** Where a post keeps what {@link buildReadTimeSecondsField} reads, by field name. */
export interface ReadTimeFields {
  /** The stored figures (type `readTime`). @defaultValue 'readTime' */
  readTimeField?: string
  /** The Portable Text body. @defaultValue 'body' */
  bodyField?: string
  /** The image counted as the first, or false for none. @defaultValue 'heroImage' */
  heroImageField?: string | false
}

/**
 * {@link readTimeSecondsField} for other field names: the same `"readTimeSeconds"` (a number, or
 * null without a body), from the stored figure or estimated in GROQ. With no argument it is
 * `readTimeSecondsField` itself. A built string is not followed by `sanity typegen`: type the
 * field as `{readTimeSeconds: number | null}`.
 */
export function buildReadTimeSecondsField(fields: ReadTimeFields = {}): string {
  const {
    readTimeField = 'readTime',
    bodyField: body = 'body',
    heroImageField = 'heroImage',
  } = fields
  const hero = heroImageField
    ? {
        words: `\n        + select(string::startsWith(${heroImageField}.asset._ref, "image-") => coalesce(count(string::split(${heroImageField}.caption, " ")[@ != ""]), 0), 0)`,
        images: `\n        + select(string::startsWith(${heroImageField}.asset._ref, "image-") => 1, 0)`,
      }
    : {words: '', images: ''}
  return `
  "readTimeSeconds": coalesce(
    ${readTimeField}.seconds,
    @{
      "words": math::sum(${body}[_type == "block"]{"n": count(string::split(pt::text(@), " ")[@ != ""])}.n)
        + math::sum(${body}[string::startsWith(asset._ref, "image-")]{"n": count(string::split(caption, " ")[@ != ""])}.n)${hero.words},
      "images": count(${body}[string::startsWith(asset._ref, "image-")])${hero.images}
    }{
      "seconds": round(words * 60 / 200 + select(images <= 10 => 12 * images - images * (images - 1) / 2, 3 * images + 45))
    }.seconds
  )
`
}

/**
 * Posts a listing can show: published (the CDN only serves published documents), with a slug and
 * a publish date to sort by.
 */
export const listablePostFilter = /* groq */ `
  _type == "${POST_TYPE}" && defined(slug.current) && defined(publishedAt)
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
