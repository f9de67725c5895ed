import {execFile} from 'node:child_process'
import {mkdir, mkdtemp, readFile, rm} from 'node:fs/promises'
import {join} from 'node:path'
import {promisify} from 'node:util'
import {afterAll, describe, expect, it} from 'vitest'

const run = promisify(execFile)

describe('sanity typegen generate', () => {
  let dir = ''
  afterAll(async () => {
    if (dir) await rm(dir, {recursive: true, force: true})
  })

  it('has committed query types (queries/sanity.types.ts) that match the queries', async () => {
    // A scratch copy inside the project (git-ignored), so the committed file is never rewritten.
    await mkdir('artifacts', {recursive: true})
    dir = await mkdtemp(join('artifacts', 'typegen-'))
    const output = join(dir, 'sanity.types.ts')
    const {stdout, stderr} = await run('npx', ['sanity', 'typegen', 'generate'], {
      env: {...process.env, CI: 'true', NEWSROOM_TYPEGEN_OUTPUT: `./${output}`},
      maxBuffer: 32 * 1024 * 1024,
    })
    // A query typegen cannot resolve (a fragment built with `+` or a function call) is skipped
    // with an error message, and would silently lose its type.
    expect(`${stdout}\n${stderr}`).not.toMatch(/Error while extracting|Encountered errors/)
    const fresh = await readFile(output, 'utf8')
    const committed = await readFile('queries/sanity.types.ts', 'utf8')
    // If this fails: run `npm run typegen` and commit queries/sanity.types.ts.
    expect(committed).toBe(fresh)
  })
})
