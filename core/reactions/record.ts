import {ReactionError} from './errors.ts'
import {ReactionStore, type ReactionResult, type ReactionStoreOptions} from './store.ts'
import {voteProblem, type ReactionVote} from './vote.ts'

/** Where to record a vote, and the vote: `reaction: null` withdraws the reader's reaction. */
export interface RecordReactionOptions extends ReactionStoreOptions, ReactionVote {}

/**
 * Records one reader's reaction to a post: a first vote increments the tally, repeating the same
 * reaction changes nothing, a different reaction moves the vote (one down, one up) and
 * `reaction: null` withdraws it. Correct under any concurrency, and a retry never counts twice.
 * For many votes per second use `createReactionHandler`, which shares transactions between votes.
 *
 * ```ts
 * const {counts, percentages, total, reaction} = await recordReaction({
 *   client, // @sanity/client with a write token
 *   secret: process.env.REACTIONS_SECRET,
 *   postId: 'post-42',
 *   reaction: 'happy',
 *   readerId: session.userId,
 * })
 * ```
 *
 * @throws a configuration error (not a `ReactionError`) for bad `client`, `secret`, `kinds`,
 * `dataset` or `maxAttempts`; a ReactionError with code `unknownPost` (naming the post),
 * `unknownReaction` (naming the reaction), `invalidInput` (the vote), or `unavailable` when the
 * lake could not be written after retries.
 */
export async function recordReaction(options: RecordReactionOptions): Promise<ReactionResult> {
  const store = new ReactionStore(options, 'recordReaction')
  const vote = {postId: options.postId, reaction: options.reaction, readerId: options.readerId}
  const problem = voteProblem(vote, store.kindNames)
  if (problem) throw problem
  const [result] = await store.record([vote])
  if (result instanceof ReactionError) throw result
  return result as ReactionResult
}
