/**
 * The package's public API, pinned: each entry point of `sanity-plugin-newsroom` and the names it
 * exports at run time. Changing an entry point means changing this list, a visible decision in
 * review. `tests/unit/public-api.test.ts` checks the sources against it, `tests/build/package.test.ts`
 * the built and installed package.
 */
export const ENTRY_POINTS: Record<string, readonly string[]> = {
  '.': [
    'API_VERSION',
    'DEFAULT_OPTIONS',
    'createSchemaTypes',
    'newsroom',
    'newsroomStructure',
    'resolveOptions',
    'schemaTypes',
  ],
  './read-time': [
    'DEFAULT_READ_TIME_RATES',
    'READ_TIME_STYLES',
    'estimateReadTime',
    'formatReadTime',
    'isReadTimeCurrent',
    'toReadTimeValue',
  ],
  './reactions': [
    'DEFAULT_REACTION_KINDS',
    'ReactionError',
    'createReactionHandler',
    'reactionTallyId',
    'recordReaction',
    'toPercentages',
  ],
  './queries': [
    'authorFeedQuery',
    'authorPageQuery',
    'cursorPageParams',
    'decodeCursor',
    'encodeCursor',
    'feedQuery',
    'latestPostsQuery',
    'newsSitemapQuery',
    'postPageQuery',
    'postSlugsQuery',
    'postsByTagQuery',
    'previousNextProjection',
    'sitemapQuery',
    'tagFeedQuery',
    'tagsWithPostCountsQuery',
    'toCursorPage',
  ],
  './seo': [
    'DEFAULT_SEO_PATHS',
    'SOCIAL_IMAGE_SIZE',
    'absoluteUrl',
    'buildPageHeadTags',
    'buildPostHeadTags',
    'buildPostJsonLd',
    'isoDuration',
    'renderHeadTags',
    'resolvePostSeo',
    'serializeJsonLd',
    'truncateText',
  ],
}
