/**
 * Ordered reads: `*[filter] | order(a desc, b desc)[start...end]` answered from an ordered index of
 * `a` instead of filtering and sorting every document.
 *
 * The planner (plan.ts) replaces such a read with a marker the `dereference` hook answers here. At
 * run time the read walks the index of `a` in the asked direction, one group of equal values at a
 * time, from the narrowest slot range the filter allows (`a < $d`, `a == ^.a`, `defined(a)`, and
 * any `&&`/`||` of those), skipping documents the other index reads rule out (`_type == "post"`,
 * `match`, `references()`). The filter expression itself runs on each remaining document, with
 * groq-js, and the walk stops as soon as `end` documents have passed and their group is complete.
 * Within a group the remaining order terms sort with groq-js' own `order()`, so ties, nulls and
 * mixed types come out exactly as a full scan would give them: groq-js' sort is stable, and both the
 * index (within a group) and every candidate list keep dataset order.
 *
 * A filter that refers to its enclosing scope (`publishedAt < ^.publishedAt`) gets those values
 * through the marker: each such expression is evaluated where the read stands and encoded into the
 * marker's `_ref` (strings, numbers, booleans and null; anything else makes the marker null, and the
 * planner's fallback, the read evaluated as written, answers instead).
 */
import {evaluate, evaluateSync, type EvaluateOptions, type ExprNode} from 'groq-js'
import {
  attributePath,
  evaluateConstant,
  isNode,
  mapChildren,
  NO_VALUE,
  outerExpression,
  type Node,
} from './ast.ts'
import {
  matchPatternTerms,
  OTHER,
  typeRank,
  type OrderIndex,
  type OrderKey,
  type SlotRange,
} from './indexes.ts'
import type {LakeDocument} from '../types.ts'

/** Prefix of the `_ref` of an ordered-read marker: `ORDER_MARKER + read + (SEP + value)*`. */
export const ORDER_MARKER = '\u0000lake:order:'
const SEP = '\u0000'
/** Parameter names that carry a read's outer values into its filter (no query can name them). */
const OUTER_PARAM = '\u0000outer'

/** Where a value comes from: known when planning, or from the read's enclosing scope. */
export type Source = {kind: 'const'; value: unknown} | {kind: 'outer'; name: string}

/** The documents a filter can pass, as far as the indexes can tell. */
export type CandidateSpec =
  | {kind: 'all'}
  | {kind: 'none'}
  | {kind: 'eq'; path: string; value: Source}
  | {kind: 'in'; path: '_id' | '_type'; values: Source}
  | {kind: 'text'; pattern: Source; any?: boolean}
  | {kind: 'references'; ids: Source[]}
  | {kind: 'and' | 'or'; items: CandidateSpec[]}

type Comparison = '<' | '<=' | '>' | '>=' | '=='

/** The values of the first order term a filter can pass. */
export type RangeSpec =
  | {kind: 'all'}
  | {kind: 'none'}
  | {kind: 'defined'}
  | {kind: 'compare'; op: Comparison; value: Source}
  | {kind: 'and' | 'or'; items: RangeSpec[]}

/** One ordered read of a query, as the planner registered it. */
export interface OrderedRead {
  /** The filter, with outer expressions replaced by parameters. */
  expr: Node
  /** The `order()` arguments, over documents. */
  mappers: Node[]
  /** The first order term: an attribute path, what of it sorts (`dateTime(path)`), its direction. */
  path: string
  key: OrderKey
  desc: boolean
  /** How many sorted documents the query can use (the slice's end). */
  end: number
  /** Parameter names of the outer values, in marker order. */
  outer: string[]
  candidates: CandidateSpec
  range: RangeSpec
}

const COMPARISONS = new Set<string>(['<', '<=', '>', '>=', '=='])
const MIRRORED: Record<Comparison, Comparison> = {
  '<': '>',
  '<=': '>=',
  '>': '<',
  '>=': '<=',
  '==': '==',
}

/** Scope-creating children: a `^` inside them refers one level further out. */
function nestedKeys(node: Node): string[] {
  switch (node.type) {
    case 'Filter':
    case 'Projection':
      return ['expr']
    case 'PipeFuncCall':
      return ['args']
    default:
      return []
  }
}

/**
 * Replaces the filter's references to its enclosing scope (`^.publishedAt`) with parameters named
 * `prefix + i`; the re-rooted expressions (`@.publishedAt`, evaluated where the read stands) go in
 * `outer`. Undefined when some reference escapes in a way this cannot follow (`^.^` inside a
 * nested filter).
 */
export function extractOuter(
  expr: Node,
  prefix: string,
): {expr: Node; outer: Node[]; names: string[]} | undefined {
  const outer: Node[] = []
  const names: string[] = []
  let escapes = false
  const visit = (node: Node, depth: number): Node => {
    if (depth === 0) {
      const rerooted = outerExpression(node)
      if (rerooted && node.type !== 'Parent') {
        const name = `${OUTER_PARAM}${prefix}.${outer.length}`
        outer.push(rerooted)
        names.push(name)
        return {type: 'Parameter', name}
      }
    }
    if (node.type === 'Parent' && (node.n as number) > depth) escapes = true
    const nested = nestedKeys(node)
    return mapChildren(node, (child, key) => visit(child, nested.includes(key) ? depth + 1 : depth))
  }
  const rewritten = visit(expr, 0)
  return escapes ? undefined : {expr: rewritten, outer, names}
}

function sourceOf(
  node: Node,
  params: Record<string, unknown>,
  outer: readonly string[],
): Source | undefined {
  if (node.type === 'Parameter' && outer.includes(node.name as string)) {
    return {kind: 'outer', name: node.name as string}
  }
  const value = evaluateConstant(node, params)
  return value === NO_VALUE ? undefined : {kind: 'const', value}
}

/** A constant conjunct (`$cursor == null`): everything when true, nothing otherwise. */
function constantTruth(node: Node, params: Record<string, unknown>): boolean | undefined {
  const value = evaluateConstant(node, params)
  return value === NO_VALUE ? undefined : value === true
}

/** `@`, an attribute path, or the text marker of `text::query`: text drawn from the document. */
function isDocumentText(node: Node, isTextOf: (node: Node) => boolean): boolean {
  if (node.type === 'This' || attributePath(node) !== undefined || isTextOf(node)) return true
  if (node.type === 'Array') {
    return (node.elements as Node[]).every((element) =>
      isDocumentText(element.value as Node, isTextOf),
    )
  }
  return false
}

/**
 * A spec of `expr` built from its `&&`, `||` and parentheses, constant parts decided (`$cursor ==
 * null`), and `leaf` for everything else.
 */
function logical<Spec extends {kind: string}>(
  expr: Node,
  params: Record<string, unknown>,
  leaf: (node: Node) => Spec,
): Spec {
  const spec = (node: Node): Spec => {
    if (node.type === 'Group' && isNode(node.base)) return spec(node.base)
    if (node.type === 'And' || node.type === 'Or') {
      const items = [spec(node.left as Node), spec(node.right as Node)]
      return {kind: node.type === 'And' ? 'and' : 'or', items} as unknown as Spec
    }
    const truth = constantTruth(node, params)
    if (truth !== undefined) return {kind: truth ? 'all' : 'none'} as unknown as Spec
    return leaf(node)
  }
  return spec(expr)
}

/** What the indexes can narrow `expr` to (planning). */
export function candidateSpec(
  expr: Node,
  params: Record<string, unknown>,
  outer: readonly string[],
  isTextOf: (node: Node) => boolean,
): CandidateSpec {
  return logical<CandidateSpec>(expr, params, (node) => {
    if (node.type === 'OpCall') {
      const left = node.left as Node
      const right = node.right as Node
      if (node.op === '==') {
        for (const [side, other] of [
          [left, right],
          [right, left],
        ] as const) {
          const path = attributePath(side)
          const value = path === undefined ? undefined : sourceOf(other, params, outer)
          if (path !== undefined && value) return {kind: 'eq', path, value}
        }
      }
      if (node.op === 'in') {
        const path = attributePath(left)
        const values = sourceOf(right, params, outer)
        if ((path === '_id' || path === '_type') && values) return {kind: 'in', path, values}
      }
      if (node.op === 'match' && isDocumentText(left, isTextOf)) {
        const pattern = sourceOf(right, params, outer)
        if (pattern) return {kind: 'text', pattern}
      }
    }
    if (node.type === 'FuncCall' && node.namespace === 'global' && node.name === 'references') {
      const ids = (node.args as Node[]).map((arg) => sourceOf(arg, params, outer))
      if (ids.every((id) => id !== undefined)) return {kind: 'references', ids}
    }
    return {kind: 'all'}
  })
}

/**
 * The documents for which `node`, an argument of `score()`, can score other than 0 (planning): a
 * `match` scores once any one of its terms matches, `boost(c, w)` only where `c` scores, `||` where
 * either side does, `&&` where both do, anything else where it is true.
 */
export function scoreSpec(
  node: Node,
  params: Record<string, unknown>,
  isTextOf: (node: Node) => boolean,
): CandidateSpec {
  if (node.type === 'Group' && isNode(node.base)) return scoreSpec(node.base, params, isTextOf)
  if (
    node.type === 'OpCall' &&
    node.op === 'match' &&
    isDocumentText(node.left as Node, isTextOf)
  ) {
    const pattern = sourceOf(node.right as Node, params, [])
    if (pattern) return {kind: 'text', pattern, any: true}
    return {kind: 'all'}
  }
  if (node.type === 'FuncCall' && node.name === 'boost' && isNode((node.args as Node[])[0])) {
    return scoreSpec((node.args as Node[])[0] as Node, params, isTextOf)
  }
  if (node.type === 'Or' || node.type === 'And') {
    return {
      kind: node.type === 'And' ? 'and' : 'or',
      items: [
        scoreSpec(node.left as Node, params, isTextOf),
        scoreSpec(node.right as Node, params, isTextOf),
      ],
    }
  }
  return candidateSpec(node, params, [], isTextOf)
}

/** Which values of the attribute `path` `expr` can pass (planning). */
export function rangeSpec(
  expr: Node,
  path: string,
  params: Record<string, unknown>,
  outer: readonly string[],
): RangeSpec {
  return logical<RangeSpec>(expr, params, (node) => {
    if (node.type === 'OpCall' && COMPARISONS.has(node.op as string)) {
      const op = node.op as Comparison
      const left = node.left as Node
      const right = node.right as Node
      if (attributePath(left) === path) {
        const value = sourceOf(right, params, outer)
        if (value) return {kind: 'compare', op, value}
      }
      if (attributePath(right) === path) {
        const value = sourceOf(left, params, outer)
        if (value) return {kind: 'compare', op: MIRRORED[op], value}
      }
    }
    if (
      node.type === 'FuncCall' &&
      node.namespace === 'global' &&
      node.name === 'defined' &&
      isNode((node.args as Node[])[0]) &&
      attributePath((node.args as Node[])[0] as Node) === path
    ) {
      return {kind: 'defined'}
    }
    return {kind: 'all'}
  })
}

/**
 * The marker's `_ref`: `ORDER_MARKER + read`, then each outer value encoded as `SEP` plus a type
 * letter and its text. Null when a value is not a string, number, boolean or null.
 */
export function orderMarker(read: number, outer: Node[]): Node {
  let ref: Node = {type: 'Value', value: `${ORDER_MARKER}${read}`}
  for (const value of outer) {
    const plus = (left: Node, right: Node): Node => ({type: 'OpCall', op: '+', left, right})
    ref = plus(ref, plus({type: 'Value', value: SEP}, encodeValue(value)))
  }
  return {
    type: 'Deref',
    base: {type: 'Object', attributes: [{type: 'ObjectAttributeValue', name: '_ref', value: ref}]},
  }
}

function encodeValue(value: Node): Node {
  const text = (literal: string): Node => ({type: 'Value', value: literal})
  const stringOf: Node = {type: 'FuncCall', namespace: 'global', name: 'string', args: [value]}
  const is = (op: string, left: Node, right: Node): Node => ({type: 'OpCall', op, left, right})
  const alternative = (condition: Node, result: Node) => ({
    type: 'SelectAlternative',
    condition,
    value: result,
  })
  return {
    type: 'Select',
    alternatives: [
      alternative(is('==', value, {type: 'Value', value: null}), text('z')),
      alternative(is('==', value, {type: 'Value', value: true}), text('t')),
      alternative(is('==', value, {type: 'Value', value: false}), text('f')),
      alternative(is('==', stringOf, value), is('+', text('s'), value)),
      alternative(is('!=', stringOf, {type: 'Value', value: null}), is('+', text('n'), stringOf)),
    ],
  }
}

function decodeValue(part: string): unknown {
  const tag = part[0]
  const rest = part.slice(1)
  if (tag === 'z') return null
  if (tag === 't') return true
  if (tag === 'f') return false
  if (tag === 's') return rest
  if (tag === 'n') {
    const number = Number(rest)
    return rest.trim() !== '' && Number.isFinite(number) ? number : NO_VALUE
  }
  return NO_VALUE
}

type Marks = Uint8Array | undefined

function intersect(a: Marks, b: Marks): Marks {
  if (!a) return b
  if (!b) return a
  const out = new Uint8Array(a.length)
  for (let i = 0; i < a.length; i++) out[i] = (a[i] as number) & (b[i] as number)
  return out
}

function union(a: Marks, b: Marks): Marks {
  if (!a || !b) return undefined
  const out = new Uint8Array(a.length)
  for (let i = 0; i < a.length; i++) out[i] = (a[i] as number) | (b[i] as number)
  return out
}

function isKey(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'boolean' || Number.isFinite(value)
}

/** The candidates of `spec` as marks by view position; undefined means every document. */
export function resolveCandidates(
  spec: CandidateSpec,
  values: Map<string, unknown>,
  view: CandidateIndexes,
): Marks {
  const valueOf = (source: Source) =>
    source.kind === 'const' ? source.value : values.get(source.name)
  const none = () => new Uint8Array(view.docs.length)
  switch (spec.kind) {
    case 'all':
      return undefined
    case 'none':
      return none()
    case 'eq': {
      const key = valueOf(spec.value)
      // `path == null` also holds where the path is missing: no index for that.
      if (!isKey(key)) return key === null || key === undefined ? undefined : none()
      return view.equalMarks(spec.path, key)
    }
    case 'in': {
      const list = valueOf(spec.values)
      if (!Array.isArray(list)) return none()
      const keys = list.filter((item): item is string => typeof item === 'string')
      // A type or two (the Studio's lists): the cached marks of each.
      if (spec.path === '_type' && keys.length > 0 && keys.length <= 4) {
        return keys.map((key) => view.equalMarks('_type', key)).reduce((a, b) => union(a, b) ?? a)
      }
      return view.marks(spec.path === '_id' ? view.byIds(keys) : view.byTypes(keys))
    }
    case 'text': {
      const pattern = valueOf(spec.pattern)
      const text =
        typeof pattern === 'string'
          ? pattern
          : Array.isArray(pattern) && pattern.every((part) => typeof part === 'string')
            ? pattern.join(' ')
            : undefined
      if (text === undefined) return none()
      // A lone `*` (the Studio's unfiltered list) matches nearly everything: no need for the index.
      if (matchPatternTerms(text).some((term) => term.source === '^.*$')) {
        if (spec.any || matchPatternTerms(text).every((term) => term.source === '^.*$')) {
          return undefined
        }
      }
      return view.textCandidates(text, spec.any === true)
    }
    case 'references': {
      const ids = new Set<string>()
      for (const source of spec.ids) {
        const value = valueOf(source)
        if (typeof value === 'string') ids.add(value)
        else if (Array.isArray(value)) {
          for (const id of value) if (typeof id === 'string') ids.add(id)
        }
      }
      // No id: `references()` is false everywhere.
      return ids.size === 0 ? none() : view.referenceCandidates(ids)
    }
    case 'and':
      return spec.items
        .map((item) => resolveCandidates(item, values, view))
        .reduce((a, b) => intersect(a, b))
    case 'or': {
      let marks: Marks = none()
      for (const item of spec.items) {
        const next = resolveCandidates(item, values, view)
        // One side allows everything: so does the `||`, whatever the other sides hold.
        if (!next) return undefined
        marks = union(marks, next)
      }
      return marks
    }
  }
}

const EMPTY: SlotRange = {lo: 0, hi: 0}

/** The slots of `index` that `spec` allows. */
export function resolveRange(
  spec: RangeSpec,
  values: Map<string, unknown>,
  index: OrderIndex,
): SlotRange {
  switch (spec.kind) {
    case 'all':
      return {lo: 0, hi: index.size}
    case 'none':
      return EMPTY
    case 'defined':
      // Objects and arrays are defined, and they sort with null: only without them is this a range.
      return index.composite ? {lo: 0, hi: index.size} : {lo: 0, hi: index.segment(OTHER).lo}
    case 'compare': {
      const value = spec.value.kind === 'const' ? spec.value.value : values.get(spec.value.name)
      const rank = typeRank(value)
      if (spec.op === '==') {
        if (value === null || value === undefined) return index.segment(OTHER)
        if (rank === OTHER) return EMPTY
        return {lo: index.bound(value, false), hi: index.bound(value, true)}
      }
      // Comparisons hold only between two numbers, two strings or two booleans.
      if (rank === OTHER) return EMPTY
      const segment = index.segment(rank)
      switch (spec.op) {
        case '<':
          return {lo: segment.lo, hi: index.bound(value, false)}
        case '<=':
          return {lo: segment.lo, hi: index.bound(value, true)}
        case '>':
          return {lo: index.bound(value, true), hi: segment.hi}
        case '>=':
          return {lo: index.bound(value, false), hi: segment.hi}
      }
      return EMPTY
    }
    case 'and': {
      let lo = 0
      let hi = index.size
      for (const item of spec.items) {
        const range = resolveRange(item, values, index)
        lo = Math.max(lo, range.lo)
        hi = Math.min(hi, range.hi)
      }
      return lo < hi ? {lo, hi} : EMPTY
    }
    case 'or': {
      let lo = index.size
      let hi = 0
      for (const item of spec.items) {
        const range = resolveRange(item, values, index)
        if (range.lo >= range.hi) continue
        lo = Math.min(lo, range.lo)
        hi = Math.max(hi, range.hi)
      }
      return lo < hi ? {lo, hi} : EMPTY
    }
  }
}

/** Below this many candidates per slot of the range, filtering and sorting them directly wins. */
const DIRECT_RATIO = 16

/** The indexes candidate lists come from (a perspective view). */
export interface CandidateIndexes {
  readonly docs: readonly LakeDocument[]
  /** Documents with any of these ids, in dataset order. */
  byIds(ids: string[]): LakeDocument[]
  /** Documents of any of these types, in dataset order. */
  byTypes(types: string[]): LakeDocument[]
  /** Marks (by position) the documents whose attribute `path` equals `key`. */
  equalMarks(path: string, key: string | number | boolean): Uint8Array
  marks(docs: readonly LakeDocument[]): Uint8Array
  marked(marks: Uint8Array): LakeDocument[]
  /** `any`: documents matching any one term of the pattern, rather than every term. */
  textCandidates(pattern: string, any?: boolean): Uint8Array
  referenceCandidates(ids: Iterable<string>): Uint8Array
}

/** What an ordered read needs of a perspective view. */
export interface OrderedIndexes extends CandidateIndexes {
  orderIndex(path: string, key?: OrderKey): OrderIndex
  /** The view's own `dereference` hook, for every other reference. */
  dereference(ref: {_ref: string}): unknown
}

/** What one ordered read did, for tests and the benchmark. */
export interface OrderedReadStats {
  /** Documents the filter ran on. */
  evaluated: number
  /**
   * `walk`: the ordered index; `direct`: the candidates, filtered and sorted; `score`: a scored
   * read (scored.ts) kept the first documents; `as-written`: it could not, the query ran as written.
   */
  strategy: 'walk' | 'direct' | 'empty' | 'score' | 'as-written'
}

type Step = Generator<ExprNode, unknown[], unknown[]>

export function filterTree(docs: LakeDocument[], expr: Node): ExprNode {
  return {type: 'Filter', base: {type: 'Value', value: docs}, expr} as unknown as ExprNode
}

function orderTree(base: ExprNode, mappers: Node[]): ExprNode {
  return {type: 'PipeFuncCall', name: 'order', base, args: mappers} as unknown as ExprNode
}

/** The read's first `end` documents in order; yields the groq-js evaluations it needs. */
function* readOrdered(
  read: OrderedRead,
  values: Map<string, unknown>,
  view: OrderedIndexes,
  stats: OrderedReadStats,
): Step {
  if (read.end <= 0) return []
  const candidates = resolveCandidates(read.candidates, values, view)
  const index = view.orderIndex(read.path, read.key)
  const range = resolveRange(read.range, values, index)
  if (range.lo >= range.hi) return []
  if (candidates) {
    let count = 0
    for (const mark of candidates) count += mark
    if (count * DIRECT_RATIO < range.hi - range.lo) {
      stats.strategy = 'direct'
      const docs = view.marked(candidates)
      stats.evaluated += docs.length
      const sorted = yield orderTree(filterTree(docs, read.expr), read.mappers)
      return sorted.slice(0, read.end)
    }
  }
  stats.strategy = 'walk'
  const results: unknown[] = []
  const {slots, groups} = index
  let slot = read.desc ? range.hi - 1 : range.lo
  while (slot >= range.lo && slot < range.hi && results.length < read.end) {
    const group = groups[slot]
    let first = slot
    let last = slot
    if (read.desc) while (first > range.lo && groups[first - 1] === group) first--
    else while (last + 1 < range.hi && groups[last + 1] === group) last++
    // A group's documents in dataset order, as groq-js' stable sort keeps ties.
    const docs: LakeDocument[] = []
    for (let s = first; s <= last; s++) {
      const position = slots[s] as number
      if (!candidates || candidates[position]) docs.push(view.docs[position] as LakeDocument)
    }
    if (docs.length > 0) {
      stats.evaluated += docs.length
      let passed = yield filterTree(docs, read.expr)
      if (passed.length > 1 && read.mappers.length > 1) {
        passed = yield orderTree(
          {type: 'Value', value: passed} as unknown as ExprNode,
          read.mappers,
        )
      }
      for (const doc of passed) results.push(doc)
    }
    slot = read.desc ? first - 1 : last + 1
  }
  return results.slice(0, read.end)
}

export function arrayOf(data: unknown): unknown[] {
  return Array.isArray(data) ? data : []
}

function runSync(steps: Step, options: EvaluateOptions): unknown[] {
  let step = steps.next()
  while (!step.done) step = steps.next(arrayOf(evaluateSync(step.value, options).data))
  return step.value
}

async function runAsync(steps: Step, options: EvaluateOptions): Promise<unknown[]> {
  let step = steps.next()
  while (!step.done) {
    const value = await evaluate(step.value, options)
    step = steps.next(arrayOf(await value.get()))
  }
  return step.value
}

/**
 * The `dereference` hook of one evaluation: ordered-read markers run the read (synchronously or
 * not, as the evaluation that calls it), anything else goes to the view's own hook. `options` are
 * the evaluation's; their `dereference` must be this hook, so nested reads resolve too.
 */
export function orderedDereference(
  reads: readonly OrderedRead[],
  view: OrderedIndexes,
  options: EvaluateOptions,
  mode: 'sync' | 'async',
  onRead?: (stats: OrderedReadStats) => void,
): (ref: {_ref: string}) => unknown {
  return ({_ref}) => {
    if (!_ref.startsWith(ORDER_MARKER)) return view.dereference({_ref})
    const parts = _ref.slice(ORDER_MARKER.length).split(SEP)
    const read = reads[Number(parts[0])]
    // More parts than values: a string value held the separator; answer as written instead.
    if (!read || parts.length !== read.outer.length + 1) return null
    const values = new Map<string, unknown>()
    for (const [i, name] of read.outer.entries()) {
      const value = decodeValue(parts[i + 1] as string)
      if (value === NO_VALUE) return null
      values.set(name, value)
    }
    // Keys groq-js cannot order consistently (invalid dates): the read as written answers.
    if (!view.orderIndex(read.path, read.key).usable) return null
    const params = {...options.params, ...Object.fromEntries(values)}
    const stats: OrderedReadStats = {evaluated: 0, strategy: 'empty'}
    const steps = readOrdered(read, values, view, stats)
    const callOptions = {...options, params}
    if (mode === 'sync') {
      const result = runSync(steps, callOptions)
      onRead?.(stats)
      return result
    }
    return runAsync(steps, callOptions).then((result) => {
      onRead?.(stats)
      return result
    })
  }
}
