/**
 * A small method + path router. Patterns are matched against the path without its `/v…/` version
 * prefix, e.g. `/data/query/:dataset`; a `:param` matches one segment (commas and dots included).
 */
import type {LakeResponse} from './http.ts'
import type {LakeRequest} from './types.ts'

/**
 * A route handler. A returned value other than `undefined` is sent as JSON 200 unless the handler
 * already wrote the response; a thrown `LakeError` becomes its status and body.
 */
export type RouteHandler = (req: LakeRequest, res: LakeResponse) => unknown | Promise<unknown>

interface Route {
  methods: Set<string>
  segments: string[]
  handler: RouteHandler
}

/** The outcome of `Router.match`. */
export type RouteMatch =
  | {kind: 'found'; handler: RouteHandler; params: Record<string, string>}
  | {kind: 'method-not-allowed'; allowed: string[]}
  | {kind: 'not-found'}

export class Router {
  readonly #routes: Route[] = []

  /** Register `handler` for `method` (or several) on `pattern`. Earlier routes win. */
  add(method: string | string[], pattern: string, handler: RouteHandler): void {
    const methods = new Set((Array.isArray(method) ? method : [method]).map((m) => m.toUpperCase()))
    this.#routes.push({methods, segments: splitPath(pattern), handler})
  }

  match(method: string, path: string): RouteMatch {
    const segments = splitPath(path)
    const allowed = new Set<string>()
    for (const route of this.#routes) {
      const params = matchSegments(route.segments, segments)
      if (!params) continue
      if (route.methods.has(method) || (method === 'HEAD' && route.methods.has('GET'))) {
        return {kind: 'found', handler: route.handler, params}
      }
      for (const m of route.methods) allowed.add(m)
    }
    return allowed.size > 0
      ? {kind: 'method-not-allowed', allowed: [...allowed]}
      : {kind: 'not-found'}
  }
}

function splitPath(path: string): string[] {
  return path.split('/').filter((segment) => segment !== '')
}

function matchSegments(pattern: string[], path: string[]): Record<string, string> | undefined {
  if (pattern.length !== path.length) return undefined
  const params: Record<string, string> = {}
  for (let i = 0; i < pattern.length; i++) {
    const expected = pattern[i] as string
    const actual = path[i] as string
    if (expected.startsWith(':')) {
      let value: string
      try {
        value = decodeURIComponent(actual)
      } catch {
        return undefined
      }
      params[expected.slice(1)] = value
    } else if (expected !== actual) {
      return undefined
    }
  }
  return params
}
