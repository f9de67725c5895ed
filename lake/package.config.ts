import {defineConfig} from '@sanity/pkg-utils'

/**
 * `npm run build -w newsroom-lake` (and `npm pack`): the lake's library, its client entry and the
 * `newsroom-lake` command in dist/. The engine forks `worker.js` from its own folder, the chunk
 * folder once bundled.
 */
export default defineConfig({
  src: '.',
  dist: 'dist',
  tsconfig: 'tsconfig.dist.json',
  runtime: 'node',
  // node:sqlite is newer than the module list the bundler knows: a built-in all the same.
  external: ['node:sqlite'],
  bundles: [
    {source: './cli.ts', import: './dist/cli.js', runtime: 'node'},
    {source: './query/worker.ts', import: './dist/_chunks-es/worker.js', runtime: 'node'},
  ],
  strictOptions: {
    // npm publishes `exports` as written: `source` conditions point at files a user never resolves.
    noPublishConfigExports: 'off',
  },
  extract: {rules: {'ae-missing-release-tag': 'off', 'ae-internal-missing-underscore': 'off'}},
})
