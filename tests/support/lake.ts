/**
 * Start an in-process local content lake for a test file: fresh temp data dir, 127.0.0.1 on a
 * free port, and this process trusting the lake's certificate (no TLS checks disabled).
 */
import {spawn, type ChildProcess} from 'node:child_process'
import {mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, resolve} from 'node:path'
import type {ClientPerspective, SanityClient} from '@sanity/client'
import {API_VERSION} from '../../core/api-version.ts'
import {createLake, type Lake} from '../../lake/server.ts'
import {createLakeClient, trustCertificate} from '../../lake/client.ts'
import type {LakeConfig} from '../../lake/types.ts'

export {trustCertificate}

/** The API version tests use unless they ask for another: the project's one. */
export const TEST_API_VERSION = API_VERSION

/** Options for `TestLake.client`. */
export interface TestClientOptions {
  /** Which token to send; none means anonymous. */
  token?: 'admin' | 'viewer'
  useCdn?: boolean
  apiVersion?: string
  perspective?: ClientPerspective
  dataset?: string
}

/** A lake started for tests, with client helpers. */
export interface TestLake {
  lake: Lake
  url: string
  adminToken: string
  viewerToken: string
  dataDir: string
  /** A `@sanity/client` pointed at the lake (`useProjectHostname: false`). */
  client(options?: TestClientOptions): SanityClient
  /** Stop the lake and delete its data dir. */
  close(): Promise<void>
}

/** Start a lake with a fresh data dir; always `close()` it in `afterAll`. */
export async function startTestLake(options: Partial<LakeConfig> = {}): Promise<TestLake> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'lake-test-'))
  const lake = await createLake({
    host: '127.0.0.1',
    port: 0,
    logRequests: false,
    queryWorkers: 1,
    ...options,
    dataDir,
  })
  trustCertificate(lake.certificate.trustPem)
  return {
    lake,
    url: lake.url,
    adminToken: lake.adminToken,
    viewerToken: lake.viewerToken,
    dataDir,
    client(clientOptions = {}) {
      const token =
        clientOptions.token === 'admin'
          ? lake.adminToken
          : clientOptions.token === 'viewer'
            ? lake.viewerToken
            : undefined
      return createLakeClient({
        url: lake.url,
        projectId: lake.config.projectId,
        dataset: clientOptions.dataset ?? lake.config.datasets[0] ?? 'production',
        apiVersion: clientOptions.apiVersion ?? TEST_API_VERSION,
        useCdn: clientOptions.useCdn ?? false,
        token,
        ...(clientOptions.perspective ? {perspective: clientOptions.perspective} : {}),
      })
    },
    async close() {
      await lake.close()
      if (!options.dataDir) rmSync(dataDir, {recursive: true, force: true})
    },
  }
}

/** A lake running as a child process: a test can `kill -9` it and start another on the same data. */
export interface LakeProcess {
  child: ChildProcess
  url: string
}

const LAKE_CLI = resolve(import.meta.dirname, '../../lake/cli.ts')

/**
 * Starts `node lake/cli.ts` on a free port over `dataDir`; resolves with its URL once it listens
 * (and its certificate trusted), rejects with its stderr if it exits first. The caller stops it.
 */
export async function startLakeProcess(dataDir: string): Promise<LakeProcess> {
  const child = spawn(process.execPath, [LAKE_CLI, '--port', '0', '--data', dataDir, '--quiet'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk))
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = ''
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk
      const match = /listening on (https:\/\/\S+)/.exec(stdout)
      if (match) resolve(match[1] as string)
    })
    child.once('exit', (code) => reject(new Error(`lake exited with ${code}: ${stderr}`)))
  })
  trustCertificate(readFileSync(join(dataDir, 'ca.pem'), 'utf8'))
  return {child, url}
}
