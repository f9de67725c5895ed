/**
 * Footnotes of the block editor. WordPress keeps a post's footnotes in its meta (`footnotes`: JSON,
 * `[{"id": "<uuid>", "content": "<html>"}]`) and marks each reference in the text with
 * `<sup data-fn="<uuid>" class="fn"><a href="#<uuid>" id="<uuid>-link">1</a></sup>`; the
 * `wp:footnotes` block only says where the list is shown. The import writes the list to the
 * post's `footnotes` field (shown after the body) and each marker as a `footnoteReference`
 * annotation on its number, pointing at the footnote's `_key`.
 */

/** The `href` a marker gets between the HTML step and the annotation it becomes. */
const FOOTNOTE_HREF_PREFIX = '#newsroom-footnote:'

/** A footnote as WordPress stores it. */
export interface WordPressFootnote {
  id: string
  /** HTML. */
  content: string
}

/** A footnote as the post stores it (`schemas/objects/footnote.ts`). */
export interface Footnote {
  _type: 'footnote'
  _key: string
  text: string
}

/**
 * The footnotes of a post's `footnotes` meta, in order; an empty list when there is none, and
 * `undefined` when the meta is there but is not the JSON WordPress writes.
 */
export function parseFootnotesMeta(meta: string | undefined): WordPressFootnote[] | undefined {
  if (meta === undefined || meta.trim() === '') return []
  let value: unknown
  try {
    value = JSON.parse(meta)
  } catch {
    return undefined
  }
  if (!Array.isArray(value)) return undefined
  const footnotes: WordPressFootnote[] = []
  for (const entry of value) {
    const {id, content} = (entry ?? {}) as {id?: unknown; content?: unknown}
    if (typeof id !== 'string' || !id || typeof content !== 'string') return undefined
    footnotes.push({id, content})
  }
  return footnotes
}

const MARKER = /<sup\b[^>]*\sdata-fn\s*=\s*"([^"]+)"[^>]*>([\s\S]*?)<\/sup>/gi

/** Each footnote marker of `html` as a link the conversion keeps (its number as its text). */
export function markFootnoteReferences(html: string): {html: string} {
  if (!html.includes('data-fn')) return {html}
  return {
    html: html.replace(MARKER, (_marker, id: string, inner: string) => {
      const label = inner.replace(/<[^>]*>/g, '').trim() || '*'
      return `<a href="${FOOTNOTE_HREF_PREFIX}${encodeURIComponent(id)}">${label}</a>`
    }),
  }
}

/** The WordPress footnote id a marker's link points at, or undefined for any other link. */
export function footnoteKeyFrom(href: string | undefined): string | undefined {
  if (!href?.startsWith(FOOTNOTE_HREF_PREFIX)) return undefined
  try {
    return decodeURIComponent(href.slice(FOOTNOTE_HREF_PREFIX.length))
  } catch {
    return undefined
  }
}
