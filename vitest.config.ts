import {defineConfig} from 'vitest/config'

// Four projects, cheapest first. `npm test` runs them all; `vitest run --project <name>` one.
export default defineConfig({
  test: {
    projects: [
      {
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
        test: {
          name: 'component',
          environment: 'jsdom',
          include: [
            'schemas/**/*.test.tsx',
            'plugins/**/*.test.tsx',
          ],
        },
      },
      {
        test: {
          name: 'lake',
          environment: 'node',
          include: ['tests/lake/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts', 'tests/build/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
})
