import {ImageIcon} from '@sanity/icons/Image'
import {defineField, defineType} from 'sanity'

import {requireAltWhenImageSet, type ImageWithAltValue} from '../validation.ts'

/** An image with hotspot, required alt text and an optional caption: the hero and inline images. */
export const imageWithAltType = defineType({
  name: 'imageWithAlt',
  title: 'Image',
  type: 'image',
  icon: ImageIcon,
  options: {hotspot: true},
  fields: [
    defineField({
      name: 'alt',
      title: 'Alternative text',
      type: 'string',
      description: 'What the image shows, for screen readers and search engines. Required.',
    }),
    defineField({
      name: 'caption',
      title: 'Caption',
      type: 'string',
      description: 'Shown under the image. Optional.',
    }),
  ],
  validation: (rule) => rule.custom((value) => requireAltWhenImageSet(value as ImageWithAltValue)),
})
