/** The one API version every client in the plugin uses (perspectives default to `published`). */
export const API_VERSION = '2025-02-19'

/** Prefix of every error the plugin throws, so a user knows where it came from. */
export const PLUGIN_NAME = 'newsroom'
