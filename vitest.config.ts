import {defineConfig} from 'vitest/config'

// Four projects, cheapest first. `npm test` runs them all; `vitest run --project <name>` one.
// Sibling packages resolve to their TypeScript sources (the `newsroom-source` export condition),
// as they do for `node --conditions=newsroom-source` in the npm scripts and for tsc.
const conditions = ['newsroom-source']

export default defineConfig({
  resolve: {conditions: [...conditions, 'module', 'browser', 'development|production']},
  ssr: {resolve: {conditions: [...conditions, 'module', 'node', 'development|production']}},
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: [
            'core/**/*.test.ts',
            'schemas/**/*.test.ts',
            'plugins/**/*.test.ts',
            'queries/**/*.test.ts',
            'lake/**/*.test.ts',
            'import-wordpress/**/*.test.ts',
            'web/**/*.test.ts',
            'tests/unit/**/*.test.ts',
          ],
        },
      },
      {
        extends: true,
        test: {
          name: 'component',
          environment: 'jsdom',
          include: ['schemas/**/*.test.tsx', 'plugins/**/*.test.tsx'],
        },
      },
      {
        extends: true,
        test: {
          name: 'lake',
          environment: 'node',
          include: ['tests/lake/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts', 'tests/build/**/*.test.ts'],
          // One Studio build per run and Studio project, shared by the files (tests/support/studio.ts).
          globalSetup: ['tests/support/e2e-setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
})
