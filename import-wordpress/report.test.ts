import {describe, expect, it} from 'vitest'

import {
  emptySummary,
  formatReport,
  formatSummary,
  formatWarning,
  warningsByPost,
  type ImportWarning,
} from './report.ts'

const warnings: ImportWarning[] = [
  {
    kind: 'missing-alt',
    post: {wordpressId: 12, documentId: 'wp-post-12', title: 'Trump, Powell, Oil'},
    message:
      'featured image https://s.test/oil.png has no alt text; imported with its caption “Calm” as alt text',
  },
  {
    kind: 'image-failed',
    post: {wordpressId: 12, documentId: 'wp-post-12', title: 'Trump, Powell, Oil'},
    message: 'image https://s.test/chart.png could not be fetched (HTTP 404); left out',
  },
]

function summary() {
  const value = emptySummary(false)
  value.items = 14
  value.posts = {
    created: 4,
    updated: 0,
    unchanged: 1,
    kept: 0,
    skipped: 0,
    failed: 0,
    published: 3,
    drafts: 2,
  }
  value.skipped = {attachment: 5, page: 1, nav_menu_item: 1, trash: 1, custom_type: 2}
  value.tags = {created: 6, existing: 0}
  value.images = {uploaded: 4, existing: 0, failed: 1}
  value.transactions = 1
  value.redirects = 3
  value.warnings = 2
  value.seconds = 1.25
  return value
}

describe('formatWarning', () => {
  it('names the kind and the post', () => {
    expect(formatWarning(warnings[1] as ImportWarning)).toBe(
      'image-failed      post 12 “Trump, Powell, Oil” (wp-post-12): image https://s.test/chart.png could not be fetched (HTTP 404); left out',
    )
    expect(formatWarning({kind: 'shortcode', message: 'x'})).toBe('shortcode         x')
  })
})

describe('formatSummary', () => {
  it('says what was done, one line per kind of thing', () => {
    expect(formatSummary(summary(), {target: 'the local lake', reportFile: 'r.txt'})).toBe(
      [
        'WordPress import into the local lake, 1.3 s',
        '  posts      3 published, 2 drafts: 4 created, 0 updated, 1 unchanged, 0 kept',
        '  skipped    5 attachments, 2 custom_type, 1 menu item, 1 page, 1 trashed post',
        '  tags       6 created, 0 existing',
        '  images     4 uploaded, 0 already there, 1 failed',
        '  writes     1 transaction',
        '  redirects  3',
        '  warnings   2 → r.txt',
      ].join('\n'),
    )
  })

  it('says a dry run wrote nothing', () => {
    const dry = {...summary(), dryRun: true}
    const text = formatSummary(dry, {target: 'x'})
    expect(text).toContain('(dry run: nothing written)')
    expect(text).toContain('would be 4 created')
  })
})

const post10 = {wordpressId: 10, documentId: 'wp-post-10', title: 'Gallery'}
const more: ImportWarning[] = [
  {kind: 'approximated', post: post10, message: '[gallery] became 3 images in the body, in order'},
  ...warnings,
  {kind: 'dropped-block', post: post10, message: 'the Gutenberg block wp:search has no HTML'},
  {kind: 'dropped-block', post: post10, message: 'the Gutenberg block wp:search has no HTML'},
  {kind: 'post-failed', message: 'general'},
]

describe('formatReport', () => {
  it('writes text with counts by kind, then each post with what it lost, most first', () => {
    const withSkips = summary()
    withSkips.posts.skipped = 1
    expect(
      formatReport(withSkips, more, {source: 'export.xml', target: 'the lake'}, 'report.txt'),
    ).toBe(
      [
        'WordPress import report: export.xml → the lake',
        '6 warnings about 2 posts',
        '      1  missing-alt: image imported without alt text of its own',
        '      1  image-failed: image that could not be fetched or uploaded, left out',
        '      2  dropped-block: Gutenberg block with no HTML in the export, left out',
        '      1  post-failed: post that could not be converted, left out',
        '      1  approximated: content converted only approximately (a gallery’s layout, an embed’s player…)',
        "1 post was unchanged since the last import and not converted again: its warnings are in that import's report",
        '',
        'post 10 “Gallery” (wp-post-10): 3 warnings',
        '  approximated      [gallery] became 3 images in the body, in order',
        '  dropped-block     the Gutenberg block wp:search has no HTML (×2)',
        '',
        'post 12 “Trump, Powell, Oil” (wp-post-12): 2 warnings',
        '  missing-alt       featured image https://s.test/oil.png has no alt text; imported with its caption “Calm” as alt text',
        '  image-failed      image https://s.test/chart.png could not be fetched (HTTP 404); left out',
        '',
        'Not about one post:',
        'post-failed       general',
        '',
      ].join('\n'),
    )
  })

  it('writes JSON when the file ends in .json, with the warnings by post', () => {
    const report = JSON.parse(
      formatReport(summary(), more, {source: 'e.xml', target: 't'}, 'r.json'),
    )
    expect(report).toEqual({
      source: 'e.xml',
      target: 't',
      summary: summary(),
      posts: warningsByPost(more),
      warnings: more,
    })
    expect(
      report.posts.map((entry: {post: {wordpressId: number}}) => entry.post.wordpressId),
    ).toEqual([10, 12])
  })
})
