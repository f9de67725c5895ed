import {defineCliConfig} from 'sanity/cli'

export default defineCliConfig({
  api: {
    projectId: process.env.SANITY_STUDIO_PROJECT_ID || 'local',
    dataset: process.env.SANITY_STUDIO_DATASET || 'production',
  },
  server: {port: 3333},
  typegen: {
    path: './queries/**/*.ts',
    schema: './schema.json',
    // The staleness test (tests/build/typegen.test.ts) generates into a scratch file.
    generates: process.env.NEWSROOM_TYPEGEN_OUTPUT || './queries/sanity.types.ts',
  },
  // Never phone home from builds or CI.
  deployment: {autoUpdates: false},
})
