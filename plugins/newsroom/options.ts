import {DEFAULT_REACTION_KINDS, type ReactionKind} from '../../core/reaction-kinds.ts'
import type {ReciprocalLinkMode} from '../../core/related/index.ts'
import {PLUGIN_NAME} from './constants.ts'

/** Options of the related-post picker (the input of a post's previous and next fields). */
export interface RelatedPostsOptions {
  /**
   * Reciprocal links, written to the other post's draft: when A.next becomes B, `'ask'` offers to
   * set B.previous to A, `'always'` sets it at once, `'never'` leaves B alone. A link B already has
   * to another post is never replaced without asking.
   * @defaultValue 'ask'
   */
  reciprocal?: ReciprocalLinkMode
}

/** Options of the `newsroom()` plugin. Every field is optional. */
export interface NewsroomOptions {
  /**
   * The reactions readers can give a post, in display order. Each needs a unique `name` (letters,
   * digits, underscores; starts with a lower-case letter) and a `title`; `emoji` is optional.
   * @defaultValue the six of the old site: happy, sad, excited, sleepy, angry, surprise
   */
  reactionKinds?: ReactionKind[]
  /**
   * The related-post picker of previous and next.
   * @defaultValue `{reciprocal: 'ask'}`
   */
  relatedPosts?: RelatedPostsOptions
  /** The post's Reactions panel. */
  reactions?: ReactionsOptions
}

/** Options of the post's Reactions panel. */
export interface ReactionsOptions {
  /**
   * The dataset that holds the reaction tallies: set it to the reaction handler's `dataset` when
   * votes are kept apart from the content.
   * @defaultValue the Studio's dataset
   */
  dataset?: string
}

/** Options with every default filled in. */
export interface ResolvedNewsroomOptions {
  reactionKinds: readonly ReactionKind[]
  reactions: Readonly<ReactionsOptions>
  relatedPosts: Required<RelatedPostsOptions>
}

export const DEFAULT_OPTIONS: ResolvedNewsroomOptions = {
  reactionKinds: DEFAULT_REACTION_KINDS,
  reactions: {},
  relatedPosts: {reciprocal: 'ask'},
}

const RECIPROCAL_MODES: readonly ReciprocalLinkMode[] = ['ask', 'always', 'never']

const KIND_NAME = /^[a-z][a-zA-Z0-9_]*$/
const DATASET_NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/
const KNOWN_OPTIONS = new Set(Object.keys(DEFAULT_OPTIONS))

function fail(option: string, message: string): never {
  throw new Error(`[${PLUGIN_NAME}] Invalid option "${option}": ${message}`)
}

function checkReactionKinds(value: unknown): ReactionKind[] {
  if (!Array.isArray(value)) fail('reactionKinds', 'expected an array of {name, title, emoji?}')
  if (value.length === 0) fail('reactionKinds', 'needs at least one reaction kind')
  const names = new Set<string>()
  return value.map((kind: unknown, index) => {
    const at = `reactionKinds[${index}]`
    if (typeof kind !== 'object' || kind === null)
      fail(at, 'expected an object {name, title, emoji?}')
    const {name, title, emoji} = kind as Record<string, unknown>
    if (typeof name !== 'string' || !KIND_NAME.test(name)) {
      fail(
        `${at}.name`,
        `"${String(name)}" must start with a lower-case letter and use only letters, digits and _`,
      )
    }
    if (names.has(name)) fail(`${at}.name`, `"${name}" is used twice`)
    names.add(name)
    if (typeof title !== 'string' || title.trim() === '')
      fail(`${at}.title`, 'must be a non-empty string')
    if (emoji !== undefined && typeof emoji !== 'string') fail(`${at}.emoji`, 'must be a string')
    return emoji === undefined ? {name, title} : {name, title, emoji}
  })
}

function checkReactions(value: unknown): ReactionsOptions {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail('reactions', 'expected an object {dataset?}')
  }
  for (const key of Object.keys(value)) {
    if (key !== 'dataset') fail(`reactions.${key}`, 'unknown option; known options: dataset')
  }
  const {dataset} = value as ReactionsOptions
  if (dataset === undefined) return {}
  if (typeof dataset !== 'string' || !DATASET_NAME.test(dataset)) {
    fail(
      'reactions.dataset',
      `"${String(dataset)}" is not a dataset name (lower-case letters, digits, _ and -)`,
    )
  }
  return {dataset}
}

function checkRelatedPosts(value: unknown): Required<RelatedPostsOptions> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail('relatedPosts', 'expected an object {reciprocal?}')
  }
  for (const key of Object.keys(value)) {
    if (key !== 'reciprocal')
      fail(`relatedPosts.${key}`, 'unknown option; known options: reciprocal')
  }
  const {reciprocal = DEFAULT_OPTIONS.relatedPosts.reciprocal} = value as RelatedPostsOptions
  if (!RECIPROCAL_MODES.includes(reciprocal)) {
    fail(
      'relatedPosts.reciprocal',
      `expected one of ${RECIPROCAL_MODES.map((mode) => `'${mode}'`).join(', ')}, got ${JSON.stringify(reciprocal)}`,
    )
  }
  return {reciprocal}
}

/** Merge the user's options over the defaults once, failing fast on anything invalid. */
export function resolveOptions(options: unknown): ResolvedNewsroomOptions {
  if (options === undefined || options === null) return DEFAULT_OPTIONS
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw new Error(
      `[${PLUGIN_NAME}] Options must be an object, got ${Array.isArray(options) ? 'an array' : typeof options}`,
    )
  }
  for (const key of Object.keys(options)) {
    if (!KNOWN_OPTIONS.has(key))
      fail(key, `unknown option; known options: ${[...KNOWN_OPTIONS].join(', ')}`)
  }
  const given = options as NewsroomOptions
  return {
    ...DEFAULT_OPTIONS,
    ...given,
    reactionKinds:
      given.reactionKinds === undefined
        ? DEFAULT_OPTIONS.reactionKinds
        : checkReactionKinds(given.reactionKinds),
    reactions:
      given.reactions === undefined ? DEFAULT_OPTIONS.reactions : checkReactions(given.reactions),
    relatedPosts:
      given.relatedPosts === undefined
        ? DEFAULT_OPTIONS.relatedPosts
        : checkRelatedPosts(given.relatedPosts),
  }
}
