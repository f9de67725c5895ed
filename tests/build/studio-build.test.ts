import {execFile} from 'node:child_process'
import {mkdtemp, readdir, readFile, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {promisify} from 'node:util'
import {afterAll, describe, expect, it} from 'vitest'

const run = promisify(execFile)

describe('npm run build (sanity build)', () => {
  let outDir = ''
  afterAll(async () => {
    if (outDir) await rm(outDir, {recursive: true, force: true})
  })

  it('builds the demo Studio offline into a static bundle', async () => {
    outDir = await mkdtemp(join(tmpdir(), 'newsroom-build-'))
    const {stdout, stderr} = await run('npx', ['sanity', 'build', outDir, '--yes'], {
      cwd: process.cwd(),
      env: {...process.env, CI: 'true', SANITY_TELEMETRY_DISABLED: '1'},
      maxBuffer: 32 * 1024 * 1024,
    })
    expect(`${stdout}\n${stderr}`).toContain('Build Sanity Studio')
    expect(`${stdout}\n${stderr}`).not.toMatch(/MISSING_EXPORT|error/i)
    const html = await readFile(join(outDir, 'index.html'), 'utf8')
    expect(html).toContain('<div id="sanity"')
    const assets = await readdir(join(outDir, 'static'))
    expect(assets.some((name) => name.endsWith('.js'))).toBe(true)
  })
})
