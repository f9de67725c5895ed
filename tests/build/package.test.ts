/**
 * The npm packages as users get them: `npm run build:packages`, `npm pack` of each.
 *
 * - The plugin's tarball installed into a scratch Studio project made here (its own package.json,
 *   sanity.config.ts and tsconfig; two workspaces: Newsroom's content model, and Sanity's blog
 *   template's schema with the features à la carte), then `sanity schema validate`, `sanity build`
 *   and `tsc` in that project, and the server entry points imported from plain Node without React
 *   or the Studio. The scratch project sits in
 *   a `.tmp-package-*` folder inside the repository, so the peer dependencies it does not install
 *   itself (sanity, react, @sanity/ui, styled-components) resolve to the repository's, as they
 *   would to a Studio's own; what the plugin adds to a Studio's dependency tree is counted over the
 *   repository's lockfile, the tree npm resolved for a Studio on the pinned sanity.
 * - The lake's and the importer's tarballs each installed into an empty folder outside the
 *   repository, and their commands run from there.
 */
import {execFile, spawn} from 'node:child_process'
import {existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {get as httpsGet} from 'node:https'
import {builtinModules} from 'node:module'
import {tmpdir} from 'node:os'
import {join, resolve} from 'node:path'
import {promisify} from 'node:util'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {ENTRY_POINTS} from '../support/package.ts'

const run = promisify(execFile)
const ROOT = resolve(import.meta.dirname, '../..')
const BIN = join(ROOT, 'node_modules/.bin')
/**
 * What a user's shell has: not this repository's `--conditions=newsroom-source` (npm sets
 * NODE_OPTIONS from `.npmrc` for the tests), which would resolve an installed package to sources
 * it does not ship. npm adds it back for the build scripts it runs in the repository.
 */
const {NODE_OPTIONS: _repositoryNodeOptions, ...USER_ENV} = process.env
const ENV = {
  ...USER_ENV,
  PATH: `${BIN}:${process.env.PATH ?? ''}`,
  SANITY_TELEMETRY_DISABLED: '1',
  DO_NOT_TRACK: '1',
  NO_UPDATE_NOTIFIER: '1',
  CI: 'true',
}
const BUFFER = 64 * 1024 * 1024
const ROOT_MANIFEST = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>
  devDependencies: Record<string, string>
}
/** The packages a Studio itself declares. */
const STUDIO_PACKAGES = ['sanity', 'react', 'react-dom', 'styled-components', '@sanity/ui']
/** The plugin's tarball stays small: what a Studio or a frontend imports, nothing else. */
const MAX_PLUGIN_TARBALL_BYTES = 100 * 1024
/** What a tarball carries besides `dist/`. */
const PACKAGE_DOCS = ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE']
/** Packages the plugin may add to a Studio's dependency tree. */
const MAX_ADDED_PACKAGES = 2

interface Packed {
  filename: string
  size: number
  files: Array<{path: string}>
}

async function pack(dir: string, destination: string): Promise<Packed> {
  const {stdout} = await run(
    'npm',
    ['pack', '--ignore-scripts', '--json', '--pack-destination', destination],
    {cwd: dir, env: ENV, maxBuffer: BUFFER},
  )
  return (JSON.parse(stdout) as Packed[])[0]!
}

/**
 * The lockfile paths (`node_modules/a/node_modules/b`) of `names` and all they depend on, as
 * Node's resolution finds them from the root of a tree npm resolved.
 */
function lockfileClosure(
  packages: Record<string, {dependencies?: Record<string, string>}>,
  names: readonly string[],
): Set<string> {
  const find = (from: string, name: string): string | undefined => {
    let base = from
    for (;;) {
      const path = `${base ? `${base}/` : ''}node_modules/${name}`
      if (packages[path]) return path
      if (!base) return undefined
      const at = base.lastIndexOf('/node_modules/')
      base = at < 0 ? '' : base.slice(0, at)
    }
  }
  const seen = new Set<string>()
  const pending = names.flatMap((name) => find('', name) ?? [])
  while (pending.length > 0) {
    const path = pending.pop()!
    if (seen.has(path)) continue
    seen.add(path)
    for (const name of Object.keys(packages[path]?.dependencies ?? {})) {
      const found = find(path, name)
      if (found) pending.push(found)
    }
  }
  return seen
}

/** Start an installed `newsroom-lake` bin; resolves to its URL once it listens. */
function startLakeBin(bin: string, cwd: string, dataDir: string) {
  const lake = spawn(bin, ['--port', '0', '--data', dataDir, '--quiet'], {cwd, env: ENV})
  const listening = new Promise<string>((done, fail) => {
    let output = ''
    lake.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const match = /listening on (https:\/\/localhost:\d+)/.exec(output)
      if (match) done(match[1]!)
    })
    lake.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    lake.once('exit', (code) => fail(new Error(`newsroom-lake exited (${code}):\n${output}`)))
  })
  const stop = async () => {
    lake.kill('SIGTERM')
    await new Promise((done) => (lake.exitCode === null ? lake.once('exit', done) : done(null)))
  }
  return {listening, stop}
}

/** GET a path of a lake over HTTPS, trusting its certificate. */
function getFromLake(url: string, ca: string): Promise<{status: number; body: string}> {
  return new Promise((done, fail) => {
    const request = httpsGet(url, {ca}, (response) => {
      let body = ''
      response.on('data', (chunk: Buffer) => (body += chunk.toString()))
      response.on('end', () => done({status: response.statusCode ?? 0, body}))
    })
    request.once('error', fail)
  })
}

/** Install `tarball` into an empty folder outside the repository, as a user of it would. */
async function installAlone(tarball: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'newsroom-install-'))
  writeFileSync(join(dir, 'package.json'), JSON.stringify({name: 'user', private: true}))
  await run(
    'npm',
    ['install', '--prefer-offline', '--ignore-scripts', '--no-audit', '--no-fund', tarball],
    {cwd: dir, env: ENV, maxBuffer: BUFFER},
  )
  return dir
}

let built: Promise<void> | undefined
/** `npm run build:packages`, once for the whole file. */
const buildPackages = () =>
  (built ??= run('npm', ['run', 'build:packages'], {cwd: ROOT, env: ENV, maxBuffer: BUFFER}).then(
    () => undefined,
  ))

/** Long enough for three builds and an install on a busy two-core machine. */
const SETUP_TIMEOUT = 900_000

/** A Studio of its own: Sanity's blog template's schema, with Newsroom's features à la carte. */
const BLOG_TEMPLATE_SCHEMA = readFileSync(
  join(ROOT, 'tests/fixtures/blog-template/schema.ts'),
  'utf8',
)

const SCRATCH_FILES: Record<string, string> = {
  'package.json': JSON.stringify({name: 'scratch-studio', private: true, type: 'module'}),
  // Two workspaces, one build: Newsroom's content model, and a blog that brings its own schema.
  'sanity.config.ts': `import {defineConfig} from 'sanity'
import {structureTool} from 'sanity/structure'
import {newsroom, newsroomStructure} from 'sanity-plugin-newsroom'

import {blogTemplateNewsroomOptions, blogTemplateTypes} from './blog-schema.ts'

const project = {projectId: 'scratch', dataset: 'production'}

export default defineConfig([
  {
    ...project,
    name: 'default',
    basePath: '/news',
    plugins: [structureTool({structure: newsroomStructure}), newsroom({reactionKinds: [{name: 'love', title: 'Love'}]})],
  },
  {
    ...project,
    name: 'blog',
    basePath: '/blog',
    schema: {types: blogTemplateTypes},
    plugins: [structureTool(), newsroom(blogTemplateNewsroomOptions)],
  },
])
`,
  'blog-schema.ts': BLOG_TEMPLATE_SCHEMA,
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
      allowImportingTsExtensions: true,
      skipLibCheck: true,
      types: [],
    },
    include: ['sanity.config.ts', 'blog-schema.ts', 'server.ts'],
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

describe('the plugin package', () => {
  let scratch = ''
  let tarball = ''
  let packed: Packed

  beforeAll(async () => {
    await buildPackages()
    scratch = mkdtempSync(join(ROOT, '.tmp-package-'))
    packed = await pack(ROOT, scratch)
    tarball = join(scratch, packed.filename)
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
      STUDIO_PACKAGES.map((name) => [name, ROOT_MANIFEST.devDependencies[name]]),
    )
    writeFileSync(
      join(scratch, 'package.json'),
      JSON.stringify({
        ...JSON.parse(SCRATCH_FILES['package.json']!),
        dependencies: studioDependencies,
      }),
    )
  }, SETUP_TIMEOUT)

  afterAll(() => {
    if (scratch) rmSync(scratch, {recursive: true, force: true})
  })

  it('packs to a small tarball: the built entry points, the README, license and changelog', () => {
    expect(packed.size).toBeLessThan(MAX_PLUGIN_TARBALL_BYTES)
    const others = packed.files.map((file) => file.path).filter((path) => !path.startsWith('dist/'))
    expect(others).toContain('package.json')
    expect(others.filter((path) => !PACKAGE_DOCS.includes(path))).toEqual([])
  })

  it('adds at most two packages to a Studio besides itself', () => {
    const lockfile = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, {dependencies?: Record<string, string>}>
    }
    const studio = lockfileClosure(lockfile.packages, STUDIO_PACKAGES)
    const plugin = lockfileClosure(lockfile.packages, Object.keys(ROOT_MANIFEST.dependencies))
    expect(studio.size).toBeGreaterThan(500)
    expect(plugin.size).toBeGreaterThan(0)
    const added = [...plugin].filter((path) => !studio.has(path))
    expect(added.length, added.join(', ')).toBeLessThanOrEqual(MAX_ADDED_PACKAGES)
  })

  it('installs from the tarball with built files only, no sources or tests', () => {
    const installed = join(scratch, 'node_modules/sanity-plugin-newsroom')
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'))
    expect(manifest.name).toBe('sanity-plugin-newsroom')
    expect(Object.keys(manifest.exports)).toEqual([...Object.keys(ENTRY_POINTS), './package.json'])
    for (const entry of Object.values(manifest.exports as Record<string, {default?: string}>)) {
      if (typeof entry === 'object') expect(existsSync(join(installed, entry.default!))).toBe(true)
    }
    expect(readdirSync(installed).filter((name) => !PACKAGE_DOCS.includes(name))).toEqual(['dist'])
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

  it('builds a Studio that uses newsroom(), and its blog that brings its own schema, with sanity build', async () => {
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
    expect(bundle).toMatch(/basePath:["'`]\/blog["'`]/)
  })

  it('validates the blog’s own schema with the features à la carte with sanity schema validate', async () => {
    // One workspace a run, as Sanity validates them: the blog's, with the features à la carte.
    const {stdout, stderr} = await run('sanity', ['schema', 'validate', '--workspace', 'blog'], {
      cwd: scratch,
      env: ENV,
      maxBuffer: BUFFER,
    })
    const output = `${stdout}\n${stderr}`
    expect(output).toMatch(/Errors: +0 errors/)
    expect(output).toMatch(/Warnings: +0 warnings/)
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
})

describe('the lake package', () => {
  let installed = ''

  beforeAll(async () => {
    await buildPackages()
    const destination = mkdtempSync(join(tmpdir(), 'newsroom-pack-'))
    const packed = await pack(join(ROOT, 'lake'), destination)
    installed = await installAlone(join(destination, packed.filename))
  }, SETUP_TIMEOUT)

  afterAll(() => {
    if (installed) rmSync(installed, {recursive: true, force: true})
  })

  it('installs alone and its bin answers a query through its worker processes', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'newsroom-bin-lake-'))
    const lake = startLakeBin(
      join(installed, 'node_modules/.bin/newsroom-lake'),
      installed,
      dataDir,
    )
    try {
      const url = await lake.listening
      const ca = readFileSync(join(dataDir, 'ca.pem'), 'utf8')
      const query = encodeURIComponent('count(*[_type == "post"])')
      const answer = await getFromLake(
        `${url}/v2025-02-19/data/query/production?query=${query}`,
        ca,
      )
      expect(answer.status).toBe(200)
      expect(JSON.parse(answer.body).result).toBe(0)
    } finally {
      await lake.stop()
      rmSync(dataDir, {recursive: true, force: true})
    }
  })

  it('installs nothing of the plugin or the Studio', () => {
    for (const name of ['sanity-plugin-newsroom', 'sanity', 'react', '@sanity/ui']) {
      expect(existsSync(join(installed, 'node_modules', name))).toBe(false)
    }
  })
})

describe('the WordPress import package', () => {
  let installed = ''

  beforeAll(async () => {
    await buildPackages()
    const destination = mkdtempSync(join(tmpdir(), 'newsroom-pack-'))
    const packed = await pack(join(ROOT, 'import-wordpress'), destination)
    installed = await installAlone(join(destination, packed.filename))
  }, SETUP_TIMEOUT)

  afterAll(() => {
    if (installed) rmSync(installed, {recursive: true, force: true})
  })

  it('installs alone and its bin prints its usage', async () => {
    const {stdout} = await run(
      join(installed, 'node_modules/.bin/newsroom-import-wordpress'),
      ['--help'],
      {cwd: installed, env: ENV},
    )
    expect(stdout).toMatch(/^Usage /)
    expect(stdout).toContain('\n  newsroom-import-wordpress <export.xml> [options]\n')
    expect(stdout).toContain('--media <dir>')
  })

  it('bundles the plugin pieces it uses, so neither the plugin nor the Studio is installed', () => {
    for (const name of ['sanity-plugin-newsroom', 'newsroom-lake', 'sanity', 'react']) {
      expect(existsSync(join(installed, 'node_modules', name))).toBe(false)
    }
  })
})
