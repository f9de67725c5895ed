/** Counts per reaction kind name, e.g. `{happy: 3, sad: 1}`. */
export type ReactionCounts = Record<string, number>

/**
 * Each count's share of the total as whole numbers that sum to exactly 100 (largest remainder
 * method); every share is 0 when there are no votes. Rounding up goes first to the largest
 * remainders, then to the larger count, then to the kind listed first.
 *
 * ```ts
 * toPercentages({happy: 1, sad: 1, excited: 1}) // {happy: 34, sad: 33, excited: 33}
 * ```
 *
 * @throws RangeError when a count is not a non-negative whole number.
 */
export function toPercentages(counts: Readonly<ReactionCounts>): ReactionCounts {
  const entries = Object.entries(counts)
  for (const [name, count] of entries) {
    if (!Number.isSafeInteger(count) || count < 0) {
      throw new RangeError(`Count of "${name}" must be a non-negative whole number, got ${count}`)
    }
  }
  const total = entries.reduce((sum, [, count]) => sum + count, 0)
  if (total === 0) return Object.fromEntries(entries.map(([name]) => [name, 0]))

  // Integer arithmetic throughout: count * 100 = share * total + remainder.
  const shares = entries.map(([name, count], order) => ({
    name,
    count,
    order,
    share: Math.floor((count * 100) / total),
    remainder: (count * 100) % total,
  }))
  let missing = 100 - shares.reduce((sum, entry) => sum + entry.share, 0)
  const byRemainder = [...shares].sort(
    (a, b) => b.remainder - a.remainder || b.count - a.count || a.order - b.order,
  )
  for (const entry of byRemainder) {
    if (missing === 0) break
    entry.share += 1
    missing -= 1
  }
  return Object.fromEntries(shares.map((entry) => [entry.name, entry.share]))
}
