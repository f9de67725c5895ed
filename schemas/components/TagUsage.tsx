import {Text} from '@sanity/ui'
import {useEffect, useState} from 'react'
import {useClient, type PreviewProps} from 'sanity'

import {API_VERSION} from '../../core/api-version.ts'
import {publishedIdOf} from '../../core/ids.ts'

/** Published posts that reference the tag (drafts are not counted twice). */
export const TAG_USAGE_QUERY =
  'count(*[_type == "post" && references($id) && !(_id in path("drafts.**"))])'

/** "Used in 3 posts" */
export function tagUsageLabel(count: number | undefined): string {
  if (count === undefined) return 'Counting posts…'
  if (count === 0) return 'Not used in any post yet'
  return count === 1 ? 'Used in 1 post' : `Used in ${count} posts`
}

function TagUsageCount({tagId}: {tagId: string}) {
  const client = useClient({apiVersion: API_VERSION})
  const [count, setCount] = useState<number | undefined>(undefined)
  useEffect(() => {
    let active = true
    client
      .fetch<number>(TAG_USAGE_QUERY, {id: tagId}, {tag: 'newsroom.tag-usage'})
      .then((value) => active && setCount(value))
      .catch(() => active && setCount(undefined))
    return () => {
      active = false
    }
  }, [client, tagId])
  return (
    <Text size={1} muted>
      {tagUsageLabel(count)}
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
