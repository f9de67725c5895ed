/**
 * The text of a short HTML fragment (a title, a term name, an attachment's caption): entities
 * decoded, tags gone, runs of white space made one space. Plain text and the entities WordPress
 * writes are decoded here; anything else (a tag, an entity this table lacks, a numeric one HTML
 * maps specially) goes to jsdom, loaded on first need, so a run that converts nothing never
 * loads it.
 */
import {createHtmlParser} from './html-document.ts'

/** Named entities WordPress's exports use, and their characters. */
const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  hellip: '…',
  ndash: '–',
  mdash: '—',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  copy: '©',
  reg: '®',
  trade: '™',
  deg: '°',
  times: '×',
  euro: '€',
  middot: '·',
  bull: '•',
}

const ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z][a-zA-Z0-9]{1,31}));/g

/** A code point HTML decodes as itself (not C1 controls, NUL, surrogates or past Unicode). */
function plainCodePoint(code: number): boolean {
  return (
    code > 0 &&
    code <= 0x10ffff &&
    !(code >= 0x80 && code <= 0x9f) &&
    !(code >= 0xd800 && code <= 0xdfff)
  )
}

/** Decodes `text` if every `&` in it is an entity this module knows; undefined otherwise. */
function decodeSimple(text: string): string | undefined {
  let failed = false
  const decoded = text.replace(ENTITY, (entity, decimal?: string, hex?: string, name?: string) => {
    if (name !== undefined) {
      const char = Object.hasOwn(NAMED, name) ? NAMED[name] : undefined
      if (char === undefined) failed = true
      return char ?? entity
    }
    const code = decimal !== undefined ? Number(decimal) : Number.parseInt(hex as string, 16)
    if (!plainCodePoint(code)) {
      failed = true
      return entity
    }
    return String.fromCodePoint(code)
  })
  // An `&` left over that is not plain text (`&amp` without `;`, `&copy` …) is for the parser.
  if (failed || /&(?!\s|$)/.test(text.replace(ENTITY, ''))) return undefined
  return decoded
}

let parse: ((html: string) => Document) | undefined

/** The text of `html`; see the module comment. */
export function htmlText(html: string): string {
  if (!/[<&]/.test(html)) return html.replace(/\s+/g, ' ').trim()
  if (!html.includes('<')) {
    const decoded = decodeSimple(html)
    if (decoded !== undefined) return decoded.replace(/\s+/g, ' ').trim()
  }
  parse ??= createHtmlParser()
  return (parse(html).body.textContent ?? '').replace(/\s+/g, ' ').trim()
}
