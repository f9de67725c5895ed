import {describe, expect, it} from 'vitest'

import {renderSitemap} from './sitemap.ts'

describe('renderSitemap', () => {
  it('writes the home page and each entry under its path, escaping the URL', () => {
    expect(
      renderSitemap(
        [
          {_type: 'post', slug: 'q&a <live>', lastModified: '2026-11-25T10:30:00Z'},
          {_type: 'tag', slug: 'économie', lastModified: '2026-11-20T08:00:00Z'},
        ],
        'https://news.example.com/',
      ),
    ).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
        '<url><loc>https://news.example.com/</loc></url>',
        '<url><loc>https://news.example.com/posts/q%26a%20%3Clive%3E</loc><lastmod>2026-11-25T10:30:00Z</lastmod></url>',
        '<url><loc>https://news.example.com/tags/%C3%A9conomie</loc><lastmod>2026-11-20T08:00:00Z</lastmod></url>',
        '</urlset>',
        '',
      ].join('\n'),
    )
  })
})
