/**
 * The files the pages load besides themselves: the stylesheet and the reactions script. Each is
 * served under a URL that carries a hash of its content, so browsers and CDNs keep it for a year
 * and a new version is a new URL.
 */
import {createHash} from 'node:crypto'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'

import ts from 'typescript'

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
 * `site.css`, and `reactions-script.ts` compiled for browsers (types stripped by TypeScript's
 * single-file transpiler, comments dropped; no bundling: it imports nothing).
 */
export function loadSiteAssets(): {stylesheet: SiteAsset; reactionsScript: SiteAsset} {
  const css = readFileSync(join(import.meta.dirname, 'site.css'), 'utf8')
  const scriptFile = join(import.meta.dirname, 'reactions-script.ts')
  const {outputText} = ts.transpileModule(readFileSync(scriptFile, 'utf8'), {
    compilerOptions: {
      module: ts.ModuleKind.ESNext,
      target: ts.ScriptTarget.ES2020,
      removeComments: true,
      sourceMap: false,
    },
  })
  return {
    stylesheet: asset('site', 'css', css, 'text/css; charset=utf-8'),
    reactionsScript: asset('reactions', 'js', outputText, 'text/javascript; charset=utf-8'),
  }
}
