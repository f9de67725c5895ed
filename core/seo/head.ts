import {cleanText, resolvePostSeo, type ResolvedImage} from './resolve.ts'
import type {SeoImageSource, SeoOptions, SeoPost, SeoSite} from './types.ts'

/** One tag of the document head, as data: a frontend renders it (or `renderHeadTags` does). */
export type HeadTag =
  | {tag: 'meta'; name: string; content: string}
  | {tag: 'meta'; property: string; content: string}
  | {tag: 'link'; rel: string; href: string; type?: string; title?: string}

/** A feed or other alternate version of a page, for `<link rel="alternate">`. */
export interface AlternateLink {
  /** e.g. `application/rss+xml`, `application/atom+xml`, `application/feed+json` */
  type: string
  title: string
  /** Absolute URL. */
  href: string
}

/** What any page tells search engines and social cards. */
export interface PageSeo {
  /** The page's title, without the site name (`og:title`). */
  title: string
  description?: string
  /** The page's absolute URL: canonical and `og:url`. */
  url: string
  /** @defaultValue `'website'` */
  type?: 'website' | 'article' | 'profile'
  image?: ResolvedImage
  alternates?: readonly AlternateLink[]
}

const meta = (name: string, content: string | undefined): HeadTag[] =>
  content ? [{tag: 'meta', name, content}] : []
const property = (name: string, content: string | undefined): HeadTag[] =>
  content ? [{tag: 'meta', property: name, content}] : []

/**
 * The head of any page: canonical URL, meta description, Open Graph (with the image's size and
 * alt text), `twitter:card`, and the page's feeds. A tag whose value is missing is left out, so
 * no `content` attribute is ever empty.
 */
export function buildPageHeadTags(page: PageSeo, site: Pick<SeoSite, 'name'>): HeadTag[] {
  const description = cleanText(page.description)
  const image = page.image
  return [
    {tag: 'link', rel: 'canonical', href: page.url},
    ...meta('description', description),
    ...property('og:type', page.type ?? 'website'),
    ...property('og:site_name', site.name),
    ...property('og:title', cleanText(page.title) ?? site.name),
    ...property('og:description', description),
    ...property('og:url', page.url),
    ...(image
      ? [
          ...property('og:image', image.url),
          ...property('og:image:width', String(image.width)),
          ...property('og:image:height', String(image.height)),
          ...property('og:image:alt', cleanText(image.alt)),
        ]
      : []),
    ...meta('twitter:card', image ? 'summary_large_image' : 'summary'),
    ...(image ? meta('twitter:image:alt', cleanText(image.alt)) : []),
    ...(page.alternates ?? []).map((link): HeadTag => ({
      tag: 'link',
      rel: 'alternate',
      type: link.type,
      title: link.title,
      href: link.href,
    })),
  ]
}

/**
 * The post page's head: `buildPageHeadTags` for an article (SEO title and description with
 * their fallbacks, the social image else the hero else the site's logo), plus
 * `article:published_time`, `article:modified_time`, an `article:author` per author page and an
 * `article:tag` per tag.
 *
 * @example
 * ```ts
 * const head = renderHeadTags(buildPostHeadTags(post, {site, imageUrl}))
 * ```
 */
export function buildPostHeadTags<Image extends SeoImageSource>(
  post: SeoPost<Image>,
  options: SeoOptions<Image> & {alternates?: readonly AlternateLink[]},
): HeadTag[] {
  const seo = resolvePostSeo(post, options)
  const base = buildPageHeadTags(
    {
      title: seo.title,
      description: seo.description,
      url: seo.url,
      type: 'article',
      image: seo.image,
      alternates: options.alternates,
    },
    options.site,
  )
  const article: HeadTag[] = [
    ...property('article:published_time', seo.publishedTime),
    ...property('article:modified_time', seo.modifiedTime),
    ...seo.authors.flatMap((author) => property('article:author', author.url ?? author.name)),
    ...seo.tags.flatMap((tag) => property('article:tag', tag.name)),
  ]
  // Open Graph wants the article's own properties right after og:*, before twitter:*.
  const firstTwitter = base.findIndex((tag) => 'name' in tag && tag.name.startsWith('twitter:'))
  return [...base.slice(0, firstTwitter), ...article, ...base.slice(firstTwitter)]
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#x27;',
}
const escapeAttribute = (value: string) => value.replace(/[&<>"']/g, (char) => ENTITIES[char]!)

/** The tags as HTML, one a line, every attribute escaped. */
export function renderHeadTags(tags: readonly HeadTag[]): string {
  return tags
    .map((tag) => {
      const attributes = Object.entries(tag)
        .filter(([key, value]) => key !== 'tag' && value !== undefined)
        .map(([key, value]) => `${key}="${escapeAttribute(String(value))}"`)
        .join(' ')
      return `<${tag.tag} ${attributes}>`
    })
    .join('\n')
}
