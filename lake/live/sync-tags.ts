/**
 * Sync tags for the Live Content API: opaque `s1:…` strings on every query answer, matched by the
 * tags of the changes `/data/live/events` announces. A client refetches a query when an event
 * carries one of its tags.
 *
 * The lake's tags are per document type: a query reading only `*[_type == "post" …]` carries the
 * `post` tag, and a change to a post (before or after) carries it. A query that reads documents of
 * types it does not name (a bare `*`, a filter that does not pin `_type`, a `->` dereference)
 * carries the dataset's catch-all tag, which every change carries too. Coarser than Sanity's
 * (which tracks the documents a result came from), never stale: a change that could alter an
 * answer always carries one of its tags.
 */
import {createHash} from 'node:crypto'
import type {ExprNode} from 'groq-js'
import type {LakeDocument} from '../types.ts'

/** What the live API's tags look like (`@sanity/client`'s `SyncTag`). */
export type SyncTag = `s1:${string}`

function tag(dataset: string, key: string): SyncTag {
  const digest = createHash('sha256').update(`${dataset}\0${key}`).digest('base64url')
  return `s1:${digest.slice(0, 8)}`
}

/** The tag of every document of `type` in `dataset`. */
export function typeTag(dataset: string, type: string): SyncTag {
  return tag(dataset, `type:${type}`)
}

/** The tag of queries that may read any document of `dataset`; every change carries it. */
export function datasetTag(dataset: string): SyncTag {
  return tag(dataset, '*')
}

type Node = {type: string; [key: string]: unknown}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as Node).type === 'string'
}

function isTypeAttribute(node: unknown): boolean {
  return isNode(node) && node.type === 'AccessAttribute' && node.name === '_type' && !node.base
}

/** The strings a literal, a parameter or an array of them stands for; undefined if not all are. */
function strings(node: unknown, params: Record<string, unknown>): string[] | undefined {
  if (!isNode(node)) return undefined
  const fromValue = (value: unknown) =>
    typeof value === 'string'
      ? [value]
      : Array.isArray(value) && value.every((v) => typeof v === 'string')
        ? (value as string[])
        : undefined
  if (node.type === 'Value') return fromValue(node.value)
  if (node.type === 'Parameter') return fromValue(params[node.name as string])
  if (node.type === 'Array') {
    const out: string[] = []
    for (const element of node.elements as Node[]) {
      const values = element.isSplat ? undefined : strings(element.value, params)
      if (!values) return undefined
      out.push(...values)
    }
    return out
  }
  return undefined
}

/** The `_type`s a filter admits, if it pins them (`_type == "a"`, `_type in [...]`, `&&`, `||`). */
function filterTypes(expr: unknown, params: Record<string, unknown>): Set<string> | undefined {
  if (!isNode(expr)) return undefined
  switch (expr.type) {
    case 'Group':
      return filterTypes(expr.base, params)
    case 'And': {
      const left = filterTypes(expr.left, params)
      const right = filterTypes(expr.right, params)
      if (left && right) return new Set([...left].filter((type) => right.has(type)))
      return left ?? right
    }
    case 'Or': {
      const left = filterTypes(expr.left, params)
      const right = filterTypes(expr.right, params)
      return left && right ? new Set([...left, ...right]) : undefined
    }
    case 'OpCall': {
      if (expr.op === '==') {
        const values = isTypeAttribute(expr.left)
          ? strings(expr.right, params)
          : isTypeAttribute(expr.right)
            ? strings(expr.left, params)
            : undefined
        return values?.length === 1 ? new Set(values) : undefined
      }
      if (expr.op === 'in' && isTypeAttribute(expr.left)) {
        const values = strings(expr.right, params)
        return values ? new Set(values) : undefined
      }
      return undefined
    }
    default:
      return undefined
  }
}

/** The sync tags of a query's answer: one per type it reads, or the catch-all. */
export function queryTags(
  dataset: string,
  tree: ExprNode,
  params: Record<string, unknown>,
): SyncTag[] {
  const types = new Set<string>()
  let anything = false
  const visit = (value: unknown): void => {
    if (anything || typeof value !== 'object' || value === null) return
    if (Array.isArray(value)) {
      for (const item of value) visit(item)
      return
    }
    const node = value as Node
    if (node.type === 'Everything' || node.type === 'Deref') {
      anything = true
      return
    }
    if (node.type === 'Filter' && isNode(node.base) && node.base.type === 'Everything') {
      const admitted = filterTypes(node.expr, params)
      if (!admitted) {
        anything = true
        return
      }
      for (const type of admitted) types.add(type)
      visit(node.expr)
      return
    }
    for (const child of Object.values(node)) visit(child)
  }
  visit(tree)
  if (anything) return [datasetTag(dataset)]
  return [...types].sort().map((type) => typeTag(dataset, type))
}

/** The tags a change to a document (`before` → `after`) invalidates. */
export function changeTags(
  dataset: string,
  before: LakeDocument | null,
  after: LakeDocument | null,
): SyncTag[] {
  const types = new Set<string>()
  for (const doc of [before, after]) if (doc?._type) types.add(doc._type)
  return [datasetTag(dataset), ...[...types].sort().map((type) => typeTag(dataset, type))]
}
