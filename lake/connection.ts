/**
 * Reaching a running lake from Node: where it is (its data dir's `lake.json`, admin token and
 * certificate), trusting its certificate, and one `@sanity/client` factory for it. Behind the
 * `newsroom-lake/client` entry point: node builtins and `@sanity/client` only, so scripts and the
 * WordPress import load it without the server.
 */
import {existsSync, readFileSync} from 'node:fs'
import {join, resolve} from 'node:path'
import tls from 'node:tls'
import {createClient, type ClientPerspective, type SanityClient} from '@sanity/client'

/** The API version the lake's own clients (import, export, scripts) speak; the lake serves any. */
export const LAKE_API_VERSION = '2025-02-19'

/** How to reach a running lake, as written to `<data>/lake.json` by the server command. */
export interface LakeEndpoint {
  url: string
  projectId: string
  token: string
  certPem?: string
}

/**
 * Find the running lake for `dataDir`: its URL (from `lake.json`, unless `url` is given), the
 * admin token and the certificate to trust.
 */
export function endpointFromDataDir(dataDir: string, url?: string): LakeEndpoint {
  const dir = resolve(dataDir)
  const tokenPath = join(dir, 'admin-token')
  if (!existsSync(tokenPath)) {
    throw new Error(
      `No admin token in ${dir}; start the lake first: npm run lake -- --data ${dataDir}`,
    )
  }
  const info = existsSync(join(dir, 'lake.json'))
    ? (JSON.parse(readFileSync(join(dir, 'lake.json'), 'utf8')) as {
        url?: string
        projectId?: string
      })
    : {}
  const target = url ?? info.url
  if (!target) throw new Error(`No running lake found for ${dir}; pass --url`)
  const certPath = join(dir, 'ca.pem')
  return {
    url: target,
    projectId: info.projectId ?? 'local',
    token: readFileSync(tokenPath, 'utf8').trim(),
    certPem: existsSync(certPath) ? readFileSync(certPath, 'utf8') : undefined,
  }
}

const trusted = new Set<string>()

/**
 * Make this process (fetch, https, `@sanity/client`) trust `certPem` besides the usual roots,
 * without disabling any TLS check.
 */
export function trustCertificate(certPem: string): void {
  if (trusted.has(certPem)) return
  trusted.add(certPem)
  tls.setDefaultCACertificates([...tls.getCACertificates('default'), ...trusted])
}

/** Options of {@link createLakeClient}. */
export interface LakeClientOptions {
  /** The lake's URL, e.g. `https://localhost:3334`. */
  url: string
  dataset: string
  /** @defaultValue `'local'` */
  projectId?: string
  /** Omit for an anonymous reader (published documents only). */
  token?: string
  /** The lake's certificate, trusted for this process (see {@link trustCertificate}). */
  certPem?: string
  /** @defaultValue {@link LAKE_API_VERSION} */
  apiVersion?: string
  /** Read through the CDN path (`apicdn`-style, as a frontend does). @defaultValue false */
  useCdn?: boolean
  /** `@sanity/client`'s retries of failed GETs and queries. @defaultValue its own (5) */
  maxRetries?: number
  /** @defaultValue the API version's default (`published` from v2025-02-19) */
  perspective?: ClientPerspective
}

/**
 * A `@sanity/client` for a local lake. Node does not resolve `<projectId>.localhost`, so the
 * client keeps the project out of the host name (`useProjectHostname: false`); the paths are the
 * same as Sanity's.
 */
export function createLakeClient(options: LakeClientOptions): SanityClient {
  if (options.certPem) trustCertificate(options.certPem)
  return createClient({
    projectId: options.projectId ?? 'local',
    dataset: options.dataset,
    apiHost: options.url,
    useProjectHostname: false,
    apiVersion: options.apiVersion ?? LAKE_API_VERSION,
    useCdn: options.useCdn ?? false,
    ...(options.token ? {token: options.token} : {}),
    ...(options.maxRetries === undefined ? {} : {maxRetries: options.maxRetries}),
    ...(options.perspective ? {perspective: options.perspective} : {}),
  })
}
