/**
 * `npm run bench:package`: what the package costs the people who install it.
 *
 * - The Studio bundle with and without `newsroom()`: `sanity build` twice on two scratch Studio
 *   configs that differ only in that plugin (the baseline is the Studio without it), gzip sizes of
 *   all JavaScript, and the difference. Goal: the plugin adds at most 30 kB gzip.
 * - Each entry point of the built package (`npm run build:package` first) with every chunk it
 *   imports, raw and gzip. Goal: `./read-time` under 5 kB gzip.
 */
import {execFileSync} from 'node:child_process'
import {existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {dirname, join, resolve} from 'node:path'
import {gzipSync} from 'node:zlib'

import {ENTRY_POINTS} from '../tests/support/package.ts'

const ROOT = resolve(import.meta.dirname, '..')
const BIN = join(ROOT, 'node_modules/.bin')
const ENV = {
  ...process.env,
  PATH: `${BIN}:${process.env.PATH ?? ''}`,
  SANITY_TELEMETRY_DISABLED: '1',
}
const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  devDependencies: Record<string, string>
  exports: Record<string, {default?: string}>
}

function studioConfig(withPlugin: boolean): string {
  return `import {defineConfig} from 'sanity'
import {structureTool} from 'sanity/structure'
${withPlugin ? "import {newsroom, newsroomStructure} from '../plugins/newsroom/index.ts'\n" : ''}
export default defineConfig({
  projectId: 'bench',
  dataset: 'production',
  plugins: [${withPlugin ? 'structureTool({structure: newsroomStructure}), newsroom()' : 'structureTool()'}],
})
`
}

/** Builds a scratch Studio and returns the gzip size of all its JavaScript. */
function buildStudio(withPlugin: boolean): {raw: number; gzip: number; ms: number} {
  const dir = mkdtempSync(join(ROOT, '.tmp-bench-package-'))
  try {
    const dependencies = Object.fromEntries(
      ['sanity', 'react', 'react-dom', 'styled-components'].map((name) => [
        name,
        manifest.devDependencies[name],
      ]),
    )
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({name: 'bench-studio', private: true, type: 'module', dependencies}),
    )
    writeFileSync(join(dir, 'sanity.config.ts'), studioConfig(withPlugin))
    writeFileSync(
      join(dir, 'sanity.cli.ts'),
      "import {defineCliConfig} from 'sanity/cli'\nexport default defineCliConfig({api: {projectId: 'bench', dataset: 'production'}, deployment: {autoUpdates: false}})\n",
    )
    const started = performance.now()
    execFileSync('sanity', ['build', 'out', '--yes'], {cwd: dir, env: ENV, stdio: 'pipe'})
    const ms = performance.now() - started
    let raw = 0
    let gzip = 0
    const out = join(dir, 'out')
    for (const file of readdirSync(out, {recursive: true, encoding: 'utf8'})) {
      if (!file.endsWith('.js')) continue
      const bytes = readFileSync(join(out, file))
      raw += bytes.length
      gzip += gzipSync(bytes, {level: 9}).length
    }
    return {raw, gzip, ms}
  } finally {
    rmSync(dir, {recursive: true, force: true})
  }
}

/** An entry file and every local chunk it imports, transitively. */
function entryFiles(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen
  seen.add(file)
  const text = readFileSync(file, 'utf8')
  for (const [, specifier] of text.matchAll(/(?:from|import\()\s*["'](\.[^"']+)["']/g)) {
    entryFiles(resolve(dirname(file), specifier!), seen)
  }
  return seen
}

function main() {
  if (!existsSync(join(ROOT, 'dist/index.js'))) {
    console.log('dist/ is missing: building the package first (npm run build:package)')
    execFileSync('npm', ['run', 'build:package'], {cwd: ROOT, env: ENV, stdio: 'inherit'})
  }
  console.log('Package benchmark\n\nEntry points (with the chunks each imports):')
  for (const entry of Object.keys(ENTRY_POINTS)) {
    const target = manifest.exports[entry]?.default
    if (!target) continue
    let raw = 0
    let gzip = 0
    for (const file of entryFiles(resolve(ROOT, target))) {
      const bytes = readFileSync(file)
      raw += bytes.length
      gzip += gzipSync(bytes, {level: 9}).length
    }
    const goal =
      entry === './read-time' ? ` (goal < 5 kB: ${gzip < 5 * 1024 ? 'met' : 'MISSED'})` : ''
    console.log(
      `  ${entry.padEnd(12)} ${kB(raw).padStart(9)} raw ${kB(gzip).padStart(9)} gzip${goal}`,
    )
  }

  console.log('\nStudio bundle, all JavaScript (sanity build, two scratch Studios):')
  const without = buildStudio(false)
  console.log(
    `  without newsroom() (baseline) ${kB(without.gzip).padStart(9)} gzip  (${kB(without.raw)} raw, built in ${(without.ms / 1000).toFixed(1)} s)`,
  )
  const withPlugin = buildStudio(true)
  console.log(
    `  with newsroom()               ${kB(withPlugin.gzip).padStart(9)} gzip  (${kB(withPlugin.raw)} raw, built in ${(withPlugin.ms / 1000).toFixed(1)} s)`,
  )
  const added = withPlugin.gzip - without.gzip
  console.log(
    `  added by the plugin           ${kB(added).padStart(9)} gzip  ratio ${(withPlugin.gzip / without.gzip).toFixed(4)} (goal ≤ 30 kB: ${added <= 30 * 1024 ? 'met' : 'MISSED'})`,
  )
}

main()
