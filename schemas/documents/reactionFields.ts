import {defineField} from 'sanity'

import {POST_TYPE} from '../../core/document-types.ts'

/**
 * The post a tally or voter record belongs to. Weak: thousands of reaction documents must not keep
 * a post from being unpublished or deleted.
 */
export function defineReactionPostField(postType: string = POST_TYPE) {
  return defineField({
    name: 'post',
    title: 'Post',
    type: 'reference',
    to: [{type: postType}],
    weak: true,
  })
}

/** When the reaction API last wrote the document. */
export const reactionUpdatedAtField = defineField({
  name: 'updatedAt',
  title: 'Updated at',
  type: 'datetime',
})
