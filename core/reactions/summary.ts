/**
 * A post's tally as readers and editors see it: counts per kind, whole percentages, the total,
 * the kind with most votes, and the "No reactions yet / 1 reaction / 1,234 reactions" label. The
 * Studio's panel and tally preview, the reaction API and the reader site all use these, so they
 * never word or count a tally differently.
 */
import {tallyCounts} from './documents.ts'
import {toPercentages, type ReactionCounts} from './percentages.ts'

/** What a tally amounts to. */
export interface TallySummary<Kind extends {name: string} = {name: string}> {
  /** Votes per kind, every kind present (0 for missing or invalid stored values). */
  counts: ReactionCounts
  /** Whole percentages per kind that sum to 100 (all 0 with no votes). */
  percentages: ReactionCounts
  /** Number of readers with a reaction. */
  total: number
  /** The kind with most votes (the first listed on a tie), or undefined with no votes. */
  top: Kind | undefined
}

/** Summarises stored `counts` (a tally document's, possibly missing or malformed) for `kinds`. */
export function summarizeTally<Kind extends {name: string}>(
  counts: Readonly<Record<string, unknown>> | null | undefined,
  kinds: readonly Kind[],
): TallySummary<Kind> {
  const known = tallyCounts(
    counts,
    kinds.map((kind) => kind.name),
  )
  let total = 0
  let top: Kind | undefined
  for (const kind of kinds) {
    const count = known[kind.name] ?? 0
    total += count
    if (count > (top ? (known[top.name] ?? 0) : 0)) top = kind
  }
  return {counts: known, percentages: toPercentages(known), total, top}
}

/** "No reactions yet", "1 reaction", "1,234 reactions". */
export function reactionTotalLabel(total: number): string {
  if (total === 0) return 'No reactions yet'
  return total === 1 ? '1 reaction' : `${total.toLocaleString('en')} reactions`
}
