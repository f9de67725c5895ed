import {createContext, useContext} from 'react'

import type {ReadTimeEstimate, ReadTimeStyle} from '../../../core/read-time/index.ts'

/** The live read time of the post being edited, shared by its document input with the body. */
export interface LiveReadTime {
  estimate: ReadTimeEstimate
  displayStyle: ReadTimeStyle
}

export const LiveReadTimeContext = createContext<LiveReadTime | null>(null)

/** The live read time, or null outside a post form. */
export function useLiveReadTime(): LiveReadTime | null {
  return useContext(LiveReadTimeContext)
}
