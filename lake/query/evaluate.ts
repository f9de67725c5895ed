/**
 * GROQ evaluation as the query workers run it: parse (cached), check parameters, plan (indexes,
 * `text::query`), evaluate with groq-js against one perspective view. Pure and synchronous where
 * groq-js allows, so it also serves as the in-process floor in the benchmark.
 */
import {
  evaluate,
  evaluateSync,
  GroqSyntaxError,
  parse,
  toJS,
  type DereferenceFunction,
  type EvaluateOptions,
  type ExprNode,
} from 'groq-js'
import {orderedDereference, type OrderedReadStats} from './ordered.ts'
import {planQuery} from './plan.ts'
import {scoredDereference} from './scored.ts'
import type {View} from './views.ts'

/** A query the caller got wrong: Sanity reports these as 400 `queryParseError`. */
export class QueryParseError extends Error {
  readonly start: number
  readonly end: number
  constructor(description: string, start: number, end: number) {
    super(description)
    this.name = 'QueryParseError'
    this.start = start
    this.end = end
  }
}

const PARSE_CACHE_SIZE = 500
const parseCache = new Map<string, ExprNode>()

/**
 * Parse `query`, throwing `QueryParseError` with the offending position. Trees are cached by
 * query text, except for queries that need `params` at parse time (`[0...$limit]`).
 */
export function parseQuery(query: string, params: Record<string, unknown> = {}): ExprNode {
  const cached = parseCache.get(query)
  if (cached) return cached
  let tree: ExprNode
  try {
    tree = parse(terminated(query))
  } catch (error) {
    // groq-js folds slice bounds at parse time, so `$param` bounds need the params.
    if (error instanceof Error && /constant/.test(error.message)) return parseWith(query, params)
    throw toParseError(error)
  }
  if (parseCache.size >= PARSE_CACHE_SIZE) {
    parseCache.delete(parseCache.keys().next().value as string)
  }
  parseCache.set(query, tree)
  return tree
}

function parseWith(query: string, params: Record<string, unknown>): ExprNode {
  try {
    return parse(terminated(query), {params})
  } catch (error) {
    throw toParseError(error)
  }
}

/** groq-js rejects a `// comment` on the last line unless a newline ends it; Sanity does not. */
function terminated(query: string): string {
  return query.includes('//') ? `${query}\n` : query
}

function toParseError(error: unknown): QueryParseError {
  if (error instanceof GroqSyntaxError) {
    const start = error.position
    return new QueryParseError(describeSyntaxError(error.message), start, start + 1)
  }
  return new QueryParseError(error instanceof Error ? error.message : String(error), 0, 0)
}

function describeSyntaxError(message: string): string {
  return message.replace(/^Syntax error in GROQ query at position \d+:?\s*/i, '') || 'syntax error'
}

/** Every `$param` the tree references. */
export function referencedParams(tree: ExprNode): Set<string> {
  const names = new Set<string>()
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit)
    else if (typeof node === 'object' && node !== null) {
      const record = node as Record<string, unknown>
      if (record.type === 'Parameter' && typeof record.name === 'string') names.add(record.name)
      Object.values(record).forEach(visit)
    }
  }
  visit(tree)
  return names
}

/** Sanity rejects a query whose `$param` was not provided; so do we. */
export function checkParams(tree: ExprNode, params: Record<string, unknown>): void {
  for (const name of referencedParams(tree)) {
    if (!Object.hasOwn(params, name)) {
      throw new QueryParseError(`param $${name} referenced, but not provided`, 0, 0)
    }
  }
}

export interface EvaluateContext {
  identity?: string
  projectId?: string
  dataset?: string
  /** Called after each ordered read (see ordered.ts) with what it did: for tests. */
  onOrderedRead?: (stats: OrderedReadStats) => void
  /** False: no index reads, every `*` read in full (plain groq-js, for comparisons). */
  useIndexes?: boolean
}

/** Evaluate a parsed query against `view`; the result is plain JSON-compatible data. */
export async function evaluateOnView(
  view: View,
  tree: ExprNode,
  params: Record<string, unknown>,
  context: EvaluateContext = {},
): Promise<unknown> {
  const plan = planQuery(tree, params, view, {useIndexes: context.useIndexes ?? true})
  const options: EvaluateOptions = {
    dataset: view.docs,
    params,
    // Index markers answer with lists (see plan.ts), which groq-js passes through untouched.
    dereference: view.dereference as DereferenceFunction,
    identity: context.identity ?? '',
    ...(context.projectId && context.dataset
      ? {sanity: {projectId: context.projectId, dataset: context.dataset}}
      : {}),
  }
  // Ordered-read markers run their read in the same mode as the evaluation that meets them.
  const withReads = (mode: 'sync' | 'async'): EvaluateOptions => {
    if (plan.ordered.length === 0 && plan.scored.length === 0) return options
    const modeOptions = {...options}
    const ordered = orderedDereference(plan.ordered, view, modeOptions, mode, context.onOrderedRead)
    modeOptions.dereference = scoredDereference(
      plan.scored,
      view,
      modeOptions,
      mode,
      ordered,
      context.onOrderedRead,
    ) as DereferenceFunction
    return modeOptions
  }
  try {
    return toJS(evaluateSync(plan.tree, withReads('sync')))
  } catch {
    // The synchronous evaluator covers most of GROQ; anything else runs on the async one.
    const value = await evaluate(plan.tree, withReads('async'))
    return value.get()
  }
}
