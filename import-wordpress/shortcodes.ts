/**
 * WordPress shortcodes in post bodies. `[caption]` becomes a `<figure>` with a `<figcaption>`
 * (an image with its caption, further on), `[gallery]` its images in order (`media.ts`),
 * `[audio]`, `[video]` and `[embed]url[/embed]` a media block holding the URL; every other
 * shortcode is kept as the text it is and listed, so an editor can replace it by hand.
 *
 * A bracketed word counts as a shortcode only when it is one of WordPress's own, has `key=value`
 * attributes or a closing tag: `[sic]`, `[1]` and `[Note added later]` in prose are text,
 * `[contact-form-7 id="3"]` is a shortcode.
 */
import {
  galleryHtml,
  mediaHtml,
  NO_MEDIA,
  playerUrl,
  shortcodeGallery,
  type PostMedia,
} from './media.ts'

/** WordPress's built-in shortcodes (and the old `wp_caption`). */
const CORE_SHORTCODES = new Set([
  'audio',
  'caption',
  'embed',
  'gallery',
  'playlist',
  'video',
  'wp_caption',
])

/** `[name attrs]`, `[name attrs /]`, or an escaped `[[name]]`. */
const OPENING = /\[(\[?)([a-zA-Z][\w-]*)((?:\s[^\]]*?)?)(\/?)\](\]?)/g

/** What {@link expandShortcodes} found and did. */
export interface ShortcodeResult {
  html: string
  /** Shortcodes kept as text, as written (long ones shortened). */
  kept: string[]
  /** What was converted only approximately, for the report. */
  notes: string[]
}

/** Gallery attributes that only shape its layout, which the body does not keep. */
const GALLERY_LAYOUT = [
  'columns',
  'size',
  'link',
  'type',
  'orderby',
  'itemtag',
  'icontag',
  'captiontag',
]

/** `id="attachment_12" width='300' align=center` → `{id: 'attachment_12', width: '300', …}`. */
export function parseShortcodeAttributes(text: string): Record<string, string> {
  const attributes: Record<string, string> = {}
  const pattern = /([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s'"]+))/g
  for (const match of text.matchAll(pattern)) {
    attributes[(match[1] as string).toLowerCase()] = match[2] ?? match[3] ?? match[4] ?? ''
  }
  return attributes
}

/** `[caption …]<a><img></a> Caption[/caption]` as a figure; undefined when it holds no image. */
function captionFigure(attributes: Record<string, string>, inner: string): string | undefined {
  const match = /^\s*(?:<a\b[^>]*>\s*)?(<img\b[^>]*>)(?:\s*<\/a>)?([\s\S]*)$/i.exec(inner)
  if (!match) return undefined
  const caption = (match[2] as string).trim() || attributes.caption || ''
  return `<figure class="wp-caption">${match[1]}<figcaption>${caption}</figcaption></figure>`
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ')
  return flat.length > 80 ? `${flat.slice(0, 79)}…` : flat
}

/** Reads the shortcodes of `html`; see the module comment. */
export function expandShortcodes(html: string, media: PostMedia = NO_MEDIA): ShortcodeResult {
  const kept: string[] = []
  const notes: string[] = []
  const parts: string[] = []
  let position = 0
  OPENING.lastIndex = 0
  for (let match = OPENING.exec(html); match; match = OPENING.exec(html)) {
    const [tag, escapeOpen, rawName = '', attributeText = '', selfClosing, escapeClose] = match
    const start = match.index
    if (escapeOpen && escapeClose) continue
    const name = rawName.toLowerCase()
    const closingTag = `[/${rawName}]`
    const closingAt = selfClosing ? -1 : html.indexOf(closingTag, start + tag.length)
    const enclosing = closingAt >= 0
    const attributes = parseShortcodeAttributes(attributeText)
    const hasAttributes = Object.keys(attributes).length > 0
    if (!CORE_SHORTCODES.has(name) && !hasAttributes && !enclosing) continue
    const end = enclosing ? closingAt + closingTag.length : start + tag.length
    const inner = enclosing ? html.slice(start + tag.length, closingAt) : ''

    let replacement: string | undefined
    if (name === 'caption' || name === 'wp_caption') replacement = captionFigure(attributes, inner)
    else if (name === 'embed') {
      const url = (inner.trim() || attributes.src || '').trim()
      if (/^https?:\/\//.test(url)) replacement = mediaHtml('embed', url)
    } else if (name === 'audio' || name === 'video') {
      const url = playerUrl(name, attributes, attributeText, media)
      if (url && /^https?:\/\//.test(url)) replacement = mediaHtml(name, url)
    } else if (name === 'gallery') {
      const gallery = shortcodeGallery(attributes, media)
      if (gallery.images.length > 0) {
        replacement = galleryHtml(gallery.images)
        const written = shorten(html.slice(start, end))
        const layout = GALLERY_LAYOUT.filter((attribute) => attributes[attribute] !== undefined)
        notes.push(
          `${written} became ${gallery.images.length} images in the body, in order` +
            (layout.length > 0 ? `; its ${layout.join(', ')} not kept` : '') +
            (gallery.missing.length > 0
              ? `; attachments ${gallery.missing.join(', ')} are not in the export`
              : ''),
        )
      }
    }
    if (replacement === undefined) {
      kept.push(shorten(html.slice(start, end)))
      // The text stays; shortcodes inside an enclosing one are looked at too.
      continue
    }
    parts.push(html.slice(position, start), replacement)
    position = end
    OPENING.lastIndex = end
  }
  parts.push(html.slice(position))
  return {html: parts.join(''), kept, notes}
}
