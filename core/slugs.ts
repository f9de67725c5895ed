/**
 * Slugs become URLs, and a URL cannot carry a lone UTF-16 surrogate (half of an emoji, cut by a
 * careless truncation or bad data): `encodeURIComponent` throws on one. The Studio refuses such
 * slugs and the WordPress import removes the halves.
 */

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/** Whether `slug` holds half a surrogate pair, which no URL can carry. */
export function hasLoneSurrogate(slug: string): boolean {
  return new RegExp(LONE_SURROGATE.source).test(slug)
}

/** `slug` without lone surrogates; whole pairs (emoji) stay. */
export function withoutLoneSurrogates(slug: string): string {
  return slug.replace(LONE_SURROGATE, '')
}
