import {
  assertNoProblem,
  datasetNameProblem,
  ERROR_PREFIX,
  optionError,
  reactionKindsProblem,
} from '../../core/option-checks.ts'
import {DEFAULT_REACTION_KINDS, type ReactionKind} from '../../core/reaction-kinds.ts'
import {POST_TYPE} from '../../core/document-types.ts'
import type {ReciprocalLinkMode} from '../../core/related/types.ts'
import {DEFAULT_READ_TIME_RATES, type ReadTimeRates} from '../../core/read-time/estimate.ts'
import {READ_TIME_STYLES, type ReadTimeStyle} from '../../core/read-time/format.ts'

/** Options of the related-post picker (the input of a post's previous and next fields). */
export interface RelatedPostsOptions {
  /**
   * Reciprocal links, written to the other post's draft: when A.next becomes B, `'ask'` offers to
   * set B.previous to A, `'always'` sets it at once, `'never'` leaves B alone. A link B already has
   * to another post is never replaced without asking.
   * @defaultValue 'ask'
   */
  reciprocal?: ReciprocalLinkMode
  /**
   * The document type whose `previous` and `next` reference fields get the picker (each a
   * `reference` to this same type, added by you when `contentModel` is false).
   * @defaultValue 'post'
   */
  documentType?: string
  /**
   * The datetime field that orders posts: the chronological neighbour and "2 days older".
   * @defaultValue 'publishedAt'
   */
  dateField?: string
  /**
   * The array of references that is your taxonomy (tags, categories, sections): posts sharing more
   * of them are suggested first.
   * @defaultValue 'tags'
   */
  taxonomyField?: string
  /**
   * The post's title, shown and searched.
   * @defaultValue 'title'
   */
  titleField?: string
  /**
   * The image shown as each suggestion's thumbnail; `false` for none.
   * @defaultValue 'heroImage'
   */
  imageField?: string | false
}

/** The `relatedPosts` option with every default filled in. */
export type ResolvedRelatedPostsOptions = Required<RelatedPostsOptions>

export const DEFAULT_RELATED_POSTS_OPTIONS: ResolvedRelatedPostsOptions = {
  reciprocal: 'ask',
  documentType: POST_TYPE,
  dateField: 'publishedAt',
  taxonomyField: 'tags',
  titleField: 'title',
  imageField: 'heroImage',
}

/** The `readTime` option: how the live read time is estimated and shown. */
export interface ReadTimeOptions extends ReadTimeRates {
  /**
   * The document types whose read time is kept live. Each needs the body field, and a field of
   * type `readTime` named as `field` (added by you when `contentModel` is false).
   * @defaultValue ['post']
   */
  documentTypes?: readonly string[]
  /**
   * The field that stores the figures, of type `readTime`.
   * @defaultValue 'readTime'
   */
  field?: string
  /**
   * The field holding the Portable Text body.
   * @defaultValue 'body'
   */
  bodyField?: string
  /**
   * The image field counted as the first image (a hero or cover image); `false` to leave it out.
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
  documentTypes: [POST_TYPE],
  field: 'readTime',
  bodyField: 'body',
  heroImageField: 'heroImage',
  displayStyle: 'long',
}

/** Options of the `newsroom()` plugin. Every field is optional. */
export interface NewsroomOptions {
  /**
   * Register Newsroom's content model (`post`, `tag`, the reaction types, `blockContent`,
   * `imageWithAlt`, `readTime`). `false` to bring your own schema: then only the features whose
   * option you give (`readTime`, `relatedPosts`, `reactions`) are on, on the document types and
   * fields you name there, and only the types they need are added (`readTime`; `reaction` and
   * `reactionVoter`).
   * @defaultValue true
   */
  contentModel?: boolean
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
   * 3 s; code 4 s a line; `post`'s `body` and `heroImage` into `readTime`; `long`. `false`: off.
   */
  readTime?: ReadTimeOptions | false
  /**
   * The related-post picker of previous and next. `false`: off.
   * @defaultValue `post`, ranked by `tags`, ordered by `publishedAt`, `reciprocal: 'ask'`
   */
  relatedPosts?: RelatedPostsOptions | false
  /** The Reactions panel, and the tally and voter types. `false`: off. */
  reactions?: ReactionsOptions | false
  /**
   * Your own author type for Newsroom's content model: `post.authors` references it and Newsroom's
   * `author` type is not added. Only with the content model (`contentModel: false` keeps your
   * post's own author field as it is).
   * @defaultValue Newsroom's `author` type
   */
  authors?: AuthorsOptions
}

/** The `authors` option: the document type a post's byline references. */
export interface AuthorsOptions {
  /**
   * Your author document type (`author`, `person`, …). It needs a `name` field: the byline, the
   * queries and the reader site read it, and its `slug` when it has one.
   */
  documentType: string
}

/** Options of the post's Reactions panel. */
export interface ReactionsOptions {
  /**
   * The document type readers react to: its form shows the panel, the tally and voter records
   * reference it.
   * @defaultValue 'post'
   */
  documentType?: string
  /**
   * The dataset that holds the reaction tallies: set it to the reaction handler's `dataset` when
   * votes are kept apart from the content.
   * @defaultValue the Studio's dataset
   */
  dataset?: string
}

/** The `reactions` option with its defaults filled in (`dataset` stays the Studio's if unset). */
export type ResolvedReactionsOptions = Readonly<ReactionsOptions & {documentType: string}>

/** Options with every default filled in; a feature that is off is `false`. */
export interface ResolvedNewsroomOptions {
  contentModel: boolean
  reactionKinds: readonly ReactionKind[]
  reactions: ResolvedReactionsOptions | false
  relatedPosts: ResolvedRelatedPostsOptions | false
  readTime: ResolvedReadTimeOptions | false
  /** Your author type, or undefined for Newsroom's own `author` type. */
  authors?: Readonly<AuthorsOptions>
}

export const DEFAULT_OPTIONS: ResolvedNewsroomOptions = {
  contentModel: true,
  reactionKinds: DEFAULT_REACTION_KINDS,
  reactions: {documentType: POST_TYPE},
  relatedPosts: DEFAULT_RELATED_POSTS_OPTIONS,
  readTime: DEFAULT_READ_TIME_OPTIONS,
}

const RECIPROCAL_MODES: readonly ReciprocalLinkMode[] = ['ask', 'always', 'never']

const KNOWN_OPTIONS = new Set([...Object.keys(DEFAULT_OPTIONS), 'authors'])

function fail(option: string, message: string): never {
  throw optionError({option, message})
}

function checkReactionKinds(value: unknown): ReactionKind[] {
  assertNoProblem(reactionKindsProblem(value, 'reactionKinds'))
  return (value as ReactionKind[]).map(({name, title, emoji}) =>
    emoji === undefined ? {name, title} : {name, title, emoji},
  )
}

function checkReactions(value: unknown): ResolvedReactionsOptions {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail('reactions', 'expected an object {documentType?, dataset?}')
  }
  for (const key of Object.keys(value)) {
    if (key !== 'dataset' && key !== 'documentType')
      fail(`reactions.${key}`, 'unknown option; known options: documentType, dataset')
  }
  const {dataset, documentType: givenType} = value as ReactionsOptions
  const documentType =
    givenType === undefined ? POST_TYPE : checkTypeName('reactions.documentType', givenType)
  if (dataset === undefined) return {documentType}
  const problem = datasetNameProblem(dataset)
  if (problem) fail('reactions.dataset', problem)
  return {documentType, dataset: dataset as string}
}

function checkAuthors(value: unknown, contentModel: boolean): Readonly<AuthorsOptions> {
  if (!contentModel) {
    fail(
      'authors',
      "only with Newsroom's content model; with contentModel: false your post keeps its own " +
        'author field (see docs/existing-studio.md)',
    )
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    fail('authors', 'expected an object {documentType}')
  for (const key of Object.keys(value)) {
    if (key !== 'documentType')
      fail(`authors.${key}`, 'unknown option; known options: documentType')
  }
  const {documentType} = value as Partial<AuthorsOptions>
  if (documentType === undefined) fail('authors.documentType', `expected your author type's name`)
  return {documentType: checkTypeName('authors.documentType', documentType)}
}

function checkRelatedPosts(value: unknown): ResolvedRelatedPostsOptions {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail('relatedPosts', 'expected an object')
  }
  const known = Object.keys(DEFAULT_RELATED_POSTS_OPTIONS)
  for (const key of Object.keys(value)) {
    if (!known.includes(key))
      fail(`relatedPosts.${key}`, `unknown option; known options: ${known.join(', ')}`)
  }
  const given = value as RelatedPostsOptions
  const {reciprocal = DEFAULT_RELATED_POSTS_OPTIONS.reciprocal} = given
  if (!RECIPROCAL_MODES.includes(reciprocal)) {
    fail(
      'relatedPosts.reciprocal',
      `expected one of ${RECIPROCAL_MODES.map((mode) => `'${mode}'`).join(', ')}, got ${JSON.stringify(reciprocal)}`,
    )
  }
  const field = (key: 'dateField' | 'taxonomyField' | 'titleField') =>
    given[key] === undefined
      ? DEFAULT_RELATED_POSTS_OPTIONS[key]
      : checkFieldName(`relatedPosts.${key}`, given[key])
  return {
    reciprocal,
    documentType:
      given.documentType === undefined
        ? DEFAULT_RELATED_POSTS_OPTIONS.documentType
        : checkTypeName('relatedPosts.documentType', given.documentType),
    dateField: field('dateField'),
    taxonomyField: field('taxonomyField'),
    titleField: field('titleField'),
    imageField:
      given.imageField === undefined
        ? DEFAULT_RELATED_POSTS_OPTIONS.imageField
        : given.imageField === false
          ? false
          : checkFieldName('relatedPosts.imageField', given.imageField),
  }
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

function checkTypeName(option: string, value: unknown): string {
  if (typeof value !== 'string' || !FIELD_NAME.test(value))
    fail(option, `"${String(value)}" is not a document type name`)
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
  if (given.documentTypes !== undefined) {
    if (!Array.isArray(given.documentTypes) || given.documentTypes.length === 0)
      fail('readTime.documentTypes', 'expected a non-empty array of document type names')
    resolved.documentTypes = given.documentTypes.map((type, index) =>
      checkTypeName(`readTime.documentTypes[${index}]`, type),
    )
  }
  if (given.field !== undefined) resolved.field = checkFieldName('readTime.field', given.field)
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
      `${ERROR_PREFIX} Options must be an object, got ${Array.isArray(options) ? 'an array' : typeof options}`,
    )
  }
  for (const key of Object.keys(options)) {
    if (!KNOWN_OPTIONS.has(key))
      fail(key, `unknown option; known options: ${[...KNOWN_OPTIONS].join(', ')}`)
  }
  const given = options as NewsroomOptions
  const contentModel = given.contentModel ?? true
  if (typeof contentModel !== 'boolean') fail('contentModel', 'expected true or false')
  // Our model turns every feature on by default; your own schema, only those you configure.
  const feature = <T>(value: unknown, check: (value: unknown) => T, defaults: T): T | false =>
    value === false ? false : value === undefined ? (contentModel ? defaults : false) : check(value)
  return {
    contentModel,
    reactionKinds:
      given.reactionKinds === undefined
        ? DEFAULT_OPTIONS.reactionKinds
        : checkReactionKinds(given.reactionKinds),
    reactions: feature(given.reactions, checkReactions, DEFAULT_OPTIONS.reactions),
    relatedPosts: feature(given.relatedPosts, checkRelatedPosts, DEFAULT_RELATED_POSTS_OPTIONS),
    readTime: feature(given.readTime, checkReadTime, DEFAULT_READ_TIME_OPTIONS),
    ...(given.authors === undefined ? {} : {authors: checkAuthors(given.authors, contentModel)}),
  }
}
