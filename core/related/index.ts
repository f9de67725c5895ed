/**
 * `sanity-plugin-newsroom/related`: related posts without React or the Studio: ranking of previous/next suggestions, the reason
 * shown with each, the reference and reciprocal-link patches, the chain check, the chronological
 * chain importers link posts by, and the GROQ
 * (suggestion query, chronological neighbour, and `previousNextProjection` for frontends).
 */
export {publishedIdOf} from '../ids.ts'
export {chronologicalChain, type ChainLinks, type ChainPost} from './chain.ts'
export {
  chainDisagreement,
  linkedPostStatus,
  planReciprocalLink,
  postReference,
  reciprocalLinkAction,
  type LinkedPostDocument,
  type LinkedPostStatus,
  type LinkMutation,
  type ReciprocalLinkPlan,
} from './links.ts'
export {
  bothVersions,
  chainTargetQuery,
  chronologicalNeighbourRequest,
  documentsByIdQuery,
  existingIdsQuery,
  linkedPostQuery,
  previousNextProjection,
  relatedSuggestionsQuery,
  relatedSuggestionsRequest,
  SUGGESTION_FETCH_LIMIT,
  titleSearchPattern,
  type GroqRequest,
  type SuggestionQueryMode,
} from './queries.ts'
export {
  draftIdsToCheck,
  oppositeField,
  rankRelatedPosts,
  sideOfField,
  SUGGESTION_LIMIT,
  type RankOptions,
} from './rank.ts'
export {formatDistance, formatRelatedReason, formatSharedTags} from './reason.ts'
export type {
  PostLinkField,
  PostReference,
  RelatedCandidate,
  RelatedContext,
  ReciprocalLinkMode,
  RelatedSuggestion,
  StoredReference,
} from './types.ts'
