import {UsersIcon} from '@sanity/icons/Users'
import {defineField, defineType} from 'sanity'

import {
  DEFAULT_REACTION_KINDS,
  reactionKindLabel,
  type ReactionKind,
} from '../../core/reaction-kinds.ts'
import {POST_TYPE, REACTION_VOTER_TYPE} from '../../core/document-types.ts'
import {defineReactionPostField, reactionUpdatedAtField} from './reactionFields.ts'

/** "😀 Happy", or "Withdrawn" when the reader took their reaction back. */
export function voterSubtitle(reaction: unknown, kinds: readonly ReactionKind[]): string {
  if (typeof reaction !== 'string' || reaction === '') return 'Withdrawn'
  const kind = kinds.find((candidate) => candidate.name === reaction)
  if (!kind) return `${reaction} (no longer offered)`
  return reactionKindLabel(kind)
}

/**
 * One reader's current reaction to one post. Private: its id, `reaction-voter.<hash>`, contains a
 * `.`, which anonymous readers never see; the hash is a keyed HMAC of post and reader, never the
 * reader's id. Editors can read and list voter records; only the reaction API writes them.
 */
export function defineReactionVoterType(
  kinds: readonly ReactionKind[] = DEFAULT_REACTION_KINDS,
  postType: string = POST_TYPE,
) {
  return defineType({
    name: REACTION_VOTER_TYPE,
    title: 'Voter record',
    type: 'document',
    icon: UsersIcon,
    readOnly: true,
    description:
      'One reader’s current reaction to a post, known only by a keyed hash. Written by the reaction API, not by hand.',
    fields: [
      defineReactionPostField(postType),
      defineField({
        name: 'reaction',
        title: 'Reaction',
        type: 'string',
        description: 'Empty once the reader withdrew their reaction.',
        options: {
          list: kinds.map((kind) => ({
            value: kind.name,
            title: reactionKindLabel(kind),
          })),
        },
      }),
      reactionUpdatedAtField,
    ],
    orderings: [
      {
        title: 'Latest vote first',
        name: 'updatedAtDesc',
        by: [{field: 'updatedAt', direction: 'desc'}],
      },
    ],
    preview: {
      select: {title: 'post.title', reaction: 'reaction'},
      prepare({title, reaction}) {
        return {
          title: (title as string | undefined) || 'A deleted post',
          subtitle: voterSubtitle(reaction, kinds),
        }
      },
    },
  })
}
