/** Prefix of every error the plugin throws, so a user knows where it came from. */
export const PLUGIN_NAME = 'newsroom'
