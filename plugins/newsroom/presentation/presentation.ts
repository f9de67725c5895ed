/**
 * The Presentation tool for the Newsroom content model: the reader site beside the form, where a
 * post is shown (its page, the home page, its tags' pages), the main document of each route.
 * The routes and locations themselves are pure data in `core/presentation/routes.ts`.
 */
import {
  presentationTool,
  type DocumentLocationResolvers,
  type DocumentResolver,
} from 'sanity/presentation'

import {POST_TYPE, TAG_TYPE} from '../../../core/document-types.ts'
import {
  postLocationSelect,
  postLocations,
  resolvePresentationOptions,
  siteRoutes,
  tagLocationSelect,
  tagLocations,
  type PresentationOptions,
} from '../../../core/presentation/routes.ts'

/**
 * `resolve.locations` for `presentationTool`: the "Used on" list of posts and tags, and the
 * pages the tool offers to open for them.
 */
export const newsroomLocations: DocumentLocationResolvers = {
  [POST_TYPE]: {select: postLocationSelect, resolve: postLocations},
  [TAG_TYPE]: {select: tagLocationSelect, resolve: tagLocations},
}

/** `resolve.mainDocuments` for `presentationTool`: `/posts/<slug>` is that post, and so on. */
export const newsroomMainDocuments: DocumentResolver[] = siteRoutes.map((route) => ({
  route: route.route,
  resolve: route.resolve,
}))

/**
 * The Presentation tool set up for the reader site at `previewUrl`: enters its preview mode
 * through `enablePath` with the Studio's preview URL secret, knows where posts and tags are
 * shown. Fails fast on a bad option.
 *
 * ```ts
 * plugins: [newsroom(), newsroomPresentation({previewUrl: 'http://localhost:3000'})]
 * ```
 */
export function newsroomPresentation(options: PresentationOptions) {
  const resolved = resolvePresentationOptions(options)
  return presentationTool({
    title: resolved.title,
    previewUrl: {
      initial: resolved.previewUrl,
      previewMode: {enable: resolved.enablePath},
    },
    allowOrigins: [resolved.previewOrigin],
    resolve: {locations: newsroomLocations, mainDocuments: newsroomMainDocuments},
  })
}
