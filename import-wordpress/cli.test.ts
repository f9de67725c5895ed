import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'

import {IMPORT_NODE_FLAGS} from './cli.ts'

describe('npm run import:wordpress', () => {
  it('runs with the Node flags the benchmark measures', () => {
    const manifest = JSON.parse(
      readFileSync(join(import.meta.dirname, '../package.json'), 'utf8'),
    ) as {scripts: Record<string, string>}
    expect(manifest.scripts['import:wordpress']).toBe(
      `node ${IMPORT_NODE_FLAGS.join(' ')} import-wordpress/cli.ts`,
    )
  })
})
