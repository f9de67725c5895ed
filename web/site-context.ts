import type {ImageSourceBuilder} from './images.ts'

/** What every page component needs from the site besides its data. */
export interface SiteContext {
  images: ImageSourceBuilder
  /** `2026-11-25T09:00:00.000Z` → `November 25, 2026` in the site's language and time zone. */
  formatDate: (isoDateTime: string) => string
}

/** A date formatter for `lang` in `timeZone`; an unparseable value comes back as is. */
export function createDateFormatter(lang: string, timeZone: string): SiteContext['formatDate'] {
  const format = new Intl.DateTimeFormat(lang, {dateStyle: 'long', timeZone})
  return (isoDateTime) => {
    const date = new Date(isoDateTime)
    return Number.isNaN(date.getTime()) ? isoDateTime : format.format(date)
  }
}
