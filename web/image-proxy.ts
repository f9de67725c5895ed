/**
 * Images through the site's own origin. The local lake serves images over HTTPS with a
 * certificate a browser may not trust yet; the site's server trusts it (`--lake-data`), so in
 * development the pages point at `/images/…` on the site and the site fetches the bytes from the
 * lake. Against Sanity the pages keep the CDN's URLs and nothing here is used.
 */
import type {SanityClient} from '@sanity/client'

/** The path of an image on the site: what `@sanity/image-url` puts after the lake's origin. */
export const IMAGE_PATH = '/images/:projectId/:dataset/:file'

/** `<sha1>-<width>x<height>.<ext>`, the only file names image assets have. */
const IMAGE_FILE = /^[a-f0-9]{40}-\d+x\d+\.[a-z0-9]{1,10}$/
/** Headers of the lake's answer that the browser needs (type, size, caching, revalidation). */
const FORWARDED_HEADERS = [
  'content-type',
  'content-length',
  'cache-control',
  'etag',
  'last-modified',
  'vary',
]
/** How long the site waits for the lake before answering 503. */
const LAKE_TIMEOUT_MS = 10_000
/** Seconds a browser is asked to wait when the lake is down. */
const RETRY_AFTER_SECONDS = '30'

/** Turns an image URL of the lake into the same path on the site's origin. */
export function toSameOriginImageUrl(url: string): string {
  const parsed = new URL(url)
  return `${parsed.pathname}${parsed.search}`
}

/**
 * Answers `GET /images/<projectId>/<dataset>/<file>` with the image from `client`'s lake: only
 * its own project and dataset, only image file names (it is no open proxy), the query string
 * (`w`, `rect`, `auto`, …) passed on. A lake that does not answer is a 503.
 */
export function createImageProxy(client: SanityClient): (request: Request) => Promise<Response> {
  const {apiHost, projectId, dataset} = client.config()
  const lakeOrigin = (apiHost ?? '').replace(/\/+$/, '')
  return async (request) => {
    const url = new URL(request.url)
    const [, images, project, set, file, ...rest] = url.pathname.split('/')
    const ours =
      images === 'images' &&
      project === projectId &&
      set === dataset &&
      rest.length === 0 &&
      IMAGE_FILE.test(file ?? '')
    if (!ours) return new Response('Not found', {status: 404})

    const headers = new Headers()
    for (const name of ['accept', 'if-none-match', 'if-modified-since']) {
      const value = request.headers.get(name)
      if (value) headers.set(name, value)
    }
    let upstream: Response
    try {
      upstream = await fetch(`${lakeOrigin}${url.pathname}${url.search}`, {
        headers,
        signal: AbortSignal.timeout(LAKE_TIMEOUT_MS),
      })
    } catch {
      return unavailable()
    }
    if (upstream.status >= 500 || upstream.status === 429) {
      await upstream.body?.cancel()
      return unavailable()
    }
    if (upstream.status !== 200 && upstream.status !== 304) {
      await upstream.body?.cancel()
      return new Response('Not found', {status: 404})
    }
    const forwarded = new Headers()
    for (const name of FORWARDED_HEADERS) {
      const value = upstream.headers.get(name)
      if (value) forwarded.set(name, value)
    }
    return new Response(upstream.status === 304 ? null : upstream.body, {
      status: upstream.status,
      headers: forwarded,
    })
  }
}

function unavailable(): Response {
  return new Response('The image cannot be loaded right now.', {
    status: 503,
    headers: {'retry-after': RETRY_AFTER_SECONDS, 'cache-control': 'no-store'},
  })
}
