/** Why a reaction was refused; the handler turns each into an HTTP status. */
export type ReactionErrorCode =
  /** A missing or malformed field (400). */
  | 'invalidInput'
  /** No published post has that id (404). */
  | 'unknownPost'
  /** The reaction is not one of the configured kinds (400). */
  | 'unknownReaction'
  /** Too many votes are waiting to be written (503). */
  | 'overloaded'
  /** The content lake refused or did not answer, even after retries (503). */
  | 'unavailable'

/** An error from the reaction API, with a machine-readable `code`. */
export class ReactionError extends Error {
  readonly code: ReactionErrorCode

  constructor(code: ReactionErrorCode, message: string, options?: {cause?: unknown}) {
    super(message, options)
    this.name = 'ReactionError'
    this.code = code
  }
}
