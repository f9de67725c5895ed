/**
 * The files the pages load besides themselves: the stylesheet and the reactions script. Each is
 * served under a URL that carries a hash of its content, so browsers and CDNs keep it for a year
 * and a new version is a new URL.
 */
import {createHash} from 'node:crypto'
import {readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import {join} from 'node:path'

/** A file the site serves as is. */
export interface SiteAsset {
  /** `/assets/<name>.<hash>.<extension>` */
  url: string
  body: string
  contentType: string
}

function asset(name: string, extension: string, body: string, contentType: string): SiteAsset {
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12)
  return {url: `/assets/${name}.${hash}.${extension}`, body, contentType}
}

/**
 * `site.css`, and `reactions-script.ts` bundled for browsers with what it imports from the
 * plugin's `reactions` entry point (the tally label, so the page and the script word it the same);
 * esbuild leaves out the rest of that entry point, which the script does not use.
 */
export function loadSiteAssets(): {stylesheet: SiteAsset; reactionsScript: SiteAsset} {
  const css = readFileSync(join(import.meta.dirname, 'site.css'), 'utf8')
  // Loaded on first use: esbuild checks its realm when loaded (a jsdom test sets TextEncoder first).
  const {buildSync} = createRequire(import.meta.url)('esbuild') as typeof import('esbuild')
  const {outputFiles} = buildSync({
    entryPoints: [join(import.meta.dirname, 'reactions-script.ts')],
    bundle: true,
    // In the repository the plugin resolves to its sources, as for Node (`newsroom-source`).
    conditions: ['newsroom-source'],
    format: 'esm',
    target: 'es2020',
    legalComments: 'none',
    minifySyntax: true,
    minifyWhitespace: true,
    write: false,
  })
  const script = outputFiles[0]?.text ?? ''
  return {
    stylesheet: asset('site', 'css', css, 'text/css; charset=utf-8'),
    reactionsScript: asset('reactions', 'js', script, 'text/javascript; charset=utf-8'),
  }
}

let previewScript: SiteAsset | undefined

/**
 * `preview-script.ts` bundled for browsers with `@sanity/visual-editing` (and the React it draws
 * its overlays with): about 1 MB, served to preview pages only. Built once per process, when the
 * first app with preview mode is created, so a site without preview mode never pays for it.
 */
export function loadPreviewScript(): SiteAsset {
  if (previewScript) return previewScript
  const {buildSync} = createRequire(import.meta.url)('esbuild') as typeof import('esbuild')
  const {outputFiles} = buildSync({
    entryPoints: [join(import.meta.dirname, 'preview-script.ts')],
    bundle: true,
    format: 'esm',
    target: 'es2020',
    define: {'process.env.NODE_ENV': '"production"'},
    legalComments: 'none',
    minify: true,
    write: false,
  })
  previewScript = asset(
    'preview',
    'js',
    outputFiles[0]?.text ?? '',
    'text/javascript; charset=utf-8',
  )
  return previewScript
}
