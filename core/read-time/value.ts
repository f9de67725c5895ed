import type {ReadTimeEstimate} from './estimate.ts'

/** The stored value of a post's `readTime` field (the `readTime` schema type). */
export interface ReadTimeValue {
  _type?: 'readTime'
  seconds?: number
  words?: number
  /** Chinese and Japanese characters and Hangul syllables. */
  characters?: number
  images?: number
  wordsPerMinute?: number
}

/** The figures of an estimate that a post stores, in the shape of the `readTime` type. */
export function toReadTimeValue(estimate: ReadTimeEstimate): Required<ReadTimeValue> {
  return {
    _type: 'readTime',
    seconds: estimate.seconds,
    words: estimate.words,
    characters: estimate.characters,
    images: estimate.images,
    wordsPerMinute: estimate.wordsPerMinute,
  }
}

/**
 * Whether a stored read time already says what `estimate` says. Anything missing, or stored
 * under a different figure, is stale; fields the estimate does not store are ignored.
 */
export function isReadTimeCurrent(stored: unknown, estimate: ReadTimeEstimate): boolean {
  if (typeof stored !== 'object' || stored === null) return false
  const value = stored as Record<string, unknown>
  const expected = toReadTimeValue(estimate)
  return (Object.keys(expected) as Array<keyof ReadTimeValue>).every(
    (key) => value[key] === expected[key],
  )
}
