/**
 * Where the reader site shows each document, and which document each of its routes is about: the
 * Presentation tool's `resolve.locations` ("Used on" in the document pane) and
 * `resolve.mainDocuments` (the form opened beside a page), as plain data and pure functions. No
 * React, no Studio import: `plugins/newsroom/presentation/` hands them to `presentationTool`.
 *
 *   a post   /posts/<slug>, the home page, and the page of each of its tags
 *   a tag    /tags/<slug>
 */
import {POST_TYPE, TAG_TYPE} from '../document-types.ts'
import {assertNoProblem, type OptionProblem} from '../option-checks.ts'

/** One place a document is shown (the shape of Presentation's `DocumentLocation`). */
export interface SiteLocation {
  title: string
  href: string
}

/** What Presentation shows in "Used on": the locations, or a message why there are none. */
export interface SiteLocationsState {
  locations?: SiteLocation[]
  message?: string
  tone?: 'positive' | 'caution' | 'critical'
}

/** How many of a post's tags the "Used on" list names (their pages, in the editor's order). */
export const MAX_TAG_LOCATIONS = 6

/** `/prefix/<slug>` with the slug encoded, or undefined when it cannot be part of a URL. */
function pathOf(prefix: string, slug: unknown): string | undefined {
  if (typeof slug !== 'string' || slug.trim() === '') return undefined
  try {
    return `${prefix}${encodeURIComponent(slug)}`
  } catch {
    // A lone UTF-16 surrogate (bad data) has no URL.
    return undefined
  }
}

/** The site's address of a post: `/posts/<slug>`, or undefined without a usable slug. */
export const postHref = (slug: unknown) => pathOf('/posts/', slug)
/** The site's address of a tag: `/tags/<slug>`, or undefined without a usable slug. */
export const tagHref = (slug: unknown) => pathOf('/tags/', slug)

/** The fields a post's locations are worked out from (`postLocationSelect`). */
export type PostLocationFields = Record<string, unknown> & {title?: unknown; slug?: unknown}

/**
 * What Presentation reads of a post for its locations: the title, the slug and, through the
 * references, the title and slug of its first `MAX_TAG_LOCATIONS` tags (`tag0Title`, `tag0Slug`…).
 */
export const postLocationSelect: Record<string, string> = Object.fromEntries([
  ['title', 'title'],
  ['slug', 'slug.current'],
  ...Array.from({length: MAX_TAG_LOCATIONS}, (_, i) => [
    [`tag${i}Title`, `tags.${i}.title`],
    [`tag${i}Slug`, `tags.${i}.slug.current`],
  ]).flat(),
])

/** What Presentation reads of a tag for its locations. */
export const tagLocationSelect: Record<string, string> = {title: 'title', slug: 'slug.current'}

const NO_SLUG: SiteLocationsState = {
  message: 'Not on the site yet: give it a slug to preview it.',
  tone: 'caution',
}

/**
 * A post's locations: its page, the home page (the latest posts) and each of its tags' pages,
 * without repeats. A post without a slug has no page: a message says so.
 */
export function postLocations(post: PostLocationFields | null): SiteLocationsState | null {
  if (!post) return null
  const href = postHref(post.slug)
  if (!href) return NO_SLUG
  const title = typeof post.title === 'string' && post.title.trim() ? post.title : 'Untitled post'
  const locations: SiteLocation[] = [
    {title, href},
    {title: 'Home page: latest news', href: '/'},
  ]
  for (let i = 0; i < MAX_TAG_LOCATIONS; i++) {
    const tag = tagHref(post[`tag${i}Slug`])
    if (!tag || locations.some((location) => location.href === tag)) continue
    const tagTitle = post[`tag${i}Title`]
    locations.push({title: `Tag: ${typeof tagTitle === 'string' ? tagTitle : tag}`, href: tag})
  }
  return {locations}
}

/** A tag's location: its page. */
export function tagLocations(tag: PostLocationFields | null): SiteLocationsState | null {
  if (!tag) return null
  const href = tagHref(tag.slug)
  if (!href) return NO_SLUG
  const title = typeof tag.title === 'string' && tag.title.trim() ? tag.title : 'Untitled tag'
  return {locations: [{title: `Tag: ${title}`, href}]}
}

/** A route's main document: a GROQ filter over its params (Presentation's `DocumentResolver`). */
export interface SiteRoute {
  route: string
  resolve: (context: {
    params: Record<string, string>
  }) => {filter: string; params: Record<string, string>} | undefined
}

/** A path segment as the browser sent it (`d%C3%A9fense`) decoded, or undefined when malformed. */
function decodeSegment(segment: string | undefined): string | undefined {
  if (!segment) return undefined
  try {
    return decodeURIComponent(segment)
  } catch {
    return undefined
  }
}

const bySlug =
  (type: string) =>
  ({params}: {params: Record<string, string>}) => {
    const slug = decodeSegment(params.slug)
    return slug === undefined
      ? undefined
      : {filter: `_type == "${type}" && slug.current == $slug`, params: {slug}}
  }

/** The site's routes and the document each is about: a post's page, a tag's page. */
export const siteRoutes: readonly SiteRoute[] = [
  {route: '/posts/:slug', resolve: bySlug(POST_TYPE)},
  {route: '/tags/:slug', resolve: bySlug(TAG_TYPE)},
]

/** Options of `newsroomPresentation`. */
export interface PresentationOptions {
  /**
   * The reader site, as the Studio's browser reaches it: `http://localhost:3000` in development,
   * `https://news.example.com` in production. The preview opens on its home page.
   */
  previewUrl: string
  /**
   * The site's path that checks the Studio's preview URL secret and enters preview mode.
   * @defaultValue `'/api/preview'` (the example site's)
   */
  enablePath?: string
  /**
   * The tool's title in the Studio's navigation bar.
   * @defaultValue `'Presentation'`
   */
  title?: string
}

/** `PresentationOptions` with every default filled in and the URL's origin alone. */
export type ResolvedPresentationOptions = Required<PresentationOptions> & {previewOrigin: string}

const PRESENTATION_DEFAULTS = {enablePath: '/api/preview', title: 'Presentation'}
const PRESENTATION_KEYS = new Set(['previewUrl', ...Object.keys(PRESENTATION_DEFAULTS)])

function presentationProblem(options: unknown): OptionProblem | undefined {
  if (typeof options !== 'object' || options === null) {
    return {option: 'previewUrl', message: 'required: the reader site, e.g. http://localhost:3000'}
  }
  for (const key of Object.keys(options)) {
    if (!PRESENTATION_KEYS.has(key)) {
      return {option: key, message: `unknown option; known: ${[...PRESENTATION_KEYS].join(', ')}`}
    }
  }
  const {previewUrl, enablePath, title} = options as PresentationOptions
  let url: URL | undefined
  try {
    url = typeof previewUrl === 'string' ? new URL(previewUrl) : undefined
  } catch {
    url = undefined
  }
  if (!url || !/^https?:$/.test(url.protocol)) {
    return {
      option: 'previewUrl',
      message: `"${String(previewUrl)}" must be the reader site's http(s) URL, e.g. http://localhost:3000`,
    }
  }
  if (
    enablePath !== undefined &&
    (typeof enablePath !== 'string' || !/^\/[^/\\]/.test(enablePath))
  ) {
    return {
      option: 'enablePath',
      message: `"${String(enablePath)}" must be a path such as /api/preview`,
    }
  }
  if (title !== undefined && (typeof title !== 'string' || title.trim() === '')) {
    return {option: 'title', message: 'must be a non-empty string'}
  }
  return undefined
}

/** Merges the options over the defaults once, failing fast with a path-precise error. */
export function resolvePresentationOptions(
  options: PresentationOptions,
): ResolvedPresentationOptions {
  assertNoProblem(presentationProblem(options), 'newsroomPresentation')
  const defined = Object.fromEntries(
    Object.entries(options).filter(([, value]) => value !== undefined),
  ) as PresentationOptions
  return {
    ...PRESENTATION_DEFAULTS,
    ...defined,
    previewOrigin: new URL(options.previewUrl).origin,
  }
}
