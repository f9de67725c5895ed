/**
 * The npm package as a user gets it: `npm run build:package`, `npm pack`, the tarball installed
 * into a scratch Studio project made here (its own package.json, sanity.config.ts and tsconfig),
 * then `sanity build` and `tsc` in that project, and the server entry points imported from plain
 * Node without React or the Studio.
 *
 * The scratch project sits in a `.tmp-package-*` folder inside the repository, so the peer
 * dependencies it does not install itself (sanity, react, @sanity/ui, styled-components) resolve
 * to the repository's, as they would to a Studio's own; the package's dependencies are installed
 * from npm's cache (`--offline`), as `npm ci` left it.
 */
import {execFile, spawn} from 'node:child_process'
import {existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {get as httpsGet} from 'node:https'
import {builtinModules} from 'node:module'
import {tmpdir} from 'node:os'
import {join, resolve} from 'node:path'
import {promisify} from 'node:util'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {API_VERSION} from '../../core/api-version.ts'
import {ENTRY_POINTS} from '../support/package.ts'

const run = promisify(execFile)
const ROOT = resolve(import.meta.dirname, '../..')
const BIN = join(ROOT, 'node_modules/.bin')
const ENV = {
  ...process.env,
  PATH: `${BIN}:${process.env.PATH ?? ''}`,
  SANITY_TELEMETRY_DISABLED: '1',
  DO_NOT_TRACK: '1',
  NO_UPDATE_NOTIFIER: '1',
  CI: 'true',
}
const BUFFER = 64 * 1024 * 1024
const ROOT_MANIFEST = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  devDependencies: Record<string, string>
}

const SCRATCH_FILES: Record<string, string> = {
  'package.json': JSON.stringify({name: 'scratch-studio', private: true, type: 'module'}),
  'sanity.config.ts': `import {defineConfig} from 'sanity'
import {structureTool} from 'sanity/structure'
import {newsroom, newsroomStructure} from 'sanity-plugin-newsroom'

export default defineConfig({
  projectId: 'scratch',
  dataset: 'production',
  plugins: [structureTool({structure: newsroomStructure}), newsroom({reactionKinds: [{name: 'love', title: 'Love'}]})],
})
`,
  'sanity.cli.ts': `import {defineCliConfig} from 'sanity/cli'

export default defineCliConfig({api: {projectId: 'scratch', dataset: 'production'}, deployment: {autoUpdates: false}})
`,
  'server.ts': `import {formatReadTime} from 'sanity-plugin-newsroom/read-time'
import {DEFAULT_REACTION_KINDS} from 'sanity-plugin-newsroom/reactions'
import {postPageQuery, type PostPageQueryResult} from 'sanity-plugin-newsroom/queries'
import {buildPostHeadTags, buildPostJsonLd, renderHeadTags, serializeJsonLd, type SeoOptions} from 'sanity-plugin-newsroom/seo'

const page: PostPageQueryResult = null
type Image = NonNullable<NonNullable<PostPageQueryResult>['heroImage']>
const seo: SeoOptions<Image> = {
  site: {name: 'Scratch', url: 'https://scratch.example'},
  imageUrl: (image, size) => (image.asset ? image.asset.url + '?w=' + size.width : null),
}
export const head: string = page ? renderHeadTags(buildPostHeadTags(page, seo)) + serializeJsonLd(buildPostJsonLd(page, seo)) : ''
export const line: string = formatReadTime(459, {style: 'long'}) + DEFAULT_REACTION_KINDS.length + postPageQuery + String(page)
`,
  'tsconfig.json': JSON.stringify({
    compilerOptions: {
      target: 'ES2023',
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      jsx: 'react-jsx',
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      types: [],
    },
    include: ['sanity.config.ts', 'server.ts'],
  }),
  // Loads each server-side entry point and prints every bare module it resolved on the way.
  'load-entries.mjs': `import {registerHooks} from 'node:module'
const resolved = new Set()
registerHooks({
  resolve(specifier, context, next) {
    if (!specifier.startsWith('.') && !specifier.startsWith('/') && !specifier.startsWith('file:')) resolved.add(specifier)
    return next(specifier, context)
  },
})
const names = {}
for (const entry of process.argv.slice(2)) names[entry] = Object.keys(await import(entry)).sort()
console.log(JSON.stringify({resolved: [...resolved], names}))
`,
}

describe('the npm package', () => {
  let scratch = ''
  let tarball = ''

  beforeAll(async () => {
    await run('npm', ['run', 'build:package'], {cwd: ROOT, env: ENV, maxBuffer: BUFFER})
    scratch = mkdtempSync(join(ROOT, '.tmp-package-'))
    const {stdout} = await run(
      'npm',
      ['pack', '--ignore-scripts', '--json', '--pack-destination', scratch],
      {cwd: ROOT, env: ENV, maxBuffer: BUFFER},
    )
    const [packed] = JSON.parse(stdout) as Array<{filename: string; files: Array<{path: string}>}>
    tarball = join(scratch, packed!.filename)
    for (const [name, text] of Object.entries(SCRATCH_FILES))
      writeFileSync(join(scratch, name), text)
    await run(
      'npm',
      [
        'install',
        '--prefer-offline',
        '--no-save',
        '--no-package-lock',
        '--legacy-peer-deps',
        '--ignore-scripts',
        '--no-audit',
        '--no-fund',
        tarball,
      ],
      {cwd: scratch, env: ENV, maxBuffer: BUFFER},
    )
    // A Studio declares the packages the Studio itself needs (sanity build checks); they are the
    // repository's, already installed one folder up.
    const studioDependencies = Object.fromEntries(
      ['sanity', 'react', 'react-dom', 'styled-components', '@sanity/ui'].map((name) => [
        name,
        ROOT_MANIFEST.devDependencies[name],
      ]),
    )
    writeFileSync(
      join(scratch, 'package.json'),
      JSON.stringify({
        ...JSON.parse(SCRATCH_FILES['package.json']!),
        dependencies: studioDependencies,
      }),
    )
  })

  afterAll(() => {
    if (scratch) rmSync(scratch, {recursive: true, force: true})
  })

  it('installs from the tarball with built files only, no sources or tests', () => {
    const installed = join(scratch, 'node_modules/sanity-plugin-newsroom')
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'))
    expect(manifest.name).toBe('sanity-plugin-newsroom')
    expect(Object.keys(manifest.exports)).toEqual([...Object.keys(ENTRY_POINTS), './package.json'])
    for (const entry of Object.values(manifest.exports as Record<string, {default?: string}>)) {
      if (typeof entry === 'object') expect(existsSync(join(installed, entry.default!))).toBe(true)
    }
    expect(readdirSync(installed).sort()).toEqual(['README.md', 'dist', 'package.json'])
    // The Studio's own packages are peers: never installed (or bundled) a second time.
    for (const peer of ['sanity', 'react', '@sanity/ui', 'styled-components']) {
      expect(existsSync(join(scratch, 'node_modules', peer))).toBe(false)
    }
  })

  it('declares every package its built files import', () => {
    const installed = join(scratch, 'node_modules/sanity-plugin-newsroom')
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>
      peerDependencies: Record<string, string>
    }
    const declared = new Set([
      ...Object.keys(manifest.dependencies),
      ...Object.keys(manifest.peerDependencies),
    ])
    const files = readdirSync(join(installed, 'dist'), {recursive: true, encoding: 'utf8'})
    const undeclared = new Set<string>()
    for (const file of files.filter((name) => name.endsWith('.js'))) {
      const text = readFileSync(join(installed, 'dist', file), 'utf8')
      for (const [, specifier] of text.matchAll(/(?:from|import\()\s*["']([^"'.][^"']*)["']/g)) {
        const name = specifier!.startsWith('@')
          ? specifier!.split('/').slice(0, 2).join('/')
          : specifier!.split('/')[0]!
        if (!name.startsWith('node:') && !builtinModules.includes(name) && !declared.has(name)) {
          undeclared.add(`${file}: ${specifier}`)
        }
      }
    }
    expect([...undeclared]).toEqual([])
  })

  it('builds a Studio that uses newsroom() with sanity build', async () => {
    const {stdout, stderr} = await run('sanity', ['build', 'out', '--yes'], {
      cwd: scratch,
      env: ENV,
      maxBuffer: BUFFER,
    })
    expect(`${stdout}\n${stderr}`).not.toMatch(/MISSING_EXPORT|error/i)
    expect(readFileSync(join(scratch, 'out/index.html'), 'utf8')).toContain('<div id="sanity"')
    const bundle = readdirSync(join(scratch, 'out/static'))
      .filter((name) => name.endsWith('.js'))
      .map((name) => readFileSync(join(scratch, 'out/static', name), 'utf8'))
      .join('\n')
    expect(bundle).toContain('Reaction tally')
  })

  it('type-checks a Studio config and a server against the published types', async () => {
    const result = await run('tsc', ['-p', 'tsconfig.json'], {cwd: scratch, env: ENV}).catch(
      (error: {stdout?: string}) => ({stdout: error.stdout ?? String(error)}),
    )
    expect(result.stdout).toBe('')
  })

  it('loads ./read-time, ./reactions, ./queries and ./seo in plain Node without React or the Studio', async () => {
    const entries = ['read-time', 'reactions', 'queries', 'seo'].map(
      (name) => `sanity-plugin-newsroom/${name}`,
    )
    const {stdout} = await run('node', ['load-entries.mjs', ...entries], {cwd: scratch, env: ENV})
    const {resolved, names} = JSON.parse(stdout) as {
      resolved: string[]
      names: Record<string, string[]>
    }
    expect(
      resolved.filter((name) => /^(react|sanity|@sanity\/ui|styled-components)(\/|$)/.test(name)),
    ).toEqual([])
    for (const name of ['read-time', 'reactions', 'queries', 'seo']) {
      expect(names[`sanity-plugin-newsroom/${name}`]).toEqual(ENTRY_POINTS[`./${name}`])
    }
  })

  it('runs the local lake from the newsroom-lake bin, queries answered by its worker processes', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'newsroom-bin-lake-'))
    const lake = spawn(
      join(scratch, 'node_modules/.bin/newsroom-lake'),
      ['--port', '0', '--data', dataDir, '--quiet'],
      {
        cwd: scratch,
        env: ENV,
      },
    )
    try {
      const url = await new Promise<string>((done, fail) => {
        let output = ''
        lake.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString()
          const match = /listening on (https:\/\/localhost:\d+)/.exec(output)
          if (match) done(match[1]!)
        })
        lake.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
        lake.once('exit', (code) => fail(new Error(`newsroom-lake exited (${code}):\n${output}`)))
      })
      const ca = readFileSync(join(dataDir, 'ca.pem'), 'utf8')
      const answer = await new Promise<{status: number; body: string}>((done, fail) => {
        const request = httpsGet(
          `${url}/v${API_VERSION}/data/query/production?query=${encodeURIComponent('count(*[_type == "post"])')}`,
          {ca},
          (response) => {
            let body = ''
            response.on('data', (chunk: Buffer) => (body += chunk.toString()))
            response.on('end', () => done({status: response.statusCode ?? 0, body}))
          },
        )
        request.once('error', fail)
      })
      expect(answer.status).toBe(200)
      expect(JSON.parse(answer.body).result).toBe(0)
    } finally {
      lake.kill('SIGTERM')
      await new Promise((done) => (lake.exitCode === null ? lake.once('exit', done) : done(null)))
      rmSync(dataDir, {recursive: true, force: true})
    }
  })
})
