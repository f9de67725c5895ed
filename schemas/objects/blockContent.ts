import {AsteriskIcon} from '@sanity/icons/Asterisk'
import {LinkIcon} from '@sanity/icons/Link'
import {defineArrayMember, defineField, defineType} from 'sanity'

import {validateLinkHref} from '../validation.ts'

/**
 * The article body: paragraphs, H2/H3, quotes, lists, links, footnote markers, images with alt
 * text, and media (audio, video, embeds).
 */
export const blockContentType = defineType({
  name: 'blockContent',
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
          defineArrayMember({
            name: 'footnoteReference',
            title: 'Footnote',
            type: 'object',
            icon: AsteriskIcon,
            fields: [
              defineField({
                name: 'footnote',
                title: 'Footnote key',
                type: 'string',
                description:
                  'The key of the footnote in the post’s Footnotes this marker points at.',
                validation: (rule) => rule.required(),
              }),
            ],
          }),
        ],
      },
    }),
    defineArrayMember({type: 'imageWithAlt'}),
    defineArrayMember({type: 'mediaEmbed'}),
  ],
})
