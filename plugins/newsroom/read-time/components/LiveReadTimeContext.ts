import {createContext} from 'react'

import type {ReadTimeEstimate} from '../../../../core/read-time/estimate.ts'
import type {ReadTimeStyle} from '../../../../core/read-time/format.ts'

/**
 * The live figure of the post being edited. A store rather than React state in the form: a new
 * figure re-renders the line that shows it, not the whole form around the editor.
 */
export interface LiveReadTimeStore {
  get(): ReadTimeEstimate
  set(estimate: ReadTimeEstimate): void
  subscribe(listener: () => void): () => void
}

export function createLiveReadTimeStore(initial: ReadTimeEstimate): LiveReadTimeStore {
  let current = initial
  const listeners = new Set<() => void>()
  return {
    get: () => current,
    set(estimate) {
      current = estimate
      for (const listener of listeners) listener()
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}

/** What a post form shares with its body input. */
export interface LiveReadTime {
  store: LiveReadTimeStore
  displayStyle: ReadTimeStyle
}

export const LiveReadTimeContext = createContext<LiveReadTime | null>(null)
