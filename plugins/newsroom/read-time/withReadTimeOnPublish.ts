import {useDocumentOperation, type DocumentActionComponent} from 'sanity'

import {isReadTimeCurrent, toReadTimeValue} from '../../../core/read-time/value.ts'
import type {ResolvedReadTimeOptions} from '../options.ts'
import {estimatePostReadTime} from './estimatePostReadTime.ts'

/**
 * Wraps the publish action so a post is never published with a stale read time: when the draft's
 * stored figure does not match its body (an edit published before the debounce ran, a post from an
 * import), the fix is patched onto the draft first. Publishing commits pending patches and waits
 * for the lake to acknowledge them before it publishes, so the fix lands in the same publish.
 */
export function withReadTimeOnPublish(
  publishAction: DocumentActionComponent,
  options: ResolvedReadTimeOptions,
): DocumentActionComponent {
  const ReadTimePublishAction: DocumentActionComponent = (props) => {
    // A document action is a hook: the wrapped one runs on every render, as Sanity calls it.
    const description = publishAction(props)
    const {patch} = useDocumentOperation(props.id, props.type)
    if (!description) return description
    const draft = props.draft as Record<string, unknown> | null
    return {
      ...description,
      onHandle: () => {
        if (draft) {
          const estimate = estimatePostReadTime(draft, options)
          if (!isReadTimeCurrent(draft[options.field], estimate)) {
            patch.execute([{set: {[options.field]: toReadTimeValue(estimate)}}])
          }
        }
        description.onHandle?.()
      },
    }
  }
  ReadTimePublishAction.action = publishAction.action
  ReadTimePublishAction.displayName = `ReadTime(${publishAction.displayName ?? 'PublishAction'})`
  return ReadTimePublishAction
}
