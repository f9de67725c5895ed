import {TagIcon} from '@sanity/icons/Tag'
import {defineField, defineType} from 'sanity'

import {TAG_TYPE} from '../../core/document-types.ts'
import {API_VERSION} from '../../core/api-version.ts'
import {TagPreview} from '../components/TagUsage.tsx'
import {slugCanBeAUrl, validateUniqueTagTitle} from '../validation.ts'

/** A topic posts are filed under, e.g. "AI" or "Defense". */
export const tagType = defineType({
  name: TAG_TYPE,
  title: 'Tag',
  type: 'document',
  icon: TagIcon,
  fields: [
    defineField({
      name: 'title',
      title: 'Title',
      type: 'string',
      description: 'Unique, ignoring case.',
      validation: (rule) =>
        rule
          .required()
          .max(60)
          .custom((value, context) =>
            validateUniqueTagTitle(
              value as string | undefined,
              context.document?._id,
              context.getClient({apiVersion: API_VERSION}),
            ),
          ),
    }),
    defineField({
      name: 'slug',
      title: 'Slug',
      type: 'slug',
      description: 'The address of the tag page, generated from the title.',
      options: {source: 'title', maxLength: 64},
      validation: (rule) => rule.required().custom(slugCanBeAUrl),
    }),
    defineField({
      name: 'description',
      title: 'Description',
      type: 'text',
      rows: 2,
    }),
  ],
  components: {preview: TagPreview},
  preview: {
    select: {title: 'title', id: '_id'},
    prepare({title, id}) {
      return {
        title: (title as string | undefined) || 'Untitled tag',
        // The id, which TagPreview replaces with "Used in N posts".
        subtitle: id as string | undefined,
      }
    },
  },
})
