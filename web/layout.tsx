/** @jsxImportSource hono/jsx */
// Loads the module whose `ContextRenderer` the declaration below extends.
import type {} from 'hono'
import {jsxRenderer} from 'hono/jsx-renderer'

/** What each page tells the document around it. */
export interface PageHead {
  /** The page's own title; the site name is appended. */
  title: string
  /** The meta description (and the social card's text). */
  description?: string
  /** Absolute URL of this page, for `<link rel="canonical">`. */
  canonicalUrl?: string
  /** Absolute URL of the social card image. */
  imageUrl?: string
  /** URL of a module script the page enhances itself with (it works without it). */
  scriptUrl?: string
}

declare module 'hono' {
  interface ContextRenderer {
    (content: string | Promise<string>, head: PageHead): Response | Promise<Response>
  }
}

/** What is the same on every page. */
export interface SiteChrome {
  siteName: string
  lang: string
  /** URL of the site's one stylesheet (content-hashed, cached for a year). */
  stylesheetUrl: string
}

/**
 * The document every page renders into: one `lang`, the head, a header with the site's name and
 * a skip link, the page in `<main>`, a footer. Every page works without JavaScript; a page may
 * add one deferred module script that enhances it.
 */
export function documentRenderer(site: SiteChrome) {
  return jsxRenderer(({children, title, description, canonicalUrl, imageUrl, scriptUrl}) => (
    <html lang={site.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · ${site.siteName}`}</title>
        {description ? <meta name="description" content={description} /> : null}
        {canonicalUrl ? <link rel="canonical" href={canonicalUrl} /> : null}
        <meta property="og:site_name" content={site.siteName} />
        <meta property="og:title" content={title} />
        {description ? <meta property="og:description" content={description} /> : null}
        {imageUrl ? <meta property="og:image" content={imageUrl} /> : null}
        <link rel="stylesheet" href={site.stylesheetUrl} />
        {scriptUrl ? <script type="module" src={scriptUrl}></script> : null}
      </head>
      <body>
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
            {site.siteName} · <a href="/sitemap.xml">Sitemap</a>
          </p>
        </footer>
      </body>
    </html>
  ))
}
