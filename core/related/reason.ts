/** The "why was this suggested" line of a related-post suggestion. */

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
const MONTH = 30 * DAY
const YEAR = 365 * DAY

/** Largest unit first; a duration reads in the largest unit it fills at least once. */
const UNITS: ReadonlyArray<readonly [number, string]> = [
  [YEAR, 'year'],
  [MONTH, 'month'],
  [DAY, 'day'],
  [HOUR, 'hour'],
  [MINUTE, 'minute'],
]

/** "1 shared tag", "3 shared tags", "No shared tags". */
export function formatSharedTags(count: number): string {
  if (count <= 0) return 'No shared tags'
  return count === 1 ? '1 shared tag' : `${count} shared tags`
}

/** A distance in time, rounded down to its largest unit: "1 day", "3 hours", "under a minute". */
export function formatDistance(ms: number): string {
  const abs = Math.abs(ms)
  for (const [size, unit] of UNITS) {
    if (abs >= size) {
      const count = Math.floor(abs / size)
      return `${count} ${unit}${count === 1 ? '' : 's'}`
    }
  }
  return 'under a minute'
}

/**
 * "2 shared tags · 1 day older". The time part is left out when either post has no publish date,
 * and reads "same publish time" for equal dates.
 */
export function formatRelatedReason(
  sharedTags: number,
  distance?: {side: 'older' | 'newer'; ms: number},
): string {
  const tags = formatSharedTags(sharedTags)
  if (!distance) return tags
  if (distance.ms === 0) return `${tags} · same publish time`
  return `${tags} · ${formatDistance(distance.ms)} ${distance.side}`
}
