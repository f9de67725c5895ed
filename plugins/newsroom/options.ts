import {DEFAULT_REACTION_KINDS, type ReactionKind} from '../../core/reaction-kinds.ts'
import type {ReciprocalLinkMode} from '../../core/related/types.ts'
import {DEFAULT_READ_TIME_RATES, type ReadTimeRates} from '../../core/read-time/estimate.ts'
import {READ_TIME_STYLES, type ReadTimeStyle} from '../../core/read-time/format.ts'
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

/** The `readTime` option: how the live read time is estimated and shown. */
export interface ReadTimeOptions extends ReadTimeRates {
  /**
   * The post field holding the Portable Text body.
   * @defaultValue 'body'
   */
  bodyField?: string
  /**
   * The post field holding the hero image, counted as the first image; `false` to leave it out.
   * @defaultValue 'heroImage'
   */
  heroImageField?: string | false
  /**
   * How the Studio writes the figure: `long` "7 Minute, 39 Second" (the old site), `short`
   * "8 min read" (Medium), `clock` "7:39".
   * @defaultValue 'long'
   */
  displayStyle?: ReadTimeStyle
}

/** The `readTime` option with every default filled in. */
export type ResolvedReadTimeOptions = Required<ReadTimeOptions>

export const DEFAULT_READ_TIME_OPTIONS: ResolvedReadTimeOptions = {
  ...DEFAULT_READ_TIME_RATES,
  bodyField: 'body',
  heroImageField: 'heroImage',
  displayStyle: 'long',
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
   * The live read time: reading speeds, seconds per image and per line of code, which fields hold
   * the body and the hero image, and how the figure is written. Each field is optional.
   * @defaultValue 200 words and 500 CJK characters a minute; images 12 s, 1 s less each, at least
   * 3 s; code 4 s a line; `body`, `heroImage`; `long`
   */
  readTime?: ReadTimeOptions
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
  readTime: ResolvedReadTimeOptions
}

export const DEFAULT_OPTIONS: ResolvedNewsroomOptions = {
  reactionKinds: DEFAULT_REACTION_KINDS,
  reactions: {},
  relatedPosts: {reciprocal: 'ask'},
  readTime: DEFAULT_READ_TIME_OPTIONS,
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

const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/

/** Rates that must be above zero (a speed of 0 would make every post endless). */
const SPEEDS = ['wordsPerMinute', 'charactersPerMinute'] as const
/** Rates that may be zero (images or code that add no time) but never negative. */
const DURATIONS = [
  'imageSeconds',
  'imageSecondsStep',
  'minImageSeconds',
  'codeSecondsPerLine',
] as const

function checkNumber(option: string, value: unknown, {allowZero}: {allowZero: boolean}): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(option, 'expected a number')
  if (value < 0 || (!allowZero && value === 0))
    fail(option, allowZero ? 'must be 0 or more' : 'must be more than 0')
  return value
}

function checkFieldName(option: string, value: unknown): string {
  if (typeof value !== 'string' || !FIELD_NAME.test(value))
    fail(option, `"${String(value)}" is not a field name`)
  return value
}

function checkReadTime(value: unknown): ResolvedReadTimeOptions {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    fail('readTime', 'expected an object')
  const given = value as Record<string, unknown>
  for (const key of Object.keys(given)) {
    if (!Object.hasOwn(DEFAULT_READ_TIME_OPTIONS, key)) {
      const known = Object.keys(DEFAULT_READ_TIME_OPTIONS).join(', ')
      fail(`readTime.${key}`, `unknown option; known options: ${known}`)
    }
  }
  const resolved: ResolvedReadTimeOptions = {...DEFAULT_READ_TIME_OPTIONS}
  for (const key of SPEEDS) {
    if (given[key] !== undefined)
      resolved[key] = checkNumber(`readTime.${key}`, given[key], {allowZero: false})
  }
  for (const key of DURATIONS) {
    if (given[key] !== undefined)
      resolved[key] = checkNumber(`readTime.${key}`, given[key], {allowZero: true})
  }
  if (given.bodyField !== undefined)
    resolved.bodyField = checkFieldName('readTime.bodyField', given.bodyField)
  if (given.heroImageField !== undefined) {
    resolved.heroImageField =
      given.heroImageField === false
        ? false
        : checkFieldName('readTime.heroImageField', given.heroImageField)
  }
  if (given.displayStyle !== undefined) {
    if (!READ_TIME_STYLES.includes(given.displayStyle as ReadTimeStyle))
      fail('readTime.displayStyle', `expected one of ${READ_TIME_STYLES.join(', ')}`)
    resolved.displayStyle = given.displayStyle as ReadTimeStyle
  }
  return resolved
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
    readTime:
      given.readTime === undefined ? DEFAULT_OPTIONS.readTime : checkReadTime(given.readTime),
  }
}
