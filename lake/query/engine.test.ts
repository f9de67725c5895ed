import {existsSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'
import {workerUrl} from './engine.ts'

describe('workerUrl', () => {
  it('finds the worker beside the engine, with the extension of the engine module', () => {
    expect(workerUrl('file:///repo/lake/query/engine.ts').href).toBe(
      'file:///repo/lake/query/worker.ts',
    )
    // Built by @sanity/pkg-utils: the worker is a separate entry in the engine chunk's directory.
    expect(workerUrl('file:///app/node_modules/pkg/dist/_chunks-es/server.js').href).toBe(
      'file:///app/node_modules/pkg/dist/_chunks-es/worker.js',
    )
    expect(workerUrl('file:///pkg/dist/engine.mjs').href).toBe('file:///pkg/dist/worker.mjs')
    expect(workerUrl('file:///C:/Program%20Files/lake/engine.cjs?v=1').href).toBe(
      'file:///C:/Program%20Files/lake/worker.cjs',
    )
  })

  it('refuses a module URL without a script extension', () => {
    expect(() => workerUrl('file:///repo/lake/query/engine')).toThrow(/no script extension/)
  })

  it('resolves to the worker that ships beside this engine', () => {
    const path = fileURLToPath(workerUrl(new URL('./engine.ts', import.meta.url).href))
    expect(path.endsWith('lake/query/worker.ts')).toBe(true)
    expect(existsSync(path)).toBe(true)
  })
})
