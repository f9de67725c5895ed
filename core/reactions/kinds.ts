import type {ReactionKind} from '../reaction-kinds.ts'

/** A kind's `name` is a field name in the tally's `counts`. */
const KIND_NAME = /^[a-z][a-zA-Z0-9_]*$/

/** Why `kinds` cannot be the reaction kinds, or undefined when they can. */
export function reactionKindsProblem(kinds: unknown): string | undefined {
  if (!Array.isArray(kinds) || kinds.length === 0) {
    return 'must be a non-empty array of {name, title, emoji?}'
  }
  const names = new Set<string>()
  for (const kind of kinds as unknown[]) {
    const name = (kind as Partial<ReactionKind> | null)?.name
    if (typeof name !== 'string' || !KIND_NAME.test(name)) {
      return `has the name "${String(name)}": start with a lower-case letter, use only letters, digits and _`
    }
    if (names.has(name)) return `has the name "${name}" twice`
    names.add(name)
  }
  return undefined
}
