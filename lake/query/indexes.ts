/**
 * The indexes a perspective view builds lazily for the planner, beyond equality lookups:
 *
 * - an ordered index per attribute path: the view's documents sorted the way GROQ's `order()`
 *   sorts that attribute (groq-js' `totalCompare`: numbers, then strings, then booleans, then
 *   everything else, null, missing, objects and arrays, as one tie), ties kept in dataset order;
 * - a text index: every token (as groq-js' `match` tokenizes) of every string in a document, so
 *   `match` patterns narrow to the documents that hold a matching token;
 * - a references index: the `_ref` values `references()` looks at.
 *
 * Each answers with candidates, a superset of the documents that pass: the filter expression still
 * runs on every candidate, so an index can narrow a read but never change its result.
 */
import {DateTime} from 'groq-js'
import type {LakeDocument} from '../types.ts'

/** Where a value sorts among GROQ's types in `order()`: groq-js' `TYPE_ORDER`, others last. */
export type TypeRank = 2 | 3 | 4 | 100
const NUMBER: TypeRank = 2
const STRING: TypeRank = 3
const BOOLEAN: TypeRank = 4
/** null, missing, objects and arrays: one group, equal to each other. */
export const OTHER: TypeRank = 100

export function typeRank(value: unknown): TypeRank {
  switch (typeof value) {
    case 'number':
      return NUMBER
    case 'string':
      return STRING
    case 'boolean':
      return BOOLEAN
    default:
      return OTHER
  }
}

/** groq-js' `totalCompare` for JSON values (documents hold no datetime values). */
export function compareValues(a: unknown, b: unknown): number {
  const ra = typeRank(a)
  const rb = typeRank(b)
  if (ra !== rb) return ra - rb
  if (ra === STRING)
    return (a as string) < (b as string) ? -1 : (a as string) > (b as string) ? 1 : 0
  if (ra === NUMBER || ra === BOOLEAN) return Number(a) - Number(b)
  return 0
}

/** The value at a dotted path, as GROQ's attribute access reads it (arrays have no attributes). */
export function valueAt(doc: unknown, segments: readonly string[]): unknown {
  let value = doc
  for (const segment of segments) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined
    value = (value as Record<string, unknown>)[segment]
  }
  return value
}

/**
 * What an ordered index sorts by: the attribute's value (`order(publishedAt)`), or the instant
 * `dateTime()` reads from it (`order(dateTime(publishedAt))`, the Studio's date orderings).
 */
export type OrderKey = 'value' | 'dateTime'

/**
 * `dateTime(value)` as groq-js computes it, as a number that sorts the same: the instant in ms for
 * an RFC 3339 string, undefined (null: sorts last, with everything else) for anything else, NaN
 * where groq-js would hold an invalid date (whose comparisons no index can reproduce).
 */
export function dateTimeKey(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined
  const parsed = DateTime.parseToValue(value)
  return parsed.type === 'datetime' ? (parsed.data as DateTime).date.getTime() : undefined
}

/** A half-open range `[lo, hi)` of slots in an ordered index. */
export interface SlotRange {
  lo: number
  hi: number
}

/** A view's documents in `order()` order of one attribute. */
export class OrderIndex {
  /** View positions, sorted by the attribute's value, then by position. */
  readonly slots: Int32Array
  /** The attribute's value at each slot. */
  readonly keys: unknown[]
  /** Tie group of each slot: consecutive slots share a number when their values compare equal. */
  readonly groups: Int32Array
  /** Whether some value is an object or an array (else the last group holds only null/missing). */
  readonly composite: boolean
  /** False when some key cannot be ordered as groq-js would (an invalid `dateTime()`). */
  readonly usable: boolean

  constructor(docs: readonly LakeDocument[], path: string, key: OrderKey = 'value') {
    const segments = path.split('.')
    const values = docs.map((doc) => {
      const value = valueAt(doc, segments)
      return key === 'dateTime' ? dateTimeKey(value) : value
    })
    this.usable = !values.some((value) => Number.isNaN(value))
    const order = Array.from(docs, (_, i) => i)
    order.sort((a, b) => compareValues(values[a], values[b]) || a - b)
    this.slots = Int32Array.from(order)
    this.keys = order.map((i) => values[i])
    this.groups = new Int32Array(order.length)
    let group = 0
    for (let slot = 1; slot < order.length; slot++) {
      if (compareValues(this.keys[slot - 1], this.keys[slot]) !== 0) group++
      this.groups[slot] = group
    }
    this.composite = values.some((value) => typeof value === 'object' && value !== null)
  }

  get size(): number {
    return this.slots.length
  }

  /** First slot whose value sorts at or after `value` (`strict`: strictly after). */
  bound(value: unknown, strict: boolean): number {
    let lo = 0
    let hi = this.keys.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      const c = compareValues(this.keys[mid], value)
      if (c < 0 || (strict && c === 0)) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  /** The slots holding values of one type rank. */
  segment(rank: TypeRank): SlotRange {
    return {lo: this.rankBound(rank, false), hi: this.rankBound(rank, true)}
  }

  private rankBound(rank: TypeRank, strict: boolean): number {
    let lo = 0
    let hi = this.keys.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      const r = typeRank(this.keys[mid])
      if (r < rank || (strict && r === rank)) lo = mid + 1
      else hi = mid
    }
    return lo
  }
}

// groq-js' `match` tokenizer and pattern syntax (groq-js 2, `matchTokenize` / `matchPatternRegex`).
const TOKEN_CHARS = /([^!@#$%^&*(),\\/?";:{}|[\]+<>\s-])+/g
const PATTERN_CHARS = /([^!@#$%^&(),\\/?";:{}|[\]+<>\s-])+/g
const EDGE_DOTS = /(\b\.+|\.+\b)/g

/** The tokens `match` sees in a string. */
export function matchTokens(text: string): string[] {
  return text.replace(EDGE_DOTS, '').match(TOKEN_CHARS) ?? []
}

/** The term regexes of a `match` pattern: a text matches when each has a matching token. */
export function matchPatternTerms(pattern: string): RegExp[] {
  return (pattern.replace(EDGE_DOTS, '').match(PATTERN_CHARS) ?? []).map(
    (term) => new RegExp(`^${term.slice(0, 1024).replace(/\*/g, '.*')}$`, 'i'),
  )
}

/** Terms whose hits a text index keeps between changes. */
const RECENT_TERMS = 64

/**
 * Every token of every string in each document of a dataset (system fields included), by token,
 * kept up to date one document at a time (`set`): a write costs the tokens of the documents it
 * changed, never a rebuild, and the index outlives the perspective views built on it. A draft
 * (`drafts.X`) also holds the tokens of `X`, the `_id` the drafts perspective shows it under, so
 * its candidates cover the overlaid document too.
 */
export class TextIndex {
  private readonly ordinals = new Map<string, number>()
  private readonly ids: string[] = []
  private readonly tokensOf: Array<readonly string[] | undefined> = []
  private readonly postings = new Map<string, Set<number>>()
  /** Documents with at least one token: what a lone `*` term matches. */
  private readonly tokenized = new Set<number>()
  /** Recent terms' hits (a search repeats its words as it grows), until the next change. */
  private readonly recentHits = new Map<string, Uint8Array>()

  constructor(docs: Iterable<LakeDocument> = []) {
    for (const doc of docs) this.set(doc._id, doc)
  }

  /** Index `doc` under `id`, replacing what `id` held; `null` removes it. */
  set(id: string, doc: LakeDocument | null): void {
    this.recentHits.clear()
    let ordinal = this.ordinals.get(id)
    if (ordinal !== undefined) {
      for (const token of this.tokensOf[ordinal] ?? []) {
        const list = this.postings.get(token)
        list?.delete(ordinal)
        if (list?.size === 0) this.postings.delete(token)
      }
      this.tokensOf[ordinal] = undefined
      this.tokenized.delete(ordinal)
    }
    if (!doc) return
    if (ordinal === undefined) {
      ordinal = this.ids.length
      this.ids.push(id)
      this.ordinals.set(id, ordinal)
    }
    const seen = new Set<string>()
    forEachString(doc, (text) => {
      for (const token of matchTokens(text)) seen.add(token)
    })
    if (id.startsWith('drafts.')) for (const token of matchTokens(id.slice(7))) seen.add(token)
    const tokens = [...seen]
    this.tokensOf[ordinal] = tokens
    if (tokens.length > 0) this.tokenized.add(ordinal)
    for (const token of tokens) {
      const list = this.postings.get(token)
      if (list) list.add(ordinal)
      else this.postings.set(token, new Set([ordinal]))
    }
  }

  /** How many ids the index has numbered (ordinals run from 0 to this, exclusive). */
  get size(): number {
    return this.ids.length
  }

  /** The id numbered `ordinal`. */
  idAt(ordinal: number): string {
    return this.ids[ordinal] as string
  }

  /**
   * Marks by ordinal (see `idAt`) the documents that can match `pattern`: each of its terms
   * (`any`: one of them, as `score()` counts) matches a token of theirs. Every token is tested with
   * groq-js' own regex, so case and wildcards agree.
   */
  matching(pattern: string, any = false): Uint8Array {
    const terms = matchPatternTerms(pattern)
    const size = this.ids.length
    // No term: `match` is false for every document.
    if (terms.length === 0) return new Uint8Array(size)
    let result: Uint8Array | undefined
    for (const term of terms) {
      // The Studio's unfiltered list searches for `*`, which every token matches.
      const hits = term.source === '^.*$' ? this.everyTokenized() : this.hits(term)
      if (!result) result = hits.slice()
      else if (any)
        for (let i = 0; i < size; i++) result[i] = (result[i] as number) | (hits[i] as number)
      else for (let i = 0; i < size; i++) result[i] = (result[i] as number) & (hits[i] as number)
    }
    return result as Uint8Array
  }

  private everyTokenized(): Uint8Array {
    const marks = new Uint8Array(this.ids.length)
    for (const ordinal of this.tokenized) marks[ordinal] = 1
    return marks
  }

  private hits(term: RegExp): Uint8Array {
    const cached = this.recentHits.get(term.source)
    if (cached) return cached
    const hits = new Uint8Array(this.ids.length)
    for (const [token, ordinals] of this.postings) {
      if (!term.test(token)) continue
      for (const ordinal of ordinals) hits[ordinal] = 1
    }
    if (this.recentHits.size >= RECENT_TERMS) this.recentHits.clear()
    this.recentHits.set(term.source, hits)
    return hits
  }
}

function forEachString(value: unknown, visit: (text: string) => void): void {
  if (typeof value === 'string') visit(value)
  else if (Array.isArray(value)) for (const item of value) forEachString(item, visit)
  else if (typeof value === 'object' && value !== null) {
    for (const item of Object.values(value)) forEachString(item, visit)
  }
}

/** Documents by the references `references()` finds in them. */
export class ReferenceIndex {
  private readonly byRef = new Map<string, number[]>()

  constructor(docs: readonly LakeDocument[]) {
    docs.forEach((doc, position) => {
      const refs = new Set<string>()
      collectReferences(doc, refs)
      for (const ref of refs) {
        const list = this.byRef.get(ref)
        if (list) list.push(position)
        else this.byRef.set(ref, [position])
      }
    })
  }

  /** Marks (by position) the documents referencing any of `ids`. */
  candidates(ids: Iterable<string>, size: number): Uint8Array {
    const marks = new Uint8Array(size)
    for (const id of ids) for (const position of this.byRef.get(id) ?? []) marks[position] = 1
    return marks
  }
}

/** groq-js' `hasReference` walk: an object with a `_ref` is a reference and is not entered. */
function collectReferences(value: unknown, into: Set<string>): void {
  if (Array.isArray(value)) for (const item of value) collectReferences(item, into)
  else if (typeof value === 'object' && value !== null) {
    const ref = (value as {_ref?: unknown})._ref
    if (ref) {
      if (typeof ref === 'string') into.add(ref)
      return
    }
    for (const item of Object.values(value)) collectReferences(item, into)
  }
}
