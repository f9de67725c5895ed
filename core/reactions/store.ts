/**
 * Reading and writing tallies and voter records, correct under any concurrency.
 *
 * A vote moves one reader's reaction on one post from `before` (what their voter record says) to
 * `after`. One transaction writes the voter record and adjusts the tally with `inc`/`dec`, so
 * concurrent votes never conflict on the tally, and the tally always equals the sum of the voter
 * records. The voter record is guarded: `create` fails if it already exists, a patch carries
 * `ifRevisionID`, so a vote computed from a stale read is refused (409), re-read and retried. A
 * retry of a vote that did commit finds the record already at `after` and changes nothing.
 *
 * Many votes can share one transaction (`record(votes)`): the handler coalesces votes arriving
 * close together, so a burst costs a few transactions instead of one per vote.
 */
import type {SanityClient} from '@sanity/client'

import {
  assertNoProblem,
  datasetNameProblem,
  reactionKindsProblem,
  secretProblem,
  wholeNumberProblem,
  type OptionProblem,
} from '../option-checks.ts'
import {DEFAULT_REACTION_KINDS, type ReactionKind} from '../reaction-kinds.ts'
import {
  POST_TYPE,
  REACTION_TALLY_TYPE,
  REACTION_VOTER_TYPE,
  reactionTallyId,
  reactionVoterId,
  weakPostReference,
  type ReactionTallyDocument,
  type ReactionVoterDocument,
} from './documents.ts'
import {ReactionError} from './errors.ts'
import type {ReactionCounts} from './percentages.ts'
import {hashReader, importReaderKey} from './reader.ts'
import {withRetries} from './retry.ts'
import {summarizeTally} from './summary.ts'
import type {ReactionVote} from './vote.ts'

export type {ReactionVote} from './vote.ts'

/** Where tallies live and how to write them; shared by `recordReaction` and the handler. */
export interface ReactionStoreOptions {
  /**
   * A `@sanity/client` with a write token, configured for the content dataset (where the posts
   * are). Server side only: the token must never reach a browser.
   */
  client: SanityClient
  /** The server secret that keys the readers' hashes: at least 32 characters, kept private. */
  secret: string
  /**
   * The reactions readers can give.
   * @defaultValue the six of the old site: happy, sad, excited, sleepy, angry, surprise
   */
  kinds?: readonly ReactionKind[]
  /**
   * The dataset that holds tallies and voter records, so a stream of votes never touches the
   * content dataset's history or CDN cache.
   * @defaultValue the client's dataset (next to the posts)
   */
  dataset?: string
  /**
   * How many times a transaction is tried (after a conflict, a 429 or a network error) before the
   * vote fails.
   * @defaultValue 12
   */
  maxAttempts?: number
  /**
   * How long one vote or tally read may take in all, retries included, before it fails with
   * `unavailable` (503): a reader waits no longer than this for an answer when the lake is down.
   * Give the client `maxRetries: 0`, so the store is the one place that retries.
   * @defaultValue 8000 (ms)
   */
  deadlineMs?: number
}

/** A post's tally after a vote, and the reader's own reaction. */
export interface ReactionResult {
  postId: string
  /** Votes per reaction kind, every configured kind present. */
  counts: ReactionCounts
  /** Whole percentages per kind that sum to 100 (all 0 with no votes). */
  percentages: ReactionCounts
  /** Number of readers with a reaction to the post. */
  total: number
  /** The reader's current reaction, or null. */
  reaction: string | null
}

const DEFAULT_MAX_ATTEMPTS = 12
export const DEFAULT_DEADLINE_MS = 8000
const TAG = 'newsroom.reactions'

/** Which of the given ids are posts: ids only, so long post bodies never travel. */
const POSTS_QUERY = `*[_type == $postType && _id in $postIds]._id`
/** Ids per document request, keeping each URL a few kilobytes long. */
const IDS_PER_REQUEST = 40
/** How long a post, once seen, is trusted to exist without asking again. */
const KNOWN_POST_MS = 60_000
/** Past this many remembered posts, the stale ones are forgotten. */
const MAX_KNOWN_POSTS = 10_000

type TallyState = Pick<ReactionTallyDocument, '_id' | 'counts'>
type VoterState = Pick<ReactionVoterDocument, '_id' | 'reaction'> & {_rev: string}

interface StoredState {
  posts: Set<string>
  tallies: Map<string, TallyState>
  voters: Map<string, VoterState>
}

interface HashedVote extends ReactionVote {
  voterId: string
}

/** Tallies and voter records in one dataset, for posts in the client's dataset. */
export class ReactionStore {
  readonly kindNames: readonly string[]
  readonly #kinds: readonly ReactionKind[]
  readonly #posts: SanityClient
  readonly #reactions: SanityClient
  readonly #key: Promise<CryptoKey>
  readonly #maxAttempts: number
  readonly #deadlineMs: number
  /** Posts seen recently, and when: most votes go to a few posts, so most batches skip the query. */
  readonly #knownPosts = new Map<string, number>()

  /**
   * @param owner the public function the options were given to, named in the error.
   * @throws a configuration error naming the first bad option.
   */
  constructor(options: ReactionStoreOptions, owner: string) {
    assertNoProblem(storeOptionsProblem(options), owner)
    const kinds = options.kinds ?? DEFAULT_REACTION_KINDS
    this.#kinds = kinds
    this.kindNames = kinds.map((kind) => kind.name)
    // Live API, raw perspective: only published posts match an undotted id.
    this.#posts = options.client.withConfig({useCdn: false, perspective: 'raw'})
    this.#reactions =
      options.dataset === undefined || options.dataset === options.client.config().dataset
        ? this.#posts
        : this.#posts.withConfig({dataset: options.dataset})
    this.#key = importReaderKey(options.secret)
    this.#maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS
    this.#deadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS
  }

  /**
   * Records `votes` in one transaction (retried as a whole on conflict): one result per vote, in
   * order, or a `ReactionError` for a vote on an unknown post. When one reader votes more than
   * once on a post, the last vote wins. Rejects only when the lake cannot be written by
   * `deadline` (a `Date.now()` time; by default `deadlineMs` from now), with `unavailable`.
   */
  async record(
    votes: readonly ReactionVote[],
    deadline = Date.now() + this.#deadlineMs,
  ): Promise<Array<ReactionResult | ReactionError>> {
    const key = await this.#key
    const hashed: HashedVote[] = await Promise.all(
      votes.map(async (vote) => ({
        ...vote,
        voterId: reactionVoterId(await hashReader(key, vote.postId, vote.readerId)),
      })),
    )
    const policy = {
      maxAttempts: this.#maxAttempts,
      deadline,
      what: `record ${votes.length} vote(s)`,
    }
    return withRetries(policy, (signal) => this.#recordOnce(hashed, signal))
  }

  /**
   * A post's tally and, given a reader, their reaction. Rejects for an unknown post, and with
   * `unavailable` when the lake does not answer within `deadlineMs`.
   */
  async read(postId: string, readerId?: string): Promise<ReactionResult> {
    const voterId =
      readerId === undefined
        ? undefined
        : reactionVoterId(await hashReader(await this.#key, postId, readerId))
    const policy = {
      maxAttempts: this.#maxAttempts,
      deadline: Date.now() + this.#deadlineMs,
      what: `read the tally of ${postId}`,
    }
    const state = await withRetries(policy, (signal) =>
      this.#fetchState([postId], voterId ? [voterId] : [], signal),
    )
    if (!state.posts.has(postId)) throw unknownPost(postId)
    const voter = voterId ? state.voters.get(voterId) : undefined
    return this.#result(postId, state.tallies.get(reactionTallyId(postId)), voter?.reaction ?? null)
  }

  async #recordOnce(
    votes: readonly HashedVote[],
    signal: AbortSignal,
  ): Promise<Array<ReactionResult | ReactionError>> {
    const postIds = [...new Set(votes.map((vote) => vote.postId))]
    const state = await this.#fetchState(
      postIds,
      votes.map((vote) => vote.voterId),
      signal,
    )
    // The last vote of each (post, reader) wins.
    const wanted = new Map<string, HashedVote>()
    for (const vote of votes) if (state.posts.has(vote.postId)) wanted.set(vote.voterId, vote)

    const now = new Date().toISOString()
    const voterMutations: unknown[] = []
    const deltas = new Map<string, Map<string, number>>()
    const adjust = (postId: string, kind: string | null, by: number) => {
      if (kind === null) return
      const perKind = deltas.get(postId) ?? new Map<string, number>()
      perKind.set(kind, (perKind.get(kind) ?? 0) + by)
      deltas.set(postId, perKind)
    }
    for (const [voterId, {postId, reaction}] of wanted) {
      const voter = state.voters.get(voterId)
      const before = voter?.reaction ?? null
      if (before === reaction) continue
      if (voter) {
        voterMutations.push({
          patch: {
            id: voterId,
            ifRevisionID: voter._rev,
            set: reaction === null ? {updatedAt: now} : {reaction, updatedAt: now},
            ...(reaction === null ? {unset: ['reaction']} : {}),
          },
        })
      } else if (reaction !== null) {
        const record: ReactionVoterDocument = {
          _id: voterId,
          _type: REACTION_VOTER_TYPE,
          post: weakPostReference(postId),
          reaction,
          updatedAt: now,
        }
        voterMutations.push({create: record})
      }
      adjust(postId, before, -1)
      adjust(postId, reaction, +1)
    }

    const tallyMutations = [...deltas].flatMap(([postId, perKind]) =>
      this.#tallyMutations(postId, perKind, now),
    )
    const tallies = new Map(state.tallies)
    if (voterMutations.length > 0) {
      const documents = await this.#reactions.mutate(
        [...tallyMutations, ...voterMutations] as never,
        {returnDocuments: true, returnFirst: false, visibility: 'sync', tag: TAG, signal},
      )
      for (const document of documents) {
        if (document?._type === REACTION_TALLY_TYPE) {
          tallies.set(document._id, document as unknown as TallyState)
        }
      }
    }

    return votes.map((vote) =>
      state.posts.has(vote.postId)
        ? this.#result(
            vote.postId,
            tallies.get(reactionTallyId(vote.postId)),
            wanted.get(vote.voterId)?.reaction ?? null,
          )
        : unknownPost(vote.postId),
    )
  }

  /** Create the tally if it is the post's first vote, then move its counts by `perKind`. */
  #tallyMutations(postId: string, perKind: Map<string, number>, now: string): unknown[] {
    const id = reactionTallyId(postId)
    const changed = [...perKind].filter(([, by]) => by !== 0)
    if (changed.length === 0) return []
    const tally: ReactionTallyDocument = {
      _id: id,
      _type: REACTION_TALLY_TYPE,
      post: weakPostReference(postId),
      counts: Object.fromEntries(this.kindNames.map((name) => [name, 0])),
      updatedAt: now,
    }
    const increments = changed.filter(([, by]) => by > 0)
    const decrements = changed.filter(([, by]) => by < 0)
    return [
      {createIfNotExists: tally},
      {
        patch: {
          id,
          // A kind added after the tally was created starts at 0.
          setIfMissing: {
            counts: {},
            ...Object.fromEntries(changed.map(([kind]) => [`counts.${kind}`, 0])),
          },
          set: {updatedAt: now},
          ...(increments.length
            ? {inc: Object.fromEntries(increments.map(([kind, by]) => [`counts.${kind}`, by]))}
            : {}),
          ...(decrements.length
            ? {dec: Object.fromEntries(decrements.map(([kind, by]) => [`counts.${kind}`, -by]))}
            : {}),
        },
      },
    ]
  }

  /**
   * Which posts exist, and the tallies and voter records asked for. Tallies and voter records are
   * read by id from the document endpoint (consistent, and no query to plan); posts not seen in
   * the last minute are looked up at the same time.
   */
  async #fetchState(
    postIds: string[],
    voterIds: string[],
    signal: AbortSignal,
  ): Promise<StoredState> {
    const now = Date.now()
    const isKnown = (id: string) => now - (this.#knownPosts.get(id) ?? -Infinity) < KNOWN_POST_MS
    const unknown = postIds.filter((id) => !isKnown(id))
    const ids = [...new Set([...postIds.map(reactionTallyId), ...voterIds])]
    const chunks: string[][] = []
    for (let i = 0; i < ids.length; i += IDS_PER_REQUEST)
      chunks.push(ids.slice(i, i + IDS_PER_REQUEST))
    const [found, ...documents] = await Promise.all([
      unknown.length === 0
        ? Promise.resolve([])
        : this.#posts.fetch<string[]>(
            POSTS_QUERY,
            {postType: POST_TYPE, postIds: unknown},
            {tag: TAG, signal},
          ),
      ...chunks.map((chunk) => this.#reactions.getDocuments(chunk, {tag: TAG, signal})),
    ])
    if (this.#knownPosts.size > MAX_KNOWN_POSTS) {
      for (const [id, seenAt] of this.#knownPosts) {
        if (now - seenAt >= KNOWN_POST_MS) this.#knownPosts.delete(id)
      }
    }
    for (const id of found) this.#knownPosts.set(id, now)
    const posts = new Set(postIds.filter(isKnown))
    const state: StoredState = {posts, tallies: new Map(), voters: new Map()}
    for (const document of documents.flat()) {
      if (document?._type === REACTION_TALLY_TYPE) {
        state.tallies.set(document._id, document as unknown as TallyState)
      } else if (document?._type === REACTION_VOTER_TYPE) {
        state.voters.set(document._id, document as unknown as VoterState)
      }
    }
    return state
  }

  #result(postId: string, tally: TallyState | undefined, stored: string | null): ReactionResult {
    const {counts, percentages, total} = summarizeTally(tally?.counts, this.#kinds)
    const reaction = stored !== null && this.kindNames.includes(stored) ? stored : null
    return {postId, counts, percentages, total, reaction}
  }
}

function unknownPost(postId: string): ReactionError {
  return new ReactionError('unknownPost', `No published post with id "${postId}"`)
}

/** The first bad store option, or undefined when they are all fine. */
export function storeOptionsProblem(
  options: Partial<ReactionStoreOptions>,
): OptionProblem | undefined {
  const client = options.client as Partial<SanityClient> | undefined
  if (typeof client?.fetch !== 'function' || typeof client.withConfig !== 'function') {
    return {option: 'client', message: 'must be a @sanity/client instance'}
  }
  if (!client.config?.().dataset) {
    return {option: 'client', message: 'must be configured with a dataset'}
  }
  const secret = secretProblem(options.secret)
  if (secret) return {option: 'secret', message: secret}
  const kinds = options.kinds === undefined ? undefined : reactionKindsProblem(options.kinds)
  if (kinds) return kinds
  const dataset = options.dataset === undefined ? undefined : datasetNameProblem(options.dataset)
  if (dataset) return {option: 'dataset', message: dataset}
  const attempts =
    options.maxAttempts === undefined ? undefined : wholeNumberProblem(options.maxAttempts, 1)
  if (attempts) return {option: 'maxAttempts', message: attempts}
  const deadline =
    options.deadlineMs === undefined ? undefined : wholeNumberProblem(options.deadlineMs, 1)
  if (deadline) return {option: 'deadlineMs', message: deadline}
  return undefined
}
