import type {BreadcrumbList, ListItem, NewsArticle, Organization, Person} from 'schema-dts'

import {absoluteUrl, isoDuration, resolveImage, resolvePostSeo} from './resolve.ts'
import type {SeoImageSource, SeoOptions, SeoPost} from './types.ts'

/** The crops Google asks of an article's images: 16:9, 4:3 and 1:1, at least 1200 wide. */
export const JSON_LD_IMAGE_SIZES = [
  {width: 1200, height: 675},
  {width: 1200, height: 900},
  {width: 1200, height: 1200},
] as const

/** A JSON-LD node: plain JSON (the builders check each against schema-dts's types). */
export type JsonLdNode = {'@type': string} & Record<string, unknown>

/** A JSON-LD document holding several nodes. */
export interface JsonLdGraph {
  '@context': 'https://schema.org'
  '@graph': JsonLdNode[]
}

/** The publisher: the site's name, URL and logo. */
function publisherOf(options: SeoOptions<SeoImageSource>) {
  const {site} = options
  return {
    '@type': 'Organization',
    '@id': absoluteUrl(site, '/#publisher'),
    name: site.name,
    url: absoluteUrl(site, '/'),
    ...(site.logo
      ? {
          logo: {
            '@type': 'ImageObject',
            url: site.logo.url,
            width: String(site.logo.width),
            height: String(site.logo.height),
          },
        }
      : {}),
  } satisfies Organization
}

/**
 * The post page's structured data: a `NewsArticle` (headline, images in three crops, dates,
 * authors, publisher, word count, reading time, keywords) and a `BreadcrumbList` (site → first
 * tag → post). Embed it with `serializeJsonLd` in a `<script type="application/ld+json">`.
 *
 * @example
 * ```ts
 * const graph = buildPostJsonLd(post, {site, imageUrl})
 * html += `<script type="application/ld+json">${serializeJsonLd(graph)}</script>`
 * ```
 */
export function buildPostJsonLd<Image extends SeoImageSource>(
  post: SeoPost<Image>,
  options: SeoOptions<Image>,
): JsonLdGraph {
  const seo = resolvePostSeo(post, options)
  const publisher = publisherOf(options as SeoOptions<SeoImageSource>)
  const images = JSON_LD_IMAGE_SIZES.flatMap((size) => {
    const image = resolveImage(post, options, size)
    return image && image.url !== options.site.logo?.url ? [image.url] : []
  })
  const fallbackImage = images.length === 0 && options.site.logo ? [options.site.logo.url] : []
  const authors = seo.authors.map(
    (author) =>
      ({
        '@type': 'Person',
        name: author.name,
        ...(author.url ? {url: author.url} : {}),
      }) satisfies Person,
  )
  const article = {
    '@type': 'NewsArticle',
    '@id': `${seo.url}#article`,
    headline: seo.headline,
    ...(seo.description ? {description: seo.description} : {}),
    url: seo.url,
    mainEntityOfPage: {'@type': 'WebPage', '@id': seo.url},
    ...(images.length + fallbackImage.length > 0 ? {image: [...images, ...fallbackImage]} : {}),
    ...(seo.publishedTime ? {datePublished: seo.publishedTime} : {}),
    ...(seo.modifiedTime ? {dateModified: seo.modifiedTime} : {}),
    // No byline: the publication itself is the author.
    author: authors.length > 0 ? authors : [{'@id': publisher['@id']}],
    publisher: {'@id': publisher['@id']},
    ...(typeof post.wordCount === 'number' && post.wordCount > 0
      ? {wordCount: post.wordCount}
      : {}),
    ...(isoDuration(post.readTimeSeconds) ? {timeRequired: isoDuration(post.readTimeSeconds)} : {}),
    ...(seo.tags.length > 0 ? {keywords: seo.tags.map((tag) => tag.name)} : {}),
    ...(options.site.lang ? {inLanguage: options.site.lang} : {}),
  } satisfies NewsArticle
  const [section] = seo.tags
  const steps = [
    {name: options.site.name, url: absoluteUrl(options.site, '/')},
    ...(section?.url ? [{name: section.name, url: section.url}] : []),
    {name: seo.headline, url: seo.url},
  ]
  const breadcrumb = {
    '@type': 'BreadcrumbList',
    itemListElement: steps.map(
      (step, index) =>
        ({
          '@type': 'ListItem',
          position: index + 1,
          name: step.name,
          item: step.url,
        }) satisfies ListItem,
    ),
  } satisfies BreadcrumbList
  return {'@context': 'https://schema.org', '@graph': [article, breadcrumb, publisher]}
}

const SCRIPT_UNSAFE: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
}

/**
 * JSON for a `<script type="application/ld+json">`: `JSON.stringify` with `<`, `>`, `&` and the
 * line separators escaped, so no text in a post can close the script or break the page.
 * `JSON.parse` reads it back unchanged.
 */
export function serializeJsonLd(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (char) => SCRIPT_UNSAFE[char] ?? char)
}
