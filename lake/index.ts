/**
 * `newsroom-lake`: the local content lake as a library, for tests, dev servers and scripts that
 * start one in-process. The command line is the `newsroom-lake` bin (`cli.ts`); reaching a
 * running lake from another process is `newsroom-lake/client`.
 */
export {DEFAULT_CONFIG, defaultQueryWorkers} from './config.ts'
export {certificatePingUrls, createLake, type Lake} from './server.ts'
export {
  DEFAULT_HOSTNAMES,
  ensureCertificate,
  spkiSha256,
  trustInstructions,
  type LakeCertificate,
} from './tls.ts'
export {
  exportFromLake,
  importIntoLake,
  type ExportOptions,
  type ImportOptions,
} from './import-export.ts'
export {
  createLakeClient,
  endpointFromDataDir,
  LAKE_API_VERSION,
  trustCertificate,
  type LakeClientOptions,
  type LakeEndpoint,
} from './connection.ts'
export type {LakeConfig, LakeDocument, Role} from './types.ts'
