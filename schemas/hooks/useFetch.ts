/**
 * The one data hook of the Studio components (the schemas' previews and the plugin's inputs): runs
 * an async load and says where it is, so a failed query shows as an error instead of a spinner that
 * never stops or an empty list that looks like "nothing found". Lives in schemas/ because the
 * plugin may import the schemas, not the other way round.
 */
import {useEffect, useState} from 'react'

/** Loads data; memoize it (`useCallback`): a new function is a new load. */
export type Loader<T> = () => Promise<T>

/**
 * Where a load is: `idle` without a loader, `loading` (with the previous load's data, if any, so a
 * list can stay on screen while it refreshes), `ready` with the data, or `error` with the message.
 */
export type FetchState<T> =
  | {status: 'idle'}
  | {status: 'loading'; previous?: T}
  | {status: 'ready'; data: T}
  | {status: 'error'; message: string}

type Settled<T> = Extract<FetchState<T>, {status: 'ready' | 'error'}>

function messageOf(error: unknown): string {
  if (error instanceof Error && error.message) return error.message
  return typeof error === 'string' && error ? error : 'unknown error'
}

/**
 * The state of `load()`: run on mount and whenever `load` changes; an answer that arrives after a
 * newer load started, or after unmount, is dropped. Pass `undefined` to load nothing.
 */
export function useFetch<T>(load: Loader<T> | undefined): FetchState<T> {
  const [settled, setSettled] = useState<{load: Loader<T>; state: Settled<T>} | null>(null)
  useEffect(() => {
    if (!load) return undefined
    let active = true
    load().then(
      (data) => active && setSettled({load, state: {status: 'ready', data}}),
      (error: unknown) =>
        active && setSettled({load, state: {status: 'error', message: messageOf(error)}}),
    )
    return () => {
      active = false
    }
  }, [load])
  if (!load) return {status: 'idle'}
  // The settled state belongs to an older load: this one is still on its way.
  if (settled?.load === load) return settled.state
  return settled?.state.status === 'ready'
    ? {status: 'loading', previous: settled.state.data}
    : {status: 'loading'}
}

/** The data of a state, or of the load before it while loading; undefined otherwise. */
export function fetchedData<T>(state: FetchState<T>): T | undefined {
  if (state.status === 'ready') return state.data
  return state.status === 'loading' ? state.previous : undefined
}
