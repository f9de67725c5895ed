/**
 * Import a WordPress site (a WXR export) into the newsroom content model: posts, tags, images
 * with alt text, previous/next and redirects. `npm run import:wordpress` is the command
 * (`cli.ts`); scripts call {@link importWordPress}.
 *
 * ```ts
 * import {importWordPress} from './import-wordpress/index.ts'
 * import {resolveTarget} from './import-wordpress/target.ts'
 *
 * const {summary, warnings} = await importWordPress({
 *   file: 'export.xml',
 *   target: resolveTarget({data: '.lake', dataset: 'production'}),
 *   mediaDir: 'uploads',
 * })
 * ```
 */
export {importWordPress, type ImportResult, type ImportWordPressOptions} from './importer.ts'
export {REDIRECT_FORMATS, type Redirect, type RedirectFormat} from './redirects.ts'
export {WARNING_KINDS, type ImportSummary, type ImportWarning, type WarningKind} from './report.ts'
export {WxrError} from './wxr-reader.ts'
