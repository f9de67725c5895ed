/**
 * Where a script writes: a `@sanity/client` for the local lake (`--data <dir>`, `--url <lake
 * url>`: the admin token and certificate come from the lake's data dir) or for a real Sanity
 * project (`--project <id>`: the token comes from `SANITY_AUTH_TOKEN`), plus a preflight that turns
 * a bad token, an unknown dataset or an unreachable host into one clear line before anything is
 * written. Shared by the WordPress import and the read-time backfill.
 */
import {createClient, type SanityClient} from '@sanity/client'

import {createLakeClient, endpointFromDataDir} from 'newsroom-lake/client'
import {API_VERSION} from 'sanity-plugin-newsroom/queries'

/** The target flags, as `parseArgs` returns them. */
export interface TargetFlags {
  /** The local lake's data dir (its admin token, certificate and URL). */
  data?: string
  /** The local lake's URL, when it is not the one recorded in the data dir. */
  url?: string
  /** A real Sanity project id. */
  project?: string
  dataset?: string
}

/** The `parseArgs` options of the target flags, to spread into a script's own. */
export const TARGET_OPTIONS = {
  data: {type: 'string'},
  url: {type: 'string'},
  project: {type: 'string'},
  dataset: {type: 'string'},
} as const

/** The target flags as a usage line shows them. */
export const TARGET_USAGE = '[--dataset <name>] [--data <dir> | --url <lake url> | --project <id>]'

/** @defaultValue of `--data` */
export const DEFAULT_DATA_DIR = '.lake'
/** @defaultValue of `--dataset` */
export const DEFAULT_DATASET = 'production'

/** A resolved target: the client and what to call it in messages. */
export interface Target {
  client: SanityClient
  kind: 'lake' | 'project'
  dataset: string
  /** The API host, e.g. `https://localhost:3334` or `https://abc123.api.sanity.io`. */
  url: string
  /** `the local lake at https://localhost:3334` or `project abc123`. */
  description: string
}

/** A target that cannot be used; its message is the one line a script prints. */
export class TargetError extends Error {
  override name = 'TargetError'
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'EPIPE',
])

const CERTIFICATE_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
])

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

function newClient(make: () => SanityClient): SanityClient {
  try {
    return make()
  } catch (error) {
    // e.g. "Datasets can only contain lowercase characters, …"
    throw new TargetError(messageOf(error))
  }
}

/**
 * The client for `flags`. `--project` needs `SANITY_AUTH_TOKEN`; otherwise the local lake of
 * `--data` (default `.lake`) is used, at `--url` when given. `SANITY_AUTH_TOKEN` also overrides the
 * lake's admin token, for a lake whose data dir is elsewhere.
 */
export function resolveTarget(
  flags: TargetFlags,
  env: Record<string, string | undefined> = process.env,
): Target {
  const dataset = flags.dataset ?? DEFAULT_DATASET
  const envToken = env.SANITY_AUTH_TOKEN?.trim() || undefined
  if (flags.project !== undefined) {
    if (flags.data !== undefined || flags.url !== undefined) {
      throw new TargetError('Pass either --project or --data/--url, not both.')
    }
    if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(flags.project)) {
      throw new TargetError(`"${flags.project}" is not a Sanity project id.`)
    }
    if (!envToken) {
      throw new TargetError(
        `SANITY_AUTH_TOKEN is not set: writing to project ${flags.project} needs a token with write access (sanity.io/manage → API → Tokens).`,
      )
    }
    const client = newClient(() =>
      createClient({
        projectId: flags.project!,
        dataset,
        apiVersion: API_VERSION,
        useCdn: false,
        token: envToken,
      }),
    )
    return {
      client,
      kind: 'project',
      dataset,
      url: `https://${flags.project}.api.sanity.io`,
      description: `project ${flags.project}`,
    }
  }

  let endpoint
  try {
    endpoint = endpointFromDataDir(flags.data ?? DEFAULT_DATA_DIR, flags.url)
  } catch (error) {
    if (!(flags.url && envToken)) throw new TargetError(messageOf(error))
    endpoint = {url: flags.url, projectId: 'local', token: envToken, certPem: undefined}
  }
  const lake = endpoint
  const client = newClient(() =>
    createLakeClient({...lake, dataset, apiVersion: API_VERSION, token: envToken ?? lake.token}),
  )
  return {
    client,
    kind: 'lake',
    dataset,
    url: endpoint.url,
    description: `the local lake at ${endpoint.url}`,
  }
}

interface ClientFailure {
  statusCode?: number
  code?: string
  message: string
  /** The `message` of a Sanity error body. */
  detail?: string
}

function failureOf(error: unknown): ClientFailure {
  const record = (typeof error === 'object' && error !== null ? error : {}) as Record<
    string,
    unknown
  >
  const cause = record.cause as Record<string, unknown> | undefined
  const code = [record.code, cause?.code].find((value) => typeof value === 'string') as
    string | undefined
  const body = (record.response as {body?: unknown} | undefined)?.body
  const detail =
    typeof body === 'object' &&
    body !== null &&
    typeof (body as {message?: unknown}).message === 'string'
      ? (body as {message: string}).message
      : undefined
  return {
    statusCode: typeof record.statusCode === 'number' ? record.statusCode : undefined,
    code,
    message: messageOf(error),
    detail,
  }
}

/**
 * The one line a script prints for a failed request to `target`: which of a bad token, a token
 * that may not write, an unknown dataset, an unreachable host or an untrusted certificate it was.
 */
export function describeTargetFailure(target: Target, error: unknown): string {
  const failure = failureOf(error)
  const detail = failure.detail ?? failure.message
  if (failure.statusCode === 401) {
    const fix =
      target.kind === 'project'
        ? 'check SANITY_AUTH_TOKEN'
        : 'is the lake running from the data dir passed with --data?'
    return `${target.description} rejected the token (401: ${detail}); ${fix}`
  }
  if (failure.statusCode === 403) {
    return `The token may not write to dataset "${target.dataset}" of ${target.description} (403: ${detail}).`
  }
  if (failure.statusCode === 404 && /dataset/i.test(detail)) {
    return `Dataset "${target.dataset}" does not exist in ${target.description}.`
  }
  if (failure.code && CERTIFICATE_CODES.has(failure.code)) {
    return `${target.url} presented a certificate this machine does not trust (${failure.code}).`
  }
  if (failure.code && NETWORK_CODES.has(failure.code)) {
    const hint = target.kind === 'lake' ? ': is the lake running? (npm run lake)' : ''
    return `Cannot reach ${target.url} (${failure.code})${hint}`
  }
  const status = failure.statusCode ? ` (${failure.statusCode})` : ''
  return `${target.description} failed${status}: ${detail}`
}

/** A failed request to the dataset (an HTTP status, or a network error code). */
function isRequestFailure(error: unknown): boolean {
  const {statusCode, code} = (error ?? {}) as {statusCode?: unknown; code?: unknown}
  return typeof statusCode === 'number' || typeof code === 'string'
}

/**
 * The one line a script prints when it stops: the message of its own errors (`ownErrors`, and
 * {@link TargetError}), a failed request described against `target`, else the error's message.
 */
export function describeScriptFailure(
  error: unknown,
  target: Target | undefined,
  ownErrors: ReadonlyArray<abstract new (...args: never[]) => Error> = [],
): string {
  if (error instanceof TargetError || ownErrors.some((type) => error instanceof type)) {
    return (error as Error).message
  }
  const line =
    target && isRequestFailure(error)
      ? describeTargetFailure(target, error)
      : error instanceof Error
        ? error.message
        : String(error)
  return line.replace(/\s*\n\s*/g, ' ')
}

/** Options of {@link preflightTarget}. */
export interface PreflightOptions {
  /** Also check that the token may write (a dry-run mutation). @defaultValue true */
  write?: boolean
}

/** The id of the dry-run document the write check pretends to create; never written. */
const PREFLIGHT_ID = 'newsroom.preflight'

/**
 * Checks, before anything is written, that `target` answers, knows the dataset and accepts the
 * token (for writing too, unless `write: false`). Throws a {@link TargetError} whose message is
 * one line saying what is wrong.
 */
export async function preflightTarget(
  target: Target,
  options: PreflightOptions = {},
): Promise<void> {
  const tag = 'newsroom.preflight'
  // One attempt: a host that is down should say so now, not after the client's retries.
  const client = createClient({...target.client.config(), maxRetries: 0})
  try {
    await client.fetch('count(*[_id == $id])', {id: PREFLIGHT_ID}, {tag})
    if (options.write ?? true) {
      await client.mutate([{createIfNotExists: {_id: PREFLIGHT_ID, _type: PREFLIGHT_ID}}], {
        dryRun: true,
        tag,
      })
    }
  } catch (error) {
    throw new TargetError(describeTargetFailure(target, error))
  }
}
