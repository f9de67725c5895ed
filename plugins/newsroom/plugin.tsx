import {definePlugin} from 'sanity'

import {createSchemaTypes} from '../../schemas/index.ts'
import {PLUGIN_NAME} from './constants.ts'
import {resolveOptions, type NewsroomOptions} from './options.ts'
import {createRelatedPostsInput} from './related-input.tsx'

/** Types editors may never create or act on in the Studio: tallies change only via the API. */
const API_ONLY_TYPES = new Set(['reaction'])

/**
 * The Newsroom plugin: the post, tag and reaction types, and the editor tools around them.
 *
 * ```ts
 * defineConfig({plugins: [structureTool(), newsroom()]})
 * ```
 */
export const newsroom = definePlugin<NewsroomOptions | void>((options) => {
  const {reactionKinds, relatedPosts} = resolveOptions(options)
  return {
    name: PLUGIN_NAME,
    schema: {
      types: createSchemaTypes(reactionKinds),
      templates: (prev) => prev.filter((template) => !API_ONLY_TYPES.has(template.schemaType)),
    },
    form: {
      components: {input: createRelatedPostsInput(relatedPosts.reciprocal)},
    },
    document: {
      actions: (prev, context) => (API_ONLY_TYPES.has(context.schemaType) ? [] : prev),
      newDocumentOptions: (prev) => prev.filter((item) => !API_ONLY_TYPES.has(item.templateId)),
    },
  }
})
