#!/usr/bin/env node
/**
 * `newsroom-import-wordpress <export.xml> [options]` (`npm run import:wordpress --` in this
 * repository): a WordPress export into the local lake or
 * a Sanity project. Progress on stderr, the summary on stdout; any failure is one line on stderr
 * and exit code 1. `--help` lists the options.
 */
import {parseArgs} from 'node:util'

import {
  describeScriptFailure,
  resolveTarget,
  TARGET_OPTIONS,
  TARGET_USAGE,
  type Target,
} from './target.ts'
import {importWordPress} from './importer.ts'
import {REDIRECT_FORMATS, type RedirectFormat} from './redirects.ts'
import {formatSummary, formatWarning} from './report.ts'
import {WxrError} from './wxr-reader.ts'

const USAGE = `Usage (\`newsroom-import-wordpress\` from the installed package, \`npm run import:wordpress --\`
in this repository):
  newsroom-import-wordpress <export.xml> [options]

Imports a WordPress export (Tools → Export, a WXR file): posts, tags, images with alt text,
previous/next links and redirects. Run it again to bring in later changes: posts edited in the
Studio since the last import are kept.

Options:
  --media <dir>             a copy of wp-content/uploads; images not found there are fetched from their URL
  --dataset <name>          dataset to write to (default production)
  --data <dir>              the local lake's data dir, for its URL and admin token (default .lake)
  --url <lake url>          the local lake's URL (default: the one recorded in the data dir)
  --project <id>            a Sanity project instead of the local lake; the token comes from SANITY_AUTH_TOKEN
  --dry-run                 read, convert, fetch and compare, but write nothing
  --categories-as-tags      categories become tags too ("Uncategorized" excepted)
  --overwrite               replace posts changed in the Studio since the last import
  --redirects <file>        write redirects from the old permalinks to /posts/<slug>
  --redirects-format <fmt>  json (default), netlify (a _redirects file) or vercel (vercel.json)
  --report <file>           write every warning to this file (JSON when it ends in .json)
  -h, --help                show this help

Target: ${TARGET_USAGE}`

/**
 * The Node flags `npm run import:wordpress` runs with. jsdom leaves much short-lived garbage per
 * post; by default V8 lets the heap grow to several times the live data (500 MB and more for a
 * 5,000-post export) before collecting. A small young generation and a capped old one keep the
 * peak near 270 MB at no cost in speed (see `npm run bench:import`); the live data of even a
 * 500 MB export (about 100 MB) fits well under the cap.
 */
export const IMPORT_NODE_FLAGS = ['--max-semi-space-size=4', '--max-old-space-size=256'] as const

/** Warnings printed when there is no report file to read them in. */
const WARNINGS_SHOWN = 10

class UsageError extends Error {}

function parse(argv: string[]) {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        ...TARGET_OPTIONS,
        media: {type: 'string'},
        'dry-run': {type: 'boolean'},
        'categories-as-tags': {type: 'boolean'},
        overwrite: {type: 'boolean'},
        redirects: {type: 'string'},
        'redirects-format': {type: 'string'},
        report: {type: 'string'},
        help: {type: 'boolean', short: 'h'},
      },
    })
  } catch (error) {
    throw new UsageError(`${(error as Error).message.split('\n')[0]} (see --help)`)
  }
  const {values, positionals} = parsed
  if (values.help) return {help: true as const}
  if (positionals.length !== 1) {
    throw new UsageError(
      positionals.length === 0
        ? 'Which export? Pass the WXR file: npm run import:wordpress -- <export.xml>'
        : `One export at a time (got ${positionals.length} files)`,
    )
  }
  const format = values['redirects-format'] ?? 'json'
  if (!(REDIRECT_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(
      `--redirects-format must be one of ${REDIRECT_FORMATS.join(', ')}, not "${format}"`,
    )
  }
  return {
    help: false as const,
    file: positionals[0] as string,
    values,
    format: format as RedirectFormat,
  }
}

/** Runs the command; resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  let target: Target | undefined
  try {
    const args = parse(argv)
    if (args.help) {
      console.log(USAGE)
      return 0
    }
    const {values} = args
    target = resolveTarget(values)
    const result = await importWordPress({
      file: args.file,
      target,
      mediaDir: values.media,
      dryRun: values['dry-run'],
      categoriesAsTags: values['categories-as-tags'],
      overwrite: values.overwrite,
      redirects: values.redirects ? {file: values.redirects, format: args.format} : undefined,
      reportFile: values.report,
    })
    console.log(
      formatSummary(result.summary, {
        target: `${target.description}, dataset ${target.dataset}`,
        redirectsFile: values['dry-run'] ? undefined : values.redirects,
        reportFile: values.report,
      }),
    )
    if (!values.report && result.warnings.length > 0) {
      for (const warning of result.warnings.slice(0, WARNINGS_SHOWN)) {
        console.log(`  ${formatWarning(warning)}`)
      }
      if (result.warnings.length > WARNINGS_SHOWN) {
        console.log(
          `  … ${result.warnings.length - WARNINGS_SHOWN} more: pass --report <file> to list them all`,
        )
      }
    }
    return 0
  } catch (error) {
    console.error(
      `import:wordpress: ${describeScriptFailure(error, target, [UsageError, WxrError])}`,
    )
    return 1
  }
}

if (import.meta.main) {
  process.exitCode = await main(process.argv.slice(2))
}
