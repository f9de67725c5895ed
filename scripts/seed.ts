/**
 * `node scripts/seed.ts [--data .lake] [--url <lake url>] [--dataset production]` writes the demo
 * content (scripts/seed-content.ts) into a running lake. Idempotent and polite: each seed document
 * is created at most once per dataset (a marker document remembers which), so an editor's later
 * edits and deletions are never undone; images are uploaded only if their asset is missing.
 */
import type {SanityClient} from '@sanity/client'
import {parseArgs} from 'node:util'

import {API_VERSION} from '../core/api-version.ts'
import {createLakeClient, endpointFromDataDir} from '../lake/client.ts'
import {buildSeedContent, type SeedContent} from './seed-content.ts'

/**
 * Remembers which seed documents were ever created in the dataset. The dotted id keeps it out of
 * anonymous reads, and its type is in no schema, so editors never see it in the Studio.
 */
export const SEED_MARKER_ID = 'newsroom.seed'

/** What a seeding run did. */
export interface SeedReport {
  created: string[]
  /** Seed documents already there, or seeded before and since deleted by an editor. */
  kept: string[]
  uploaded: string[]
}

/**
 * Seeds through `client` (a write token, `useProjectHostname: false` for the local lake). The
 * documents and the marker go in one transaction, so a reader never sees half the demo content.
 */
export async function seedLake(
  client: SanityClient,
  content: SeedContent = buildSeedContent(),
): Promise<SeedReport> {
  const uploaded: string[] = []
  for (const image of content.images) {
    if (await client.getDocument(image.assetId)) continue
    const asset = await client.assets.upload('image', image.bytes, {
      filename: image.filename,
      contentType: 'image/png',
    })
    if (asset._id !== image.assetId) {
      throw new Error(`seed: uploaded ${image.filename} as ${asset._id}, expected ${image.assetId}`)
    }
    uploaded.push(asset._id)
  }

  const ids = content.documents.map((doc) => doc._id)
  const [marker, ...docs] = await client.getDocuments([SEED_MARKER_ID, ...ids])
  const seededBefore = new Set<string>(
    Array.isArray(marker?.documents) ? (marker.documents as string[]) : [],
  )
  for (const doc of docs) if (doc) seededBefore.add(doc._id)
  const missing = content.documents.filter((doc) => !seededBefore.has(doc._id))
  if (missing.length > 0) {
    const transaction = client.transaction()
    for (const doc of missing) transaction.createIfNotExists(doc)
    transaction.createOrReplace({
      _id: SEED_MARKER_ID,
      _type: SEED_MARKER_ID,
      documents: [...new Set([...seededBefore, ...ids])].sort(),
    })
    await transaction.commit({visibility: 'sync', tag: 'newsroom.seed'})
  }
  return {
    created: missing.map((doc) => doc._id),
    kept: ids.filter((id) => seededBefore.has(id)),
    uploaded,
  }
}

/** A client for the lake whose data dir is `dataDir`, trusting its certificate. */
export function lakeClient(options: {
  dataDir: string
  url?: string
  dataset: string
}): SanityClient {
  const endpoint = endpointFromDataDir(options.dataDir, options.url)
  return createLakeClient({...endpoint, dataset: options.dataset, apiVersion: API_VERSION})
}

async function main(): Promise<void> {
  const {values} = parseArgs({
    options: {
      data: {type: 'string', default: '.lake'},
      url: {type: 'string'},
      dataset: {type: 'string', default: 'production'},
      help: {type: 'boolean', short: 'h'},
    },
  })
  if (values.help) {
    console.log(
      'Usage: node scripts/seed.ts [--data .lake] [--url https://localhost:3334] [--dataset production]',
    )
    return
  }
  const client = lakeClient({dataDir: values.data, url: values.url, dataset: values.dataset})
  const report = await seedLake(client)
  console.log(
    `seed: created ${report.created.length} document(s), kept ${report.kept.length}, uploaded ${report.uploaded.length} image(s)`,
  )
}

if (import.meta.main) {
  main().catch((error: unknown) => {
    console.error(`seed: ${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  })
}
