import {ClockIcon} from '@sanity/icons/Clock'
import {defineField, defineType, type ObjectDefinition} from 'sanity'

import {READ_TIME_TYPE} from '../../core/document-types.ts'

/**
 * A `readTime` field: the figures of `estimateReadTime`, kept up to date by the newsroom plugin as
 * the body changes. Its fields are fixed, so a definition takes no `fields` of its own.
 */
export interface ReadTimeDefinition extends Omit<ObjectDefinition, 'type' | 'fields'> {
  type: typeof READ_TIME_TYPE
}

declare module 'sanity' {
  // Types `defineField({type: 'readTime'})` (as @sanity/color-input does for `color`).
  export interface IntrinsicDefinitions {
    readTime: ReadTimeDefinition
  }
}

/** Read-time figures, filled in by the newsroom plugin from the body; never typed by hand. */
export const readTimeType = defineType({
  name: READ_TIME_TYPE,
  title: 'Read time',
  type: 'object',
  icon: ClockIcon,
  readOnly: true,
  description: 'Calculated from the body and hero image as you write, never typed by hand.',
  fields: [
    defineField({name: 'seconds', title: 'Seconds', type: 'number'}),
    defineField({name: 'words', title: 'Words', type: 'number'}),
    defineField({
      name: 'characters',
      title: 'CJK characters',
      type: 'number',
      description: 'Chinese and Japanese characters and Hangul syllables, read one by one.',
    }),
    defineField({name: 'images', title: 'Images', type: 'number'}),
    defineField({name: 'wordsPerMinute', title: 'Words per minute', type: 'number'}),
  ],
})
