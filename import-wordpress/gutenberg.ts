/**
 * Gutenberg (the block editor) stores each block's HTML between comments:
 * `<!-- wp:paragraph -->…<!-- /wp:paragraph -->`, with the block's attributes as JSON in the
 * opening comment, and `<!-- wp:latest-posts {"postsToShow":3} /-->` for dynamic blocks whose
 * HTML the server renders (so the export holds none). This step reads those comments: embeds,
 * audio and video become media blocks (their URL is in the attributes or the HTML), galleries
 * their images in order, dynamic blocks are dropped and listed, and the comments themselves go,
 * leaving the HTML of every other block for the HTML conversion.
 */
import {
  blockGalleryIds,
  blockGalleryImages,
  escapeHtml,
  figureCaption,
  firstSource,
  galleryHtml,
  mediaHtml,
  NO_MEDIA,
  type GalleryImage,
  type PostMedia,
} from './media.ts'

/** A block comment: `<!-- wp:name {attrs} -->`, `<!-- /wp:name -->` or `<!-- wp:name /-->`. */
const BLOCK_COMMENT =
  /<!--\s+(\/)?wp:([a-z][a-z0-9_-]*(?:\/[a-z][a-z0-9_-]*)?)\s+(?:(\{[\s\S]*?\})\s+)?(\/)?-->/g

/**
 * Self-closing blocks that carry no content, so dropping them loses nothing. `footnotes` shows
 * the post's footnotes, which are in its meta and come through on their own.
 */
const CONTENTLESS_BLOCKS = new Set(['more', 'nextpage', 'spacer', 'separator', 'footnotes'])

/** What {@link expandGutenberg} found and did. */
export interface GutenbergResult {
  /** The HTML with embeds replaced by links and every block comment removed. */
  html: string
  /** Blocks left out because the export has no HTML for them: `latest-posts`, `block (ref 12)`. */
  dropped: string[]
  /** What was converted only approximately, for the report. */
  notes: string[]
}

/** Whether `html` was written in the block editor (it has block comments). */
export function hasGutenbergBlocks(html: string): boolean {
  return /<!--\s+wp:[a-z]/.test(html)
}

function parseAttributes(json: string | undefined): Record<string, unknown> {
  if (!json) return {}
  try {
    const value: unknown = JSON.parse(json)
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {}
  } catch {
    return {}
  }
}

/** An embed as the link the issue asks for: a paragraph holding the URL, linked. */
export function embedLinkHtml(url: string): string {
  const escaped = escapeHtml(url)
  return `<p><a href="${escaped}">${escaped}</a></p>`
}

/** Embed blocks: `wp:embed` and the older `wp:core-embed/youtube` style. */
function isEmbed(name: string): boolean {
  return name === 'embed' || name.startsWith('core-embed/')
}

/** The URL an embed block points at: its `url` attribute, else the first URL in its HTML. */
function embedUrl(attributes: Record<string, unknown>, inner: string): string | undefined {
  if (typeof attributes.url === 'string' && attributes.url) return attributes.url
  return /https?:\/\/[^\s<>"']+/.exec(inner)?.[0]
}

/** What a block whose HTML is replaced became: HTML, or undefined when nothing could be made. */
type BlockReplacement = {html: string; note?: string} | undefined

/** Replaces the HTML of one kind of block, from its attributes and its HTML. */
type BlockReplacer = (
  attributes: Record<string, unknown>,
  inner: string,
  media: PostMedia,
) => BlockReplacement

/** Gallery attributes that only shape its layout. */
const GALLERY_LAYOUT = ['columns', 'imageCrop', 'linkTo', 'sizeSlug', 'align', 'style']

const galleryBlock: BlockReplacer = (attributes, inner, media) => {
  let images: GalleryImage[] = blockGalleryImages(inner)
  if (images.length === 0) {
    images = blockGalleryIds(attributes).flatMap((id) => {
      const attachment = media.attachment(id)
      return attachment?.url
        ? [{src: attachment.url, attachmentId: id, captionHtml: escapeHtml(attachment.caption)}]
        : []
    })
  }
  if (images.length === 0) return undefined
  const layout = GALLERY_LAYOUT.filter((name) => attributes[name] !== undefined)
  const caption = /<figcaption\b[^>]*blocks-gallery-caption[^>]*>([\s\S]*?)<\/figcaption>/i.exec(
    inner,
  )?.[1]
  return {
    html: galleryHtml(images) + (caption?.trim() ? `<p>${caption.trim()}</p>` : ''),
    note:
      `wp:gallery became ${images.length} images in the body, in order` +
      (layout.length > 0 ? `; its ${layout.join(', ')} not kept` : '') +
      (caption?.trim() ? '; its caption became a paragraph after them' : ''),
  }
}

function playerBlock(kind: 'audio' | 'video'): BlockReplacer {
  return (attributes, inner, media) => {
    const id = Number(attributes.id)
    const url = firstSource(inner) ?? (Number.isInteger(id) ? media.attachment(id)?.url : undefined)
    return url ? {html: mediaHtml(kind, url, figureCaption(inner))} : undefined
  }
}

const embedBlock: BlockReplacer = (attributes, inner) => {
  const url = embedUrl(attributes, inner)
  return url ? {html: mediaHtml('embed', url, figureCaption(inner))} : undefined
}

/** Blocks whose HTML is replaced, by name. */
function replacerFor(name: string): BlockReplacer | undefined {
  if (isEmbed(name)) return embedBlock
  if (name === 'gallery') return galleryBlock
  if (name === 'audio' || name === 'video') return playerBlock(name)
  return undefined
}

/** Reads the block comments of `html`; see the module comment. */
export function expandGutenberg(html: string, media: PostMedia = NO_MEDIA): GutenbergResult {
  const dropped: string[] = []
  const notes: string[] = []
  const parts: string[] = []
  let position = 0
  /** While inside a block whose HTML is replaced: its name, attributes and where its HTML starts. */
  let open:
    | {name: string; attributes: Record<string, unknown>; start: number; replace: BlockReplacer}
    | undefined
  const replaced = (name: string, result: BlockReplacement) => {
    if (!result) {
      dropped.push(name)
      return
    }
    parts.push(result.html)
    if (result.note) notes.push(result.note)
  }

  for (const match of html.matchAll(BLOCK_COMMENT)) {
    const [comment, closing, name = '', json, selfClosing] = match
    const index = match.index
    if (open) {
      if (closing && name === open.name) {
        replaced(name, open.replace(open.attributes, html.slice(open.start, index), media))
        open = undefined
        position = index + comment.length
      }
      continue
    }
    parts.push(html.slice(position, index))
    position = index + comment.length
    if (closing) continue
    const attributes = parseAttributes(json)
    const replace = replacerFor(name)
    if (replace) {
      if (selfClosing) replaced(name, replace(attributes, '', media))
      else open = {name, attributes, start: position, replace}
    } else if (selfClosing && !CONTENTLESS_BLOCKS.has(name)) {
      dropped.push(
        name === 'block' && attributes.ref !== undefined
          ? `block (ref ${String(attributes.ref)})`
          : name,
      )
    }
  }
  // A block left open (a damaged body) keeps its HTML.
  parts.push(html.slice(open ? open.start : position))
  return {html: parts.join(''), dropped, notes}
}
