import {Text} from '@sanity/ui'
import {useCallback} from 'react'
import {useClient, type PreviewProps} from 'sanity'

import {API_VERSION} from '../../core/api-version.ts'
import {POST_TYPE} from '../../core/document-types.ts'
import {publishedIdOf} from '../../core/ids.ts'
import {useFetch, type FetchState} from '../hooks/useFetch.ts'

/** Published posts that reference the tag (drafts are not counted twice). */
export const TAG_USAGE_QUERY = `count(*[_type == "${POST_TYPE}" && references($id) && !(_id in path("drafts.**"))])`

/** "Used in 3 posts"; while counting, "Counting posts…"; on failure, why. */
export function tagUsageLabel(state: FetchState<number>): string {
  if (state.status === 'error') return `Could not count the posts using this tag: ${state.message}`
  if (state.status !== 'ready') return 'Counting posts…'
  if (state.data === 0) return 'Not used in any post yet'
  return state.data === 1 ? 'Used in 1 post' : `Used in ${state.data} posts`
}

function TagUsageCount({tagId}: {tagId: string}) {
  const client = useClient({apiVersion: API_VERSION})
  const count = useCallback(
    () => client.fetch<number>(TAG_USAGE_QUERY, {id: tagId}, {tag: 'newsroom.tag-usage'}),
    [client, tagId],
  )
  const state = useFetch(count)
  return (
    <Text size={1} muted>
      {tagUsageLabel(state)}
    </Text>
  )
}

/**
 * The tag preview: Sanity's default preview with a subtitle saying how many posts use the tag.
 * Preview `select` cannot count incoming references, so the tag type's `prepare` hands over the tag
 * id as `subtitle` and this component swaps it for a live count.
 */
export function TagPreview(props: PreviewProps) {
  const tagId = typeof props.subtitle === 'string' ? publishedIdOf(props.subtitle) : undefined
  return props.renderDefault({
    ...props,
    subtitle: tagId ? <TagUsageCount tagId={tagId} /> : undefined,
  })
}
