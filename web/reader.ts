/**
 * How the reader site talks to the content lake: published content only, through the CDN, with
 * no token, and a clear line between "the lake is unreachable" (a 503 page) and everything else.
 */
import {createClient, type ClientConfig, type SanityClient} from '@sanity/client'

import {API_VERSION} from 'sanity-plugin-newsroom/queries'

/** The lake could not answer (network error, timeout, 5xx or 429): worth a 503 and a retry. */
export class LakeUnavailableError extends Error {
  override name = 'LakeUnavailableError'
}

/**
 * The client the site reads with: `client` pinned to the published perspective and the CDN.
 * Throws when `client` carries a token, so no token can ever be used to render a public page.
 */
export function readerClientFrom(client: SanityClient): SanityClient {
  if (client.config().token) {
    throw new Error(
      '[newsroom] The reader site reads published content without a token; pass a client without `token`.',
    )
  }
  return client.withConfig({perspective: 'published', useCdn: true})
}

/** Runs one lake request, turning an unreachable lake into a `LakeUnavailableError`. */
export async function readLake<T>(request: () => Promise<T>): Promise<T> {
  try {
    return await request()
  } catch (error) {
    const status = (error as {statusCode?: unknown}).statusCode
    const unavailable = typeof status !== 'number' || status >= 500 || status === 429
    if (unavailable) {
      throw new LakeUnavailableError('The content lake did not answer', {cause: error})
    }
    throw error
  }
}

/** Where the site reads from: a Sanity project, or the local lake. */
export interface ReaderClientConfig {
  projectId: string
  dataset: string
  /** `https://api.sanity.io` for Sanity; the local lake's URL, e.g. `https://localhost:3334`. */
  apiHost: string
}

/** Whether `apiHost` is Sanity's hosted API (and its images come from Sanity's CDN). */
export const isSanityHosted = (apiHost: string): boolean =>
  /^https:\/\/api\.sanity\.io\/?$/.test(apiHost)

/**
 * A token-less CDN client for `config`. Against anything but `api.sanity.io` the project id stays
 * out of the host name (Node does not resolve `<projectId>.localhost`). Few retries: a reader
 * waiting on a lake that is down should see the 503 page soon.
 */
export function createReaderClient(config: ReaderClientConfig): SanityClient {
  return createClient({
    projectId: config.projectId,
    dataset: config.dataset,
    apiHost: config.apiHost,
    useProjectHostname: isSanityHosted(config.apiHost),
    apiVersion: API_VERSION,
    useCdn: true,
    perspective: 'published',
    maxRetries: 1,
    timeout: 10_000,
  })
}

/** A live-API (no CDN) client for `config` with `token`, for the server side only. */
function serverClient(
  config: ReaderClientConfig & {token: string},
  settings: Pick<ClientConfig, 'maxRetries' | 'perspective'>,
): SanityClient {
  return createClient({
    projectId: config.projectId,
    dataset: config.dataset,
    apiHost: config.apiHost,
    useProjectHostname: isSanityHosted(config.apiHost),
    apiVersion: API_VERSION,
    useCdn: false,
    token: config.token,
    timeout: 10_000,
    ...settings,
  })
}

/**
 * The reaction API's client for `config`: the live API (no CDN) with `token`, which must be able
 * to write. Server side only; the site never reads pages with it.
 */
export function createReactionsWriteClient(
  config: ReaderClientConfig & {token: string},
): SanityClient {
  // The reaction store retries, within its deadline; the client must not retry on its own.
  return serverClient(config, {maxRetries: 0})
}

/**
 * Preview mode's client for `config`: the live API (no CDN) with `token`, which must be able to
 * read drafts (a viewer token). Server side only: it checks the Studio's preview URL secret and
 * reads preview pages; the site never sends it to a browser.
 */
export function createPreviewReadClient(
  config: ReaderClientConfig & {token: string},
): SanityClient {
  return serverClient(config, {maxRetries: 1, perspective: 'drafts'})
}
