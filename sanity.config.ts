import {visionTool} from '@sanity/vision'
import {defineConfig} from 'sanity'
import {structureTool} from 'sanity/structure'

import {checkLakeFromStudio} from './lake/studio-check.ts'
import {
  API_VERSION,
  newsroom,
  newsroomPresentation,
  newsroomStructure,
} from './plugins/newsroom/index.ts'

/**
 * The demo Studio. With no environment set it talks to the local content lake (`npm run lake`,
 * started for you by `npm run dev`); point it at a real Sanity project with SANITY_STUDIO_PROJECT_ID,
 * SANITY_STUDIO_DATASET and SANITY_STUDIO_API_HOST (unset it, or https://api.sanity.io, for Sanity).
 */
const projectId = process.env.SANITY_STUDIO_PROJECT_ID || 'local'
const dataset = process.env.SANITY_STUDIO_DATASET || 'production'
const apiHost =
  process.env.SANITY_STUDIO_API_HOST ??
  (process.env.SANITY_STUDIO_PROJECT_ID ? 'https://api.sanity.io' : 'https://localhost:3334')

/**
 * The reader site the Presentation tool frames (docs/preview.md): `npm run dev` serves it on
 * http://localhost:3000; SANITY_STUDIO_PREVIEW_URL points the tool elsewhere.
 */
const previewUrl = process.env.SANITY_STUDIO_PREVIEW_URL || 'http://localhost:3000'

/** The local lake has no content releases or scheduled drafts, so the Studio does not offer them. */
const onLocalLake = /^https:\/\/(localhost|127\.0\.0\.1)(:|\/|$)/.test(apiHost)

// A browser that does not trust the local lake's certificate yet goes to the lake's guide, rather
// than meeting the Studio's bare "Couldn't reach the Sanity servers".
if (onLocalLake) checkLakeFromStudio({apiHost, projectId})

export default defineConfig({
  name: 'default',
  title: 'Newsroom',
  projectId,
  dataset,
  apiHost: apiHost || 'https://api.sanity.io',
  releases: {enabled: !onLocalLake},
  scheduledDrafts: {enabled: !onLocalLake},
  plugins: [
    structureTool({structure: newsroomStructure}),
    visionTool({defaultApiVersion: API_VERSION}),
    newsroom(),
    newsroomPresentation({previewUrl}),
  ],
})
