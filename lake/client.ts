/**
 * `newsroom-lake/client`: reach a running lake from another process (node builtins and
 * `@sanity/client` only, no server code).
 */
export {
  createLakeClient,
  endpointFromDataDir,
  LAKE_API_VERSION,
  trustCertificate,
  type LakeClientOptions,
  type LakeEndpoint,
} from './connection.ts'
