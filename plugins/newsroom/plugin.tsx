import {definePlugin} from 'sanity'

import {REACTION_TALLY_TYPE, REACTION_VOTER_TYPE} from '../../core/reactions/documents.ts'
import {createSchemaTypes} from '../../schemas/index.ts'
import {chainInputs} from './chain-inputs.tsx'
import {createPostReactionsInput} from './components/PostReactionsInput.tsx'
import {PLUGIN_NAME} from './constants.ts'
import {resolveOptions, type NewsroomOptions} from './options.ts'
import {createRelatedPostsInput} from './related-input.tsx'

/**
 * Types editors may read and list but never create or act on in the Studio: tallies and voter
 * records change only through the reaction API.
 */
const API_ONLY_TYPES = new Set([REACTION_TALLY_TYPE, REACTION_VOTER_TYPE])

/**
 * The Newsroom plugin: the post, tag and reaction types, and the editor tools around them.
 *
 * ```ts
 * defineConfig({plugins: [structureTool(), newsroom()]})
 * ```
 */
export const newsroom = definePlugin<NewsroomOptions | void>((options) => {
  const {reactionKinds, reactions, relatedPosts} = resolveOptions(options)
  return {
    name: PLUGIN_NAME,
    schema: {
      types: createSchemaTypes(reactionKinds),
      templates: (prev) => prev.filter((template) => !API_ONLY_TYPES.has(template.schemaType)),
    },
    form: {
      components: {
        input: chainInputs([
          createRelatedPostsInput(relatedPosts.reciprocal),
          createPostReactionsInput({kinds: reactionKinds, dataset: reactions.dataset}),
        ]),
      },
    },
    document: {
      actions: (prev, context) => (API_ONLY_TYPES.has(context.schemaType) ? [] : prev),
      newDocumentOptions: (prev) => prev.filter((item) => !API_ONLY_TYPES.has(item.templateId)),
    },
  }
})
