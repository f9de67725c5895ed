/**
 * Redirects from the old WordPress permalinks to the posts' new addresses (`/posts/<slug>`), so
 * links and search results keep working after the move: JSON by default, or the files Netlify
 * (`_redirects`) and Vercel (`vercel.json`) read.
 */

/** The formats of the redirects file. */
export const REDIRECT_FORMATS = ['json', 'netlify', 'vercel'] as const
export type RedirectFormat = (typeof REDIRECT_FORMATS)[number]

/** One permanent redirect. */
export interface Redirect {
  /** The old path, as WordPress served it: `/2026/11/25/mistral-ai/`. */
  from: string
  /** The new path: `/posts/mistral-ai`. */
  to: string
}

/** The path (and query: `/?p=12`) of a permalink; undefined when it is not a URL or is the home page. */
export function permalinkPath(permalink: string): string | undefined {
  let url: URL
  try {
    url = new URL(permalink)
  } catch {
    return undefined
  }
  const path = `${url.pathname}${url.search}`
  return path === '/' || path === '' ? undefined : path
}

/** The reader site's path of a post. */
export function postPath(slug: string): string {
  return `/posts/${encodeURIComponent(slug)}`
}

/** `/?p=12` → `{path: '/', query: [['p', '12']]}`. */
function splitQuery(from: string): {path: string; query: Array<[string, string]>} {
  const at = from.indexOf('?')
  if (at < 0) return {path: from, query: []}
  return {path: from.slice(0, at), query: [...new URLSearchParams(from.slice(at + 1))]}
}

/** Vercel reads `source` as a path-to-regexp pattern: its special characters are escaped. */
function vercelSource(path: string): string {
  return path.replace(/[:()*+?{}\\]/g, (char) => `\\${char}`)
}

function vercelRedirect(redirect: Redirect) {
  const {path, query} = splitQuery(redirect.from)
  return {
    source: vercelSource(path),
    ...(query.length > 0 ? {has: query.map(([key, value]) => ({type: 'query', key, value}))} : {}),
    destination: redirect.to,
    permanent: true,
  }
}

/** Netlify's `_redirects` line: `from [key=value…]  to  301`. */
function netlifyFrom(redirect: Redirect): string {
  const {path, query} = splitQuery(redirect.from)
  return [path, ...query.map(([key, value]) => `${key}=${value}`)].join(' ')
}

/** The redirects file in `format`, sorted by old path. */
export function formatRedirects(redirects: readonly Redirect[], format: RedirectFormat): string {
  const sorted = [...redirects].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0))
  if (format === 'netlify') {
    const froms = sorted.map(netlifyFrom)
    const width = Math.max(0, ...froms.map((from) => from.length))
    return sorted
      .map((r, index) => `${(froms[index] as string).padEnd(width)}  ${r.to}  301\n`)
      .join('')
  }
  if (format === 'vercel') {
    return `${JSON.stringify({redirects: sorted.map(vercelRedirect)}, null, 2)}\n`
  }
  const list = sorted.map((r) => ({from: r.from, to: r.to, status: 301}))
  return `${JSON.stringify(list, null, 2)}\n`
}
