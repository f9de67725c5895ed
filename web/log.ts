/** What the site logs for an error: one line, never a request or response object. */

/** The request an error happened on, and the status the reader got. */
export interface ErrorContext {
  method: string
  path: string
  status: number
}

/** `web: GET /posts/x 503 LakeUnavailableError: The content lake did not answer (cause: …)` */
export function errorLogLine(error: unknown, {method, path, status}: ErrorContext): string {
  const describe = (value: unknown): string =>
    value instanceof Error ? `${value.name}: ${value.message}` : String(value)
  const cause =
    error instanceof Error && error.cause !== undefined ? ` (cause: ${describe(error.cause)})` : ''
  return `web: ${method} ${path} ${status} ${describe(error)}${cause}`.replace(/\s*\n\s*/g, ' ')
}
