/**
 * The lake's configuration defaults, in a module of their own so the CLI can print them in
 * `--help` without loading the server.
 */
import {availableParallelism} from 'node:os'
import type {LakeConfig} from './types.ts'

/**
 * Query worker processes: one more than the cores (at least 3), so that a couple of runaway
 * queries, demoted to the lowest OS priority, never take every worker ordinary queries need.
 */
export function defaultQueryWorkers(): number {
  return Math.max(2, availableParallelism()) + 1
}

/** `NEWSROOM_LAKE_LOG_QUERIES=full`: slow-query log lines carry the whole query and its params. */
export const LOG_QUERIES_ENV = 'NEWSROOM_LAKE_LOG_QUERIES'

/** Defaults for every `LakeConfig` field but `dataDir`. */
export const DEFAULT_CONFIG: Omit<LakeConfig, 'dataDir'> = {
  host: '127.0.0.1',
  port: 3334,
  projectId: 'local',
  datasets: ['production'],
  corsOrigins: ['http://localhost:3333', 'http://localhost:3000'],
  studioUrl: 'http://localhost:3333/',
  maxBodyBytes: 64 * 1024 * 1024,
  queryTimeoutMs: 10_000,
  maxResultBytes: 32 * 1024 * 1024,
  queryWorkers: defaultQueryWorkers(),
  logRequests: true,
  slowQueryMs: 1000,
  logFullQueries: process.env[LOG_QUERIES_ENV] === 'full',
  limits: true,
}
