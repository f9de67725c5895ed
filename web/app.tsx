/** @jsxImportSource hono/jsx */
/**
 * The reader site: server-rendered pages over the CDN API, published content only, no script.
 *
 *   /                  the latest posts, a page at a time (`?cursor=`)
 *   /posts/<slug>      a post
 *   /tags/<slug>       a tag and its posts, a page at a time
 *   /sitemap.xml       every post and tag
 *
 * A missing slug is a 404 page; a lake that does not answer is a 503 page with `Retry-After`.
 */
import {createHash} from 'node:crypto'
import {readFileSync} from 'node:fs'

import {Hono, type Context} from 'hono'
import {etag} from 'hono/etag'
import {secureHeaders} from 'hono/secure-headers'

import {
  cursorPageParams,
  decodeCursor,
  latestPostsQuery,
  postPageQuery,
  postsByTagQuery,
  sitemapQuery,
  toCursorPage,
  type PostCursor,
} from '../queries/index.ts'
import {createImageSourceBuilder, HERO_LAYOUT} from './images.ts'
import {documentRenderer, type PageHead} from './layout.tsx'
import {HomePage, TagPage} from './listing-pages.tsx'
import {resolveWebAppOptions, type WebAppOptions} from './options.ts'
import {PostPage} from './post-page.tsx'
import {LakeUnavailableError, readerClientFrom, readLake} from './reader.ts'
import {createDateFormatter, type SiteContext} from './site-context.ts'
import {renderSitemap} from './sitemap.ts'
import {StatusPage} from './status-pages.tsx'

export type {WebAppOptions} from './options.ts'

/**
 * Pages: fresh for a minute in any cache, then served stale for up to ten while revalidating.
 * The ETag lets a browser revalidate with a 304.
 */
const PAGE_CACHE = 'public, max-age=60, stale-while-revalidate=600'
const NOT_FOUND_CACHE = 'public, max-age=60'
const SITEMAP_CACHE = 'public, max-age=300'
/** The stylesheet's URL carries its content hash, so it never changes. */
const ASSET_CACHE = 'public, max-age=31536000, immutable'
/** Seconds a reader (or crawler) is asked to wait when the lake is down. */
const RETRY_AFTER_SECONDS = 30
/** Sanity slugs are at most 96 characters here; longer ones cannot exist. */
const MAX_SLUG_LENGTH = 200

/** The page's cursor from `?cursor=`: null for the first page, undefined when malformed. */
function cursorOf(c: Context): PostCursor | null | undefined {
  const value = c.req.query('cursor')
  if (value === undefined || value === '') return null
  return decodeCursor(value) ?? undefined
}

/**
 * The reader site as a Hono app: `app.fetch` for any server or edge runtime, `app.request()` in
 * tests, `web/server.ts` to run it on Node.
 */
export function createWebApp(options: WebAppOptions): Hono {
  const settings = resolveWebAppOptions(options)
  const client = readerClientFrom(settings.client)
  const site: SiteContext = {
    images: createImageSourceBuilder(client),
    formatDate: createDateFormatter(settings.lang, settings.timeZone),
  }
  const stylesheet = readFileSync(new URL('./site.css', import.meta.url), 'utf8')
  const stylesheetHash = createHash('sha256').update(stylesheet).digest('hex').slice(0, 12)
  const stylesheetUrl = `/assets/site.${stylesheetHash}.css`
  const absolute = (c: Context, path: string) =>
    `${settings.siteUrl?.replace(/\/+$/, '') ?? new URL(c.req.url).origin}${path}`

  const renderStatus = (
    c: Context,
    status: 400 | 404 | 500 | 503,
    head: PageHead,
    message: string,
  ) => {
    c.status(status)
    c.header('cache-control', status === 404 ? NOT_FOUND_CACHE : 'no-store')
    return c.render(<StatusPage heading={head.title} message={message} />, head)
  }
  const notFound = (c: Context) =>
    renderStatus(
      c,
      404,
      {title: 'Page not found'},
      'There is no page at this address. It may have moved, or never existed.',
    )
  const badCursor = (c: Context) =>
    renderStatus(
      c,
      400,
      {title: 'Broken page link'},
      'This page link is not one the site made. Start again from the latest news.',
    )

  const app = new Hono()
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'https:', 'data:'],
        styleSrc: ["'self'"],
        scriptSrc: ["'self'"],
        formAction: ["'self'"],
        baseUri: ["'self'"],
        frameAncestors: ["'none'"],
      },
    }),
  )
  app.use(etag())
  app.use(documentRenderer({siteName: settings.siteName, lang: settings.lang, stylesheetUrl}))

  app.get(stylesheetUrl, (c) =>
    c.body(stylesheet, 200, {
      'content-type': 'text/css; charset=utf-8',
      'cache-control': ASSET_CACHE,
    }),
  )

  app.get('/', async (c) => {
    const cursor = cursorOf(c)
    if (cursor === undefined) return badCursor(c)
    const rows = await readLake(() =>
      client.fetch(latestPostsQuery, cursorPageParams(cursor, settings.pageSize), {
        tag: 'web.latest',
      }),
    )
    const page = toCursorPage(rows, settings.pageSize)
    c.header('cache-control', PAGE_CACHE)
    return c.render(
      <HomePage
        posts={page.items}
        nextCursor={page.nextCursor}
        isFirstPage={cursor === null}
        site={site}
      />,
      {
        title: cursor === null ? 'Latest news' : 'Older news',
        description: `The latest news from ${settings.siteName}.`,
        canonicalUrl: absolute(c, cursor === null ? '/' : c.req.path + new URL(c.req.url).search),
      },
    )
  })

  app.get('/posts/:slug', async (c) => {
    const slug = c.req.param('slug')
    if (slug.length > MAX_SLUG_LENGTH) return notFound(c)
    const post = await readLake(() => client.fetch(postPageQuery, {slug}, {tag: 'web.post'}))
    if (!post) return notFound(c)
    c.header('cache-control', PAGE_CACHE)
    const hero = post.heroImage ? site.images(post.heroImage, HERO_LAYOUT) : null
    return c.render(<PostPage post={post} site={site} />, {
      title: post.title,
      description: post.excerpt ?? undefined,
      canonicalUrl: absolute(c, `/posts/${encodeURIComponent(post.slug)}`),
      imageUrl: hero?.src,
    })
  })

  app.get('/tags/:slug', async (c) => {
    const slug = c.req.param('slug')
    if (slug.length > MAX_SLUG_LENGTH) return notFound(c)
    const cursor = cursorOf(c)
    if (cursor === undefined) return badCursor(c)
    const tag = await readLake(() =>
      client.fetch(
        postsByTagQuery,
        {slug, ...cursorPageParams(cursor, settings.pageSize)},
        {tag: 'web.tag'},
      ),
    )
    if (!tag) return notFound(c)
    const page = toCursorPage(tag.posts, settings.pageSize)
    c.header('cache-control', PAGE_CACHE)
    return c.render(
      <TagPage tag={tag} posts={page.items} nextCursor={page.nextCursor} site={site} />,
      {
        title: tag.title,
        description: tag.description ?? `Posts tagged ${tag.title}.`,
        canonicalUrl: absolute(c, `/tags/${encodeURIComponent(tag.slug)}`),
      },
    )
  })

  app.get('/sitemap.xml', async (c) => {
    const entries = await readLake(() => client.fetch(sitemapQuery, {}, {tag: 'web.sitemap'}))
    return c.body(renderSitemap(entries, absolute(c, '/')), 200, {
      'content-type': 'application/xml; charset=utf-8',
      'cache-control': SITEMAP_CACHE,
    })
  })

  // Reactions: `POST /api/reactions`, the reactions handler holding its write token on the
  // server, mounts here.

  app.notFound(notFound)

  app.onError((error, c) => {
    settings.logError(error)
    if (error instanceof LakeUnavailableError) {
      c.header('retry-after', String(RETRY_AFTER_SECONDS))
      return renderStatus(
        c,
        503,
        {title: 'Temporarily unavailable'},
        'The news cannot be loaded right now. Please try again in a minute.',
      )
    }
    return renderStatus(
      c,
      500,
      {title: 'Something went wrong'},
      'This page could not be shown. Please try again later.',
    )
  })

  return app
}
