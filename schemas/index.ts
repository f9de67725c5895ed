import type {SchemaTypeDefinition} from 'sanity'

import {authorType} from './documents/author.ts'
import {postType} from './documents/post.ts'
import {defineReactionType} from './documents/reaction.ts'
import {defineReactionVoterType} from './documents/reactionVoter.ts'
import {tagType} from './documents/tag.ts'
import {blockContentType} from './objects/blockContent.ts'
import {footnoteType} from './objects/footnote.ts'
import {imageWithAltType} from './objects/imageWithAlt.ts'
import {mediaEmbedType} from './objects/mediaEmbed.ts'
import {readTimeType} from './objects/readTime.ts'
import {POST_TYPE} from '../core/document-types.ts'
import {DEFAULT_REACTION_KINDS, type ReactionKind} from '../core/reaction-kinds.ts'

/** Every type of the content model; the reaction tally and voter record use the given kinds. */
export function createSchemaTypes(
  kinds: readonly ReactionKind[] = DEFAULT_REACTION_KINDS,
  reactionDocumentType: string = POST_TYPE,
): SchemaTypeDefinition[] {
  return [
    // Documents
    postType,
    tagType,
    authorType,
    defineReactionType(kinds, reactionDocumentType),
    defineReactionVoterType(kinds, reactionDocumentType),
    // Objects
    blockContentType,
    footnoteType,
    imageWithAltType,
    mediaEmbedType,
    readTimeType,
  ]
}

/** The content model with the default reaction kinds. */
export const schemaTypes = createSchemaTypes()

export {DEFAULT_REACTION_KINDS, type ReactionKind}
