import {useEffect, useMemo, useRef, useState} from 'react'
import {isPublishedId, set, type InputProps, type ObjectInputProps} from 'sanity'

import {isReadTimeCurrent, toReadTimeValue} from '../../../core/read-time/index.ts'
import type {ResolvedReadTimeOptions} from '../options.ts'
import {
  estimatePostReadTime,
  READ_TIME_DEBOUNCE_MS,
  READ_TIME_FIELD,
  READ_TIME_MAX_WAIT_MS,
} from '../readTime.ts'
import {LiveReadTimeContext, type LiveReadTime} from './readTimeContext.ts'
import {ReadTimeSummary} from './ReadTimeSummary.tsx'

type DocumentValue = Record<string, unknown> & {_id?: string}

export interface ReadTimeDocumentInputProps extends ObjectInputProps {
  readTimeOptions: ResolvedReadTimeOptions
}

/**
 * Wraps the whole post form (it sees every field whichever group is shown) and keeps the read
 * time live: after the body or hero image changes, debounced, it re-estimates, shares the figure
 * with the body (see {@link ReadTimeBodyInput}) and, when an edit changed the figure and the
 * stored `readTime` says something else, patches it. Opening a post never writes (the figure has
 * not changed), nor does a published view or a read-only form; a stored figure gone stale with no
 * edit is left to the publish action.
 */
export function ReadTimeDocumentInput(props: ReadTimeDocumentInputProps) {
  const {readTimeOptions, ...inputProps} = props
  const value = inputProps.value as DocumentValue | undefined
  const {bodyField, heroImageField, displayStyle} = readTimeOptions
  const body = value?.[bodyField]
  const hero = heroImageField ? value?.[heroImageField] : undefined

  const [estimate, setEstimate] = useState(() => estimatePostReadTime(value, readTimeOptions))
  // The figure the form shows: a write needs the content to have changed it.
  const shown = useRef(estimate)
  const pendingSince = useRef<number | null>(null)
  // The timer reads the newest props, not the ones of the render that started it.
  const latest = useRef(inputProps)
  latest.current = inputProps

  useEffect(() => {
    const now = Date.now()
    pendingSince.current ??= now
    const wait = Math.min(READ_TIME_DEBOUNCE_MS, pendingSince.current + READ_TIME_MAX_WAIT_MS - now)
    const timer = setTimeout(
      () => {
        pendingSince.current = null
        const {value: current, readOnly, onChange} = latest.current
        const document = current as DocumentValue | undefined
        const next = estimatePostReadTime(document, readTimeOptions)
        // Same figure: a remote patch, a re-render, or the mount itself; nothing to write.
        if (isReadTimeCurrent(toReadTimeValue(shown.current), next)) return
        shown.current = next
        setEstimate(next)
        const onDraft = typeof document?._id === 'string' && !isPublishedId(document._id)
        if (!readOnly && onDraft && !isReadTimeCurrent(document?.[READ_TIME_FIELD], next)) {
          onChange([set(toReadTimeValue(next), [READ_TIME_FIELD])])
        }
      },
      Math.max(0, wait),
    )
    return () => clearTimeout(timer)
  }, [body, hero, readTimeOptions])

  const live = useMemo<LiveReadTime>(() => ({estimate, displayStyle}), [estimate, displayStyle])
  return (
    <LiveReadTimeContext.Provider value={live}>
      {inputProps.renderDefault(inputProps)}
    </LiveReadTimeContext.Provider>
  )
}

/** Wraps the body input: the live figure right under the editor, where the editor is writing. */
export function ReadTimeBodyInput(props: InputProps) {
  return (
    <LiveReadTimeContext.Consumer>
      {(live) => (
        <>
          {props.renderDefault(props)}
          {live && <ReadTimeSummary {...live} />}
        </>
      )}
    </LiveReadTimeContext.Consumer>
  )
}
