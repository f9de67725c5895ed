/**
 * `sanity-plugin-newsroom/queries`: the GROQ queries frontends run, written with `defineQuery` so
 * `sanity typegen generate` types their results (see `sanity.types.ts`), and the cursor helpers
 * of the paginated listings.
 */
/** The Sanity HTTP API version the queries are written for: `createClient({apiVersion})`. */
export {API_VERSION} from '../core/api-version.ts'
/** The author document type's name, as the queries and the schema use it. */
export {AUTHOR_TYPE} from '../core/authors.ts'
/** The post and tag document types' names, as the queries and the schema use them. */
export {POST_TYPE, TAG_TYPE} from '../core/document-types.ts'
export {postPageQuery, publishedNeighboursQuery} from './post.ts'
export {
  authorPageQuery,
  latestPostsQuery,
  postsByTagQuery,
  tagsWithPostCountsQuery,
} from './listings.ts'
export {authorFeedQuery, feedQuery, tagFeedQuery} from './feeds.ts'
export {newsSitemapQuery, postSlugsQuery, sitemapQuery} from './routes.ts'
/**
 * The previous/next projection with its chronological fallback, for a frontend's own queries; the
 * builder writes it for other field names (a Studio's own post type).
 */
export {
  buildPreviousNextProjection,
  NEWSROOM_POST_FIELDS,
  previousNextProjection,
  type LinkedPostSummary,
  type PostFields,
  type PreviousNextLinks,
} from '../core/related/queries.ts'
/** The read time in seconds, stored or estimated in GROQ, and its builder for other field names. */
export {buildReadTimeSecondsField, readTimeSecondsField, type ReadTimeFields} from './fragments.ts'
export {
  cursorPageParams,
  decodeCursor,
  encodeCursor,
  toCursorPage,
  type CursorPage,
  type PostCursor,
} from './pagination.ts'
export type {
  AuthorFeedQueryResult,
  AuthorPageQueryResult,
  FeedQueryResult,
  LatestPostsQueryResult,
  NewsSitemapQueryResult,
  TagFeedQueryResult,
  PostPageQueryResult,
  PostSlugsQueryResult,
  PostsByTagQueryResult,
  SitemapQueryResult,
  TagsWithPostCountsQueryResult,
} from './sanity.types.ts'
