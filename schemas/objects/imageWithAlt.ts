import {ImageIcon} from '@sanity/icons/Image'
import {defineField, defineType, type ImageDefinition} from 'sanity'

import {IMAGE_WITH_ALT_TYPE} from '../../core/document-types.ts'
import {requireAltWhenImageSet, type ImageWithAltValue} from '../validation.ts'

/** An `imageWithAlt` field: an image definition whose alt and caption fields are built in. */
export interface ImageWithAltDefinition extends Omit<ImageDefinition, 'type' | 'fields'> {
  type: typeof IMAGE_WITH_ALT_TYPE
}

declare module 'sanity' {
  // Types `defineField({type: 'imageWithAlt'})` and `defineArrayMember({type: 'imageWithAlt'})`.
  export interface IntrinsicDefinitions {
    imageWithAlt: ImageWithAltDefinition
  }
}

/** An image with hotspot, required alt text and an optional caption: the hero and inline images. */
export const imageWithAltType = defineType({
  name: IMAGE_WITH_ALT_TYPE,
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
