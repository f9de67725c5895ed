/**
 * The read time of a post document under the plugin's options: which fields hold the body and the
 * hero image, the rates, and the words under the figure. Pure, so the Studio components, the
 * publish action and their tests share it.
 */
import {estimateReadTime, type ReadTimeEstimate} from '../../../core/read-time/estimate.ts'
import type {ResolvedReadTimeOptions} from '../options.ts'

/**
 * Quiet time after the post's value last changed before the figure (and the stored value) follow.
 * The body editor already batches keystrokes: it hands them to the form after a 250 ms pause in
 * typing, or once a second while typing on, so this only gathers what arrives together.
 */
export const READ_TIME_DEBOUNCE_MS = 100
/** Longest the figure waits while the editor types without a pause. */
export const READ_TIME_MAX_WAIT_MS = 2000

/** User Timing marks: when the post's content last reached the form, and when the figure followed. */
export const READ_TIME_MARKS = {
  content: 'newsroom:read-time:content',
  figure: 'newsroom:read-time:figure',
} as const

/** Marks a moment for the performance panel and the bench; only the latest of each is kept. */
export function markReadTime(name: (typeof READ_TIME_MARKS)[keyof typeof READ_TIME_MARKS]): void {
  performance.clearMarks(name)
  performance.mark(name)
}

/** The estimate for a post with the plugin's options (its body and, unless turned off, hero). */
export function estimatePostReadTime(
  document: Record<string, unknown> | undefined,
  options: ResolvedReadTimeOptions,
): ReadTimeEstimate {
  const {
    bodyField,
    heroImageField,
    displayStyle: _displayStyle,
    documentTypes: _documentTypes,
    field: _field,
    ...rates
  } = options
  return estimateReadTime(document?.[bodyField], {
    ...rates,
    heroImage: heroImageField ? document?.[heroImageField] : undefined,
  })
}

const count = (value: number, one: string, many: string) =>
  `${value.toLocaleString('en-US')} ${value === 1 ? one : many}`

/** "1,501 words · 1 image", plus CJK characters and lines of code when there are any. */
export function readTimeDetails(estimate: ReadTimeEstimate): string {
  const parts = [count(estimate.words, 'word', 'words')]
  if (estimate.characters > 0) parts.push(count(estimate.characters, 'character', 'characters'))
  parts.push(count(estimate.images, 'image', 'images'))
  if (estimate.codeLines > 0) parts.push(count(estimate.codeLines, 'line of code', 'lines of code'))
  return parts.join(' · ')
}
