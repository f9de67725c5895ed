/** How a read time is written: the old site's words, Medium's rounded minutes, or a clock. */
export type ReadTimeStyle = 'long' | 'short' | 'clock'

/** Every {@link ReadTimeStyle}, for validating options. */
export const READ_TIME_STYLES: readonly ReadTimeStyle[] = ['long', 'short', 'clock']

/** Options of {@link formatReadTime}. */
export interface FormatReadTimeOptions {
  /**
   * `long`: "7 Minute, 39 Second", the old site's wording. `short`: "8 min read", as Medium.
   * `clock`: "7:39".
   * @defaultValue 'long'
   */
  style?: ReadTimeStyle
}

const pad = (value: number) => String(value).padStart(2, '0')

/** The old site's "Read Time" wording: its unit labels, and no "0 Minute" or "0 Second" part. */
function long(total: number): string {
  const minutes = Math.floor(total / 60)
  const seconds = total % 60
  if (minutes === 0) return `${seconds} Second`
  return seconds === 0 ? `${minutes} Minute` : `${minutes} Minute, ${seconds} Second`
}

/** Medium's "8 min read": whole minutes, at least 1 for anything that takes time at all. */
function short(total: number): string {
  const minutes = total === 0 ? 0 : Math.max(1, Math.round(total / 60))
  return `${minutes} min read`
}

/** "7:39", "0:05", and "1:02:05" from an hour on. */
function clock(total: number): string {
  const hours = Math.floor(total / 3600)
  const minutes = Math.floor((total % 3600) / 60)
  const seconds = total % 60
  return hours > 0 ? `${hours}:${pad(minutes)}:${pad(seconds)}` : `${minutes}:${pad(seconds)}`
}

const FORMATTERS: Record<ReadTimeStyle, (total: number) => string> = {long, short, clock}

/**
 * Writes a read time in seconds for people, rounded to the second.
 *
 * ```ts
 * formatReadTime(459)                    // '7 Minute, 39 Second'
 * formatReadTime(459, {style: 'short'})  // '8 min read'
 * formatReadTime(459, {style: 'clock'})  // '7:39'
 * ```
 *
 * Returns '' when `seconds` is missing, negative or not a finite number, so a caller can leave
 * the figure out.
 */
export function formatReadTime(
  seconds: number | undefined,
  options: FormatReadTimeOptions = {},
): string {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) return ''
  const format = FORMATTERS[options?.style ?? 'long'] ?? long
  return format(Math.round(seconds))
}
