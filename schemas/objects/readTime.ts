import {ClockIcon} from '@sanity/icons/Clock'
import {defineField, defineType} from 'sanity'

/** Read-time figures, filled in by the newsroom plugin's read-time widget; never typed by hand. */
export const readTimeType = defineType({
  name: 'readTime',
  title: 'Read time',
  type: 'object',
  icon: ClockIcon,
  readOnly: true,
  description: 'Calculated from the body, never typed by hand.',
  fields: [
    defineField({name: 'seconds', title: 'Seconds', type: 'number'}),
    defineField({name: 'words', title: 'Words', type: 'number'}),
    // What `toReadTimeValue` stores besides words: Chinese and Japanese characters, Hangul.
    defineField({name: 'characters', title: 'CJK characters', type: 'number'}),
    defineField({name: 'images', title: 'Images', type: 'number'}),
    defineField({name: 'wordsPerMinute', title: 'Words per minute', type: 'number'}),
  ],
})
