/**
 * What an import tells its user: every warning (an image without alt text, an image that could
 * not be fetched, a shortcode kept as text, a post kept because an editor changed it…), the
 * summary printed at the end, and the report file (`--report`), written whole or not at all.
 */
import {rename, writeFile} from 'node:fs/promises'

/** The kinds of warning, each a thing an editor may want to look at. */
export const WARNING_KINDS = {
  'missing-alt': 'image imported without alt text of its own',
  'image-failed': 'image that could not be fetched or uploaded, left out',
  shortcode: 'shortcode kept as text',
  'dropped-block': 'Gutenberg block with no HTML in the export, left out',
  'kept-edited': 'post changed in the Studio since the last import, kept',
  'kept-published': 'draft in WordPress but published in the dataset, kept',
  'slug-changed': 'slug already taken, made unique',
  'excerpt-shortened': 'excerpt longer than 300 characters, shortened',
  'date-guessed': 'published post without a GMT date, local date used',
  'private-as-draft': 'private post imported as a draft',
  'post-failed': 'post that could not be converted, left out',
  approximated: 'content converted only approximately (a gallery’s layout, an embed’s player…)',
  'id-from-guid': 'item without a usable WordPress id, its id made from its guid',
  'id-collision':
    'WordPress id already used by a post from another site or item, given a distinct id',
} as const

export type WarningKind = keyof typeof WARNING_KINDS

/** One warning. */
export interface ImportWarning {
  kind: WarningKind
  /** The post it concerns. */
  post?: {wordpressId: number; documentId: string; title: string}
  message: string
}

/** Counts of what an import did (or, in a dry run, would do). */
export interface ImportSummary {
  /** WXR items read. */
  items: number
  posts: {
    created: number
    updated: number
    unchanged: number
    /** Changed by an editor since the last import (or published where WordPress has a draft). */
    kept: number
    /** Of the unchanged: skipped before conversion, their source the same as last time. */
    skipped: number
    failed: number
    /** Of all imported posts: published ones, and drafts (draft, pending, future, private). */
    published: number
    drafts: number
  }
  /** Items that are not posts, by kind: `page`, `attachment`, `revision`, `trash`, … */
  skipped: Record<string, number>
  tags: {created: number; existing: number}
  images: {uploaded: number; existing: number; failed: number}
  transactions: number
  redirects: number
  warnings: number
  dryRun: boolean
  seconds: number
}

/** An empty summary to count into. */
export function emptySummary(dryRun: boolean): ImportSummary {
  return {
    items: 0,
    posts: {
      created: 0,
      updated: 0,
      unchanged: 0,
      kept: 0,
      skipped: 0,
      failed: 0,
      published: 0,
      drafts: 0,
    },
    skipped: {},
    tags: {created: 0, existing: 0},
    images: {uploaded: 0, existing: 0, failed: 0},
    transactions: 0,
    redirects: 0,
    warnings: 0,
    dryRun,
    seconds: 0,
  }
}

const SKIPPED_NAMES: Record<string, [string, string]> = {
  page: ['page', 'pages'],
  attachment: ['attachment', 'attachments'],
  revision: ['revision', 'revisions'],
  nav_menu_item: ['menu item', 'menu items'],
  trash: ['trashed post', 'trashed posts'],
  'auto-draft': ['auto-draft', 'auto-drafts'],
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`
}

/** `warning  kind  post 12 “Title” (wp-post-12): message`. */
export function formatWarning(warning: ImportWarning): string {
  const post = warning.post
    ? `post ${warning.post.wordpressId} “${warning.post.title}” (${warning.post.documentId}): `
    : ''
  return `${warning.kind.padEnd(17)} ${post}${warning.message}`
}

/** The summary, as the command prints it. */
export function formatSummary(
  summary: ImportSummary,
  context: {target: string; redirectsFile?: string; reportFile?: string},
): string {
  const {posts, tags, images} = summary
  const skipped = Object.entries(summary.skipped)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([kind, count]) => {
      const [one, many] = SKIPPED_NAMES[kind] ?? [kind, kind]
      return plural(count, one, many)
    })
  const verb = summary.dryRun ? 'would be ' : ''
  const lines = [
    `WordPress import into ${context.target}${summary.dryRun ? ' (dry run: nothing written)' : ''}, ${summary.seconds.toFixed(1)} s`,
    `  posts      ${posts.published} published, ${plural(posts.drafts, 'draft', 'drafts')}: ${verb}${posts.created} created, ${posts.updated} updated, ${posts.unchanged} unchanged${posts.skipped ? ` (${posts.skipped} not converted again)` : ''}, ${posts.kept} kept${posts.failed ? `, ${posts.failed} failed` : ''}`,
    `  skipped    ${skipped.length > 0 ? skipped.join(', ') : 'nothing'}`,
    `  tags       ${verb}${tags.created} created, ${tags.existing} existing`,
    `  images     ${verb}${images.uploaded} uploaded, ${images.existing} already there, ${images.failed} failed`,
    `  writes     ${plural(summary.transactions, 'transaction', 'transactions')}`,
    `  redirects  ${summary.redirects}${context.redirectsFile ? ` → ${context.redirectsFile}` : ''}`,
    `  warnings   ${summary.warnings}${context.reportFile ? ` → ${context.reportFile}` : ''}`,
  ]
  return lines.join('\n')
}

/** Writes `text` to `path` through a temporary file, so the file is whole or absent. */
export async function writeFileWhole(path: string, text: string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`
  await writeFile(temporary, text)
  await rename(temporary, path)
}

/** The warnings of one post, the same message counted once. */
export interface PostReport {
  post: NonNullable<ImportWarning['post']>
  warnings: Array<{kind: WarningKind; message: string; count: number}>
}

/**
 * The warnings grouped by post, most first (then in the order first met), so an editor fixes the
 * posts that lost the most first; a message repeated in a post (a block dropped four times) is
 * listed once with its count. Warnings about no post are left out.
 */
export function warningsByPost(warnings: readonly ImportWarning[]): PostReport[] {
  const byPost = new Map<string, PostReport & {total: number}>()
  for (const warning of warnings) {
    if (!warning.post) continue
    const key = warning.post.documentId
    let report = byPost.get(key)
    if (!report) {
      report = {post: warning.post, warnings: [], total: 0}
      byPost.set(key, report)
    }
    report.total++
    const same = report.warnings.find(
      (entry) => entry.kind === warning.kind && entry.message === warning.message,
    )
    if (same) same.count++
    else report.warnings.push({kind: warning.kind, message: warning.message, count: 1})
  }
  return [...byPost.values()]
    .map((report, index) => ({report, index}))
    .sort((a, b) => b.report.total - a.report.total || a.index - b.index)
    .map(({report: {total: _total, ...report}}) => report)
}

function formatPostReport(report: PostReport): string[] {
  const {post} = report
  const total = report.warnings.reduce((sum, entry) => sum + entry.count, 0)
  return [
    `post ${post.wordpressId} “${post.title}” (${post.documentId}): ${plural(total, 'warning', 'warnings')}`,
    ...report.warnings.map(
      (entry) =>
        `  ${entry.kind.padEnd(17)} ${entry.message}${entry.count > 1 ? ` (×${entry.count})` : ''}`,
    ),
  ]
}

/**
 * The report file: JSON (`{source, target, summary, posts, warnings}`, `posts` as
 * {@link warningsByPost} gives them) when `path` ends in `.json`, else text: a short header, the
 * counts by kind, then each post with what it lost or got only approximately, the posts with the
 * most first, and the warnings about no post.
 */
export function formatReport(
  summary: ImportSummary,
  warnings: readonly ImportWarning[],
  context: {source: string; target: string},
  path: string,
): string {
  const posts = warningsByPost(warnings)
  if (path.endsWith('.json')) {
    return `${JSON.stringify({source: context.source, target: context.target, summary, posts, warnings}, null, 2)}\n`
  }
  const counts = Object.keys(WARNING_KINDS)
    .map((kind) => [kind, warnings.filter((warning) => warning.kind === kind).length] as const)
    .filter(([, count]) => count > 0)
    .map(
      ([kind, count]) =>
        `  ${String(count).padStart(5)}  ${kind}: ${WARNING_KINDS[kind as WarningKind]}`,
    )
  const general = warnings.filter((warning) => !warning.post)
  return [
    `WordPress import report: ${context.source} → ${context.target}${summary.dryRun ? ' (dry run)' : ''}`,
    `${plural(warnings.length, 'warning', 'warnings')}${posts.length > 0 ? ` about ${plural(posts.length, 'post', 'posts')}` : ''}`,
    ...counts,
    ...(summary.posts.skipped > 0
      ? [
          `${plural(summary.posts.skipped, 'post was', 'posts were')} unchanged since the last import and not converted again: ${summary.posts.skipped === 1 ? 'its' : 'their'} warnings are in that import's report`,
        ]
      : []),
    '',
    ...posts.flatMap((report) => [...formatPostReport(report), '']),
    ...(general.length > 0 ? ['Not about one post:', ...general.map(formatWarning), ''] : []),
  ].join('\n')
}
