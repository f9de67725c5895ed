import type {SitemapQueryResult} from 'sanity-plugin-newsroom/queries'
import {escapeMarkup} from './escape.ts'

const PATH_PREFIX: Record<SitemapQueryResult[number]['_type'], string> = {
  post: '/posts/',
  tag: '/tags/',
}

/** The sitemaps.org XML for the home page and every entry, with absolute URLs on `siteUrl`. */
export function renderSitemap(entries: SitemapQueryResult, siteUrl: string): string {
  const base = siteUrl.replace(/\/+$/, '')
  const urls = [
    `<url><loc>${escapeMarkup(`${base}/`)}</loc></url>`,
    ...entries.map((entry) => {
      const loc = `${base}${PATH_PREFIX[entry._type]}${encodeURIComponent(entry.slug)}`
      return `<url><loc>${escapeMarkup(loc)}</loc><lastmod>${escapeMarkup(entry.lastModified)}</lastmod></url>`
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
