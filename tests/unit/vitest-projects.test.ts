/**
 * The test projects and the test files agree: every test file in the repository runs in a
 * project, and every glob of a project finds a test file (a glob that matches nothing hides a
 * test put where no project looks).
 */
import {execFileSync} from 'node:child_process'
import {matchesGlob, resolve} from 'node:path'
import {describe, expect, it} from 'vitest'

import config from '../../vitest.config.ts'

const ROOT = resolve(import.meta.dirname, '../..')

const testFiles = execFileSync(
  'git',
  ['ls-files', '--cached', '--others', '--exclude-standard', '*.test.ts', '*.test.tsx'],
  {cwd: ROOT, encoding: 'utf8'},
)
  .split('\n')
  .filter((file) => file !== '' && !file.includes('node_modules/'))

const globs = (config.test?.projects ?? []).flatMap((project) =>
  typeof project === 'object' && 'test' in project ? (project.test?.include ?? []) : [],
)

describe('the vitest projects', () => {
  it('reads the config and finds the test files', () => {
    expect(globs).toContain('core/**/*.test.ts')
    expect(testFiles).toContain('tests/unit/vitest-projects.test.ts')
  })

  it('run every test file', () => {
    const unmatched = testFiles.filter((file) => !globs.some((glob) => matchesGlob(file, glob)))
    expect(unmatched).toEqual([])
  })

  it('have no glob that matches nothing', () => {
    const empty = globs.filter((glob) => !testFiles.some((file) => matchesGlob(file, glob)))
    expect(empty).toEqual([])
  })
})
