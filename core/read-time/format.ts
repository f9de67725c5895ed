/** The stored value of a `readTime` field. */
export interface ReadTimeValue {
  seconds?: number
  words?: number
  images?: number
  wordsPerMinute?: number
}

/** "7 min 39 s", as the post preview shows it; '' when unknown. */
export function formatReadTime(value: ReadTimeValue | undefined): string {
  const total = value?.seconds
  if (typeof total !== 'number' || !Number.isFinite(total) || total < 0) return ''
  const rounded = Math.round(total)
  const minutes = Math.floor(rounded / 60)
  const seconds = rounded % 60
  if (minutes === 0) return `${seconds} s read`
  return seconds === 0 ? `${minutes} min read` : `${minutes} min ${seconds} s read`
}
