/**
 * Query planning: rewrites a parsed groq-js tree before evaluation so that
 *
 * - `text::query(q)` (which groq-js cannot evaluate) becomes a plain `match` against `q`, with a
 *   whole document (`@`) replaced by the list of its string values, so `score()` keeps working;
 * - `*[...]` filters that pin `_id`, `_type` or an attribute path to a value read a pre-built
 *   index instead of scanning every document (groq-js scans at roughly 1 µs per document and
 *   predicate, far too slow for a 20k-document dataset).
 *
 * The rewrite never changes a result: an index only narrows the candidates (in dataset order) and
 * the original filter expression still runs on each of them. The plan also says how it reads each
 * `*` (`reads`: index, join or scan), so tests can check that an index is used where one applies.
 *
 * Index reads that depend on the evaluation scope (e.g. `post._ref == ^._id`) go through groq-js'
 * `dereference` hook: the rewrite emits `Deref({_ref: <marker> + key})` and the hook (see
 * `createDereference` in evaluate.ts) answers marker references from the view's indexes.
 */
import type {ExprNode} from 'groq-js'
import type {LakeDocument} from '../types.ts'
import type {OrderKey} from './indexes.ts'
import {SCORED_MARKER, type ScoredRead} from './scored.ts'
import {
  attributePath,
  conjuncts,
  constantValue,
  derefMarker,
  isNode,
  mapChildren,
  NO_VALUE,
  outerExpression,
  type Node,
} from './ast.ts'
import {
  candidateSpec,
  extractOuter,
  orderMarker,
  rangeSpec,
  resolveCandidates,
  scoreSpec,
  type CandidateIndexes,
  type CandidateSpec,
  type OrderedRead,
} from './ordered.ts'

/** Prefix of the synthetic references the planner hands to the `dereference` hook. */
export const MARKER = '\u0000lake:'
/** `MARKER + 'eq:' + path + SEP + key` → documents whose `path` equals `key` (a string). */
export const EQ_MARKER = `${MARKER}eq:`
/** `MARKER + 'text:' + _id` → the string values of that document, for `text::query`. */
export const TEXT_MARKER = `${MARKER}text:`
/**
 * `MARKER + 'tokens:' + _id` → the same text as `match` tokens, tokenized once per view: `match`
 * finds the same tokens in them (tokenizing a token gives the token back), so answers and scores
 * are unchanged. Plain evaluations (`useIndexes: false`) keep the strings.
 */
export const TOKENS_MARKER = `${MARKER}tokens:`
export const SEP = '\u0000'

/** A value an equality index can key on. */
export type IndexKey = string | number | boolean

/**
 * What the planner needs to know about the data: fixed candidate lists for constant keys, and the
 * text and reference indexes (see ordered.ts, views.ts).
 */
export interface PlanIndexes extends CandidateIndexes {
  /** Whether no document carries a number in `_score` (which `score()` adds to). */
  readonly scoreFree: boolean
  /** Documents whose attribute `path` (dotted) equals `key`, in dataset order. */
  byPath(path: string, key: IndexKey): LakeDocument[]
  /** Documents `sanity::versionOf(id)` is true for, in dataset order. */
  versionsOf(id: string): LakeDocument[]
}

/**
 * How a plan reads the documents of one `*` in the query:
 * - `scan`: every document of the view;
 * - `index`: the documents whose attribute `path` equals a value known before evaluation
 *   (`_id == $id`, `_type in [...]`, `slug.current == "x"`);
 * - `join`: for each document of the enclosing scope, those whose `path` equals one of its values
 *   (`post._ref == ^._id`). At run time a key that is not a string reads every document instead;
 * - `text` / `references`: the documents the text or reference index allows (`title match "x*"`,
 *   `references($id)`, either side of an `||` too);
 * - `order`: a sliced `order(path asc|desc, …)[…]`, read from the ordered index of `path` until the
 *   slice is full (see ordered.ts).
 */
export type DocumentRead =
  | {kind: 'scan'}
  | {kind: 'index'; path: string}
  | {kind: 'join'; path: string}
  | {kind: 'text'}
  | {kind: 'references'}
  | {kind: 'order'; path: string; direction: 'asc' | 'desc'}
  | {kind: 'score'}

/** A query rewritten for evaluation, and what the planner chose for each `*` in it. */
export interface QueryPlan {
  tree: ExprNode
  /** One per `*` of the query, in the order the planner meets them (inner filters first). */
  reads: DocumentRead[]
  /** The ordered reads the tree's markers name, for the evaluation's `dereference` hook. */
  ordered: OrderedRead[]
  /** The scored reads the tree's markers name (see scored.ts). */
  scored: ScoredRead[]
}

interface Planning {
  params: Record<string, unknown>
  indexes: PlanIndexes
  /** False: rewrite `text::query` only, read every `*` in full (the reference answers of tests). */
  useIndexes: boolean
  reads: DocumentRead[]
  ordered: OrderedRead[]
  scored: ScoredRead[]
}

/**
 * Rewrite `tree` for evaluation with `params` against data described by `indexes`. With
 * `{useIndexes: false}` only `text::query` is rewritten: the plain groq-js answer to compare with.
 */
export function planQuery(
  tree: ExprNode,
  params: Record<string, unknown>,
  indexes: PlanIndexes,
  {useIndexes = true}: {useIndexes?: boolean} = {},
): QueryPlan {
  const planning: Planning = {params, indexes, useIndexes, reads: [], ordered: [], scored: []}
  const planned = rewrite(tree as unknown as Node, planning) as unknown as ExprNode
  return {tree: planned, reads: planning.reads, ordered: planning.ordered, scored: planning.scored}
}

/** Copy-on-write bottom-up rewrite; the parse tree itself is cached and never mutated. */
function rewrite(node: Node, planning: Planning): Node {
  if (planning.useIndexes && (node.type === 'Slice' || node.type === 'AccessElement')) {
    const scored = rewriteScoredSlice(node, planning)
    if (scored) return scored
    const ordered = rewriteOrdered(node, planning)
    if (ordered) return ordered
  }
  if (planning.useIndexes && node.type === 'Filter') {
    const scored = rewriteScored(node, planning)
    if (scored) return scored
  }
  if (node.type === 'Filter' && isNode(node.base) && node.base.type === 'Everything') {
    return rewriteFilter(node, planning)
  }
  if (node.type === 'Everything') {
    planning.reads.push({kind: 'scan'})
    return node
  }
  const current = mapChildren(node, (child) => rewrite(child, planning))
  if (current.type === 'OpCall' && current.op === 'match' && isNode(current.right)) {
    if (isTextQueryCall(current.right)) {
      return rewriteTextMatch(current, planning.params, planning.useIndexes)
    }
  }
  return current
}

/** `*[expr]`: an index read instead of `*` when a conjunct of `expr` allows one. */
function rewriteFilter(node: Node, planning: Planning): Node {
  return finishFilter(node, documentFilter(node.expr as Node, planning), planning)
}

/** A filter (or a `score()` argument) over the view's documents, rewritten. */
function documentFilter(expr: Node, planning: Planning): Node {
  const rewritten = rewrite(expr, planning)
  return planning.useIndexes ? settleReferences(rewritten, planning) : rewritten
}

/**
 * `references(ids)` with ids known before evaluation that no document of the view references:
 * `false`, decided once instead of by a walk through every document (the Studio's searches
 * always ask `references($__rawQuery)` with the typed text). Only where `@` is the view's
 * document: the filter itself, through `&&`, `||`, `!`, parentheses and `boost()`.
 */
function settleReferences(node: Node, planning: Planning): Node {
  const settle = (child: unknown) => (isNode(child) ? settleReferences(child, planning) : child)
  switch (node.type) {
    case 'And':
    case 'Or':
      return {...node, left: settle(node.left), right: settle(node.right)}
    case 'Not':
    case 'Group':
      return {...node, base: settle(node.base)}
    case 'FuncCall': {
      const args = node.args as Node[]
      if (node.namespace !== 'global') return node
      if (node.name === 'boost' && args.length === 2) {
        return {...node, args: [settle(args[0]), args[1]]}
      }
      if (node.name !== 'references') return node
      const ids: string[] = []
      for (const arg of args) {
        const value = constantValue(arg, planning.params)
        if (value === NO_VALUE) return node
        if (typeof value === 'string') ids.push(value)
        else if (Array.isArray(value)) {
          for (const id of value) if (typeof id === 'string') ids.push(id)
        }
      }
      const marks = planning.indexes.referenceCandidates(ids)
      return marks.includes(1) ? node : {type: 'Value', value: false}
    }
    default:
      return node
  }
}

/** `*[expr]` with `expr` already rewritten. */
function finishFilter(node: Node, expr: Node, planning: Planning): Node {
  const indexed = planning.useIndexes
    ? indexedBase(expr, planning.params, planning.indexes)
    : undefined
  planning.reads.push(indexed?.read ?? {kind: 'scan'})
  if (indexed) return {...node, base: indexed.base, expr}
  return expr === node.expr ? node : {...node, expr}
}

/** `_score > 0` */
function isPositiveScore(node: Node): boolean {
  const left = node.left as Node | undefined
  const right = node.right as Node | undefined
  return (
    node.type === 'OpCall' &&
    node.op === '>' &&
    left?.type === 'AccessAttribute' &&
    left.base === undefined &&
    left.name === '_score' &&
    right?.type === 'Value' &&
    right.value === 0
  )
}

/**
 * `*[expr] | score(args…)[_score > 0]` (the Studio's searches): only documents some argument scores
 * can pass, so `*` reads those of the text and reference indexes.
 */
function rewriteScored(node: Node, planning: Planning): Node | undefined {
  const score = node.base
  if (!isPositiveScore(node.expr as Node) || !isNode(score) || score.type !== 'PipeFuncCall') {
    return undefined
  }
  const filter = score.base
  if (score.name !== 'score' || !isNode(filter) || filter.type !== 'Filter') return undefined
  if (!isNode(filter.base) || filter.base.type !== 'Everything') return undefined
  const expr = documentFilter(filter.expr as Node, planning)
  const args = (score.args as Node[]).map((arg) => documentFilter(arg, planning))
  const {params, indexes} = planning
  const spec: CandidateSpec = {
    kind: 'and',
    items: [
      candidateSpec(expr, params, [], isTextOf),
      {kind: 'or', items: args.map((arg) => scoreSpec(arg, params, isTextOf))},
    ],
  }
  const kind = indexes.scoreFree ? indexKind(spec) : undefined
  const marks = kind && resolveCandidates(spec, new Map(), indexes)
  let planned: Node
  if (kind && marks) {
    planning.reads.push({kind})
    planned = {...filter, base: {type: 'Value', value: indexes.marked(marks)}, expr}
  } else planned = finishFilter(filter, expr, planning)
  return {...node, base: {...score, base: planned, args}}
}

/**
 * `<base> | order(…)[start...end]` (or `[i]`), with an optional projection of `@` before
 * `order`: its parts, or undefined for any other shape.
 */
function slicedOrder(
  node: Node,
): {end: number; order: Node; map: Node | undefined; base: Node} | undefined {
  const end = sliceEnd(node)
  const order = node.base
  if (end === undefined || !isNode(order) || order.type !== 'PipeFuncCall') return undefined
  if (order.name !== 'order' || !isNode(order.base)) return undefined
  let map: Node | undefined
  let base = order.base
  if (base.type === 'Map' && isNode(base.expr) && base.expr.type === 'Projection') {
    const projection = base.expr
    if (!isNode(projection.base) || projection.base.type !== 'This') return undefined
    if (!isNode(projection.expr) || projection.expr.type !== 'Object') return undefined
    map = base
    base = base.base as Node
  }
  return {end, order, map, base}
}

/**
 * `*[expr] | score(args…)[_score > 0] {…} | order(…)[start...end]` (the Studio's searches): a
 * scored read (see scored.ts) that hands groq-js the first `end` scored documents only, falling
 * back to the query as written where the read cannot answer.
 */
function rewriteScoredSlice(node: Node, planning: Planning): Node | undefined {
  const sliced = slicedOrder(node)
  if (!sliced) return undefined
  const {end, order, map, base: positive} = sliced
  if (positive.type !== 'Filter' || !isPositiveScore(positive.expr as Node)) return undefined
  const score = positive.base
  if (!isNode(score) || score.type !== 'PipeFuncCall' || score.name !== 'score') return undefined
  const filter = score.base
  if (!isNode(filter) || filter.type !== 'Filter' || !isNode(filter.base)) return undefined
  if (filter.base.type !== 'Everything' || !planning.indexes.scoreFree) return undefined
  const object = map && ((map.expr as Node).expr as Node)
  const terms = orderTerms(order.args as Node[], object)
  if (!terms) return undefined
  // The read runs once, where it stands: nothing in it may refer to an enclosing scope.
  const local = (expr: Node) => extractOuter(expr, '')?.names.length === 0
  if (!local(filter.expr as Node) || !(score.args as Node[]).every(local)) return undefined

  // The query as the planner reads it otherwise, for whatever the scored read cannot answer.
  const fallback = mapChildren(node, (child) => rewrite(child, {...planning, reads: []}))
  const expr = documentFilter(filter.expr as Node, planning)
  const args = (score.args as Node[]).map((arg) => documentFilter(arg, planning))
  const {params} = planning
  const id = planning.scored.length
  planning.scored.push({
    expr,
    args,
    candidates: {
      kind: 'and',
      items: [
        candidateSpec(expr, params, [], isTextOf),
        {kind: 'or', items: args.map((arg) => scoreSpec(arg, params, isTextOf))},
      ],
    },
    terms: terms.map(({path, key, desc}) => ({path, key, desc})),
    end,
    textMarkers: [TEXT_MARKER, TOKENS_MARKER],
    decided: conjuncts(expr).every((term) => decidedByIndex(term, params)),
  })
  planning.reads.push({kind: 'score'})
  const marker = derefMarker(SCORED_MARKER, {type: 'Value', value: String(id)})
  const scored = {...positive, base: marker}
  const base = map ? {...map, base: scored, expr: rewrite(map.expr as Node, planning)} : scored
  const fast = {...node, base: {...order, base}}
  return {type: 'FuncCall', namespace: 'global', name: 'coalesce', args: [fast, fallback]}
}

/**
 * `_type == "post"`, `_type in $types`, `_id == $id`, `_id in $ids` with the value known: the
 * indexes answer exactly which documents pass, so the filter need not run on them.
 */
function decidedByIndex(term: Node, params: Record<string, unknown>): boolean {
  if (term.type !== 'OpCall' || (term.op !== '==' && term.op !== 'in')) return false
  const path = attributePath(term.left as Node)
  if (path !== '_type' && path !== '_id') return false
  const value = constantValue(term.right as Node, params)
  return term.op === '==' ? typeof value === 'string' : Array.isArray(value)
}

/** How many leading elements of its base a slice (`[a...b]`, `[a..b]`) or `[i]` reads. */
function sliceEnd(node: Node): number | undefined {
  const natural = (value: unknown): value is number => Number.isInteger(value) && Number(value) >= 0
  if (node.type === 'AccessElement') return natural(node.index) ? node.index + 1 : undefined
  if (!natural(node.left) || !natural(node.right)) return undefined
  return node.right + (node.isInclusive ? 1 : 0)
}

/**
 * The value a projection gives attribute `name`: its last definition, unless a splat after it
 * could override it.
 */
function projectedAttribute(object: Node, name: string): Node | undefined {
  let value: Node | undefined
  for (const attribute of object.attributes as Node[]) {
    if (attribute.type === 'ObjectAttributeValue') {
      if (attribute.name === name) value = attribute.value as Node
    } else value = undefined
  }
  return value
}

/** An order term over projected objects (`orderings[0]`), as the expression it projects. */
function unproject(term: Node, object: Node): Node | undefined {
  if (
    term.type === 'AccessAttribute' &&
    (term.base === undefined || (term.base as Node).type === 'This')
  ) {
    return projectedAttribute(object, term.name as string)
  }
  if (term.type === 'AccessElement' && isNode(term.base)) {
    const array = unproject(term.base, object)
    if (!array || array.type !== 'Array') return undefined
    const elements = array.elements as Node[]
    if (elements.some((element) => element.isSplat)) return undefined
    return elements[term.index as number]?.value as Node | undefined
  }
  return undefined
}

interface OrderTerm {
  path: string
  key: OrderKey
  desc: boolean
  mapper: Node
}

/** `dateTime(x)` with one argument: the Studio orders date fields so. */
function dateTimeArgument(node: Node): Node | undefined {
  if (node.type !== 'FuncCall' || node.namespace !== 'global' || node.name !== 'dateTime') {
    return undefined
  }
  const args = node.args as Node[]
  return args.length === 1 ? args[0] : undefined
}

/** `order()` arguments as attribute paths of the documents, or undefined. */
function orderTerms(args: Node[], object: Node | undefined): OrderTerm[] | undefined {
  const terms: OrderTerm[] = []
  for (const arg of args) {
    const desc = arg.type === 'Desc'
    let inner = arg.type === 'Desc' || arg.type === 'Asc' ? (arg.base as Node) : arg
    const dateArgument = dateTimeArgument(inner)
    if (dateArgument) inner = dateArgument
    const attribute = object ? unproject(inner, object) : inner
    const path = attribute && attributePath(attribute)
    if (!attribute || path === undefined) return undefined
    const resolved: Node = dateArgument
      ? {type: 'FuncCall', namespace: 'global', name: 'dateTime', args: [attribute]}
      : attribute
    const key: OrderKey = dateArgument ? 'dateTime' : 'value'
    terms.push({path, key, desc, mapper: desc ? {type: 'Desc', base: resolved} : resolved})
  }
  return terms.length > 0 ? terms : undefined
}

function isTextOf(node: Node): boolean {
  if (node.type !== 'Deref' || !isNode(node.base) || node.base.type !== 'Object') return false
  const [attribute] = node.base.attributes as Node[]
  const ref = attribute?.value as Node | undefined
  return (
    ref?.type === 'OpCall' &&
    (ref.left as Node).type === 'Value' &&
    ((ref.left as Node).value === TEXT_MARKER || (ref.left as Node).value === TOKENS_MARKER)
  )
}

/**
 * `*[expr] | order(a, …)[start...end]` (also with a projection before `order`, ordering by a
 * projected attribute as the Studio's lists do): an ordered read (see ordered.ts) instead of a
 * filter and a sort of every document. Undefined when the shape does not allow one.
 */
function rewriteOrdered(node: Node, planning: Planning): Node | undefined {
  const sliced = slicedOrder(node)
  if (!sliced) return undefined
  const {end, order, map, base: filter} = sliced
  if (filter.type !== 'Filter' || !isNode(filter.base) || filter.base.type !== 'Everything') {
    return undefined
  }
  const object = map && ((map.expr as Node).expr as Node)
  const terms = orderTerms(order.args as Node[], object)
  if (!terms) return undefined

  const expr = documentFilter(filter.expr as Node, planning)
  const id = planning.ordered.length
  const extracted = extractOuter(expr, String(id))
  if (!extracted) {
    const planned = finishFilter(filter, expr, planning)
    const base = map ? {...map, base: planned, expr: rewrite(map.expr as Node, planning)} : planned
    return {...node, base: {...order, base}}
  }
  const [first] = terms as [OrderTerm, ...OrderTerm[]]
  const {params} = planning
  planning.ordered.push({
    expr: extracted.expr,
    mappers: terms.map((term) => term.mapper),
    path: first.path,
    key: first.key,
    desc: first.desc,
    end,
    outer: extracted.names,
    candidates: candidateSpec(extracted.expr, params, extracted.names, isTextOf),
    // Comparisons in the filter are on the attribute's value, not on the instant the index holds.
    range:
      first.key === 'value'
        ? rangeSpec(extracted.expr, first.path, params, extracted.names)
        : {kind: 'all'},
  })
  planning.reads.push({kind: 'order', path: first.path, direction: first.desc ? 'desc' : 'asc'})
  const projection = map && rewrite(map.expr as Node, planning)
  const marker = orderMarker(id, extracted.outer)
  let base: Node = map ? {...map, base: marker, expr: projection} : marker
  if (extracted.outer.length > 0 || first.key === 'dateTime') {
    // Outer values the marker cannot carry (objects, arrays) make it null, as do invalid dates in
    // a `dateTime()` index: read as written then.
    const planned = finishFilter(filter, expr, {...planning, reads: []})
    const fallback = {...order, base: map ? {...map, base: planned, expr: projection} : planned}
    base = {type: 'FuncCall', namespace: 'global', name: 'coalesce', args: [base, fallback]}
  }
  return {...node, base}
}

function isTextQueryCall(node: Node): boolean {
  return node.type === 'FuncCall' && node.namespace === 'text' && node.name === 'query'
}

/**
 * `L match text::query(q)` → `L' match q`, where each `@` in L becomes its string values. When q
 * is known, its `-term` exclusions become `!(L' match "term")` and quotes are dropped (a phrase
 * then matches its words anywhere: close enough for a local Studio search).
 */
function rewriteTextMatch(node: Node, params: Record<string, unknown>, tokens: boolean): Node {
  const textOf = () => textMarker(tokens ? TOKENS_MARKER : TEXT_MARKER)
  const call = node.right as Node
  const pattern = (call.args as Node[])[0] ?? {type: 'Value', value: ''}
  const left = node.left as Node
  let newLeft = left
  if (left.type === 'This') newLeft = textOf()
  else if (left.type === 'Array') {
    const elements = (left.elements as Node[]).map((element) =>
      isNode(element.value) && element.value.type === 'This'
        ? {...element, value: textOf(), isSplat: true}
        : element,
    )
    newLeft = {...left, elements}
  }
  const text = constantValue(pattern, params)
  if (typeof text !== 'string') return {...node, left: newLeft, right: pattern}
  const terms = text.match(/-?"[^"]*"|\S+/g) ?? []
  const include = terms.filter((term) => !term.startsWith('-')).map(unquote)
  const exclude = terms.filter((term) => term.startsWith('-') && term.length > 1)
  let result: Node = {
    ...node,
    left: newLeft,
    right: {type: 'Value', value: include.length > 0 ? include.join(' ') : '*'},
  }
  for (const term of exclude) {
    const match = {
      type: 'OpCall',
      op: 'match',
      left: newLeft,
      right: {type: 'Value', value: unquote(term.slice(1))},
    }
    result = {type: 'And', left: result, right: {type: 'Not', base: match}}
  }
  return result
}

function unquote(term: string): string {
  return term.replace(/^"|"$/g, '')
}

/** `Deref({_ref: marker + @._id})`, answered by the dereference hook. */
function textMarker(marker: string): Node {
  return derefMarker(marker, {type: 'AccessAttribute', base: {type: 'This'}, name: '_id'})
}

function isVersionOfCall(node: Node): boolean {
  return (
    node.type === 'FuncCall' &&
    node.namespace === 'sanity' &&
    node.name === 'versionOf' &&
    (node.args as Node[]).length === 1
  )
}

function isIndexKey(value: unknown): value is IndexKey {
  return typeof value === 'string' || typeof value === 'boolean' || Number.isFinite(value)
}

type Candidate = {rank: number; base: Node; read: DocumentRead}

/** The cheapest indexed replacement for `*` under `expr`, if any conjunct allows one. */
function indexedBase(
  expr: Node,
  params: Record<string, unknown>,
  indexes: PlanIndexes,
): Candidate | undefined {
  let best: Candidate | undefined
  const offer = (candidate: Candidate) => {
    if (!best || candidate.rank < best.rank) best = candidate
  }
  for (const term of conjuncts(expr)) {
    if (isVersionOfCall(term)) {
      // `sanity::versionOf($id)`: the document, its draft and its release versions.
      const id = constantValue((term.args as Node[])[0] as Node, params)
      if (id === NO_VALUE) continue
      offer({
        rank: 0,
        base: {type: 'Value', value: typeof id === 'string' ? indexes.versionsOf(id) : []},
        read: {kind: 'index', path: '_id'},
      })
      continue
    }
    if (term.type !== 'OpCall') continue
    const left = term.left as Node
    const right = term.right as Node
    if (term.op === '==') {
      for (const [side, other] of [
        [left, right],
        [right, left],
      ] as const) {
        const path = attributePath(side)
        if (path === undefined) continue
        const value = constantValue(other, params)
        if (value !== NO_VALUE) {
          if (!isIndexKey(value)) continue
          offer({
            rank: path === '_id' ? 0 : path === '_type' ? 3 : 1,
            base: constant(path, value),
            read: {kind: 'index', path},
          })
          continue
        }
        const outer = outerExpression(other)
        if (outer && path !== '_type') {
          // Non-string keys make `+` null; coalesce then falls back to scanning everything.
          const lookup = derefMarker(`${EQ_MARKER}${path}${SEP}`, outer)
          offer({
            rank: 2,
            base: {
              type: 'FuncCall',
              namespace: 'global',
              name: 'coalesce',
              args: [lookup, {type: 'Everything'}],
            },
            read: {kind: 'join', path},
          })
        }
      }
    } else if (term.op === 'in') {
      const path = attributePath(left)
      if (path !== '_id' && path !== '_type') continue
      const values = constantValue(right, params)
      if (!Array.isArray(values)) continue
      const keys = values.filter((value): value is string => typeof value === 'string')
      const docs = path === '_id' ? indexes.byIds(keys) : indexes.byTypes(keys)
      offer({
        rank: path === '_id' ? 0 : 4,
        base: {type: 'Value', value: docs},
        read: {kind: 'index', path},
      })
    }
  }

  // The text and reference indexes, where nothing narrower than a type list applies.
  if (!best || best.rank >= 3) {
    const spec = candidateSpec(expr, params, [], isTextOf)
    const kind = indexKind(spec)
    const marks = kind && resolveCandidates(spec, new Map(), indexes)
    if (kind && marks) {
      offer({rank: 2.5, base: {type: 'Value', value: indexes.marked(marks)}, read: {kind}})
    }
  }

  function constant(path: string, value: IndexKey): Node {
    if (path === '_id') {
      return {type: 'Value', value: typeof value === 'string' ? indexes.byIds([value]) : []}
    }
    if (path === '_type') {
      return {type: 'Value', value: typeof value === 'string' ? indexes.byTypes([value]) : []}
    }
    return {type: 'Value', value: indexes.byPath(path, value)}
  }
  return best
}

/** Which of the text and reference indexes `spec` uses (text first), if any. */
function indexKind(spec: CandidateSpec): 'text' | 'references' | undefined {
  if (spec.kind === 'text' || spec.kind === 'references') return spec.kind
  if (spec.kind !== 'and' && spec.kind !== 'or') return undefined
  const kinds = spec.items.map(indexKind)
  return kinds.includes('text') ? 'text' : kinds.includes('references') ? 'references' : undefined
}
