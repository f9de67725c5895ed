/**
 * Gutenberg (the block editor) stores each block's HTML between comments:
 * `<!-- wp:paragraph -->…<!-- /wp:paragraph -->`, with the block's attributes as JSON in the
 * opening comment, and `<!-- wp:latest-posts {"postsToShow":3} /-->` for dynamic blocks whose
 * HTML the server renders (so the export holds none). This step reads those comments: embeds
 * become links (their URL is in the attributes), dynamic blocks are dropped and listed, and the
 * comments themselves go, leaving the HTML of every other block for the HTML conversion.
 */

/** A block comment: `<!-- wp:name {attrs} -->`, `<!-- /wp:name -->` or `<!-- wp:name /-->`. */
const BLOCK_COMMENT =
  /<!--\s+(\/)?wp:([a-z][a-z0-9_-]*(?:\/[a-z][a-z0-9_-]*)?)\s+(?:(\{[\s\S]*?\})\s+)?(\/)?-->/g

/** Self-closing blocks that carry no content, so dropping them loses nothing. */
const CONTENTLESS_BLOCKS = new Set(['more', 'nextpage', 'spacer', 'separator'])

/** What {@link expandGutenberg} found and did. */
export interface GutenbergResult {
  /** The HTML with embeds replaced by links and every block comment removed. */
  html: string
  /** Blocks left out because the export has no HTML for them: `latest-posts`, `block (ref 12)`. */
  dropped: string[]
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

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;')
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

/** Reads the block comments of `html`; see the module comment. */
export function expandGutenberg(html: string): GutenbergResult {
  const dropped: string[] = []
  const parts: string[] = []
  let position = 0
  /** While inside an embed: its name, URL and where its HTML starts. */
  let embed: {name: string; attributes: Record<string, unknown>; start: number} | undefined

  for (const match of html.matchAll(BLOCK_COMMENT)) {
    const [comment, closing, name = '', json, selfClosing] = match
    const index = match.index
    if (embed) {
      if (closing && name === embed.name) {
        const url = embedUrl(embed.attributes, html.slice(embed.start, index))
        if (url) parts.push(embedLinkHtml(url))
        else dropped.push(name)
        embed = undefined
        position = index + comment.length
      }
      continue
    }
    parts.push(html.slice(position, index))
    position = index + comment.length
    if (closing) continue
    const attributes = parseAttributes(json)
    if (isEmbed(name)) {
      if (selfClosing) {
        const url = embedUrl(attributes, '')
        if (url) parts.push(embedLinkHtml(url))
        else dropped.push(name)
      } else {
        embed = {name, attributes, start: position}
      }
    } else if (selfClosing && !CONTENTLESS_BLOCKS.has(name)) {
      dropped.push(
        name === 'block' && attributes.ref !== undefined
          ? `block (ref ${String(attributes.ref)})`
          : name,
      )
    }
  }
  // An embed left open (a damaged body) keeps its HTML.
  parts.push(html.slice(embed ? embed.start : position))
  return {html: parts.join(''), dropped}
}
