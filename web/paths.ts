/**
 * The site's addresses of posts, tags and authors. A slug that cannot be written in a URL (a lone UTF-16
 * surrogate, from bad data) gives no address: pages that list such a post show it without a
 * link, and one bad document never takes down a page about another.
 */

function pathOf(prefix: string, slug: string): string | undefined {
  try {
    return `${prefix}${encodeURIComponent(slug)}`
  } catch {
    return undefined
  }
}

/** `/posts/<slug>`, or undefined when the slug cannot be part of a URL. */
export const postPath = (slug: string) => pathOf('/posts/', slug)

/** `/tags/<slug>`, or undefined when the slug cannot be part of a URL. */
export const tagPath = (slug: string) => pathOf('/tags/', slug)

/** `/authors/<slug>`, or undefined when the slug cannot be part of a URL. */
export const authorPath = (slug: string) => pathOf('/authors/', slug)
