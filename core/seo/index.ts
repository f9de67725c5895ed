/**
 * `sanity-plugin-newsroom/seo`: structured data and head tags for a post, framework-free, so any
 * frontend (the example site, Next.js, Astro) says the same thing about the same post.
 */
export {buildPostJsonLd, serializeJsonLd, type JsonLdGraph, type JsonLdNode} from './json-ld.ts'
export {
  buildPageHeadTags,
  buildPostHeadTags,
  renderHeadTags,
  type AlternateLink,
  type HeadTag,
  type PageSeo,
} from './head.ts'
export {
  DEFAULT_SEO_PATHS,
  SOCIAL_IMAGE_SIZE,
  absoluteUrl,
  isoDuration,
  resolvePostSeo,
  truncateText,
  type ResolvedImage,
  type ResolvedPostSeo,
} from './resolve.ts'
export type {
  SeoAuthor,
  SeoImageSource,
  SeoImageUrl,
  SeoLogo,
  SeoOptions,
  SeoPaths,
  SeoPost,
  SeoSite,
  SeoTag,
} from './types.ts'
