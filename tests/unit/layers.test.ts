/**
 * The dependency direction, checked over the real import graph of the source tree:
 *
 *   core ← schemas ← plugins        core ← queries ← web        core ← lake
 *
 * and the site (web) reaches core and queries only through the package's entry points.
 *
 * Nothing imports a layer above it, no file takes part in an import cycle, and the core imports
 * neither React nor the Studio (servers, frontends and scripts import it alone).
 */
import {readdirSync, readFileSync, type Dirent} from 'node:fs'
import {dirname, join, relative, resolve} from 'node:path'
import {describe, expect, it} from 'vitest'

const ROOT = resolve(import.meta.dirname, '../..')

/** Each layer and the layers it may import (besides itself). */
const ALLOWED: Record<string, readonly string[]> = {
  core: [],
  schemas: ['core'],
  plugins: ['core', 'schemas'],
  queries: ['core'],
  web: ['core', 'queries'],
  lake: ['core'],
}

/** Packages the framework-free core must never load. */
const STUDIO_PACKAGES =
  /^(react|react-dom|sanity|@sanity\/ui|@sanity\/icons|styled-components)(\/|$)/

const IMPORT =
  /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g

function sourceFiles(dir: string): string[] {
  let entries: Dirent[]
  try {
    entries = readdirSync(join(ROOT, dir), {withFileTypes: true})
  } catch {
    return []
  }
  return entries.flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path)
    return /\.tsx?$/.test(entry.name) && !/\.d\.ts$/.test(entry.name) ? [path] : []
  })
}

/** Relative imports resolved to repo paths, and bare package specifiers, of one file. */
function importsOf(file: string): {files: string[]; packages: string[]} {
  const text = readFileSync(join(ROOT, file), 'utf8')
  const files: string[] = []
  const packages: string[] = []
  for (const match of text.matchAll(IMPORT)) {
    const specifier = match[1] ?? match[2]
    if (!specifier) continue
    if (specifier.startsWith('.')) {
      files.push(relative(ROOT, resolve(ROOT, dirname(file), specifier)))
    } else if (!specifier.startsWith('node:')) {
      packages.push(specifier)
    }
  }
  return {files, packages}
}

const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  exports: Record<string, {source?: string} | string>
}
const layerOf = (file: string) => file.split('/')[0] ?? ''
const files = Object.keys(ALLOWED).flatMap(sourceFiles)
const graph = new Map(files.map((file) => [file, importsOf(file)]))

describe('the dependency direction', () => {
  it('finds the source tree', () => {
    expect(files).toContain('core/api-version.ts')
    expect(files).toContain('plugins/newsroom/plugin.tsx')
    expect(graph.get('schemas/documents/tag.ts')?.files).toContain('core/api-version.ts')
  })

  it('has no layer importing one above it', () => {
    const isTest = (file: string) => /\.test\.tsx?$/.test(file)
    const violations = [...graph].flatMap(([file, {files: targets}]) =>
      targets
        .filter((target) => {
          const from = layerOf(file)
          const to = layerOf(target)
          // Tests beside the code may use the shared test support and fixtures.
          if (to === 'tests' && isTest(file)) return false
          return to !== from && !ALLOWED[from]?.includes(to)
        })
        .map((target) => `${file} → ${target}`),
    )
    expect(violations).toEqual([])
  })

  it('keeps React and the Studio out of the core', () => {
    const violations = [...graph]
      .filter(([file]) => layerOf(file) === 'core')
      .flatMap(([file, {packages}]) =>
        packages.filter((name) => STUDIO_PACKAGES.test(name)).map((name) => `${file} → ${name}`),
      )
    expect(violations).toEqual([])
  })

  it('imports no package entry point from inside the package', () => {
    // The bundler treats an entry file imported from another entry as the package itself
    // (a self-reference); code inside imports the module that defines a name, never the index.
    const entries = new Set(
      Object.values(manifest.exports).flatMap((target) =>
        typeof target === 'object' && target.source ? [target.source.replace(/^\.\//, '')] : [],
      ),
    )
    expect(entries.size).toBeGreaterThan(0)
    // web/ is not in the package: it uses the entry points the way any frontend does.
    const violations = [...graph]
      .filter(([file]) => layerOf(file) !== 'web')
      .flatMap(([file, {files: targets}]) =>
        targets.filter((target) => entries.has(target)).map((target) => `${file} → ${target}`),
      )
    expect(violations).toEqual([])
  })

  it('has the site import the plugin only through its entry points, as any frontend does', () => {
    const entries = new Set(
      Object.values(manifest.exports).flatMap((target) =>
        typeof target === 'object' && target.source ? [target.source.replace(/^\.\//, '')] : [],
      ),
    )
    const violations = [...graph]
      .filter(([file]) => layerOf(file) === 'web')
      .flatMap(([file, {files: targets}]) =>
        targets
          .filter((target) => ['core', 'queries', 'schemas', 'plugins'].includes(layerOf(target)))
          .filter((target) => !entries.has(target))
          .map((target) => `${file} → ${target}`),
      )
    expect(violations).toEqual([])
  })

  it('has no import cycle', () => {
    const cycles: string[] = []
    const state = new Map<string, 'visiting' | 'done'>()
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === 'done') return
      if (state.get(file) === 'visiting') {
        cycles.push([...path.slice(path.indexOf(file)), file].join(' → '))
        return
      }
      state.set(file, 'visiting')
      for (const target of graph.get(file)?.files ?? []) visit(target, [...path, file])
      state.set(file, 'done')
    }
    for (const file of graph.keys()) visit(file, [])
    expect(cycles).toEqual([])
  })
})
