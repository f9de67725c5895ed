/**
 * Import a WordPress site (a WXR export) into the newsroom content model: posts, tags, images
 * with alt text, previous/next and redirects. `newsroom-import-wordpress` is the command
 * (`cli.ts`; `npm run import:wordpress` in this repository); scripts call {@link importWordPress}.
 *
 * ```ts
 * import {importWordPress, resolveTarget} from 'newsroom-import-wordpress'
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
export {resolveTarget, TargetError, type Target, type TargetFlags} from './target.ts'
