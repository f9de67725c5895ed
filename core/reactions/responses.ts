/** The reaction API's answers: JSON, never cached, and every error in one shape. */
import {ReactionError} from './errors.ts'

/**
 * What the handler logs for an error: one line with the method, path, status and error (and its
 * cause), never a request or response object.
 */
export function errorLogLine(error: unknown, request: Request): string {
  const status = error instanceof ReactionError ? error.status : 500
  const describe = (value: unknown): string =>
    value instanceof Error ? `${value.name}: ${value.message}` : String(value)
  const cause =
    error instanceof Error && error.cause !== undefined ? ` (cause: ${describe(error.cause)})` : ''
  const line = `reactions: ${request.method} ${new URL(request.url).pathname} ${status} ${describe(error)}${cause}`
  return line.replace(/\s*\n\s*/g, ' ')
}

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
  request: Request,
  headers: Record<string, string>,
  onError: (error: unknown, request: Request) => void,
): Response {
  const known =
    error instanceof ReactionError
      ? error
      : new ReactionError('internal', 'The reaction could not be handled')
  if (known.status >= 500) onError(error, request)
  const retry: Record<string, string> = known.status === 503 ? {'retry-after': '1'} : {}
  return jsonResponse({error: {code: known.code, message: known.message}}, known.status, {
    ...headers,
    ...retry,
    ...known.headers,
  })
}
