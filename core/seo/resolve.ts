import type {SeoImageSource, SeoLogo, SeoOptions, SeoPaths, SeoPost, SeoSite} from './types.ts'

/** The size of a social card image: what Facebook, LinkedIn and X draw without cropping. */
export const SOCIAL_IMAGE_SIZE = {width: 1200, height: 630} as const
/** A description longer than this is cut at a word and ends with an ellipsis. */
export const DESCRIPTION_MAX = 160

/** The default page paths, slugs URL-encoded. */
export const DEFAULT_SEO_PATHS: SeoPaths = {
  post: (slug) => `/posts/${encodeURIComponent(slug)}`,
  author: (slug) => `/authors/${encodeURIComponent(slug)}`,
  tag: (slug) => `/tags/${encodeURIComponent(slug)}`,
}

/**
 * The absolute URL of a linked author's or tag's page; undefined when the slug cannot be part of a
 * URL (a lone UTF-16 surrogate, from bad data), so one bad document never takes down the post.
 */
function linkTo(
  site: Pick<SeoSite, 'url'>,
  path: (slug: string) => string,
  slug: string,
): string | undefined {
  try {
    return absoluteUrl(site, path(slug))
  } catch {
    return undefined
  }
}

/** An image with an absolute URL, its size and alt text: the social card's picture. */
export interface ResolvedImage extends SeoLogo {
  alt: string
}

/** A post with every fallback applied: what the head tags and the JSON-LD say. */
export interface ResolvedPostSeo {
  /** The SEO title, else the title, else "Untitled post". */
  title: string
  /** The headline as written (the title, else the SEO title). */
  headline: string
  /** The SEO description, else the excerpt, else the first paragraph cut to 160 characters. */
  description: string | undefined
  /** The post page's absolute URL. */
  url: string
  /** The social image, else the hero image, else the site's logo. */
  image: ResolvedImage | undefined
  publishedTime: string | undefined
  /** When the post last changed; the publish date when unknown. */
  modifiedTime: string | undefined
  authors: Array<{name: string; url: string | undefined}>
  tags: Array<{name: string; url: string | undefined}>
}

/** `https://news.example.com/` + `/posts/a` → `https://news.example.com/posts/a`. */
export function absoluteUrl(site: Pick<SeoSite, 'url'>, path: string): string {
  return new URL(path, site.url.endsWith('/') ? site.url : `${site.url}/`).href
}

/** Collapses white space and trims; empty becomes undefined. */
export function cleanText(value: string | null | undefined): string | undefined {
  const text = value?.replace(/\s+/g, ' ').trim()
  return text ? text : undefined
}

/** Cuts `text` to at most `max` characters at a word boundary, adding an ellipsis when cut. */
export function truncateText(text: string, max = DESCRIPTION_MAX): string {
  const characters = [...text]
  if (characters.length <= max) return text
  const head = characters.slice(0, max - 1).join('')
  const atWord = /\s/.test(characters[max - 1] ?? '') ? head : head.replace(/\s+\S*$/, '')
  return `${(atWord || head).replace(/[\s,;:–—-]+$/, '')}…`
}

/** 459 → `PT7M39S`: an ISO 8601 duration, or undefined for no time at all. */
export function isoDuration(seconds: number | null | undefined): string | undefined {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0) return undefined
  const total = Math.round(seconds)
  const hours = Math.floor(total / 3600)
  const minutes = Math.floor((total % 3600) / 60)
  const rest = total % 60
  return `PT${hours ? `${hours}H` : ''}${minutes ? `${minutes}M` : ''}${rest ? `${rest}S` : ''}`
}

/** A valid date-time string as ISO 8601 in UTC, or undefined. */
export function isoDate(value: string | null | undefined): string | undefined {
  if (!value) return undefined
  const date = new Date(value)
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString()
}

/** The post's image, cropped to `size` through the frontend's `imageUrl`, with the fallbacks. */
export function resolveImage<Image extends SeoImageSource>(
  post: Pick<SeoPost<Image>, 'seo' | 'heroImage' | 'title'>,
  options: SeoOptions<Image>,
  size: {width: number; height: number},
): ResolvedImage | undefined {
  for (const image of [post.seo?.image, post.heroImage]) {
    if (!image) continue
    const url = options.imageUrl(image, size)
    if (url) return {url, ...size, alt: cleanText(image.alt) ?? cleanText(post.title) ?? ''}
  }
  const logo = options.site.logo
  return logo ? {...logo, alt: options.site.name} : undefined
}

/** Applies every fallback once; the head tags, the JSON-LD and the Studio's preview read this. */
export function resolvePostSeo<Image extends SeoImageSource>(
  post: SeoPost<Image>,
  options: SeoOptions<Image>,
): ResolvedPostSeo {
  const paths = {...DEFAULT_SEO_PATHS, ...options.paths}
  const headline = cleanText(post.title) ?? cleanText(post.seo?.title) ?? 'Untitled post'
  const summary = cleanText(post.summary)
  const publishedTime = isoDate(post.publishedAt)
  return {
    title: cleanText(post.seo?.title) ?? headline,
    headline,
    description:
      cleanText(post.seo?.description) ??
      cleanText(post.excerpt) ??
      (summary ? truncateText(summary) : undefined),
    url: absoluteUrl(options.site, paths.post(post.slug)),
    image: resolveImage(post, options, SOCIAL_IMAGE_SIZE),
    publishedTime,
    modifiedTime: isoDate(post.updatedAt) ?? publishedTime,
    authors: (post.authors ?? []).flatMap((author) => {
      const name = cleanText(author?.name)
      if (!name) return []
      return [
        {name, url: author.slug ? linkTo(options.site, paths.author, author.slug) : undefined},
      ]
    }),
    tags: (post.tags ?? []).flatMap((tag) => {
      const name = cleanText(tag?.title)
      if (!name) return []
      return [{name, url: tag.slug ? linkTo(options.site, paths.tag, tag.slug) : undefined}]
    }),
  }
}

/** A Portable Text block as stored, as far as `firstParagraphText` reads it. */
interface StoredBlock {
  _type?: string
  style?: string
  children?: Array<{text?: unknown}>
}

/**
 * The text of a body's first normal paragraph, as `pt::text` gives it in the queries: what a
 * post without excerpt is described with (the Studio's preview computes it from the form).
 */
export function firstParagraphText(body: unknown): string | undefined {
  if (!Array.isArray(body)) return undefined
  const block = (body as StoredBlock[]).find(
    (item) => item?._type === 'block' && (item.style ?? 'normal') === 'normal',
  )
  const text = (block?.children ?? [])
    .map((child) => (typeof child?.text === 'string' ? child.text : ''))
    .join('')
  return cleanText(text)
}
