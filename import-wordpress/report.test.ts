import {describe, expect, it} from 'vitest'

import {
  emptySummary,
  formatReport,
  formatSummary,
  formatWarning,
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
  value.posts = {created: 4, updated: 0, unchanged: 1, kept: 0, failed: 0, published: 3, drafts: 2}
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

describe('formatReport', () => {
  it('writes text with counts by kind, then every warning', () => {
    expect(
      formatReport(summary(), warnings, {source: 'export.xml', target: 'the lake'}, 'report.txt'),
    ).toBe(
      [
        'WordPress import report: export.xml → the lake',
        '2 warnings',
        '      1  missing-alt: image imported without alt text of its own',
        '      1  image-failed: image that could not be fetched or uploaded, left out',
        '',
        formatWarning(warnings[0] as ImportWarning),
        formatWarning(warnings[1] as ImportWarning),
        '',
      ].join('\n'),
    )
  })

  it('writes JSON when the file ends in .json', () => {
    const report = JSON.parse(
      formatReport(summary(), warnings, {source: 'e.xml', target: 't'}, 'r.json'),
    )
    expect(report).toEqual({source: 'e.xml', target: 't', summary: summary(), warnings})
  })
})
