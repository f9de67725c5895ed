import {readFileSync} from 'node:fs'
import {resolve} from 'node:path'
import {describe, expect, it} from 'vitest'

import {ENTRY_POINTS} from '../support/package.ts'

const ROOT = resolve(import.meta.dirname, '../..')
const manifest = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as {
  exports: Record<string, {source?: string} | string>
}

describe('the public API of sanity-plugin-newsroom', () => {
  it('has exactly the pinned entry points', () => {
    expect(Object.keys(manifest.exports)).toEqual([...Object.keys(ENTRY_POINTS), './package.json'])
  })

  it.each(Object.keys(ENTRY_POINTS))(
    '%s exports exactly the pinned names',
    async (entry) => {
      const target = manifest.exports[entry]
      const source = typeof target === 'object' ? target.source : undefined
      expect(source).toMatch(/^\.\/.+\.ts$/)
      const module = (await import(resolve(ROOT, source!))) as Record<string, unknown>
      expect(Object.keys(module).sort()).toEqual([...(ENTRY_POINTS[entry] ?? [])].sort())
      // Loading the Studio entry imports `sanity`, which takes seconds on a busy machine.
    },
    60_000,
  )
})
