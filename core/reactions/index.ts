/**
 * `sanity-plugin-newsroom/reactions`: reader reactions without React or the Studio, for servers
 * and frontends.
 *
 * - `createReactionHandler(options)`: the reaction API as a Fetch-API handler (server side: it
 *   holds the write token).
 * - `recordReaction(options)`: record one vote directly.
 * - `toPercentages(counts)`: whole percentages that sum to 100, for showing a tally.
 * - `reactionTallyId(postId)`: the id of a post's public tally, for CDN queries.
 */
export {DEFAULT_REACTION_KINDS, type ReactionKind} from '../reaction-kinds.ts'
export {reactionTallyId, tallyCounts} from './documents.ts'
export {ReactionError, type ReactionErrorCode} from './errors.ts'
export {
  createReactionHandler,
  type ReactionHandler,
  type ReactionHandlerOptions,
} from './handler.ts'
export {reactionKindsProblem} from './kinds.ts'
export {toPercentages, type ReactionCounts} from './percentages.ts'
export type {RateLimit} from './rate-limit.ts'
export {secretProblem} from './reader.ts'
export {recordReaction, type RecordReactionOptions} from './record.ts'
export type {ReactionResult, ReactionStoreOptions, ReactionVote} from './store.ts'
