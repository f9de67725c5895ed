import {HeartIcon} from '@sanity/icons/Heart'
import {defineField, defineType} from 'sanity'

import {
  DEFAULT_REACTION_KINDS,
  reactionKindLabel,
  type ReactionKind,
} from '../../core/reaction-kinds.ts'
import {POST_TYPE, REACTION_TALLY_TYPE} from '../../core/document-types.ts'
import {defineReactionPostField, reactionUpdatedAtField} from './reactionFields.ts'

/** "12 reactions · most: Happy" */
export function reactionSubtitle(
  counts: Record<string, unknown> | undefined,
  kinds: readonly ReactionKind[],
): string {
  let total = 0
  let top: ReactionKind | undefined
  let topCount = 0
  for (const kind of kinds) {
    const value = counts?.[kind.name]
    const count = typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0
    total += count
    if (count > topCount) {
      top = kind
      topCount = count
    }
  }
  if (total === 0) return 'No reactions yet'
  const noun = total === 1 ? 'reaction' : 'reactions'
  return `${total} ${noun} · most: ${top ? reactionKindLabel(top) : ''}`
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

export const reactionType = defineReactionType()
