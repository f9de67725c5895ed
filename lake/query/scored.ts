/**
 * Scored reads: `*[filter] | score(args…)[_score > 0] {…} | order(…)[start...end]`, the Studio's
 * list search and global search, without groq-js scoring, projecting and sorting every candidate.
 *
 * A search word as common as "post" makes every document of the type a candidate, and groq-js
 * tokenizes each one's text, compiles the pattern again for each, projects each and sorts them
 * all, to keep the first page. Here the read computes each candidate's `_score` with groq-js' own
 * formula (`match`: for each term, `freq * 2.2 / (freq + 1.2)` over the tokens it matches; `boost`,
 * `&&` and `||` as `score()` combines them; anything else 1 where true) from tokens tokenized once
 * per view, sorts as `score()` and then `order()` would (stable, the same comparisons), and hands
 * groq-js the first `end` documents only: the filter, the projection and the `order()` run on
 * those as written, so they come out as a full evaluation gives them.
 *
 * Where an argument has a shape this does not know, or a value it cannot order as groq-js does (an
 * invalid date), the marker answers null and the query runs as written.
 */
import {attributePath, constantValue, evaluateConstant, isNode, NO_VALUE, type Node} from './ast.ts'
import {compareValues, matchPatternTerms, matchTokens, valueAt, type OrderKey} from './indexes.ts'
import {evaluateSync, type EvaluateOptions} from 'groq-js'
import {
  arrayOf,
  filterTree,
  resolveCandidates,
  type CandidateIndexes,
  type CandidateSpec,
  type OrderedReadStats,
} from './ordered.ts'
import type {LakeDocument} from '../types.ts'

/** Prefix of the `_ref` of a scored-read marker: `SCORED_MARKER + read`. */
export const SCORED_MARKER = '\u0000lake:scored:'

/** One `order()` term over scored documents (`_score` is an attribute like any other). */
export interface ScoredTerm {
  path: string
  key: OrderKey
  desc: boolean
}

/** One scored read of a query, as the planner registered it. */
export interface ScoredRead {
  /** The filter of `*[…]`, run by groq-js on the documents kept. */
  expr: Node
  /** The `score()` arguments. */
  args: Node[]
  /** The documents some argument can score on, as far as the indexes can tell. */
  candidates: CandidateSpec
  /** The `order()` after `score()`, over documents; empty: `score()`'s own order. */
  terms: ScoredTerm[]
  /** How many sorted documents the query can use (the slice's end). */
  end: number
  /** `Deref` marker prefixes whose target is the document's text (`text::query`'s `@`). */
  textMarkers: readonly string[]
  /** The filter only pins `_type` or `_id` to known strings: the candidates are its answer. */
  decided: boolean
}

/** What a scored read needs of a perspective view. */
export interface ScoredIndexes extends CandidateIndexes {
  /** The `match` tokens of a document's text (see `View.tokensOf`), as token numbers. */
  tokenIdsOf(id: string): Int32Array
  /** `pathTokenIdsOf(id, path, text)`: the tokens of `text`, the string at `path` in `id`. */
  pathTokenIdsOf(id: string, path: string, text: string): Int32Array
  /** `dateTimeKey` of the value at `path` in document `id`, kept. */
  dateTimeKeyOf(id: string, path: string, value: unknown): number | undefined
  /** The number of a token (assigned on first sight), and back. */
  tokenId(token: string): number
  tokenAt(id: number): string
}

/** Thrown inside a read where groq-js would do something this does not reproduce. */
class Unsupported extends Error {}

const unsupported = (): never => {
  throw new Unsupported()
}

/** groq-js' `==` on JSON values: equal strings, numbers, booleans or nulls; never objects. */
function groqEqual(a: unknown, b: unknown): boolean {
  const primitive = (v: unknown) =>
    v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'
  return primitive(a) && primitive(b) && a === b
}

/**
 * Where a `match` finds its text: the document's strings (`text::query`'s `@`), an attribute (a
 * string, or a list of strings unless it is itself a list element), or a list of those.
 */
type TextSource =
  | {kind: 'text'}
  | {kind: 'path'; path: string; segments: string[]; element: boolean}
  | {kind: 'list'; parts: TextSource[]}

/** A term of a `match` pattern, with its verdict on each token it has seen: 1 no, 2 yes. */
interface Term {
  regex: RegExp
  seen: Uint8Array
}

/** One evaluation of a read: parameters, the view, patterns compiled once. */
class Scorer {
  private readonly patterns = new Map<Node, {terms: Term[]; success: boolean}>()
  private readonly sources = new Map<Node, TextSource>()
  private readonly constants = new Map<Node, unknown>()
  private readonly read: ScoredRead
  private readonly params: Record<string, unknown>
  private readonly view: ScoredIndexes

  constructor(read: ScoredRead, params: Record<string, unknown>, view: ScoredIndexes) {
    this.read = read
    this.params = params
    this.view = view
  }

  /** `_score` of `doc`: `score()`'s sum over its arguments. */
  score(doc: LakeDocument): number {
    let total = 0
    for (const arg of this.read.args) total += this.scoreOf(arg, doc)
    return total
  }

  /** groq-js' `evaluateScoreSync`. */
  private scoreOf(node: Node, doc: LakeDocument): number {
    if (node.type === 'OpCall' && node.op === 'match') return this.matchScore(node, doc)
    if (node.type === 'FuncCall' && node.name === 'boost') {
      const [inner, weight] = node.args as Node[]
      if (!inner || !weight) unsupported()
      const innerScore = this.scoreOf(inner as Node, doc)
      const boost = this.constant(weight as Node)
      return typeof boost === 'number' && innerScore > 0 ? innerScore + boost : 0
    }
    if (node.type === 'Or') {
      return this.scoreOf(node.left as Node, doc) + this.scoreOf(node.right as Node, doc)
    }
    if (node.type === 'And') {
      const left = this.scoreOf(node.left as Node, doc)
      const right = this.scoreOf(node.right as Node, doc)
      return left === 0 || right === 0 ? 0 : left + right
    }
    return this.truth(node, doc) === true ? 1 : 0
  }

  private constant(node: Node): unknown {
    if (this.constants.has(node)) return this.constants.get(node)
    let value = constantValue(node, this.params)
    if (value === NO_VALUE) value = evaluateConstant(node, this.params)
    if (value === NO_VALUE) unsupported()
    this.constants.set(node, value)
    return value
  }

  /** The value of `node` as groq-js evaluates it: true, false or null (anything not boolean). */
  private truth(node: Node, doc: LakeDocument): boolean | null {
    switch (node.type) {
      case 'Value':
        return typeof node.value === 'boolean' ? node.value : null
      case 'Group':
        return this.truth(node.base as Node, doc)
      case 'And': {
        const left = this.truth(node.left as Node, doc)
        const right = this.truth(node.right as Node, doc)
        if (left === false || right === false) return false
        return left === true && right === true ? true : null
      }
      case 'Or': {
        const left = this.truth(node.left as Node, doc)
        const right = this.truth(node.right as Node, doc)
        if (left === true || right === true) return true
        return left === false && right === false ? false : null
      }
      case 'OpCall':
        return this.operator(node, doc)
      default:
        return unsupported()
    }
  }

  private operator(node: Node, doc: LakeDocument): boolean | null {
    const left = node.left as Node
    const right = node.right as Node
    if (node.op === 'match') {
      const parts = this.tokens(left, doc)
      const {terms, success} = this.pattern(right)
      if (!success || terms.length === 0 || parts.every((part) => part.length === 0)) return false
      return terms.every((term) => parts.some((tokens) => this.anyMatch(term, tokens)))
    }
    const source = this.source(left)
    if (source.kind !== 'path') return unsupported()
    const value = valueAt(doc, source.segments) ?? null
    const other = this.constant(right)
    if (node.op === '==') return groqEqual(value, other)
    if (node.op === '!=') return !groqEqual(value, other)
    if (node.op === 'in' && Array.isArray(other)) return other.some((b) => groqEqual(value, b))
    return unsupported()
  }

  /** groq-js' `processMatchScore`. */
  private matchScore(node: Node, doc: LakeDocument): number {
    const parts = this.tokens(node.left as Node, doc)
    const {terms, success} = this.pattern(node.right as Node)
    if (!success || terms.length === 0 || parts.every((part) => part.length === 0)) return 0
    let score = 0
    for (const term of terms) {
      let freq = 0
      for (const tokens of parts) {
        for (let i = 0; i < tokens.length; i++) if (this.test(term, tokens[i] as number)) freq++
      }
      score += (freq * 2.2) / (freq + 1.2)
    }
    return score
  }

  private anyMatch(term: Term, tokens: ArrayLike<number>): boolean {
    for (let i = 0; i < tokens.length; i++) if (this.test(term, tokens[i] as number)) return true
    return false
  }

  private test(term: Term, token: number): boolean {
    if (token >= term.seen.length) {
      const grown = new Uint8Array(Math.max(token + 1, term.seen.length * 2, 1024))
      grown.set(term.seen)
      term.seen = grown
    }
    let verdict = term.seen[token] as number
    if (verdict === 0) {
      verdict = term.regex.test(this.view.tokenAt(token)) ? 2 : 1
      term.seen[token] = verdict
    }
    return verdict === 2
  }

  /** The pattern's terms (groq-js' `gatherText(pattern, matchPatternRegex)`), compiled once. */
  private pattern(node: Node): {terms: Term[]; success: boolean} {
    let pattern = this.patterns.get(node)
    if (!pattern) {
      const value = this.constant(node)
      // Neither a string nor a list: no terms, and `match` is false (groq-js' `gatherText`).
      const parts = typeof value === 'string' ? [value] : Array.isArray(value) ? value : [null]
      const terms: Term[] = []
      let success = true
      for (const part of parts) {
        if (typeof part !== 'string') success = false
        else {
          for (const regex of matchPatternTerms(part)) terms.push({regex, seen: new Uint8Array(0)})
        }
      }
      pattern = {terms, success}
      this.patterns.set(node, pattern)
    }
    return pattern
  }

  /**
   * The tokens `match` sees on its left (groq-js' `gatherText(left, matchTokenize)`), numbered, in
   * parts (a list's elements) kept by the view rather than joined for each search.
   */
  private tokens(node: Node, doc: LakeDocument): Array<ArrayLike<number>> {
    const source = this.source(node)
    if (source.kind !== 'list') return [this.sourceTokens(source, doc)]
    return source.parts.map((part) => this.sourceTokens(part, doc))
  }

  private sourceTokens(source: TextSource, doc: LakeDocument): ArrayLike<number> {
    if (source.kind === 'text') return this.view.tokenIdsOf(doc._id)
    if (source.kind === 'list') return unsupported()
    const value = valueAt(doc, source.segments)
    if (typeof value === 'string') return this.view.pathTokenIdsOf(doc._id, source.path, value)
    if (Array.isArray(value) && !source.element) {
      return value.flatMap((item) =>
        typeof item === 'string' ? matchTokens(item).map((token) => this.view.tokenId(token)) : [],
      )
    }
    // Neither a string nor a list (or a list inside a list): no tokens (groq-js' `gatherText`).
    return []
  }

  /** What `node`, the left of a `match`, draws its text from. */
  private source(node: Node): TextSource {
    let source = this.sources.get(node)
    if (source) return source
    if (this.isText(node)) source = {kind: 'text'}
    else if (node.type === 'Array') {
      const parts: TextSource[] = []
      for (const element of node.elements as Node[]) {
        const value = element.value as Node
        // The document's strings spread; as one element, a list: no text (groq-js' `gatherText`).
        if (this.isText(value)) {
          if (element.isSplat) parts.push({kind: 'text'})
          continue
        }
        const path = attributePath(value)
        if (path === undefined || element.isSplat) return unsupported()
        parts.push({kind: 'path', path, segments: path.split('.'), element: true})
      }
      source = {kind: 'list', parts}
    } else {
      const path = attributePath(node)
      if (path === undefined) return unsupported()
      source = {kind: 'path', path, segments: path.split('.'), element: false}
    }
    this.sources.set(node, source)
    return source
  }

  private isText(node: Node): boolean {
    if (node.type !== 'Deref' || !isNode(node.base) || node.base.type !== 'Object') return false
    const [attribute] = node.base.attributes as Node[]
    const ref = attribute?.value as Node | undefined
    const marker = ref?.type === 'OpCall' ? (ref.left as Node) : undefined
    const rerooted = ref?.type === 'OpCall' ? (ref.right as Node) : undefined
    return (
      marker?.type === 'Value' &&
      this.read.textMarkers.includes(marker.value as string) &&
      attributePath(rerooted as Node) === '_id'
    )
  }
}

/** An order key of a scored document; throws where groq-js' comparison cannot be reproduced. */
function sortKey(doc: LakeDocument, term: ScoredTerm, view: ScoredIndexes): unknown {
  const value = valueAt(doc, term.path.split('.'))
  if (term.key === 'value') return value
  const key = view.dateTimeKeyOf(doc._id, term.path, value)
  return Number.isNaN(key) ? unsupported() : key
}

/**
 * The read's first `end` documents with their `_score`, in the order `score()` then `order()`
 * give them; null where the read cannot reproduce groq-js (the query then runs as written).
 */
export function readScored(
  read: ScoredRead,
  params: Record<string, unknown>,
  view: ScoredIndexes,
  filter: (docs: LakeDocument[]) => LakeDocument[],
): LakeDocument[] | null {
  if (read.end <= 0) return []
  const marks = resolveCandidates(read.candidates, new Map(), view)
  const candidates = marks ? view.marked(marks) : [...view.docs]
  const scorer = new Scorer(read, params, view)
  try {
    // `score()`: each document with its `_score`, sorted by it (stable).
    const scored = (read.decided ? candidates : filter(candidates))
      .map((doc) => ({doc, score: scorer.score(doc)}))
      .sort((a, b) => b.score - a.score)
      .filter((entry) => entry.score > 0)
    const withScore = ({doc, score}: {doc: LakeDocument; score: number}) => ({
      ...doc,
      _score: score,
    })
    if (read.terms.length === 0) return scored.slice(0, read.end).map(withScore)
    // `order()`: groq-js' comparison of each term, ties in the order `score()` left them.
    const keyed = scored.map((entry, index) => ({
      entry,
      index,
      keys: read.terms.map((term) =>
        term.path === '_score' ? entry.score : sortKey(entry.doc, term, view),
      ),
    }))
    keyed.sort((a, b) => {
      for (const [i, term] of read.terms.entries()) {
        const c = compareValues(a.keys[i], b.keys[i])
        if (c !== 0) return term.desc ? -c : c
      }
      return a.index - b.index
    })
    return keyed.slice(0, read.end).map(({entry}) => withScore(entry))
  } catch (error) {
    if (error instanceof Unsupported) return null
    throw error
  }
}

/**
 * The `dereference` hook of one evaluation for its scored-read markers; any other reference goes
 * to `next` (the ordered reads' hook). An asynchronous evaluation, or a read that cannot answer,
 * gets null: the query then runs as written.
 */
export function scoredDereference(
  reads: readonly ScoredRead[],
  view: ScoredIndexes,
  options: EvaluateOptions,
  mode: 'sync' | 'async',
  next: (ref: {_ref: string}) => unknown,
  onRead?: (stats: OrderedReadStats) => void,
): (ref: {_ref: string}) => unknown {
  return ({_ref}) => {
    if (!_ref.startsWith(SCORED_MARKER)) return next({_ref})
    const read = reads[Number(_ref.slice(SCORED_MARKER.length))]
    const stats: OrderedReadStats = {evaluated: 0, strategy: 'as-written'}
    let result: LakeDocument[] | null = null
    if (read && mode === 'sync') {
      const filter = (docs: LakeDocument[]) => {
        stats.evaluated += docs.length
        return arrayOf(evaluateSync(filterTree(docs, read.expr), options).data) as LakeDocument[]
      }
      result = readScored(read, options.params ?? {}, view, filter)
    }
    if (result) stats.strategy = 'score'
    onRead?.(stats)
    return result
  }
}
