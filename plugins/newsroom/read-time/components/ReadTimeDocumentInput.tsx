import {
  useContext,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react'
import {isPublishedId, set, type InputProps, type ObjectInputProps} from 'sanity'

import {isReadTimeCurrent, toReadTimeValue} from '../../../../core/read-time/value.ts'
import type {ResolvedReadTimeOptions} from '../../options.ts'
import {
  estimatePostReadTime,
  markReadTime,
  READ_TIME_DEBOUNCE_MS,
  READ_TIME_MARKS,
  READ_TIME_MAX_WAIT_MS,
} from '../estimatePostReadTime.ts'
import {
  createLiveReadTimeStore,
  LiveReadTimeContext,
  type LiveReadTime,
} from './LiveReadTimeContext.ts'
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

  const [store] = useState(() =>
    createLiveReadTimeStore(estimatePostReadTime(value, readTimeOptions)),
  )
  const pendingSince = useRef<number | null>(null)
  const pendingWrite = useRef<{frame?: number; timer?: ReturnType<typeof setTimeout>}>({})
  // The timers read the newest props, not the ones of the render that started them; the ref
  // follows the props once a render is committed (never written during render).
  const latest = useRef(inputProps)
  useLayoutEffect(() => {
    latest.current = inputProps
  })

  useEffect(() => {
    markReadTime(READ_TIME_MARKS.content)
    const now = Date.now()
    const since = pendingSince.current ?? now
    pendingSince.current = since
    const wait = Math.min(READ_TIME_DEBOUNCE_MS, since + READ_TIME_MAX_WAIT_MS - now)
    const timer = setTimeout(
      () => {
        pendingSince.current = null
        const next = estimatePostReadTime(latest.current.value as DocumentValue, readTimeOptions)
        // Same figure: a remote patch, a re-render, or the mount itself; nothing to write.
        if (isReadTimeCurrent(toReadTimeValue(store.get()), next)) return
        store.set(next)
        markReadTime(READ_TIME_MARKS.figure)
        // The patch sets the whole form working: send it once the new figure is on screen.
        const pending = pendingWrite.current
        cancelAnimationFrame(pending.frame ?? 0)
        clearTimeout(pending.timer)
        pending.frame = requestAnimationFrame(() => {
          pending.timer = setTimeout(() => {
            const {value: current, readOnly, onChange} = latest.current
            const document = current as DocumentValue | undefined
            const onDraft = typeof document?._id === 'string' && !isPublishedId(document._id)
            if (
              !readOnly &&
              onDraft &&
              !isReadTimeCurrent(document?.[readTimeOptions.field], next)
            ) {
              onChange([set(toReadTimeValue(next), [readTimeOptions.field])])
            }
          }, 0)
        })
      },
      Math.max(0, wait),
    )
    return () => clearTimeout(timer)
  }, [body, hero, readTimeOptions, store])

  // A form that closes drops its last write: the publish action fixes what it missed.
  useEffect(() => {
    const pending = pendingWrite.current
    return () => {
      cancelAnimationFrame(pending.frame ?? 0)
      clearTimeout(pending.timer)
    }
  }, [])

  const live = useMemo<LiveReadTime>(() => ({store, displayStyle}), [store, displayStyle])
  return (
    <LiveReadTimeContext.Provider value={live}>
      {inputProps.renderDefault(inputProps)}
    </LiveReadTimeContext.Provider>
  )
}

function LiveReadTimeSummary({store, displayStyle}: LiveReadTime) {
  const estimate = useSyncExternalStore(store.subscribe, store.get)
  return <ReadTimeSummary estimate={estimate} displayStyle={displayStyle} />
}

/** Wraps the body input: the live figure right under the editor, where the editor is writing. */
export function ReadTimeBodyInput(props: InputProps) {
  const live = useContext(LiveReadTimeContext)
  return (
    <>
      {props.renderDefault(props)}
      {live && <LiveReadTimeSummary {...live} />}
    </>
  )
}
