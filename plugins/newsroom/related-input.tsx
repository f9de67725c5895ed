import {Flex, Spinner} from '@sanity/ui'
import {lazy, Suspense, type ComponentType} from 'react'
import {useFormValue, type InputProps} from 'sanity'

import type {PostLinkField, ReciprocalLinkMode, StoredReference} from '../../core/related/types.ts'
import type {RelatedPostInputProps} from './components/RelatedPostInput.tsx'

// The picker loads only when a post's link field is first shown.
const RelatedPostInput = lazy(async () => ({
  default: (await import('./components/RelatedPostInput.tsx')).RelatedPostInput,
})) as ComponentType<RelatedPostInputProps>

/** `previous` or `next` when `props` is that top-level field, else undefined. */
export function postLinkFieldOf(props: Pick<InputProps, 'path'>): PostLinkField | undefined {
  if (props.path.length !== 1) return undefined
  const [name] = props.path
  return name === 'previous' || name === 'next' ? name : undefined
}

/** The picker for a post's link field; any other document's field of that name keeps its input. */
function PostLinkInput(props: InputProps & {field: PostLinkField; reciprocal: ReciprocalLinkMode}) {
  const {field, reciprocal, ...inputProps} = props
  const documentType = useFormValue(['_type'])
  if (documentType !== 'post') return inputProps.renderDefault(inputProps)
  return (
    <Suspense
      fallback={
        <Flex justify="center" padding={3}>
          <Spinner muted />
        </Flex>
      }
    >
      <RelatedPostInput
        field={field}
        value={inputProps.value as StoredReference | undefined}
        onChange={inputProps.onChange}
        readOnly={inputProps.readOnly}
        reciprocal={reciprocal}
      />
    </Suspense>
  )
}

/**
 * The plugin's `form.components.input`: the related-post picker for `post.previous` and
 * `post.next`, Sanity's own input everywhere else.
 */
export function createRelatedPostsInput(reciprocal: ReciprocalLinkMode): ComponentType<InputProps> {
  return function NewsroomInput(props: InputProps) {
    const field = postLinkFieldOf(props)
    if (!field) return props.renderDefault(props)
    return <PostLinkInput {...props} field={field} reciprocal={reciprocal} />
  }
}
