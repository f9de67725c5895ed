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

/** Prefix of the synthetic references the planner hands to the `dereference` hook. */
export const MARKER = '\u0000lake:'
/** `MARKER + 'eq:' + path + SEP + key` → documents whose `path` equals `key` (a string). */
export const EQ_MARKER = `${MARKER}eq:`
/** `MARKER + 'text:' + _id` → the string values of that document, for `text::query`. */
export const TEXT_MARKER = `${MARKER}text:`
export const SEP = '\u0000'

/** A groq-js syntax node, loosely typed so the rewrite can walk every kind generically. */
type Node = {type: string} & Record<string, unknown>

/** A value an equality index can key on. */
export type IndexKey = string | number | boolean

/** What the planner needs to know about the data: fixed candidate lists for constant keys. */
export interface PlanIndexes {
  /** Documents with any of these ids, in dataset order. */
  byIds(ids: string[]): unknown[]
  /** Documents of any of these types, in dataset order. */
  byTypes(types: string[]): unknown[]
  /** Documents whose attribute `path` (dotted) equals `key`, in dataset order. */
  byPath(path: string, key: IndexKey): unknown[]
}

const NO_VALUE = Symbol('no constant value')

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as Node).type === 'string'
}

/**
 * How a plan reads the documents of one `*` in the query:
 * - `scan`: every document of the view;
 * - `index`: the documents whose attribute `path` equals a value known before evaluation
 *   (`_id == $id`, `_type in [...]`, `slug.current == "x"`);
 * - `join`: for each document of the enclosing scope, those whose `path` equals one of its values
 *   (`post._ref == ^._id`). At run time a key that is not a string reads every document instead.
 */
export type DocumentRead =
  {kind: 'scan'} | {kind: 'index'; path: string} | {kind: 'join'; path: string}

/** A query rewritten for evaluation, and what the planner chose for each `*` in it. */
export interface QueryPlan {
  tree: ExprNode
  /** One per `*` of the query, in the order the planner meets them (inner filters first). */
  reads: DocumentRead[]
}

interface Planning {
  params: Record<string, unknown>
  indexes: PlanIndexes
  reads: DocumentRead[]
}

/** Rewrite `tree` for evaluation with `params` against data described by `indexes`. */
export function planQuery(
  tree: ExprNode,
  params: Record<string, unknown>,
  indexes: PlanIndexes,
): QueryPlan {
  const planning: Planning = {params, indexes, reads: []}
  const planned = rewrite(tree as unknown as Node, planning) as unknown as ExprNode
  return {tree: planned, reads: planning.reads}
}

/** Copy-on-write bottom-up rewrite; the parse tree itself is cached and never mutated. */
function rewrite(node: Node, planning: Planning): Node {
  if (node.type === 'Filter' && isNode(node.base) && node.base.type === 'Everything') {
    return rewriteFilter(node, planning)
  }
  if (node.type === 'Everything') {
    planning.reads.push({kind: 'scan'})
    return node
  }
  let copy: Node | undefined
  for (const [key, value] of Object.entries(node)) {
    let next: unknown = value
    if (isNode(value)) next = rewrite(value, planning)
    else if (Array.isArray(value)) {
      const mapped = value.map((item) => (isNode(item) ? rewrite(item, planning) : item))
      if (mapped.some((item, i) => item !== value[i])) next = mapped
    }
    if (next !== value) {
      copy ??= {...node}
      copy[key] = next
    }
  }
  const current = copy ?? node
  if (current.type === 'OpCall' && current.op === 'match' && isNode(current.right)) {
    if (isTextQueryCall(current.right)) return rewriteTextMatch(current, planning.params)
  }
  return current
}

/** `*[expr]`: an index read instead of `*` when a conjunct of `expr` allows one. */
function rewriteFilter(node: Node, planning: Planning): Node {
  const expr = rewrite(node.expr as Node, planning)
  const indexed = indexedBase(expr, planning.params, planning.indexes)
  planning.reads.push(indexed?.read ?? {kind: 'scan'})
  if (indexed) return {...node, base: indexed.base, expr}
  return expr === node.expr ? node : {...node, expr}
}

function isTextQueryCall(node: Node): boolean {
  return node.type === 'FuncCall' && node.namespace === 'text' && node.name === 'query'
}

/**
 * `L match text::query(q)` → `L' match q`, where each `@` in L becomes its string values. When q
 * is known, its `-term` exclusions become `!(L' match "term")` and quotes are dropped (a phrase
 * then matches its words anywhere: close enough for a local Studio search).
 */
function rewriteTextMatch(node: Node, params: Record<string, unknown>): Node {
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

/** `Deref({_ref: TEXT_MARKER + @._id})`, answered by the dereference hook. */
function textOf(): Node {
  return derefMarker(TEXT_MARKER, {type: 'AccessAttribute', base: {type: 'This'}, name: '_id'})
}

function derefMarker(prefix: string, key: Node): Node {
  return {
    type: 'Deref',
    base: {
      type: 'Object',
      attributes: [
        {
          type: 'ObjectAttributeValue',
          name: '_ref',
          value: {type: 'OpCall', op: '+', left: {type: 'Value', value: prefix}, right: key},
        },
      ],
    },
  }
}

function conjuncts(expr: Node): Node[] {
  if (expr.type === 'And')
    return [...conjuncts(expr.left as Node), ...conjuncts(expr.right as Node)]
  if (expr.type === 'Group' && isNode(expr.base)) return conjuncts(expr.base)
  return [expr]
}

/** `a.b.c` relative to the filtered document, or undefined. */
function attributePath(node: Node): string | undefined {
  if (node.type !== 'AccessAttribute') return undefined
  const name = node.name as string
  if (node.base === undefined) return name
  if (!isNode(node.base)) return undefined
  if (node.base.type === 'This') return name
  const parent = attributePath(node.base)
  return parent === undefined ? undefined : `${parent}.${name}`
}

function constantValue(node: Node, params: Record<string, unknown>): unknown {
  if (node.type === 'Value') return node.value
  if (node.type === 'Parameter') {
    const name = node.name as string
    return Object.hasOwn(params, name) ? params[name] : NO_VALUE
  }
  if (node.type === 'Array') {
    const values: unknown[] = []
    for (const element of node.elements as Node[]) {
      if (element.isSplat) return NO_VALUE
      const value = constantValue(element.value as Node, params)
      if (value === NO_VALUE) return NO_VALUE
      values.push(value)
    }
    return values
  }
  return NO_VALUE
}

function isIndexKey(value: unknown): value is IndexKey {
  return typeof value === 'string' || typeof value === 'boolean' || Number.isFinite(value)
}

/**
 * An expression of the filter's enclosing scope (`^._id`, `^.post._ref`), re-rooted so it can be
 * evaluated outside the filter, where `^` becomes `@`.
 */
function outerExpression(node: Node): Node | undefined {
  if (node.type === 'Parent') {
    const n = node.n as number
    return n === 1 ? {type: 'This'} : {type: 'Parent', n: n - 1}
  }
  if (node.type === 'AccessAttribute' && isNode(node.base)) {
    const base = outerExpression(node.base)
    return base && {...node, base}
  }
  return undefined
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
