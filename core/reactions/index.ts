/**
 * `sanity-plugin-newsroom/reactions`: reader reactions without React or the Studio, for servers
 * and frontends.
 */
export {DEFAULT_REACTION_KINDS, type ReactionKind} from '../reaction-kinds.ts'
