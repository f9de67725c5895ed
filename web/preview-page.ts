/**
 * What a preview page shows beyond the public one: `data-sanity` attributes that let the
 * Presentation tool's overlays find the field behind an element, and a read time that follows
 * the draft's body as the editor types.
 */
import {createDataAttribute} from '@sanity/visual-editing/create-data-attribute'

import type {PostPageQueryResult} from 'sanity-plugin-newsroom/queries'
import {estimateReadTime, isReadTimeCurrent} from 'sanity-plugin-newsroom/read-time'

/** A field path as the overlays take it: `'title'`, `['body', {_key: 'b1'}]`. */
export type EditPath = string | Array<string | number | {_key: string}>

/**
 * The `data-sanity` value of a field of one document, e.g.
 * `id=post-1;type=post;path=title;base=http%3A%2F%2Flocalhost%3A3333`.
 */
export type EditAttribute = (path: EditPath) => string

/** `data-sanity` values for the fields of document `doc`, edited in the Studio at `studioUrl`. */
export function createEditAttributes(
  studioUrl: string,
  doc: {_id: string; _type: string},
): EditAttribute {
  const attribute = createDataAttribute({baseUrl: studioUrl, id: doc._id, type: doc._type})
  return (path) => attribute(path)
}

/** What the read time is worked out from: one document by `$id`, as the perspective shows it. */
export const previewReadTimeQuery = /* groq */ `*[_id == $id][0]{readTime, body, heroImage}`

/** The fields `previewReadTimeQuery` returns. */
export interface PreviewReadTimeSource {
  readTime?: unknown
  body?: unknown
  heroImage?: unknown
}

/**
 * The read time a preview page shows, in seconds: the stored figure while it matches the body,
 * else the estimator's (`estimateReadTime`, as the Studio's own figure): the Studio stores the
 * figure a moment after the body changes, and the preview must not lag behind the text. Null for
 * a post with nothing to read.
 */
export function previewReadTimeSeconds(source: PreviewReadTimeSource | null): number | null {
  if (!source) return null
  const estimate = estimateReadTime(source.body, {heroImage: source.heroImage})
  const seconds = isReadTimeCurrent(source.readTime, estimate)
    ? (source.readTime as {seconds: number}).seconds
    : estimate.seconds
  return seconds > 0 ? seconds : null
}

type PostPage = NonNullable<PostPageQueryResult>

/**
 * The parameters of `publishedNeighboursQuery` for the post a preview page shows (read with the
 * drafts perspective): its previous and next as readers will see them once it is published.
 */
export function publishedNeighboursParams(
  post: Pick<PostPage, '_id' | 'publishedAt' | 'previous' | 'next'>,
) {
  const ref = (linked: PostPage['previous']) => (linked ? {_ref: linked._id} : null)
  return {
    id: post._id,
    publishedAt: post.publishedAt ?? null,
    previous: ref(post.previous),
    next: ref(post.next),
  }
}
