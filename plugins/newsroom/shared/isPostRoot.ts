import type {InputProps} from 'sanity'

import {POST_TYPE} from '../../../core/document-types.ts'

/**
 * True when `props` is the input of a whole post document (the form's root), the one place the
 * read time and the Reactions panel wrap. Field inputs, array items and other documents are not.
 */
export function isPostRoot(
  props: Pick<InputProps, 'path' | 'schemaType'>,
  postType: string = POST_TYPE,
): boolean {
  return props.path.length === 0 && props.schemaType.name === postType
}
