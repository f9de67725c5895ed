import {useEffect, useMemo, useRef, useState} from 'react'
import {isPublishedId, set, type InputProps, type ObjectInputProps} from 'sanity'

import {isReadTimeCurrent, toReadTimeValue} from '../../../core/read-time/index.ts'
import type {ResolvedReadTimeOptions} from '../options.ts'
import {estimatePostReadTime, READ_TIME_FIELD} from '../readTime.ts'
import {LiveReadTimeContext, type LiveReadTime} from './readTimeContext.ts'
import {ReadTimeSummary} from './ReadTimeSummary.tsx'

/** Quiet time after the last keystroke before the figure (and the stored value) follow. */
export const READ_TIME_DEBOUNCE_MS = 300
/** Longest the figure waits while the editor types without a pause. */
export const READ_TIME_MAX_WAIT_MS = 2000

type DocumentValue = Record<string, unknown> & {_id?: string}

export interface ReadTimeDocumentInputProps extends ObjectInputProps {
  readTimeOptions: ResolvedReadTimeOptions
}

/**
 * Wraps the whole post form (it sees every field whichever group is shown) and keeps the read
 * time live: after the body or hero image changes, debounced, it re-estimates, shares the figure
 * with the body (see {@link ReadTimeBodyInput}) and, if the stored `readTime` says something else,
 * patches it. Opening a post never writes: only a change of the content after mount does, and
 * only on a draft the editor may change (a published view, or one being discarded, stays as is).
 */
export function ReadTimeDocumentInput(props: ReadTimeDocumentInputProps) {
  const {readTimeOptions, ...inputProps} = props
  const value = inputProps.value as DocumentValue | undefined
  const {bodyField, heroImageField, displayStyle} = readTimeOptions
  const body = value?.[bodyField]
  const hero = heroImageField ? value?.[heroImageField] : undefined

  const [estimate, setEstimate] = useState(() => estimatePostReadTime(value, readTimeOptions))
  // What the form showed on mount: content with this identity is no edit.
  const mounted = useRef({body, hero})
  const pendingSince = useRef<number | null>(null)
  // The timer reads the newest props, not the ones of the render that started it.
  const latest = useRef(inputProps)
  latest.current = inputProps

  useEffect(() => {
    if (body === mounted.current.body && hero === mounted.current.hero) return
    const now = Date.now()
    pendingSince.current ??= now
    const wait = Math.min(READ_TIME_DEBOUNCE_MS, pendingSince.current + READ_TIME_MAX_WAIT_MS - now)
    const timer = setTimeout(
      () => {
        pendingSince.current = null
        const {value: current, readOnly, onChange} = latest.current
        const document = current as DocumentValue | undefined
        const next = estimatePostReadTime(document, readTimeOptions)
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
