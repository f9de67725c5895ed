/** Document id helpers shared by the schemas, the plugin and the server-side code. */

/** Strip the draft or version prefix so a draft and its published document compare equal. */
export function publishedIdOf(id: string | undefined): string | undefined {
  if (!id) return id
  if (id.startsWith('drafts.')) return id.slice('drafts.'.length)
  if (id.startsWith('versions.')) return id.split('.').slice(2).join('.')
  return id
}
