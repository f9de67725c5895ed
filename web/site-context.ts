import type {ImageSourceBuilder} from './images.ts'
import type {EditPath} from './preview-page.ts'

/**
 * The `data-sanity` attribute of a field of a document, for the Presentation tool's overlays:
 * set on preview pages only.
 */
export type EditAttributeOf = (doc: {_id: string; _type: string}, path: EditPath) => string

/** What every page component needs from the site besides its data. */
export interface SiteContext {
  images: ImageSourceBuilder
  /** `2026-11-25T09:00:00.000Z` → `November 25, 2026` in the site's language and time zone. */
  formatDate: (isoDateTime: string) => string
  /** Preview pages only: the click-to-edit attribute of a field. Public pages have none. */
  edit?: EditAttributeOf
}

/** A date formatter for `lang` in `timeZone`; an unparseable value comes back as is. */
export function createDateFormatter(lang: string, timeZone: string): SiteContext['formatDate'] {
  const format = new Intl.DateTimeFormat(lang, {dateStyle: 'long', timeZone})
  return (isoDateTime) => {
    const date = new Date(isoDateTime)
    return Number.isNaN(date.getTime()) ? isoDateTime : format.format(date)
  }
}
