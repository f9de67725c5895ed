import type {ComponentType} from 'react'
import type {InputProps, ObjectInputProps} from 'sanity'

import {ReadTimeBodyInput, ReadTimeDocumentInput} from './ReadTimeDocumentInput.tsx'
import type {ResolvedReadTimeOptions} from '../../options.ts'
import {isPostRoot} from '../../shared/isPostRoot.ts'

/** The form input: the read-time wrappers on a post and its body, the default everywhere else. */
export function createReadTimeInput(readTime: ResolvedReadTimeOptions): ComponentType<InputProps> {
  return function ReadTimeInput(props: InputProps) {
    if (isPostRoot(props, readTime.documentTypes)) {
      return <ReadTimeDocumentInput {...(props as ObjectInputProps)} readTimeOptions={readTime} />
    }
    if (props.path.length === 1 && props.path[0] === readTime.bodyField) {
      return <ReadTimeBodyInput {...props} />
    }
    return props.renderDefault(props)
  }
}
