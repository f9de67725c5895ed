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

/** What the taxonomy's documents are called, one and several: `tag`/`tags`, `category`/`categories`. */
export interface TaxonomyNoun {
  one: string
  other: string
}

/** Our content model's taxonomy. */
export const TAGS_NOUN: Readonly<TaxonomyNoun> = {one: 'tag', other: 'tags'}

/**
 * The noun for a taxonomy field, from its name: `categories` → category/categories, `sections` →
 * section/sections, `postTags` → post tag/post tags. A name that is not an English plural is used
 * as it is for both.
 */
export function taxonomyNoun(field: string): TaxonomyNoun {
  const other = field
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/_+/g, ' ')
    .trim()
    .toLowerCase()
  const one = other.endsWith('ies')
    ? `${other.slice(0, -3)}y`
    : /(ss|x|ch|sh)es$/.test(other)
      ? other.slice(0, -2)
      : /[^su]s$/.test(other)
        ? other.slice(0, -1)
        : other
  return {one, other}
}

/** "1 shared tag", "3 shared tags", "No shared tags" (or the taxonomy's own noun). */
export function formatSharedTags(count: number, noun: Readonly<TaxonomyNoun> = TAGS_NOUN): string {
  if (count <= 0) return `No shared ${noun.other}`
  return count === 1 ? `1 shared ${noun.one}` : `${count} shared ${noun.other}`
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
  noun: Readonly<TaxonomyNoun> = TAGS_NOUN,
): string {
  const tags = formatSharedTags(sharedTags, noun)
  if (!distance) return tags
  if (distance.ms === 0) return `${tags} · same publish time`
  return `${tags} · ${formatDistance(distance.ms)} ${distance.side}`
}
