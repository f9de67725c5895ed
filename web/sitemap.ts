import type {SitemapQueryResult} from 'sanity-plugin-newsroom/queries'
import {escapeMarkup} from './escape.ts'
import {postPath, tagPath} from './paths.ts'

const PATH_OF: Record<SitemapQueryResult[number]['_type'], (slug: string) => string | undefined> = {
  post: postPath,
  tag: tagPath,
}

/**
 * The sitemaps.org XML for the home page and every entry, with URLs on `siteUrl` (absolute, as
 * crawlers want them, when the site has one; `/` gives relative ones). An entry whose slug cannot
 * be part of a URL is left out.
 */
export function renderSitemap(entries: SitemapQueryResult, siteUrl: string): string {
  const base = siteUrl.replace(/\/+$/, '')
  const urls = [
    `<url><loc>${escapeMarkup(`${base}/`)}</loc></url>`,
    ...entries.flatMap((entry) => {
      const path = PATH_OF[entry._type](entry.slug)
      if (path === undefined) return []
      const loc = `${base}${path}`
      return [
        `<url><loc>${escapeMarkup(loc)}</loc><lastmod>${escapeMarkup(entry.lastModified)}</lastmod></url>`,
      ]
    }),
  ]
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...urls,
    '</urlset>',
    '',
  ].join('\n')
}
