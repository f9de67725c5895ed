import {definePlugin, type SchemaTypeDefinition} from 'sanity'

import {REACTION_TALLY_TYPE, REACTION_VOTER_TYPE} from '../../core/document-types.ts'
import {createSchemaTypes} from '../../schemas/index.ts'
import {defineReactionType} from '../../schemas/documents/reaction.ts'
import {defineReactionVoterType} from '../../schemas/documents/reactionVoter.ts'
import {readTimeType} from '../../schemas/objects/readTime.ts'
import {resolveOptions, type NewsroomOptions, type ResolvedNewsroomOptions} from './options.ts'
import {createPostReactionsInput} from './reactions/components/PostReactionsInput.tsx'
import {createReadTimeInput} from './read-time/components/ReadTimeInput.tsx'
import {withReadTimeOnPublish} from './read-time/withReadTimeOnPublish.ts'
import {createPostLinkInput} from './related-posts/components/PostLinkInput.tsx'
import {assertSchemaFits, contentModelCollisions} from './shared/checkSchema.ts'
import {chainInputs} from './shared/chainInputs.tsx'
import {PLUGIN_NAME} from './shared/constants.ts'

/**
 * Types editors may read and list but never create or act on in the Studio: tallies and voter
 * records change only through the reaction API.
 */
const API_ONLY_TYPES = new Set([REACTION_TALLY_TYPE, REACTION_VOTER_TYPE])

/**
 * The types the plugin adds: the whole content model, or with `contentModel: false` only what the
 * features on your types need (the `readTime` field type; the reaction tally and voter record).
 */
export function pluginSchemaTypes(options: ResolvedNewsroomOptions): SchemaTypeDefinition[] {
  const {contentModel, reactionKinds, reactions, readTime, authors} = options
  const postType = reactions ? reactions.documentType : undefined
  if (contentModel) return createSchemaTypes(reactionKinds, postType, authors?.documentType)
  return [
    ...(readTime ? [readTimeType] : []),
    ...(reactions
      ? [
          defineReactionType(reactionKinds, reactions.documentType),
          defineReactionVoterType(reactionKinds, reactions.documentType),
        ]
      : []),
  ]
}

/**
 * The Newsroom plugin: the post, tag and reaction types, and the editor tools around them; or,
 * with `contentModel: false`, the tools on your own document types.
 *
 * ```ts
 * defineConfig({plugins: [structureTool(), newsroom()]})
 * ```
 */
export const newsroom = definePlugin<NewsroomOptions | void>((options) => {
  const resolved = resolveOptions(options)
  const {reactionKinds, reactions, readTime, relatedPosts} = resolved
  const types = pluginSchemaTypes(resolved)
  return {
    name: PLUGIN_NAME,
    schema: {
      types: (prev) => {
        const collision = resolved.contentModel ? contentModelCollisions(prev, types) : undefined
        if (collision) throw new Error(collision)
        return [...prev, ...types]
      },
      // The first hook that sees the whole compiled schema: check the options against it.
      templates: (prev, context) => {
        if (context?.schema) assertSchemaFits(context.schema, resolved)
        return prev.filter((template) => !API_ONLY_TYPES.has(template.schemaType))
      },
    },
    form: {
      components: {
        input: chainInputs([
          ...(readTime ? [createReadTimeInput(readTime)] : []),
          ...(relatedPosts ? [createPostLinkInput(relatedPosts)] : []),
          ...(reactions ? [createPostReactionsInput({kinds: reactionKinds, ...reactions})] : []),
        ]),
      },
    },
    document: {
      actions: (prev, context) => {
        if (API_ONLY_TYPES.has(context.schemaType)) return []
        if (!readTime || !readTime.documentTypes.includes(context.schemaType)) return prev
        return prev.map((action) =>
          action.action === 'publish' ? withReadTimeOnPublish(action, readTime) : action,
        )
      },
      newDocumentOptions: (prev) => prev.filter((item) => !API_ONLY_TYPES.has(item.templateId)),
    },
  }
})
