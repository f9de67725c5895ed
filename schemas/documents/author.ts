import {UserIcon} from '@sanity/icons/User'
import {defineArrayMember, defineField, defineType} from 'sanity'

import {AUTHOR_TYPE} from '../../core/authors.ts'
import {validateAuthorLink} from '../validation.ts'

export const AUTHOR_NAME_MAX = 80
export const AUTHOR_BIO_MAX = 300

/** A person who writes for the publication: the byline, the author page, the feeds' `author`. */
export const authorType = defineType({
  name: AUTHOR_TYPE,
  title: 'Author',
  type: 'document',
  icon: UserIcon,
  fields: [
    defineField({
      name: 'name',
      title: 'Name',
      type: 'string',
      description: 'As the byline shows it.',
      validation: (rule) => rule.required().max(AUTHOR_NAME_MAX),
    }),
    defineField({
      name: 'slug',
      title: 'Slug',
      type: 'slug',
      description: 'The address of the author page, generated from the name.',
      options: {source: 'name', maxLength: 96},
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'photo',
      title: 'Photo',
      type: 'imageWithAlt',
      description: 'A portrait. Alt text is required when a photo is set.',
    }),
    defineField({
      name: 'role',
      title: 'Role',
      type: 'string',
      description: 'e.g. "Defense correspondent".',
      validation: (rule) => rule.max(80),
    }),
    defineField({
      name: 'bio',
      title: 'Short bio',
      type: 'text',
      rows: 3,
      description: `Shown on the author page, at most ${AUTHOR_BIO_MAX} characters.`,
      validation: (rule) => rule.max(AUTHOR_BIO_MAX),
    }),
    defineField({
      name: 'links',
      title: 'Links',
      type: 'array',
      description: 'The author elsewhere: a personal site, a social profile (full https URLs).',
      of: [
        defineArrayMember({
          type: 'url',
          validation: (rule) => rule.custom((value) => validateAuthorLink(value as string)),
        }),
      ],
    }),
  ],
  preview: {
    select: {title: 'name', subtitle: 'role', media: 'photo'},
    prepare({title, subtitle, media}) {
      return {
        title: (title as string | undefined) || 'Unnamed author',
        subtitle: subtitle as string | undefined,
        media,
      }
    },
  },
})
