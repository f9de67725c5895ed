import type {InputProps} from 'sanity'

import {POST_TYPE} from '../../../core/document-types.ts'

/**
 * True when `props` is the input of a whole post document (of the type, or one of the types, given) (the form's root), the one place the
 * read time and the Reactions panel wrap. Field inputs, array items and other documents are not.
 */
export function isPostRoot(
  props: Pick<InputProps, 'path' | 'schemaType'>,
  postTypes: string | readonly string[] = POST_TYPE,
): boolean {
  if (props.path.length !== 0) return false
  return typeof postTypes === 'string'
    ? props.schemaType.name === postTypes
    : postTypes.includes(props.schemaType.name)
}
