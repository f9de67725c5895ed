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
    'REACTION_ERROR_STATUS',
    'ReactionError',
    'createReactionHandler',
    'reactionKindsProblem',
    'reactionTallyId',
    'reactionTotalLabel',
    'recordReaction',
    'secretProblem',
    'summarizeTally',
    'toPercentages',
  ],
  './queries': [
    'API_VERSION',
    'cursorPageParams',
    'decodeCursor',
    'encodeCursor',
    'latestPostsQuery',
    'postPageQuery',
    'postSlugsQuery',
    'postsByTagQuery',
    'previousNextProjection',
    'sitemapQuery',
    'tagsWithPostCountsQuery',
    'toCursorPage',
  ],
}
