/**
 * The one error type of the reaction API: a machine-readable `code`, the HTTP `status` it is
 * answered with, a message for people and any headers the answer needs (`Retry-After`, `Allow`).
 * `recordReaction` throws it, the handler answers it. A bad option is not one of these: it is a
 * configuration error, thrown when the handler or store is created (see `core/option-checks.ts`).
 */

/** HTTP status per error code. */
export const REACTION_ERROR_STATUS = {
  /** A missing or malformed field. */
  invalidInput: 400,
  /** The reaction is not one of the configured kinds. */
  unknownReaction: 400,
  /** The site knows readers by their login, and this request is not signed in. */
  unauthenticated: 401,
  /** A browser page of another origin called the API. */
  originNotAllowed: 403,
  /** No published post has that id. */
  unknownPost: 404,
  methodNotAllowed: 405,
  payloadTooLarge: 413,
  unsupportedMediaType: 415,
  /** Too many requests from one reader or address. */
  rateLimited: 429,
  internal: 500,
  /** Too many votes are waiting to be written. */
  overloaded: 503,
  /** The content lake refused or did not answer, even after retries. */
  unavailable: 503,
} as const

/** Why a reaction request failed; `REACTION_ERROR_STATUS` maps each to an HTTP status. */
export type ReactionErrorCode = keyof typeof REACTION_ERROR_STATUS

/** An error from the reaction API, with a machine-readable `code` and its HTTP `status`. */
export class ReactionError extends Error {
  readonly code: ReactionErrorCode
  readonly status: number
  /** Headers the answer carries, e.g. `retry-after` or `allow`. */
  readonly headers: Readonly<Record<string, string>>

  constructor(
    code: ReactionErrorCode,
    message: string,
    options?: {cause?: unknown; headers?: Record<string, string>},
  ) {
    super(message, options?.cause === undefined ? undefined : {cause: options.cause})
    this.name = 'ReactionError'
    this.code = code
    this.status = REACTION_ERROR_STATUS[code]
    this.headers = options?.headers ?? {}
  }
}
