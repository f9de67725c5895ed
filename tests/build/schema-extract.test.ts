import {execFile} from 'node:child_process'
import {mkdtemp, mkdir, readFile, rm} from 'node:fs/promises'
import {join} from 'node:path'
import {promisify} from 'node:util'
import {afterAll, describe, expect, it} from 'vitest'

const run = promisify(execFile)

describe('npm run typegen', () => {
  let dir = ''
  afterAll(async () => {
    if (dir) await rm(dir, {recursive: true, force: true})
  })

  it('has committed a schema.json (and so generated types) that matches the schemas', async () => {
    // `sanity schema extract --path` resolves even absolute paths against the project, so the
    // fresh copy goes to a git-ignored folder inside it.
    await mkdir('artifacts', {recursive: true})
    dir = await mkdtemp(join('artifacts', 'schema-'))
    const path = join(dir, 'schema.json')
    await run(
      'npx',
      ['sanity', 'schema', 'extract', '--path', path, '--force', '--enforce-required-fields'],
      {env: {...process.env, CI: 'true'}, maxBuffer: 32 * 1024 * 1024},
    )
    const fresh = JSON.parse(await readFile(path, 'utf8')) as unknown
    const committed = JSON.parse(await readFile('schema.json', 'utf8')) as unknown
    // If this fails: run `npm run typegen` and commit schema.json and queries/sanity.types.ts.
    expect(committed).toEqual(fresh)
  })
})
