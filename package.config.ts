import {defineConfig} from '@sanity/pkg-utils'

/**
 * `npm run build:package`: the plugin's npm package in dist/, one bundle per entry point of
 * `exports` in package.json. The lake and the WordPress import are packages of their own
 * (`lake/`, `import-wordpress/`), built by their own package.config.ts.
 */
export default defineConfig({
  src: '.',
  dist: 'dist',
  tsconfig: 'tsconfig.dist.json',
  // No source maps in the tarball: they were two thirds of it (embedded TypeScript sources), and
  // a Studio's bundler maps the plugin's small, unminified ESM well enough without them.
  sourcemap: false,
  // We write no styled-components of our own.
  babel: {styledComponents: false},
  strictOptions: {
    // The Studio brings @sanity/ui; as a peer it is never installed or bundled a second time.
    noSanityUiPeerDependency: 'off',
    // npm publishes `exports` as written: `source` conditions point at files a user never resolves.
    noPublishConfigExports: 'off',
  },
  extract: {rules: {'ae-missing-release-tag': 'off', 'ae-internal-missing-underscore': 'off'}},
})
