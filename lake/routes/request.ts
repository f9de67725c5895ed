/**
 * What every data-API route reads from a request the same way: the dataset it names, whether its
 * caller may write, and its `$param=<JSON>` query parameters. One place, so a missing dataset, a
 * refused write and a malformed parameter get the same answer from every endpoint.
 */
import {LakeError} from '../http.ts'
import {datasetNotFound} from '../store.ts'
import type {Access, LakeContext, LakeRequest} from '../types.ts'

/**
 * The dataset named by the route's `:dataset`, or Sanity's 404 for a dataset the project does not
 * have: `{statusCode: 404, error: 'Not Found', message}`, on every endpoint.
 */
export function requireDataset(ctx: LakeContext, req: LakeRequest): string {
  const dataset = req.params.dataset ?? ''
  if (!ctx.store.hasDataset(dataset)) throw datasetNotFound(dataset, ctx.config.projectId)
  return dataset
}

/**
 * The API a write arrives through (asset uploads answer as `mutate` does); each reports a refusal
 * in its own error envelope (`mutationError` or `actionError`, with one
 * `insufficientPermissionsError` item).
 */
export type WriteApi = 'mutate' | 'actions'

/**
 * Refuse a write from a caller whose token may not write: 403 with an
 * `insufficientPermissionsError`. The actions API, which only a logged-in Studio uses, answers an
 * anonymous caller 401 instead, as every other endpoint that needs a login does.
 */
export function requireWrite(access: Access, api: WriteApi): void {
  if (access.canWrite) return
  if (api === 'actions' && access.role === 'anonymous') {
    throw LakeError.plain(401, 'Unauthorized', 'Not authorized to perform actions; log in first')
  }
  const description =
    access.role === 'anonymous'
      ? 'Insufficient permissions; a token with write access is required'
      : `Insufficient permissions; the ${access.role} role may not write`
  const [type, summary] =
    api === 'mutate'
      ? ['mutationError', 'Mutation(s) failed with 1 error(s)']
      : ['actionError', 'Action(s) failed with 1 error(s)']
  throw LakeError.sanity(403, type, summary, {
    items: [
      {
        error: {type: 'insufficientPermissionsError', permission: 'update', description},
        index: 0,
      },
    ],
  })
}

/**
 * The `$name=<JSON>` query-string parameters, as @sanity/client encodes them for queries and
 * listeners. A value that is not JSON (usually an unquoted string) is a 400.
 */
export function parseQueryParams(search: URLSearchParams): Record<string, unknown> {
  const params: Record<string, unknown> = {}
  for (const [key, value] of search) {
    if (!key.startsWith('$')) continue
    try {
      params[key.slice(1)] = JSON.parse(value) as unknown
    } catch {
      throw LakeError.sanity(
        400,
        'httpBadRequest',
        `Unable to parse value of "${key}=${value}". Please quote string values.`,
      )
    }
  }
  return params
}
