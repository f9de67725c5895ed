/**
 * The architecture, checked over the real import graph of the source tree.
 *
 * Four packages, one per job (npm workspaces):
 *
 *   sanity-plugin-newsroom (the root):  core ← schemas ← plugins,  core ← queries
 *   newsroom-lake (lake/)               the local content lake, nothing of the plugin
 *   newsroom-import-wordpress (import-wordpress/)
 *   newsroom-web (web/, private)        the example frontend
 *
 * A package imports a sibling only through the sibling's published entry points (its `exports`),
 * never a file by path, and every package it imports is one its package.json declares. Inside the
 * plugin no layer imports one above it, and the core imports neither React nor the Studio. No file
 * takes part in an import cycle. Test files beside the code are repository-only and exempt from
 * the package rules (they may read fixtures anywhere), not from the cycle check.
 */
import {readdirSync, readFileSync, type Dirent} from 'node:fs'
import {builtinModules} from 'node:module'
import {dirname, join, relative, resolve} from 'node:path'
import {describe, expect, it} from 'vitest'

const ROOT = resolve(import.meta.dirname, '../..')

interface Manifest {
  name: string
  exports?: Record<string, {source?: string} | string>
  dependencies?: Record<string, string>
  peerDependencies?: Record<string, string>
  devDependencies?: Record<string, string>
}

const readManifest = (dir: string) =>
  JSON.parse(readFileSync(join(ROOT, dir, 'package.json'), 'utf8')) as Manifest

/** Each package: its folders (relative to the repository) and its manifest's folder. */
const PACKAGES = {
  plugin: {dir: '.', folders: ['core', 'schemas', 'plugins', 'queries']},
  lake: {dir: 'lake', folders: ['lake']},
  importer: {dir: 'import-wordpress', folders: ['import-wordpress']},
  web: {dir: 'web', folders: ['web']},
} as const
type PackageKey = keyof typeof PACKAGES

/** Inside the plugin: each layer and the layers it may import (besides itself). */
const PLUGIN_LAYERS: Record<string, readonly string[]> = {
  core: [],
  schemas: ['core'],
  plugins: ['core', 'schemas'],
  queries: ['core'],
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
    if (entry.isDirectory()) {
      return ['node_modules', 'dist'].includes(entry.name) ? [] : sourceFiles(path)
    }
    return /\.tsx?$/.test(entry.name) && !/\.d\.ts$/.test(entry.name) ? [path] : []
  })
}

/**
 * Relative imports resolved to repo paths, and bare package specifiers, of one file. An
 * `import type … from 'pkg'` is erased from the build, so it needs no dependency (schema-dts types
 * the JSON-LD builder at build time only): those specifiers are `typePackages`.
 */
function importsOf(file: string): {files: string[]; packages: string[]; typePackages: string[]} {
  const text = readFileSync(join(ROOT, file), 'utf8')
  const files: string[] = []
  const packages: string[] = []
  const typePackages: string[] = []
  for (const match of text.matchAll(IMPORT)) {
    const specifier = match[1] ?? match[2]
    if (!specifier) continue
    if (specifier.startsWith('.')) {
      files.push(relative(ROOT, resolve(ROOT, dirname(file), specifier)))
    } else if (!specifier.startsWith('node:') && !builtinModules.includes(specifier)) {
      if (/^\s*import\s+type\s/.test(match[0])) typePackages.push(specifier)
      else packages.push(specifier)
    }
  }
  return {files, packages, typePackages}
}

/** `@scope/name/sub` → `@scope/name`; `name/sub` → `name`. */
const packageNameOf = (specifier: string) =>
  specifier.startsWith('@')
    ? specifier.split('/').slice(0, 2).join('/')
    : (specifier.split('/')[0] ?? '')

/** Repository-only files inside a package's folder: tests beside the code, the build's config. */
const isTest = (file: string) => /\.test\.tsx?$|(^|\/)package\.config\.ts$/.test(file)
const layerOf = (file: string) => file.split('/')[0] ?? ''
const packageOf = (file: string): PackageKey | undefined =>
  (Object.keys(PACKAGES) as PackageKey[]).find((key) =>
    (PACKAGES[key].folders as readonly string[]).includes(layerOf(file)),
  )

const manifests = Object.fromEntries(
  (Object.keys(PACKAGES) as PackageKey[]).map((key) => [key, readManifest(PACKAGES[key].dir)]),
) as Record<PackageKey, Manifest>
const siblingByName = new Map(
  (Object.keys(PACKAGES) as PackageKey[]).map((key) => [manifests[key].name, key]),
)

const files = (Object.keys(PACKAGES) as PackageKey[]).flatMap((key) =>
  PACKAGES[key].folders.flatMap(sourceFiles),
)
const graph = new Map(files.map((file) => [file, importsOf(file)]))
const shipped = [...graph].filter(([file]) => !isTest(file))

describe('the packages', () => {
  it('finds the source tree', () => {
    expect(files).toContain('core/api-version.ts')
    expect(files).toContain('plugins/newsroom/plugin.tsx')
    expect(files).toContain('lake/server.ts')
    expect(files).toContain('import-wordpress/importer.ts')
    expect(files).toContain('web/app.tsx')
    expect(graph.get('schemas/documents/tag.ts')?.files).toContain('core/api-version.ts')
    expect(graph.get('import-wordpress/plan.ts')?.packages).toContain(
      'sanity-plugin-newsroom/related',
    )
  })

  it('imports no file of another package by path', () => {
    const violations = shipped.flatMap(([file, {files: targets}]) =>
      targets
        .filter((target) => packageOf(target) !== packageOf(file))
        .map((target) => `${file} → ${target}`),
    )
    expect(violations).toEqual([])
  })

  it('imports a sibling package only through its published entry points', () => {
    const violations = shipped.flatMap(([file, {packages}]) =>
      packages
        .filter((specifier) => {
          const sibling = siblingByName.get(packageNameOf(specifier))
          if (!sibling) return false
          const subpath = `.${specifier.slice(packageNameOf(specifier).length)}`
          return sibling === packageOf(file) || !(subpath in (manifests[sibling].exports ?? {}))
        })
        .map((specifier) => `${file} → ${specifier}`),
    )
    expect(violations).toEqual([])
  })

  it('declares every package each package imports', () => {
    const violations = shipped.flatMap(([file, {packages}]) => {
      const manifest = manifests[packageOf(file)!]
      const declared = {
        ...manifest.dependencies,
        ...manifest.peerDependencies,
        // The plugin's devDependencies are the Studio and tools, never bundled into dist; a
        // separate package's devDependencies are siblings it bundles (see its package.config.ts).
        ...(packageOf(file) === 'plugin' ? {} : manifest.devDependencies),
      }
      return packages
        .filter((specifier) => !(packageNameOf(specifier) in declared))
        .map((specifier) => `${file} → ${specifier}`)
    })
    expect(violations).toEqual([])
  })

  it('lets the plugin depend on nothing it does not import', () => {
    const imported = new Set(
      shipped
        .filter(([file]) => packageOf(file) === 'plugin')
        .flatMap(([, {packages, typePackages}]) =>
          [...packages, ...typePackages].map(packageNameOf),
        ),
    )
    expect(
      Object.keys(manifests.plugin.dependencies ?? {}).filter((n) => !imported.has(n)),
    ).toEqual([])
  })

  it('keeps the lake apart from the plugin', () => {
    const violations = shipped
      .filter(([file]) => packageOf(file) === 'lake')
      .flatMap(([file, {packages}]) =>
        packages
          .filter((specifier) => siblingByName.has(packageNameOf(specifier)))
          .map((specifier) => `${file} → ${specifier}`),
      )
    expect(violations).toEqual([])
  })
})

describe('the plugin layers', () => {
  const pluginFiles = [...graph].filter(([file]) => packageOf(file) === 'plugin')

  it('has no layer importing one above it', () => {
    const violations = pluginFiles.flatMap(([file, {files: targets}]) =>
      targets
        .filter((target) => {
          const from = layerOf(file)
          const to = layerOf(target)
          return to !== from && packageOf(target) === 'plugin' && !PLUGIN_LAYERS[from]?.includes(to)
        })
        .map((target) => `${file} → ${target}`),
    )
    expect(violations).toEqual([])
  })

  it('keeps React and the Studio out of the core', () => {
    const violations = pluginFiles
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
      Object.values(manifests.plugin.exports ?? {}).flatMap((target) =>
        typeof target === 'object' && target.source ? [target.source.replace(/^\.\//, '')] : [],
      ),
    )
    expect(entries.size).toBeGreaterThan(0)
    const violations = pluginFiles.flatMap(([file, {files: targets}]) =>
      targets.filter((target) => entries.has(target)).map((target) => `${file} → ${target}`),
    )
    expect(violations).toEqual([])
  })
})

describe('the import graph', () => {
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
