/** @jsxImportSource hono/jsx */
// Loads the module whose `ContextRenderer` the declaration below extends.
import type {} from 'hono'
import {raw} from 'hono/html'
import {jsxRenderer, useRequestContext} from 'hono/jsx-renderer'

import {
  renderHeadTags,
  serializeJsonLd,
  type HeadTag,
  type JsonLdGraph,
} from 'sanity-plugin-newsroom/seo'

/** What each page tells the document around it. */
export interface PageHead {
  /** The page's own title; the site name is appended. */
  title: string
  /**
   * Canonical URL, description, Open Graph, feeds: `sanity-plugin-newsroom/seo`'s
   * `buildPageHeadTags` or `buildPostHeadTags`. None for an error page.
   */
  tags?: readonly HeadTag[]
  /** Structured data for a `<script type="application/ld+json">`. */
  jsonLd?: JsonLdGraph
  /** URL of a module script the page enhances itself with (it works without it). */
  scriptUrl?: string
}

declare module 'hono' {
  interface ContextRenderer {
    (content: string | Promise<string>, head: PageHead): Response | Promise<Response>
  }
  interface ContextVariableMap {
    /** Set on a preview request (a valid preview cookie): what its pages add. */
    preview: PreviewChrome | undefined
  }
}

/** What a preview page adds to the document: the banner, noindex and the overlays' script. */
export interface PreviewChrome {
  /** Leaves preview mode and comes back to this page. */
  exitUrl: string
  /** The click-to-edit overlays and live updates (`preview-script.ts`). */
  scriptUrl: string
}

/** What is the same on every page. */
export interface SiteChrome {
  siteName: string
  lang: string
  /** URL of the site's one stylesheet (content-hashed, cached for a year). */
  stylesheetUrl: string
  /** The site-wide feeds' `<link rel="alternate">`, on every page. */
  feedLinks: readonly HeadTag[]
  /** Path of the site-wide RSS feed, linked in the footer. */
  feedPath: string
}

/**
 * The document every page renders into: one `lang`, the head, a header with the site's name and
 * a skip link, the page in `<main>`, a footer. Every page works without JavaScript; a page may
 * add one deferred module script that enhances it.
 */
export function documentRenderer(site: SiteChrome) {
  return jsxRenderer(({children, title, tags, jsonLd, scriptUrl}) => {
    const preview = useRequestContext().get('preview')
    const pageFeeds = new Set(
      (tags ?? []).flatMap((tag) =>
        tag.tag === 'link' && tag.rel === 'alternate' ? [tag.href] : [],
      ),
    )
    const siteFeeds = site.feedLinks.filter((tag) => tag.tag !== 'link' || !pageFeeds.has(tag.href))
    return (
      <html lang={site.lang}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          {preview ? <meta name="robots" content="noindex, nofollow" /> : null}
          <title>{`${title} · ${site.siteName}`}</title>
          {raw(renderHeadTags([...(tags ?? []), ...siteFeeds]))}
          <link rel="stylesheet" href={site.stylesheetUrl} />
          {jsonLd ? (
            <script type="application/ld+json">{raw(serializeJsonLd(jsonLd))}</script>
          ) : null}
          {scriptUrl ? <script type="module" src={scriptUrl}></script> : null}
          {preview ? <script type="module" src={preview.scriptUrl}></script> : null}
        </head>
        <body>
          {preview ? (
            <div class="preview-banner" role="status" data-preview-banner>
              <strong>Preview</strong> · drafts as they will look once published ·{' '}
              {/* The public page refuses to be framed: leaving preview leaves the Studio's frame. */}
              <a href={preview.exitUrl} target="_top">
                Exit preview
              </a>
            </div>
          ) : null}
          <a class="skip-link" href="#content">
            Skip to content
          </a>
          <header class="site-header">
            <div class="site-header-inner">
              <a class="wordmark" href="/">
                {site.siteName}
              </a>
              <nav aria-label="Site">
                <a href="/">Latest</a>
              </nav>
            </div>
          </header>
          <main id="content">{children}</main>
          <footer class="site-footer">
            <p>
              {site.siteName} · <a href="/sitemap.xml">Sitemap</a> · <a href={site.feedPath}>RSS</a>
            </p>
          </footer>
        </body>
      </html>
    )
  })
}
