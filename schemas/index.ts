import type {SchemaTypeDefinition} from 'sanity'

import {authorType} from './documents/author.ts'
import {definePostType} from './documents/post.ts'
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

/**
 * Every type of the content model; the reaction tally and voter record use the given kinds. With
 * `ownAuthorType` (a Studio's own author or person type) the post's authors reference it and
 * Newsroom's `author` type is left out.
 */
export function createSchemaTypes(
  kinds: readonly ReactionKind[] = DEFAULT_REACTION_KINDS,
  reactionDocumentType: string = POST_TYPE,
  ownAuthorType?: string,
): SchemaTypeDefinition[] {
  return [
    // Documents
    definePostType(ownAuthorType),
    tagType,
    ...(ownAuthorType === undefined ? [authorType] : []),
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
