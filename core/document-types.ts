/**
 * The `_type` names of the Newsroom content model, in one place: the schemas define them, the
 * plugin, the desk structure and the GROQ queries name them. Change one here and every use follows.
 */

/** A news article, and the document readers react to. */
export const POST_TYPE = 'post'
/** A topic a post is filed under. */
export const TAG_TYPE = 'tag'
/** The public reaction tally of one post. */
export const REACTION_TALLY_TYPE = 'reaction'
/** A private voter record: one reader's current reaction to one post. */
export const REACTION_VOTER_TYPE = 'reactionVoter'
/** The read-time figures object a post stores. */
export const READ_TIME_TYPE = 'readTime'
/** The Portable Text body of a post. */
export const BLOCK_CONTENT_TYPE = 'blockContent'
/** An image with required alt text. */
export const IMAGE_WITH_ALT_TYPE = 'imageWithAlt'
/** Audio, video or an embed in a body, by URL (imported from WordPress's media blocks). */
export const MEDIA_EMBED_TYPE = 'mediaEmbed'
