import {defineConfig} from '@sanity/pkg-utils'

/**
 * `npm run build:package`: the npm package in dist/. The entry points come from `exports` in
 * package.json; the local lake's command line and its query worker are extra bundles behind the
 * `newsroom-lake` bin.
 */
export default defineConfig({
  src: '.',
  dist: 'dist',
  tsconfig: 'tsconfig.dist.json',
  // node:sqlite is newer than the module list the bundler knows: a built-in all the same.
  external: ['node:sqlite'],
  // We write no styled-components of our own.
  babel: {styledComponents: false},
  bundles: [
    {source: './lake/cli.ts', import: './dist/lake/cli.js', runtime: 'node'},
    // The engine forks `worker.js` from its own folder: the chunk folder once bundled.
    {source: './lake/query/worker.ts', import: './dist/_chunks-es/worker.js', runtime: 'node'},
  ],
  strictOptions: {
    // The Studio brings @sanity/ui; as a peer it is never installed or bundled a second time.
    noSanityUiPeerDependency: 'off',
    // npm publishes `exports` as written: `source` conditions point at files a user never resolves.
    noPublishConfigExports: 'off',
  },
  extract: {rules: {'ae-missing-release-tag': 'off', 'ae-internal-missing-underscore': 'off'}},
})
