/**
 * What the SEO builders read: the publication, a post as the queries return it, and how to turn
 * an image into an absolute URL of a given size. Plain data, so a Hono, Next.js or Astro frontend
 * passes what it already has.
 */

/** The publication: its name, public origin and logo. */
export interface SeoSite {
  /** The publication's name: `og:site_name`, the JSON-LD publisher, the breadcrumb's first step. */
  name: string
  /** The public origin every absolute URL starts with, e.g. `https://news.example.com`. */
  url: string
  /** The publisher's logo (absolute URL and pixel size); also the image of a post without one. */
  logo?: SeoLogo
  /** The language of the site's pages, e.g. `en` or `fr-CA` (JSON-LD `inLanguage`). */
  lang?: string
}

/** An image that already has an absolute URL and a known pixel size. */
export interface SeoLogo {
  url: string
  width: number
  height: number
}

/** Anything with alt text: the image type the frontend's `imageUrl` understands. */
export interface SeoImageSource {
  alt?: string | null
}

/**
 * Builds the absolute URL of `image` cropped to `width` × `height` (the editor's hotspot decides
 * what stays), or null when the image has no asset. A frontend passes `@sanity/image-url`:
 * `(image, {width, height}) => image.asset ? urlFor(image).width(width).height(height).url() : null`.
 */
export type SeoImageUrl<Image extends SeoImageSource> = (
  image: Image,
  size: {width: number; height: number},
) => string | null

/** A post's author as the queries return it. */
export interface SeoAuthor {
  name: string | null
  slug: string | null
}

/** A post's tag as the queries return it. */
export interface SeoTag {
  title: string | null
  slug: string | null
}

/** A post as `postPageQuery` (or `feedQuery`) returns it: only what the builders read. */
export interface SeoPost<Image extends SeoImageSource = SeoImageSource> {
  title: string | null
  slug: string
  excerpt?: string | null
  /** The body's first paragraph as plain text: the description when there is no other. */
  summary?: string | null
  publishedAt?: string | null
  /** When the post last changed (`_updatedAt`). */
  updatedAt?: string | null
  heroImage?: Image | null
  /** The "Search & social" group: SEO title, description and social image, each optional. */
  seo?: {title?: string | null; description?: string | null; image?: Image | null} | null
  authors?: SeoAuthor[] | null
  tags?: SeoTag[] | null
  /** The stored word count (`readTime.words`). */
  wordCount?: number | null
  /** The stored or estimated read time in seconds. */
  readTimeSeconds?: number | null
}

/** Where the site's pages live, relative to `SeoSite.url`. */
export interface SeoPaths {
  post: (slug: string) => string
  author: (slug: string) => string
  tag: (slug: string) => string
}

/** What every builder needs besides the post. */
export interface SeoOptions<Image extends SeoImageSource = SeoImageSource> {
  site: SeoSite
  imageUrl: SeoImageUrl<Image>
  /**
   * Where posts, authors and tags live on the site.
   * @defaultValue `/posts/<slug>`, `/authors/<slug>`, `/tags/<slug>`
   */
  paths?: Partial<SeoPaths>
}
