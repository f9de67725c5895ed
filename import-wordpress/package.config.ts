import {defineConfig} from '@sanity/pkg-utils'

/**
 * `npm run build -w newsroom-import-wordpress` (and `npm pack`): the import as a library and the
 * `newsroom-import-wordpress` command in dist/. The plugin's framework-free entry points and the
 * lake's client are devDependencies, so they are bundled: the command installs on its own,
 * without the Studio's packages the plugin names as peers.
 */
export default defineConfig({
  src: '.',
  dist: 'dist',
  tsconfig: 'tsconfig.dist.json',
  runtime: 'node',
  bundles: [{source: './cli.ts', import: './dist/cli.js', runtime: 'node'}],
  strictOptions: {
    // npm publishes `exports` as written: `source` conditions point at files a user never resolves.
    noPublishConfigExports: 'off',
  },
  extract: {rules: {'ae-missing-release-tag': 'off', 'ae-internal-missing-underscore': 'off'}},
})
