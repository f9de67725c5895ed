/** @jsxImportSource hono/jsx */
/**
 * The reader site: server-rendered pages over the CDN API, published content only, working
 * without JavaScript.
 *
 *   /                       the latest posts, a page at a time (`?cursor=`)
 *   /posts/<slug>           a post (with its JSON-LD and social card tags)
 *   /tags/<slug>            a tag and its posts, a page at a time
 *   /authors/<slug>         an author and their posts, a page at a time
 *   /feed.{xml,atom,json}   the newest 50 posts as RSS 2.0, Atom 1.0 and JSON Feed; the
 *                           same under /tags/<slug>/ and /authors/<slug>/
 *   /robots.txt             names /sitemap-index.xml: /sitemap.xml (every post, tag and author)
 *                           and /news-sitemap.xml (Google News: the posts of the last two days)
 *   /images/…               with `proxyImages`: the lake's images through the site's own origin
 *   /api/reactions          the reaction API (JSON), and the reaction buttons' form posts
 *   /api/reactions/live     a post's tally as server-sent events, live (the Live Content API)
 *
 * Every absolute URL starts with the `siteUrl` option, never with a request's Host header.
 *
 * A missing slug is a 404 page; a lake that does not answer is a 503 page with `Retry-After`.
 */
import {getConnInfo} from '@hono/node-server/conninfo'
import type {SanityClient} from '@sanity/client'
import {validatePreviewUrl} from '@sanity/preview-url-secret'
import {Hono, type Context} from 'hono'
import {bodyLimit} from 'hono/body-limit'
import {etag} from 'hono/etag'
import {secureHeaders} from 'hono/secure-headers'
import type {ContentfulStatusCode} from 'hono/utils/http-status'

import {
  createReactionHandler,
  ReactionError,
  type ReactionHandler,
} from 'sanity-plugin-newsroom/reactions'
import {
  absoluteUrl,
  buildPageHeadTags,
  buildPostHeadTags,
  buildPostJsonLd,
  type HeadTag,
  type SeoOptions,
} from 'sanity-plugin-newsroom/seo'
import {
  authorFeedQuery,
  authorPageQuery,
  cursorPageParams,
  decodeCursor,
  feedQuery,
  latestPostsQuery,
  newsSitemapQuery,
  postPageQuery,
  publishedNeighboursQuery,
  postsByTagQuery,
  sitemapQuery,
  tagFeedQuery,
  toCursorPage,
  type PostCursor,
} from 'sanity-plugin-newsroom/queries'
import {loadPreviewScript, loadSiteAssets, type SiteAsset} from './assets.ts'
import {
  FEED_FORMATS,
  feedAlternates,
  renderFeed,
  type FeedFormat,
  type FeedItemData,
  type FeedSite,
  type FeedSubject,
} from './feeds.ts'
import {memoizeByJson} from './memo.ts'
import {createImageProxy, IMAGE_PATH, toSameOriginImageUrl} from './image-proxy.ts'
import {createImageSourceBuilder, createSeoImageUrl, type ImageFields} from './images.ts'
import {documentRenderer, type PageHead, type PreviewChrome} from './layout.tsx'
import {AuthorPage, HomePage, TagPage} from './listing-pages.tsx'
import {resolveWebAppOptions, type WebAppOptions} from './options.ts'
import {authorPath, tagPath} from './paths.ts'
import {PostPage, type PostPageData} from './post-page.tsx'
import {
  clearPreviewCookie,
  draftsClientFrom,
  isPreviewSession,
  PREVIEW_CACHE,
  PREVIEW_COOKIE,
  PREVIEW_ENABLE_PATH,
  PREVIEW_EXIT_PATH,
  PREVIEW_ROBOTS,
  previewContentSecurityPolicy,
  previewCookie,
  readCookie,
  safeRedirectPath,
  signPreviewSession,
} from './preview.ts'
import {createPreviewLiveRoute, PREVIEW_LIVE_PATH} from './preview-live.ts'
import {
  createEditAttributes,
  previewReadTimeQuery,
  previewReadTimeSeconds,
  publishedNeighboursParams,
} from './preview-page.ts'
import {createLiveTallyRoute, readLiveTally} from './live-tally.ts'
import {
  isFormPost,
  MAX_FORM_BYTES,
  MAX_SLUG_LENGTH,
  submitFormVote,
  VOTE_REFUSED,
} from './reaction-form.ts'
import {tallyFromCounts} from './reactions.tsx'
import {LakeUnavailableError, readerClientFrom, readLake} from './reader.ts'
import {createDateFormatter, type SiteContext} from './site-context.ts'
import {
  NEWS_WINDOW_MS,
  newsLanguage,
  renderNewsSitemap,
  renderRobots,
  renderSitemap,
  renderSitemapIndex,
  SITEMAP_PATHS,
} from './sitemap.ts'
import {StatusPage, type StatusLink} from './status-pages.tsx'

export type {WebAppOptions, WebPreviewOptions, WebReactionsOptions, WebSiteLogo} from './options.ts'

/**
 * Pages: fresh for a minute in any cache, then served stale for up to ten while revalidating.
 * The ETag lets a browser revalidate with a 304.
 */
const PAGE_CACHE = 'public, max-age=60, stale-while-revalidate=600'
/**
 * A post page for a reader with a cookie (one who has reacted): their own reaction and the live
 * tally, so kept by their browser only and revalidated on every visit (a 304 while unchanged).
 */
const READER_PAGE_CACHE = 'private, no-cache'
const NOT_FOUND_CACHE = 'public, max-age=60'
const SITEMAP_CACHE = 'public, max-age=300'
/** Feeds: readers poll them; five minutes keeps a burst of polls off the lake. */
const FEED_CACHE = 'public, max-age=300, stale-while-revalidate=600'
/** Rendered feeds held (site, tags and authors, three formats each); each is tens of kB. */
const FEED_MEMO_ENTRIES = 64
/** Asset URLs carry their content hash, so what is behind one never changes. */
const ASSET_CACHE = 'public, max-age=31536000, immutable'
/** Seconds a reader (or crawler) is asked to wait when the lake is down. */
const RETRY_AFTER_SECONDS = 30

/** The address of the socket a request came in on, when served by @hono/node-server. */
function socketAddress(c: Context): string | undefined {
  const env = c.env as {incoming?: unknown; server?: {incoming?: unknown}} | undefined
  return env?.incoming || env?.server?.incoming ? getConnInfo(c).remote.address : undefined
}

/** A post's tally as server-sent events (`live-tally.ts`). */
const LIVE_TALLY_PATH = '/api/reactions/live'

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
    images: createImageSourceBuilder(client, {sameOrigin: settings.proxyImages}),
    formatDate: createDateFormatter(settings.lang, settings.timeZone),
  }
  const {stylesheet, reactionsScript} = loadSiteAssets()
  const previewSettings = settings.preview
  /** Preview pages read drafts over published, with the read token, on the server only. */
  const previewClient = previewSettings ? draftsClientFrom(previewSettings.client) : undefined
  /** The client a page reads with: drafts on a preview request, else published through the CDN. */
  const clientOf = (c: Context): SanityClient =>
    c.get('preview') && previewClient ? previewClient : client
  /** What a page's components get: on a preview request, with the click-to-edit attributes. */
  const siteOf = (c: Context): SiteContext =>
    c.get('preview') && previewSettings
      ? {
          ...site,
          edit: (doc, path) =>
            createEditAttributes(previewSettings.studioOrigins[0] ?? siteOrigin, doc)(path),
        }
      : site
  const siteOrigin = settings.siteUrl
  /** An absolute URL on the configured origin (never the request's Host). */
  const absolute = (path: string) => absoluteUrl({url: siteOrigin}, path)
  const lakeSeoImageUrl = createSeoImageUrl(client)
  /** Social card and feed images: absolute, on the site's origin too when it proxies images. */
  const seoImageUrl = (...args: Parameters<typeof lakeSeoImageUrl>) => {
    const url = lakeSeoImageUrl(...args)
    return url && settings.proxyImages ? absolute(toSameOriginImageUrl(url)) : url
  }
  const seo: SeoOptions<ImageFields> = {
    site: {
      name: settings.siteName,
      url: siteOrigin,
      lang: settings.lang,
      ...(settings.siteLogo ? {logo: settings.siteLogo} : {}),
    },
    imageUrl: seoImageUrl,
  }
  const feedSite: FeedSite = {
    name: settings.siteName,
    url: siteOrigin,
    lang: settings.lang,
    logoUrl: settings.siteLogo?.url,
    // The feed readers' card: the hero at the social card's size.
    imageUrl: (image) => seoImageUrl(image, {width: 1200, height: 630}),
  }
  const siteFeed: FeedSubject = {
    title: settings.siteName,
    description: `The latest news from ${settings.siteName}.`,
    pagePath: '/',
    feedPath: '/feed',
  }
  const tagFeed = (tag: {title: string | null; slug: string; description?: string | null}) => ({
    title: `${tag.title ?? tag.slug} · ${settings.siteName}`,
    description:
      tag.description ?? `Posts tagged ${tag.title ?? tag.slug} on ${settings.siteName}.`,
    // The slug came from the request's path, so it has a path.
    pagePath: tagPath(tag.slug) ?? '/',
    feedPath: `${tagPath(tag.slug) ?? ''}/feed`,
  })
  const authorFeed = (author: {name: string | null; slug: string; bio?: string | null}) => ({
    title: `${author.name ?? author.slug} · ${settings.siteName}`,
    description: author.bio ?? `Posts by ${author.name ?? author.slug} on ${settings.siteName}.`,
    // The slug came from the request's path, so it has a path.
    pagePath: authorPath(author.slug) ?? '/',
    feedPath: `${authorPath(author.slug) ?? ''}/feed`,
  })
  /** The head of a listing or other page: `buildPageHeadTags` with the site's name. */
  const pageTags = (page: Parameters<typeof buildPageHeadTags>[0]): HeadTag[] =>
    buildPageHeadTags(page, seo.site)

  const reactionKinds = settings.reactionKinds
  const reactions: ReactionHandler | undefined = settings.reactions
    ? createReactionHandler({
        onError: (error, request) =>
          settings.logError(error, {
            method: request.method,
            path: new URL(request.url).pathname,
            status: error instanceof ReactionError ? error.status : 500,
          }),
        ...settings.reactions,
        kinds: reactionKinds,
        // Behind a proxy the request's own URL may not be the origin readers see.
        origins: [...(settings.reactions.origins ?? []), siteOrigin],
      })
    : undefined
  // GROQ cannot join across datasets: with tallies kept apart, the page query has none to show.
  const talliesInPostDataset =
    settings.reactions?.dataset === undefined ||
    settings.reactions.dataset === client.config().dataset
  /** The socket's address for the per-IP limit, unless the site said how to find readers' IPs. */
  const clientIpOf = (c: Context) => (settings.reactions?.clientIp ? undefined : socketAddress(c))

  /**
   * What the post page shows of the reactions. A reader without cookies (never reacted, or a
   * crawler) gets the tally of the page query, cacheable by anyone; a reader with a cookie gets
   * the live tally and their own reaction, so a vote shows on the next page load.
   */
  const postReactions = async (c: Context, post: PostPageData) => {
    const known = reactions !== undefined && c.req.header('cookie') !== undefined
    const live =
      reactions && (known || !talliesInPostDataset)
        ? await readLiveTally(reactions, c.req.raw, post._id, clientIpOf(c))
        : undefined
    if (reactions) {
      c.header('vary', 'Cookie')
      c.header('cache-control', known ? READER_PAGE_CACHE : PAGE_CACHE)
    } else {
      c.header('cache-control', PAGE_CACHE)
    }
    return {
      kinds: reactionKinds,
      tally: live ?? tallyFromCounts(post.reactions, reactionKinds),
      enabled: reactions !== undefined,
    }
  }

  /**
   * A preview page's read time follows the draft's body (`previewReadTimeSeconds`); its previous
   * and next are the published posts readers will see once it is published.
   */
  const asPreview = async (post: PostPageData): Promise<PostPageData> => {
    const [source, neighbours] = await Promise.all([
      readLake(() =>
        (previewClient as SanityClient).fetch(
          previewReadTimeQuery,
          {id: post._id},
          {tag: 'web.preview-read-time'},
        ),
      ),
      readLake(() =>
        client.fetch(publishedNeighboursQuery, publishedNeighboursParams(post), {
          tag: 'web.preview-neighbours',
        }),
      ),
    ])
    return {
      ...post,
      readTimeSeconds: previewReadTimeSeconds(source),
      previous: neighbours.previous,
      next: neighbours.next,
    }
  }

  /** The preview cookie is `Secure` (and `SameSite=None`, for a Studio on another site) on https. */
  const secureCookie = siteOrigin.startsWith('https:')

  /**
   * Marks a request with a valid preview cookie as a preview (its pages read drafts and carry
   * the banner), and gives its responses the preview headers: never cached or indexed, framable
   * by the Studio's origins only. Every page varies with the cookie, so no browser cache hands
   * a public page to a preview or the other way round.
   */
  const previewMode = async (c: Context, next: () => Promise<void>) => {
    const {secret, studioOrigins} = previewSettings!
    const path = c.req.path
    const pageRequest = !path.startsWith('/assets/') && !path.startsWith(IMAGE_PATH.split(':')[0]!)
    if (
      pageRequest &&
      isPreviewSession(secret, readCookie(c.req.header('cookie'), PREVIEW_COOKIE))
    ) {
      const here = c.req.path + new URL(c.req.url).search
      const chrome: PreviewChrome = {
        exitUrl: `${PREVIEW_EXIT_PATH}?${new URLSearchParams({redirect: here})}`,
        scriptUrl: loadPreviewScript().url,
      }
      c.set('preview', chrome)
    }
    await next()
    if (!pageRequest) return
    const vary = c.res.headers.get('vary')
    if (!vary?.split(',').some((name) => name.trim().toLowerCase() === 'cookie')) {
      c.res.headers.set('vary', vary ? `${vary}, Cookie` : 'Cookie')
    }
    if (!c.get('preview')) return
    c.res.headers.set('cache-control', PREVIEW_CACHE)
    c.res.headers.set('x-robots-tag', PREVIEW_ROBOTS)
    c.res.headers.delete('x-frame-options')
    c.res.headers.delete('etag')
    const policy = c.res.headers.get('content-security-policy')
    if (policy) {
      c.res.headers.set(
        'content-security-policy',
        previewContentSecurityPolicy(policy, studioOrigins),
      )
    }
  }

  const renderStatus = (
    c: Context,
    status: ContentfulStatusCode,
    head: PageHead,
    message: string,
    link?: StatusLink,
  ) => {
    c.status(status)
    c.header('cache-control', status === 404 ? NOT_FOUND_CACHE : 'no-store')
    return c.render(<StatusPage heading={head.title} message={message} link={link} />, head)
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
  if (previewSettings) app.use(previewMode)
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
      // Not `no-referrer` (the default): under it a browser sends `Origin: null` with a form
      // post, and the reaction handler refuses votes from an unknown origin. `same-origin` still
      // sends nothing to other sites.
      referrerPolicy: 'same-origin',
    }),
  )
  const pageEtag = etag()
  // Not on the live tally: an ETag needs the whole body, and an event stream never ends.
  app.use((c, next) =>
    c.req.path === LIVE_TALLY_PATH || c.req.path === PREVIEW_LIVE_PATH ? next() : pageEtag(c, next),
  )
  app.use(
    documentRenderer({
      siteName: settings.siteName,
      lang: settings.lang,
      stylesheetUrl: stylesheet.url,
      feedLinks: buildPageHeadTags(
        {
          title: settings.siteName,
          url: absolute('/'),
          alternates: feedAlternates(feedSite, siteFeed),
        },
        seo.site,
      ).filter((tag) => tag.tag === 'link' && tag.rel === 'alternate'),
      feedPath: `${siteFeed.feedPath}.xml`,
    }),
  )

  for (const asset of [stylesheet, reactionsScript] satisfies SiteAsset[]) {
    app.get(asset.url, (c) =>
      c.body(asset.body, 200, {'content-type': asset.contentType, 'cache-control': ASSET_CACHE}),
    )
  }

  app.get('/', async (c) => {
    const cursor = cursorOf(c)
    if (cursor === undefined) return badCursor(c)
    const rows = await readLake(() =>
      clientOf(c).fetch(latestPostsQuery, cursorPageParams(cursor, settings.pageSize), {
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
        site={siteOf(c)}
      />,
      {
        title: cursor === null ? 'Latest news' : 'Older news',
        tags: pageTags({
          title: cursor === null ? settings.siteName : `Older news · ${settings.siteName}`,
          description: siteFeed.description,
          url: absolute(cursor === null ? '/' : c.req.path + new URL(c.req.url).search),
          image: seo.site.logo ? {...seo.site.logo, alt: settings.siteName} : undefined,
        }),
      },
    )
  })

  app.get('/posts/:slug', async (c) => {
    const slug = c.req.param('slug')
    if (slug.length > MAX_SLUG_LENGTH) return notFound(c)
    const found = await readLake(() => clientOf(c).fetch(postPageQuery, {slug}, {tag: 'web.post'}))
    if (!found) return notFound(c)
    const post = c.get('preview') ? await asPreview(found) : found
    return c.render(
      <PostPage post={post} site={siteOf(c)} reactions={await postReactions(c, post)} />,
      {
        title: post.title ?? 'Untitled post',
        tags: buildPostHeadTags(post, seo),
        jsonLd: buildPostJsonLd(post, seo),
        scriptUrl: reactions ? reactionsScript.url : undefined,
      },
    )
  })

  app.get('/tags/:slug', async (c) => {
    const slug = c.req.param('slug')
    if (slug.length > MAX_SLUG_LENGTH) return notFound(c)
    const cursor = cursorOf(c)
    if (cursor === undefined) return badCursor(c)
    const tag = await readLake(() =>
      clientOf(c).fetch(
        postsByTagQuery,
        {slug, ...cursorPageParams(cursor, settings.pageSize)},
        {tag: 'web.tag'},
      ),
    )
    if (!tag) return notFound(c)
    const page = toCursorPage(tag.posts, settings.pageSize)
    c.header('cache-control', PAGE_CACHE)
    return c.render(
      <TagPage tag={tag} posts={page.items} nextCursor={page.nextCursor} site={siteOf(c)} />,
      {
        title: tag.title,
        tags: pageTags({
          title: tag.title,
          description: tag.description ?? `Posts tagged ${tag.title}.`,
          url: absolute(tagPath(tag.slug) ?? c.req.path),
          alternates: feedAlternates(feedSite, tagFeed(tag)),
        }),
      },
    )
  })

  app.get('/authors/:slug', async (c) => {
    const slug = c.req.param('slug')
    if (slug.length > MAX_SLUG_LENGTH) return notFound(c)
    const cursor = cursorOf(c)
    if (cursor === undefined) return badCursor(c)
    const author = await readLake(() =>
      clientOf(c).fetch(
        authorPageQuery,
        {slug, ...cursorPageParams(cursor, settings.pageSize)},
        {tag: 'web.author'},
      ),
    )
    if (!author) return notFound(c)
    const page = toCursorPage(author.posts, settings.pageSize)
    const name = author.name ?? author.slug
    const photo = author.photo?.asset ? seoImageUrl(author.photo, {width: 600, height: 600}) : null
    c.header('cache-control', PAGE_CACHE)
    return c.render(
      <AuthorPage
        author={author}
        posts={page.items}
        nextCursor={page.nextCursor}
        site={siteOf(c)}
      />,
      {
        title: name,
        tags: pageTags({
          title: name,
          description: author.bio ?? `Posts by ${name} on ${settings.siteName}.`,
          url: absolute(authorPath(author.slug) ?? c.req.path),
          type: 'profile',
          image: photo
            ? {url: photo, width: 600, height: 600, alt: author.photo?.alt ?? name}
            : undefined,
          alternates: feedAlternates(feedSite, authorFeed(author)),
        }),
      },
    )
  })

  // Feed readers poll: the same newest 50 render to the same text until an edit changes them.
  const renderFeedOnce = memoizeByJson(renderFeed, {max: FEED_MEMO_ENTRIES})
  /** A feed response in the format the path's extension names. */
  const feedResponse = (
    c: Context,
    format: FeedFormat,
    subject: FeedSubject,
    items: readonly FeedItemData[],
  ) =>
    c.body(renderFeedOnce(format, subject, items, feedSite), 200, {
      'content-type': FEED_FORMATS[format].contentType,
      'cache-control': FEED_CACHE,
    })

  for (const format of Object.keys(FEED_FORMATS) as FeedFormat[]) {
    app.get(`/feed.${format}`, async (c) => {
      const items = await readLake(() => client.fetch(feedQuery, {}, {tag: 'web.feed'}))
      return feedResponse(c, format, siteFeed, items)
    })
    app.get(`/tags/:slug/feed.${format}`, async (c) => {
      const slug = c.req.param('slug')
      if (slug.length > MAX_SLUG_LENGTH) return notFound(c)
      const tag = await readLake(() => client.fetch(tagFeedQuery, {slug}, {tag: 'web.tag-feed'}))
      return tag ? feedResponse(c, format, tagFeed(tag), tag.posts) : notFound(c)
    })
    app.get(`/authors/:slug/feed.${format}`, async (c) => {
      const slug = c.req.param('slug')
      if (slug.length > MAX_SLUG_LENGTH) return notFound(c)
      const author = await readLake(() =>
        client.fetch(authorFeedQuery, {slug}, {tag: 'web.author-feed'}),
      )
      return author ? feedResponse(c, format, authorFeed(author), author.posts) : notFound(c)
    })
  }

  const xml = (c: Context, body: string) =>
    c.body(body, 200, {
      'content-type': 'application/xml; charset=utf-8',
      'cache-control': SITEMAP_CACHE,
    })

  app.get(SITEMAP_PATHS.robots, (c) =>
    c.body(renderRobots(siteOrigin), 200, {
      'content-type': 'text/plain; charset=utf-8',
      'cache-control': SITEMAP_CACHE,
    }),
  )
  app.get(SITEMAP_PATHS.index, (c) => xml(c, renderSitemapIndex(siteOrigin)))
  app.get(SITEMAP_PATHS.pages, async (c) => {
    const entries = await readLake(() => client.fetch(sitemapQuery, {}, {tag: 'web.sitemap'}))
    return xml(c, renderSitemap(entries, siteOrigin))
  })
  app.get(SITEMAP_PATHS.news, async (c) => {
    const now = new Date()
    const posts = await readLake(() =>
      client.fetch(
        newsSitemapQuery,
        {since: new Date(now.getTime() - NEWS_WINDOW_MS).toISOString(), now: now.toISOString()},
        {tag: 'web.news-sitemap'},
      ),
    )
    return xml(
      c,
      renderNewsSitemap(posts, siteOrigin, {
        name: settings.siteName,
        language: newsLanguage(settings.lang),
      }),
    )
  })

  if (previewSettings) {
    const previewScript = loadPreviewScript()
    app.get(previewScript.url, (c) =>
      c.body(previewScript.body, 200, {
        'content-type': previewScript.contentType,
        'cache-control': ASSET_CACHE,
      }),
    )
    // The Presentation tool's way in: its preview URL secret, checked against the lake with
    // the read token. Only then the signed cookie, and on to the page.
    app.get(PREVIEW_ENABLE_PATH, async (c) => {
      const result = await readLake(() => validatePreviewUrl(previewSettings.client, c.req.url))
      if (!result.isValid) {
        const refused = await renderStatus(
          c,
          401,
          {title: 'Preview refused'},
          'This preview link is not valid, or has expired. Open the preview from the Studio again.',
          {href: '/', text: 'Go to the latest news'},
        )
        refused.headers.set('cache-control', 'no-store')
        return refused
      }
      const {secret, maxAgeSeconds} = previewSettings
      const expiresAt = new Date(Date.now() + maxAgeSeconds * 1000)
      c.header(
        'set-cookie',
        previewCookie(signPreviewSession(secret, expiresAt), maxAgeSeconds, secureCookie),
      )
      c.header('cache-control', 'no-store')
      return c.redirect(safeRedirectPath(result.redirectTo), 307)
    })
    app.get(PREVIEW_LIVE_PATH, createPreviewLiveRoute(previewSettings.client))
    app.get(PREVIEW_EXIT_PATH, (c) => {
      c.header('set-cookie', clearPreviewCookie(secureCookie))
      c.header('cache-control', 'no-store')
      return c.redirect(safeRedirectPath(c.req.query('redirect')), 303)
    })
  }

  if (settings.proxyImages) {
    const proxyImage = createImageProxy(client)
    app.get(IMAGE_PATH, (c) => proxyImage(c.req.raw))
  }

  if (reactions) {
    const formLimit = bodyLimit({
      maxSize: MAX_FORM_BYTES,
      onError: (c) => renderStatus(c, 413, {title: VOTE_REFUSED.title}, VOTE_REFUSED.message),
    })
    app.post(
      '/api/reactions',
      (c, next) => (isFormPost(c.req.raw) ? formLimit(c, next) : next()),
      async (c) => {
        if (!isFormPost(c.req.raw)) return reactions(c.req.raw, {clientIp: clientIpOf(c)})
        const outcome = await submitFormVote(c.req.raw, reactions, clientIpOf(c))
        if (outcome.setCookie) c.header('set-cookie', outcome.setCookie)
        if (outcome.recorded) {
          c.header('cache-control', 'no-store')
          return c.redirect(outcome.location, 303)
        }
        if (outcome.retryAfter) c.header('retry-after', outcome.retryAfter)
        const refused = await renderStatus(
          c,
          outcome.status as ContentfulStatusCode,
          {title: outcome.title},
          outcome.message,
          outcome.postPath ? {href: outcome.postPath, text: 'Back to the post'} : undefined,
        )
        // One reader's refused vote (a 404 included) is never a page for a shared cache.
        refused.headers.set('cache-control', 'no-store')
        return refused
      },
    )
    // The open page's tally, live: Live Content API events relayed as `tally` events.
    const tallyClient = settings.reactions?.client as SanityClient
    app.get(
      LIVE_TALLY_PATH,
      createLiveTallyRoute({
        client: settings.reactions?.dataset
          ? tallyClient.withConfig({dataset: settings.reactions.dataset})
          : tallyClient,
        readTally: (c, postId) => readLiveTally(reactions, c.req.raw, postId, clientIpOf(c)),
      }),
    )
    // The reaction API as the handler answers it (JSON, CORS preflights, 405 for other
    // methods), for the page's script and any other client. The handler holds the write token;
    // nothing of it reaches a browser.
    app.all('/api/reactions', (c) => reactions(c.req.raw, {clientIp: clientIpOf(c)}))
  }

  app.notFound(notFound)

  app.onError((error, c) => {
    const status = error instanceof LakeUnavailableError ? 503 : 500
    settings.logError(error, {method: c.req.method, path: c.req.path, status})
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
