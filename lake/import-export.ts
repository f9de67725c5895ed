/**
 * `npm run lake -- export|import`: move a dataset in and out of a RUNNING lake in
 * `sanity dataset export` format, over HTTP with the admin token from the data dir, so the server
 * stays the single writer. `.tar.gz` archives (documents + assets) go through `@sanity/export`
 * and `@sanity/import`; plain NDJSON is the dataset's `/data/export` stream as is.
 */
import {createReadStream, createWriteStream} from 'node:fs'
import {resolve} from 'node:path'
import {Readable, type Writable} from 'node:stream'
import {pipeline} from 'node:stream/promises'
import type {SanityClient} from '@sanity/client'
import {createLakeClient, type LakeEndpoint} from './connection.ts'

export {endpointFromDataDir, type LakeEndpoint} from './connection.ts'

function clientFor(endpoint: LakeEndpoint, dataset: string): SanityClient {
  return createLakeClient({...endpoint, dataset})
}

/** Options of `exportFromLake`. */
export interface ExportOptions {
  endpoint: LakeEndpoint
  dataset: string
  /** A `.ndjson` path, a `.tar.gz` path (documents + assets), `-` or a stream for NDJSON. */
  output: string | Writable
}

/** Export a dataset; resolves to the number of documents written. */
export async function exportFromLake({endpoint, dataset, output}: ExportOptions): Promise<number> {
  const client = clientFor(endpoint, dataset)
  if (typeof output === 'string' && /\.tar\.gz$|\.tgz$/.test(output)) {
    const {exportDataset: sanityExport} = await import('@sanity/export')
    const result = await sanityExport({client, dataset, outputPath: resolve(output), assets: true})
    return result.documentCount
  }
  const response = await fetch(client.getUrl(`/data/export/${dataset}`), {
    headers: {authorization: `Bearer ${endpoint.token}`},
  })
  if (!response.ok || !response.body) {
    throw new Error(`Export failed: HTTP ${response.status} ${await response.text()}`)
  }
  let count = 0
  const counted = Readable.fromWeb(response.body as never).on('data', (chunk: Buffer) => {
    for (const byte of chunk) if (byte === 10) count++
  })
  const sink =
    output === '-'
      ? process.stdout
      : typeof output === 'string'
        ? createWriteStream(output)
        : output
  if (sink === process.stdout) {
    for await (const chunk of counted) process.stdout.write(chunk as Buffer)
  } else {
    await pipeline(counted, sink)
  }
  return count
}

/** Options of `importIntoLake`. */
export interface ImportOptions {
  endpoint: LakeEndpoint
  dataset: string
  /** An NDJSON file, a `sanity dataset export` `.tar.gz`, or `-` for NDJSON on stdin. */
  input: string
  /** What to do with ids that already exist: fail (default), replace them, or keep them. */
  mode?: 'create' | 'replace' | 'missing'
  onProgress?: (step: string) => void
}

/** Import documents (and, from a `.tar.gz`, assets); resolves to the number of documents. */
export async function importIntoLake(options: ImportOptions): Promise<number> {
  const {endpoint, dataset, input, mode = 'create'} = options
  const client = clientFor(endpoint, dataset)
  const source = input === '-' ? process.stdin : createReadStream(resolve(input))
  const {sanityImport} = await import('@sanity/import')
  const result = await sanityImport(source, {
    client,
    operation:
      mode === 'replace' ? 'createOrReplace' : mode === 'missing' ? 'createIfNotExists' : 'create',
    onProgress: (event) => options.onProgress?.(event.step),
  })
  return result.numDocs
}
