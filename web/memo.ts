/**
 * A bounded memo for pure renderers: the same arguments (compared by their JSON) give back the text
 * rendered the first time, so a feed read by many readers between two edits is built once. The
 * least recently used entry goes first once `max` are held; nothing is kept by time, because the
 * key is the content itself: an edit changes the arguments, so it can never serve stale text.
 */
export function memoizeByJson<Args extends unknown[], Result>(
  render: (...args: Args) => Result,
  {max}: {max: number},
): (...args: Args) => Result {
  if (!Number.isInteger(max) || max < 1) {
    throw new Error(`[newsroom] memoizeByJson: max must be a positive integer, got ${String(max)}`)
  }
  const held = new Map<string, Result>()
  return (...args) => {
    const key = JSON.stringify(args)
    if (held.has(key)) {
      const result = held.get(key) as Result
      // Map keeps insertion order: re-inserting marks the entry as the most recently used.
      held.delete(key)
      held.set(key, result)
      return result
    }
    const result = render(...args)
    held.set(key, result)
    if (held.size > max) held.delete(held.keys().next().value as string)
    return result
  }
}
