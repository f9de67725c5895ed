/**
 * Reading groq-js syntax trees for the planner: node shapes, conjuncts, attribute paths, values
 * known before evaluation, and expressions of a filter's enclosing scope.
 */
import {evaluateSync, type ExprNode} from 'groq-js'

/** A groq-js syntax node, loosely typed so the rewrite can walk every kind generically. */
export type Node = {type: string} & Record<string, unknown>

export const NO_VALUE = Symbol('no constant value')

export function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as Node).type === 'string'
}

export function conjuncts(expr: Node): Node[] {
  if (expr.type === 'And')
    return [...conjuncts(expr.left as Node), ...conjuncts(expr.right as Node)]
  if (expr.type === 'Group' && isNode(expr.base)) return conjuncts(expr.base)
  return [expr]
}

/** `a.b.c` relative to the filtered document, or undefined. */
export function attributePath(node: Node): string | undefined {
  if (node.type !== 'AccessAttribute') return undefined
  const name = node.name as string
  if (node.base === undefined) return name
  if (!isNode(node.base)) return undefined
  if (node.base.type === 'This') return name
  const parent = attributePath(node.base)
  return parent === undefined ? undefined : `${parent}.${name}`
}

export function constantValue(node: Node, params: Record<string, unknown>): unknown {
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

/** Node kinds whose value depends only on parameters and literals (no document, no function). */
const CONSTANT_KINDS = new Set(['Value', 'Parameter', 'Group', 'Not', 'Neg', 'Pos', 'And', 'Or'])

/**
 * Whether `node` can be evaluated before the query runs: literals, known parameters and operators
 * on them (`$cursor == null`, `$cursor.publishedAt`). No function calls, so the value is plain
 * JSON (groq-js' datetime and path values only come from functions).
 */
export function isConstantExpression(node: Node, params: Record<string, unknown>): boolean {
  switch (node.type) {
    case 'Parameter':
      return Object.hasOwn(params, node.name as string)
    case 'Value':
      return true
    case 'OpCall':
      return (
        isConstantExpression(node.left as Node, params) &&
        isConstantExpression(node.right as Node, params)
      )
    case 'AccessAttribute':
    case 'AccessElement':
      return isNode(node.base) && isConstantExpression(node.base, params)
    case 'Array':
      return (node.elements as Node[]).every((element) =>
        isConstantExpression(element.value as Node, params),
      )
    default:
      if (!CONSTANT_KINDS.has(node.type)) return false
      for (const key of ['base', 'left', 'right'] as const) {
        const child = node[key]
        if (isNode(child) && !isConstantExpression(child, params)) return false
      }
      return true
  }
}

/** The value of a constant expression (see `isConstantExpression`), else `NO_VALUE`. */
export function evaluateConstant(node: Node, params: Record<string, unknown>): unknown {
  if (!isConstantExpression(node, params)) return NO_VALUE
  try {
    return evaluateSync(node as unknown as ExprNode, {params}).data
  } catch {
    return NO_VALUE
  }
}

/**
 * An expression of the filter's enclosing scope (`^._id`, `^.post._ref`), re-rooted so it can be
 * evaluated outside the filter, where `^` becomes `@`.
 */
export function outerExpression(node: Node): Node | undefined {
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

/** `Deref({_ref: prefix + key})`: a lookup the lake's `dereference` hook answers. */
export function derefMarker(prefix: string, key: Node): Node {
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

/**
 * `node` with each child node replaced by `map(child, key)`; the same object when nothing changed
 * (the parse tree is cached and never mutated).
 */
export function mapChildren(node: Node, map: (child: Node, key: string) => Node): Node {
  let copy: Node | undefined
  for (const [key, value] of Object.entries(node)) {
    let next: unknown = value
    if (isNode(value)) next = map(value, key)
    else if (Array.isArray(value)) {
      const mapped = value.map((item) => (isNode(item) ? map(item, key) : item))
      if (mapped.some((item, i) => item !== value[i])) next = mapped
    }
    if (next !== value) {
      copy ??= {...node}
      copy[key] = next
    }
  }
  return copy ?? node
}
