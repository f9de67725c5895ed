/**
 * The one Sanity HTTP API version the whole project speaks: the plugin's client, the queries, the
 * scripts, the lake's own import/export client and the tests. From this version on, queries default
 * to the `published` perspective.
 */
export const API_VERSION = '2025-02-19'
