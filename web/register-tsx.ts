/**
 * Lets Node load the reader site's `.tsx` files. Node strips types from `.ts` files by itself but
 * does not compile JSX, so this module hook compiles `web/**\/*.tsx` with TypeScript's own
 * single-file transpiler; each file's `@jsxImportSource hono/jsx` pragma picks Hono's JSX runtime.
 * Import it before the first `.tsx` module (`web/server.ts` does, then imports the app lazily).
 */
import {readFileSync} from 'node:fs'
import {registerHooks} from 'node:module'
import {fileURLToPath} from 'node:url'
import ts from 'typescript'

const WEB_DIR = new URL('./', import.meta.url).href

registerHooks({
  load(url, context, nextLoad) {
    if (!url.startsWith(WEB_DIR) || !url.endsWith('.tsx')) return nextLoad(url, context)
    const fileName = fileURLToPath(url)
    const {outputText} = ts.transpileModule(readFileSync(fileName, 'utf8'), {
      fileName,
      compilerOptions: {
        module: ts.ModuleKind.ESNext,
        target: ts.ScriptTarget.ES2023,
        jsx: ts.JsxEmit.ReactJSX,
        verbatimModuleSyntax: true,
        sourceMap: false,
      },
    })
    return {format: 'module', source: outputText, shortCircuit: true}
  },
})
