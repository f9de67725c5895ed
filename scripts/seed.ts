/**
 * `node scripts/seed.ts [--data .lake] [--url <lake url>] [--dataset production]` writes the demo
 * content (scripts/seed-content.ts) into a running lake. Idempotent and polite: documents are
 * created only if their fixed ids are missing, so an editor's later changes are never overwritten;
 * images are uploaded only if their asset is missing.
 */
import {createClient, type SanityClient} from '@sanity/client'
import {parseArgs} from 'node:util'

import {endpointFromDataDir} from '../lake/import-export.ts'
import {trustCertificate} from '../lake/tls.ts'
import {buildSeedContent, type SeedContent} from './seed-content.ts'

/** The API version the seed speaks. */
export const SEED_API_VERSION = '2025-02-19'

/** What a seeding run did. */
export interface SeedReport {
  created: string[]
  kept: string[]
  uploaded: string[]
}

/**
 * Seeds through `client` (a write token, `useProjectHostname: false` for the local lake). The
 * documents go in one transaction, so a reader never sees half the demo content.
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
  const existing = new Set(
    (await client.getDocuments(ids)).filter((doc) => doc !== null).map((doc) => doc._id),
  )
  const missing = content.documents.filter((doc) => !existing.has(doc._id))
  if (missing.length > 0) {
    const transaction = client.transaction()
    for (const doc of missing) transaction.createIfNotExists(doc)
    await transaction.commit({visibility: 'sync', tag: 'newsroom.seed'})
  }
  return {
    created: missing.map((doc) => doc._id),
    kept: ids.filter((id) => existing.has(id)),
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
  if (endpoint.certPem) trustCertificate(endpoint.certPem)
  return createClient({
    projectId: endpoint.projectId,
    dataset: options.dataset,
    apiHost: endpoint.url,
    useProjectHostname: false,
    apiVersion: SEED_API_VERSION,
    useCdn: false,
    token: endpoint.token,
  })
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
