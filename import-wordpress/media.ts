/**
 * Galleries and media in post bodies. A gallery (`[gallery]` with or without `ids`, `wp:gallery`)
 * becomes its images, in order, each a figure the image step turns into an `imageWithAlt` block
 * with its alt text and caption. Audio, video and embeds (`[audio]`, `[video]`, `[embed]`,
 * `wp:audio`, `wp:video`, `wp:embed`) become a placeholder element the body conversion turns into
 * a `mediaEmbed` block holding the URL (`schemas/objects/mediaEmbed.ts`).
 */
import type {Attachment} from './images.ts'

/** What a `mediaEmbed` block plays: an audio file, a video file, or a page to embed. */
export type MediaKind = 'audio' | 'video' | 'embed'

/** The attribute of the placeholder element a media block is written as, before conversion. */
export const MEDIA_ATTRIBUTE = 'data-newsroom-media'

/** The attachments a post's body may name: by id, and the post's own (its gallery). */
export interface PostMedia {
  attachment(id: number): Attachment | undefined
  /** The post's attachments in WordPress's gallery order (`menu_order`, then id). */
  ownAttachments(): Attachment[]
}

/** No attachments at all (a body converted on its own). */
export const NO_MEDIA: PostMedia = {attachment: () => undefined, ownAttachments: () => []}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
}

/**
 * The placeholder of a media block: a `div` (so the HTML parser keeps it out of paragraphs)
 * holding its caption, HTML as written.
 */
export function mediaHtml(kind: MediaKind, url: string, captionHtml = ''): string {
  return `<div ${MEDIA_ATTRIBUTE}="${kind}" data-url="${escapeHtml(url)}">${captionHtml}</div>`
}

/** One image of a gallery. */
export interface GalleryImage {
  src: string
  attachmentId?: number
  alt?: string
  title?: string
  /** Plain text or inline HTML (a block editor caption). */
  captionHtml?: string
}

/** A gallery as figures, one per image, in order. */
export function galleryHtml(images: readonly GalleryImage[]): string {
  return images
    .map((image) => {
      const id = image.attachmentId ? ` class="wp-image-${image.attachmentId}"` : ''
      const alt = image.alt ? ` alt="${escapeHtml(image.alt)}"` : ''
      const title = image.title ? ` title="${escapeHtml(image.title)}"` : ''
      const caption = image.captionHtml ? `<figcaption>${image.captionHtml}</figcaption>` : ''
      return `<figure class="wp-gallery-image"><img src="${escapeHtml(image.src)}"${id}${alt}${title}>${caption}</figure>`
    })
    .join('\n')
}

function fromAttachment(attachment: Attachment): GalleryImage {
  return {
    src: attachment.url,
    attachmentId: attachment.id,
    ...(attachment.caption ? {captionHtml: escapeHtml(attachment.caption)} : {}),
  }
}

const IMAGE_FILE = /\.(?:png|jpe?g|gif|webp|svg|avif|bmp|tiff?)$/i

/** The path of a URL, or the URL itself when it does not parse. */
function pathOf(url: string): string {
  try {
    return new URL(url, 'https://x').pathname
  } catch {
    return url
  }
}

function isImage(attachment: Attachment): boolean {
  return IMAGE_FILE.test(pathOf(attachment.url))
}

function idList(value: string | undefined): number[] {
  return (value ?? '')
    .split(',')
    .map((part) => Number(part.trim()))
    .filter((id) => Number.isInteger(id) && id > 0)
}

/** What a gallery became, and what of it could not be kept. */
export interface GalleryResult {
  images: GalleryImage[]
  /** Ids named that the export has no attachment for. */
  missing: number[]
}

/**
 * The images of `[gallery …]`, as WordPress picks them: `ids` (or `include`) in their order, else
 * the post's own image attachments in gallery order, less `exclude`, reversed by `order="DESC"`.
 */
export function shortcodeGallery(
  attributes: Record<string, string>,
  media: PostMedia,
): GalleryResult {
  const named = idList(attributes.ids ?? attributes.include)
  const excluded = new Set(idList(attributes.exclude))
  const missing: number[] = []
  let attachments: Attachment[]
  if (named.length > 0) {
    attachments = named.flatMap((id) => {
      const attachment = media.attachment(id)
      if (!attachment?.url) missing.push(id)
      return attachment?.url ? [attachment] : []
    })
  } else {
    attachments = media.ownAttachments().filter((attachment) => isImage(attachment))
  }
  attachments = attachments.filter((attachment) => !excluded.has(attachment.id))
  if ((attributes.order ?? '').toUpperCase() === 'DESC') attachments.reverse()
  return {images: attachments.map(fromAttachment), missing}
}

/** The `ids` of a `wp:gallery` block's attributes (strings or numbers). */
export function blockGalleryIds(attributes: Record<string, unknown>): number[] {
  const ids = Array.isArray(attributes.ids) ? attributes.ids : []
  return idList(ids.map(String).join(','))
}

/** The images of a `wp:gallery` block's HTML: each `<img>` and the caption of its figure. */
export function blockGalleryImages(html: string): GalleryImage[] {
  const images: GalleryImage[] = []
  const figures = /<figure\b[^>]*>((?:(?!<figure\b)[\s\S])*?)<\/figure>/gi
  for (const match of html.matchAll(figures)) {
    const inner = match[1] as string
    const img = /<img\b[^>]*>/i.exec(inner)?.[0]
    if (!img) continue
    const attribute = (name: string) =>
      new RegExp(`\\s${name}\\s*=\\s*"([^"]*)"`, 'i').exec(img)?.[1] ??
      new RegExp(`\\s${name}\\s*=\\s*'([^']*)'`, 'i').exec(img)?.[1]
    const src = attribute('src')
    if (!src) continue
    const id = Number(
      /(?:^|\s)wp-image-(\d+)(?:\s|$)/.exec(attribute('class') ?? '')?.[1] ??
        attribute('data-id') ??
        Number.NaN,
    )
    const caption = /<figcaption\b[^>]*>([\s\S]*?)<\/figcaption>/i.exec(inner)?.[1]?.trim()
    const alt = attribute('alt')
    const title = attribute('title')
    images.push({
      src: decodeAttribute(src),
      ...(Number.isInteger(id) && id > 0 ? {attachmentId: id} : {}),
      ...(alt ? {alt: decodeAttribute(alt)} : {}),
      ...(title ? {title: decodeAttribute(title)} : {}),
      ...(caption ? {captionHtml: caption} : {}),
    })
  }
  return images
}

function decodeAttribute(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#0?39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
}

/** Attributes of `[audio]` and `[video]` that name the file, in WordPress's order. */
const SOURCE_ATTRIBUTES: Record<'audio' | 'video', string[]> = {
  audio: ['src', 'mp3', 'm4a', 'ogg', 'wav', 'wma', 'flac'],
  video: ['src', 'mp4', 'm4v', 'webm', 'ogv', 'wmv', 'flv'],
}
const MEDIA_FILE: Record<'audio' | 'video', RegExp> = {
  audio: /\.(?:mp3|m4a|ogg|oga|wav|wma|flac|aac)$/i,
  video: /\.(?:mp4|m4v|webm|ogv|wmv|flv|mov|avi|mkv)$/i,
}

/**
 * The URL of `[audio …]` or `[video …]`: a source attribute, a URL written alone in the
 * shortcode (`[audio https://…/a.mp3]`, as WordPress.com allows), else, as WordPress does for a
 * bare `[audio]`, the post's first attached file of that kind.
 */
export function playerUrl(
  kind: 'audio' | 'video',
  attributes: Record<string, string>,
  attributeText: string,
  media: PostMedia,
): string | undefined {
  for (const name of SOURCE_ATTRIBUTES[kind]) {
    const value = attributes[name]?.trim()
    if (value) return value
  }
  const bare = /(?:^|\s)(https?:\/\/[^\s"'\]]+)/.exec(attributeText)?.[1]
  if (bare) return bare
  return media.ownAttachments().find((attachment) => MEDIA_FILE[kind].test(pathOf(attachment.url)))
    ?.url
}

/** The first `src` in a block's HTML (`<audio src>`, `<video src>`, `<source src>`). */
export function firstSource(html: string): string | undefined {
  const src = /\ssrc\s*=\s*"([^"]+)"/i.exec(html)?.[1]
  return src ? decodeAttribute(src) : undefined
}

/** The HTML inside a block's `<figcaption>`. */
export function figureCaption(html: string): string | undefined {
  return /<figcaption\b[^>]*>([\s\S]*?)<\/figcaption>/i.exec(html)?.[1]?.trim() || undefined
}
