import {Text} from '@sanity/ui'
import {useEffect, useState} from 'react'
import {useClient, type PreviewProps} from 'sanity'

import {API_VERSION} from '../../core/api-version.ts'
import {POST_TYPE} from '../../core/document-types.ts'
import {publishedIdOf} from '../../core/ids.ts'

/** Published posts that reference the tag (drafts are not counted twice). */
export const TAG_USAGE_QUERY = `count(*[_type == "${POST_TYPE}" && references($id) && !(_id in path("drafts.**"))])`

/** What the count shows: still counting, a count, or a failure to count. */
export type TagUsageState =
  {status: 'counting'} | {status: 'counted'; count: number} | {status: 'failed'}

/** "Used in 3 posts" */
export function tagUsageLabel(state: TagUsageState): string {
  if (state.status === 'counting') return 'Counting posts…'
  if (state.status === 'failed') return 'Could not count the posts using this tag'
  if (state.count === 0) return 'Not used in any post yet'
  return state.count === 1 ? 'Used in 1 post' : `Used in ${state.count} posts`
}

function TagUsageCount({tagId}: {tagId: string}) {
  const client = useClient({apiVersion: API_VERSION})
  const [state, setState] = useState<TagUsageState>({status: 'counting'})
  useEffect(() => {
    let active = true
    setState({status: 'counting'})
    client
      .fetch<number>(TAG_USAGE_QUERY, {id: tagId}, {tag: 'newsroom.tag-usage'})
      .then((count) => active && setState({status: 'counted', count}))
      .catch(() => active && setState({status: 'failed'}))
    return () => {
      active = false
    }
  }, [client, tagId])
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
