/** Slugs and array keys the import gives the documents it writes (the seed uses the same). */
import {createHash} from 'node:crypto'

/** A URL slug from a title: ASCII letters and digits joined by dashes, at most 96 characters. */
export function slugify(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’'`]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 96)
}

/** A stable 12-hex-digit `_key` for array items, derived from where the item lives. */
export function stableKey(...parts: Array<string | number>): string {
  return createHash('sha1').update(parts.join(':')).digest('hex').slice(0, 12)
}
