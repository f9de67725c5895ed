/** The reaction API's answers: JSON, never cached, and every error in one shape. */
import {ReactionError} from './errors.ts'

/** A JSON answer no cache keeps. */
export function jsonResponse(
  body: unknown,
  status: number,
  headers: Record<string, string>,
): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      ...headers,
    },
  })
}

/**
 * `{error: {code, message}}` with the error's status. Anything that is not a `ReactionError` is a
 * 500 `internal` whose message stays on the server; 5xx errors go to `onError`.
 */
export function errorResponse(
  error: unknown,
  headers: Record<string, string>,
  onError: (error: unknown) => void,
): Response {
  const known =
    error instanceof ReactionError
      ? error
      : new ReactionError('internal', 'The reaction could not be handled')
  if (known.status >= 500) onError(error)
  const retry: Record<string, string> = known.status === 503 ? {'retry-after': '1'} : {}
  return jsonResponse({error: {code: known.code, message: known.message}}, known.status, {
    ...headers,
    ...retry,
    ...known.headers,
  })
}
