/**
 * The lake's data dir is its owner's alone: the directory 0700, the database (and its WAL) 0600,
 * like the tokens, sessions and TLS key it holds beside them.
 */
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'

import {startTestLake} from '../support/lake.ts'

const root = mkdtempSync(join(tmpdir(), 'lake-data-dir-'))
afterAll(() => rmSync(root, {recursive: true, force: true}))

const modeOf = (path: string) => statSync(path).mode & 0o777

describe('the lake’s data dir', () => {
  it('is created for its owner only, with every secret in it readable by its owner only', async () => {
    const dataDir = join(root, 'fresh', 'data')
    const t = await startTestLake({dataDir})
    try {
      await t.client({token: 'admin'}).create({_id: 'doc-1', _type: 'note'})
      expect(modeOf(dataDir)).toBe(0o700)
      const files = readdirSync(dataDir)
      for (const file of ['lake.sqlite', 'lake.sqlite-wal', 'admin-token', 'viewer-token']) {
        expect(files).toContain(file)
        expect([file, modeOf(join(dataDir, file))]).toEqual([file, 0o600])
      }
      for (const file of files.filter((name) => name.endsWith('key.pem'))) {
        expect([file, modeOf(join(dataDir, file))]).toEqual([file, 0o600])
      }
    } finally {
      await t.close()
    }
  })

  it('closes a world-readable database of an older lake to others', async () => {
    const dataDir = join(root, 'old')
    mkdirSync(dataDir, {mode: 0o700})
    writeFileSync(join(dataDir, 'lake.sqlite'), '')
    chmodSync(join(dataDir, 'lake.sqlite'), 0o644)
    const t = await startTestLake({dataDir})
    try {
      expect(modeOf(join(dataDir, 'lake.sqlite'))).toBe(0o600)
    } finally {
      await t.close()
    }
  })
})
