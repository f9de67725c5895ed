import {AsteriskIcon} from '@sanity/icons/Asterisk'
import {defineField, defineType} from 'sanity'

export const FOOTNOTE_TYPE = 'footnote'

/**
 * One footnote of a post, shown in the list after the body; markers in the body point at its
 * `_key` (the body's `footnoteReference` annotation).
 */
export const footnoteType = defineType({
  name: FOOTNOTE_TYPE,
  title: 'Footnote',
  type: 'object',
  icon: AsteriskIcon,
  fields: [
    defineField({
      name: 'text',
      title: 'Text',
      type: 'text',
      rows: 2,
      validation: (rule) => rule.required(),
    }),
  ],
  preview: {
    select: {text: 'text'},
    prepare({text}) {
      return {title: (text as string | undefined) || 'Empty footnote'}
    },
  },
})
