/**
 * `sanity-plugin-newsroom/reactions`: reader reactions without React or the Studio, for servers
 * and frontends.
 *
 * - `createReactionHandler(options)`: the reaction API as a Fetch-API handler (server side: it
 *   holds the write token).
 * - `recordReaction(options)`: record one vote directly.
 * - `toPercentages(counts)`: whole percentages that sum to 100, for showing a tally.
 * - `summarizeTally(counts, kinds)`, `reactionTotalLabel(total)`: a tally's counts, shares, total
 *   and top kind, and its "No reactions yet / 1 reaction / 1,234 reactions" label.
 * - `reactionTallyId(postId)`: the id of a post's public tally, for CDN queries.
 * - `reactionKindsProblem(kinds)`, `secretProblem(secret)`: the checks the handler runs on its
 *   `kinds` and `secret`, for a server that checks its configuration at start.
 */
export {DEFAULT_REACTION_KINDS, type ReactionKind} from '../reaction-kinds.ts'
export {reactionKindsProblem, secretProblem, type OptionProblem} from '../option-checks.ts'
export {reactionTallyId, tallyCounts} from './documents.ts'
export {REACTION_ERROR_STATUS, ReactionError, type ReactionErrorCode} from './errors.ts'
export {
  createReactionHandler,
  type ReactionHandler,
  type ReactionHandlerOptions,
} from './handler.ts'
export {toPercentages, type ReactionCounts} from './percentages.ts'
export {reactionTotalLabel, summarizeTally, type TallySummary} from './summary.ts'
export type {TrustProxy} from './client-ip.ts'
export type {RateLimit} from './rate-limit.ts'
export {recordReaction, type RecordReactionOptions} from './record.ts'
export type {ReactionResult, ReactionStoreOptions} from './store.ts'
export type {ReactionVote} from './vote.ts'
