/**
 * `sanity-plugin-newsroom/queries`: the GROQ queries frontends run, written with `defineQuery` so
 * `sanity typegen generate` types their results (see `sanity.types.ts`).
 */
export {postPageQuery} from './post.ts'
export type {PostPageQueryResult} from './sanity.types.ts'
