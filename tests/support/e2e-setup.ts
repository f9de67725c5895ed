/**
 * The e2e project's global setup: one folder for the run in which the first test file's Studio
 * build is kept for the files after it (`buildStudioOnce`), removed when the run ends, so no build
 * outlives the sources it was made from.
 */
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {STUDIO_BUILD_CACHE_ENV} from './studio.ts'

export default function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'newsroom-e2e-builds-'))
  process.env[STUDIO_BUILD_CACHE_ENV] = dir
  return () => {
    rmSync(dir, {recursive: true, force: true})
    delete process.env[STUDIO_BUILD_CACHE_ENV]
  }
}
