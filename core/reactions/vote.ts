/** What a vote is: parsed from a request body, and checked against the configured kinds. */
import {postIdProblem} from './documents.ts'
import {ReactionError} from './errors.ts'
import {MAX_READER_ID_LENGTH} from './reader.ts'

/** One reader's vote: `reaction: null` withdraws their reaction. */
export interface ReactionVote {
  postId: string
  reaction: string | null
  readerId: string
}

/** The `{postId, reaction}` of a JSON request body, unchecked beyond its shape. */
export function parseVote(text: string): {postId?: unknown; reaction?: unknown} {
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    throw new ReactionError('invalidInput', 'The request body is not valid JSON')
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ReactionError('invalidInput', 'Send {"postId": "…", "reaction": "happy" | null}')
  }
  const {postId, reaction} = body as Record<string, unknown>
  if (reaction === undefined) {
    throw new ReactionError(
      'invalidInput',
      'reaction is missing: a reaction name, or null to withdraw',
    )
  }
  return {postId, reaction}
}

/** Why `vote` cannot be recorded with `kindNames`, or undefined when it can. */
export function voteProblem(
  vote: {postId?: unknown; reaction?: unknown; readerId?: unknown},
  kindNames: readonly string[],
): ReactionError | undefined {
  const postProblem = postIdProblem(vote.postId)
  if (postProblem) return new ReactionError('invalidInput', postProblem)
  if (vote.reaction !== null && typeof vote.reaction !== 'string') {
    return new ReactionError(
      'invalidInput',
      'reaction must be a reaction name, or null to withdraw',
    )
  }
  if (typeof vote.reaction === 'string' && !kindNames.includes(vote.reaction)) {
    return new ReactionError(
      'unknownReaction',
      `Unknown reaction "${vote.reaction}"; known reactions: ${kindNames.join(', ')}`,
    )
  }
  if (
    typeof vote.readerId !== 'string' ||
    vote.readerId === '' ||
    vote.readerId.length > MAX_READER_ID_LENGTH
  ) {
    return new ReactionError(
      'invalidInput',
      `readerId must be a non-empty string of at most ${MAX_READER_ID_LENGTH} characters`,
    )
  }
  return undefined
}
