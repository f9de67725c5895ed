import {Stack} from '@sanity/ui'
import type {ComponentType} from 'react'
import type {InputProps} from 'sanity'

import {publishedIdOf} from '../../../../core/ids.ts'
import type {ReactionKind} from '../../../../core/reaction-kinds.ts'
import {isPostRoot} from '../../shared/isPostRoot.ts'
import {LiveReactionsPanel} from './ReactionsPanel.tsx'

/**
 * A form input decorator: above the fields of a post, its live Reactions panel; every other input
 * renders as it would without the plugin.
 */
export function createPostReactionsInput(options: {
  kinds: readonly ReactionKind[]
  dataset?: string | undefined
  /** The document type readers react to. */
  documentType?: string
}): ComponentType<InputProps> {
  return function PostReactionsInput(props: InputProps) {
    if (!isPostRoot(props, options.documentType)) return props.renderDefault(props)
    const id = (props.value as {_id?: unknown} | undefined)?._id
    const postId = typeof id === 'string' ? publishedIdOf(id) : undefined
    if (!postId) return props.renderDefault(props)
    return (
      <Stack gap={5}>
        <LiveReactionsPanel postId={postId} kinds={options.kinds} dataset={options.dataset} />
        {props.renderDefault(props)}
      </Stack>
    )
  }
}
