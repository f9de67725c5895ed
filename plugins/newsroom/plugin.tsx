import {definePlugin} from 'sanity'

import {POST_TYPE, REACTION_TALLY_TYPE, REACTION_VOTER_TYPE} from '../../core/document-types.ts'
import {createSchemaTypes} from '../../schemas/index.ts'
import {withReadTimeOnPublish} from './read-time/withReadTimeOnPublish.ts'
import {chainInputs} from './shared/chainInputs.tsx'
import {createPostReactionsInput} from './reactions/components/PostReactionsInput.tsx'
import {PLUGIN_NAME} from './shared/constants.ts'
import {resolveOptions, type NewsroomOptions} from './options.ts'
import {createReadTimeInput} from './read-time/components/ReadTimeInput.tsx'
import {createPostLinkInput} from './related-posts/components/PostLinkInput.tsx'

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
  const {reactionKinds, reactions, readTime, relatedPosts} = resolveOptions(options)
  return {
    name: PLUGIN_NAME,
    schema: {
      types: createSchemaTypes(reactionKinds),
      templates: (prev) => prev.filter((template) => !API_ONLY_TYPES.has(template.schemaType)),
    },
    form: {
      components: {
        input: chainInputs([
          createReadTimeInput(readTime),
          createPostLinkInput(relatedPosts.reciprocal),
          createPostReactionsInput({kinds: reactionKinds, dataset: reactions.dataset}),
        ]),
      },
    },
    document: {
      actions: (prev, context) => {
        if (API_ONLY_TYPES.has(context.schemaType)) return []
        if (context.schemaType !== POST_TYPE) return prev
        return prev.map((action) =>
          action.action === 'publish' ? withReadTimeOnPublish(action, readTime) : action,
        )
      },
      newDocumentOptions: (prev) => prev.filter((item) => !API_ONLY_TYPES.has(item.templateId)),
    },
  }
})
