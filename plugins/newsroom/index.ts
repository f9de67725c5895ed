/**
 * `sanity-plugin-newsroom`: the Studio plugin and the content model it registers.
 *
 * ```ts
 * import {newsroom, newsroomStructure} from 'sanity-plugin-newsroom'
 * defineConfig({plugins: [structureTool({structure: newsroomStructure}), newsroom()]})
 * ```
 */
export {API_VERSION} from '../../core/api-version.ts'
export type {ReactionKind} from '../../core/reaction-kinds.ts'
export {createSchemaTypes, schemaTypes} from '../../schemas/index.ts'
export {DEFAULT_OPTIONS, resolveOptions} from './options.ts'
export type {
  NewsroomOptions,
  ReactionsOptions,
  ReadTimeOptions,
  RelatedPostsOptions,
  ResolvedNewsroomOptions,
} from './options.ts'
export {newsroom} from './plugin.tsx'
export {
  newsroomLocations,
  newsroomMainDocuments,
  newsroomPresentation,
} from './presentation/index.ts'
export type {PresentationOptions as NewsroomPresentationOptions} from '../../core/presentation/routes.ts'
export {newsroomStructure} from './structure.ts'
export type {ReciprocalLinkMode} from '../../core/related/types.ts'
