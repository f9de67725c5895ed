import {LinkIcon} from '@sanity/icons/Link'
import {defineArrayMember, defineField, defineType} from 'sanity'

import {BLOCK_CONTENT_TYPE, IMAGE_WITH_ALT_TYPE} from '../../core/document-types.ts'
import {validateLinkHref} from '../validation.ts'

/** The article body: paragraphs, H2/H3, quotes, lists, links and inline images with alt text. */
export const blockContentType = defineType({
  name: BLOCK_CONTENT_TYPE,
  title: 'Body',
  type: 'array',
  of: [
    defineArrayMember({
      type: 'block',
      styles: [
        {title: 'Normal', value: 'normal'},
        {title: 'Heading 2', value: 'h2'},
        {title: 'Heading 3', value: 'h3'},
        {title: 'Quote', value: 'blockquote'},
      ],
      lists: [
        {title: 'Bullet', value: 'bullet'},
        {title: 'Numbered', value: 'number'},
      ],
      marks: {
        decorators: [
          {title: 'Strong', value: 'strong'},
          {title: 'Emphasis', value: 'em'},
        ],
        annotations: [
          defineArrayMember({
            name: 'link',
            title: 'Link',
            type: 'object',
            icon: LinkIcon,
            fields: [
              defineField({
                name: 'href',
                title: 'URL',
                type: 'string',
                description: 'https://…, mailto:…, tel:… or a path on this site such as /about',
                validation: (rule) => rule.custom((value) => validateLinkHref(value as string)),
              }),
              defineField({
                name: 'openInNewTab',
                title: 'Open in a new tab',
                type: 'boolean',
                initialValue: false,
              }),
            ],
          }),
        ],
      },
    }),
    defineArrayMember({type: IMAGE_WITH_ALT_TYPE}),
  ],
})
