import {HeartIcon} from '@sanity/icons/Heart'
import {defineField, defineType} from 'sanity'

import {
  DEFAULT_REACTION_KINDS,
  reactionKindLabel,
  type ReactionKind,
} from '../../core/reaction-kinds.ts'
import {POST_TYPE, REACTION_TALLY_TYPE} from '../../core/document-types.ts'
import {reactionTotalLabel, summarizeTally} from '../../core/reactions/summary.ts'
import {defineReactionPostField, reactionUpdatedAtField} from './reactionFields.ts'

/** "1,234 reactions · most: 😀 Happy", or "No reactions yet". */
export function reactionSubtitle(
  counts: Record<string, unknown> | undefined,
  kinds: readonly ReactionKind[],
): string {
  const {total, top} = summarizeTally(counts, kinds)
  const label = reactionTotalLabel(total)
  return top ? `${label} · most: ${reactionKindLabel(top)}` : label
}

/**
 * The reaction tally of one post, `reaction-<postId>`: a count per reaction kind, public (no `.` in
 * the id). Editors can read it but not create or edit it: tallies change only through the reaction
 * API, in the same atomic transactions as the voter records they sum up.
 */
export function defineReactionType(
  kinds: readonly ReactionKind[] = DEFAULT_REACTION_KINDS,
  postType: string = POST_TYPE,
) {
  return defineType({
    name: REACTION_TALLY_TYPE,
    title: 'Reaction tally',
    type: 'document',
    icon: HeartIcon,
    readOnly: true,
    description: 'Reader reactions to a post. Updated by the reaction API, not by hand.',
    fields: [
      defineField({...defineReactionPostField(postType), validation: (rule) => rule.required()}),
      defineField({
        name: 'counts',
        title: 'Counts',
        type: 'object',
        fields: kinds.map((kind) =>
          defineField({
            name: kind.name,
            title: reactionKindLabel(kind),
            type: 'number',
            initialValue: 0,
            validation: (rule) => rule.min(0).integer(),
          }),
        ),
      }),
      reactionUpdatedAtField,
    ],
    preview: {
      select: {title: 'post.title', counts: 'counts'},
      prepare({title, counts}) {
        return {
          title: (title as string | undefined) || 'Reactions to a deleted post',
          subtitle: reactionSubtitle(counts as Record<string, unknown> | undefined, kinds),
        }
      },
    },
  })
}
