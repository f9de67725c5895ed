/**
 * A WordPress post body (`content:encoded`) to the post's Portable Text body, with
 * `@portabletext/block-tools`: paragraphs, H2/H3, quotes, bullet and numbered lists, links, bold
 * and italic, and images as image blocks. Gutenberg comments are read first (embeds become links,
 * dynamic blocks are listed), classic-editor bodies get WordPress's paragraphs, `[caption]`
 * becomes an image with its caption, other shortcodes stay as text and are listed.
 *
 * Images come out as {@link PendingImage}s: where the bytes are and the alt text found so far;
 * the image step fetches them and turns each into an `imageWithAlt` block, or drops it.
 */
import {
  htmlToBlocks,
  type ArbitraryTypedObject,
  type DeserializerRule,
} from '@portabletext/block-tools'

import {stableKey} from './keys.ts'
import {autop} from './autop.ts'
import {embedLinkHtml, expandGutenberg, hasGutenbergBlocks} from './gutenberg.ts'
import {createHtmlParser} from './html-document.ts'
import {expandShortcodes} from './shortcodes.ts'

type BlockToolsSchema = Extract<Parameters<typeof htmlToBlocks>[1], {styles: unknown}>

/**
 * What the body may hold, as block-tools reads it: the `blockContent` type of
 * `schemas/objects/blockContent.ts` (a test keeps the two equal).
 */
export const BLOCK_CONTENT_SCHEMA: BlockToolsSchema = {
  block: {name: 'block'},
  span: {name: 'span'},
  styles: [
    {name: 'normal', value: 'normal'},
    {name: 'h2', value: 'h2'},
    {name: 'h3', value: 'h3'},
    {name: 'blockquote', value: 'blockquote'},
  ],
  lists: [
    {name: 'bullet', value: 'bullet'},
    {name: 'number', value: 'number'},
  ],
  decorators: [
    {name: 'strong', value: 'strong'},
    {name: 'em', value: 'em'},
  ],
  annotations: [
    {
      name: 'link',
      fields: [
        {name: 'href', type: 'string'},
        {name: 'openInNewTab', type: 'boolean'},
      ],
    },
  ],
  blockObjects: [
    {
      name: 'imageWithAlt',
      fields: [
        {name: 'alt', type: 'string'},
        {name: 'caption', type: 'string'},
      ],
    },
  ],
  inlineObjects: [],
}

/** A span of a text block. */
export interface Span {
  _type: 'span'
  _key: string
  text: string
  marks: string[]
}

/** A Portable Text text block as the body stores it. */
export interface TextBlock {
  _type: 'block'
  _key: string
  style: string
  markDefs: Array<{_key: string; _type: string; href?: string}>
  children: Span[]
  listItem?: string
  level?: number
}

/**
 * An image found in the body, before its bytes are fetched. It carries the body's image type
 * already (block-tools keeps only types the schema has); `src` marks it as not yet uploaded.
 */
export interface PendingImage {
  _type: 'imageWithAlt'
  _key: string
  /** Where the bytes are: the `<img>`'s `src`. */
  src: string
  /** The `alt` attribute, when it has text. */
  alt?: string
  /** The caption (`<figcaption>`, `[caption]`). */
  caption?: string
  /** The `title` attribute. */
  title?: string
  /** The WordPress attachment (`wp-image-12` class, `data-id`), for its alt text and original. */
  attachmentId?: number
}

/** What {@link BodyConverter} made of a body. */
export interface ConvertedBody {
  blocks: Array<TextBlock | PendingImage>
  /** Shortcodes kept as text. */
  shortcodes: string[]
  /** Gutenberg blocks left out: dynamic blocks the export holds no HTML for. */
  droppedBlocks: string[]
}

/** Converts bodies; holds one jsdom window for all of them. */
export interface BodyConverter {
  /** Converts `html`; `keySeed` (the document id) makes every `_key` stable from run to run. */
  convert(html: string, keySeed: string): ConvertedBody
  /** The text of an HTML fragment (a title, an excerpt): entities decoded, tags and runs of white space gone. */
  text(html: string): string
}

const HEADING_STYLE: Record<string, string> = {H1: 'h2', H4: 'h3', H5: 'h3', H6: 'h3'}
const EMBEDDED_MEDIA = ['iframe', 'video', 'audio', 'embed', 'object']

function textOf(node: Node | null | undefined): string {
  return (node?.textContent ?? '').replace(/\s+/g, ' ').trim()
}

/** An `<img>`'s attributes, from the element or from block-tools' matcher props. */
type Attributes = (name: string) => string | null | undefined

/** The attachment id WordPress writes on inserted images: `class="wp-image-12"`, `data-id="12"`. */
function attachmentIdOf(attribute: Attributes): number | undefined {
  const fromClass = /(?:^|\s)wp-image-(\d+)(?:\s|$)/.exec(attribute('class') ?? '')?.[1]
  const id = Number(fromClass ?? attribute('data-id') ?? Number.NaN)
  return Number.isInteger(id) && id > 0 ? id : undefined
}

function pendingImage(
  attribute: Attributes,
  key: string,
  caption?: string,
): PendingImage | undefined {
  const src = attribute('src') || attribute('data-src') || attribute('data-lazy-src') || ''
  if (!src.trim()) return undefined
  const alt = (attribute('alt') ?? '').trim()
  const title = (attribute('title') ?? '').trim()
  const attachmentId = attachmentIdOf(attribute)
  return {
    _type: 'imageWithAlt',
    _key: key,
    src: src.trim(),
    ...(alt ? {alt} : {}),
    ...(caption ? {caption} : {}),
    ...(title ? {title} : {}),
    ...(attachmentId ? {attachmentId} : {}),
  }
}

/** The elements named `names` under `root`, as a fixed list (no CSS selector engine: see html-document.ts). */
function elementsByTag(root: Element | Document, ...names: string[]): Element[] {
  return names.flatMap((name) => [...root.getElementsByTagName(name)])
}

/** Whether `element` sits inside a text block (a paragraph, a list item, a heading, a quote). */
function insideTextBlock(element: Element): boolean {
  for (let parent = element.parentElement; parent; parent = parent.parentElement) {
    if (TEXT_BLOCK_PARENTS.has(parent.nodeName)) return true
  }
  return false
}

const TEXT_BLOCK_PARENTS = new Set(['P', 'LI', 'H2', 'H3', 'BLOCKQUOTE'])

/** H1 becomes H2 (the title is the page's H1), H4–H6 become H3; media players become links. */
function normalizeDocument(document: Document): void {
  for (const heading of elementsByTag(document.body, 'h1', 'h4', 'h5', 'h6')) {
    const replacement = document.createElement(HEADING_STYLE[heading.nodeName] as string)
    replacement.append(...heading.childNodes)
    heading.replaceWith(replacement)
  }
  for (const media of elementsByTag(document.body, ...EMBEDDED_MEDIA)) {
    const source = elementsByTag(media, 'source').find((element) => element.getAttribute('src'))
    const src =
      media.getAttribute('src') || media.getAttribute('data') || source?.getAttribute('src') || ''
    if (!/^https?:\/\//.test(src)) {
      media.remove()
      continue
    }
    const holder = document.createElement('div')
    holder.innerHTML = embedLinkHtml(src)
    const paragraph = holder.firstElementChild as Element
    media.replaceWith(insideTextBlock(media) ? (paragraph.firstElementChild as Element) : paragraph)
  }
}

/** Trims a text block's outer white space; undefined when nothing but white space is left. */
function trimBlock(block: TextBlock): TextBlock | undefined {
  const children = block.children.map((child) => ({...child}))
  const first = children[0]
  const last = children[children.length - 1]
  if (first && typeof first.text === 'string') first.text = first.text.replace(/^\s+/, '')
  if (last && typeof last.text === 'string') last.text = last.text.replace(/\s+$/, '')
  const kept = children.filter((child) => child._type !== 'span' || child.text !== '')
  if (kept.length === 0) return undefined
  return {...block, children: kept}
}

/** Starts a converter (loads jsdom once). */
export function createBodyConverter(): BodyConverter {
  const parse = createHtmlParser()
  let nextKey: () => string = () => ''

  const figureRule: DeserializerRule = {
    deserialize(node) {
      if (node.nodeName !== 'FIGURE') return undefined
      const figure = node as Element
      // A gallery holds figures: each is taken on its own.
      if (figure.getElementsByTagName('figure').length > 0) return undefined
      const images = elementsByTag(figure, 'img')
      if (images.length === 0) return undefined
      const caption = textOf(figure.getElementsByTagName('figcaption')[0]) || undefined
      return images
        .map((image) =>
          pendingImage(
            (name) => image.getAttribute(name),
            nextKey(),
            images.length === 1 ? caption : undefined,
          ),
        )
        .filter((image): image is PendingImage => image !== undefined)
    },
  }

  const imageMatcher = ({props}: {props: Record<string, string | undefined>}) =>
    pendingImage((name) => props[name], nextKey()) as ArbitraryTypedObject | undefined

  return {
    convert(html, keySeed) {
      let count = 0
      nextKey = () => stableKey(keySeed, 'body', count++)
      const gutenberg = hasGutenbergBlocks(html)
      const expanded = gutenberg ? expandGutenberg(html) : {html, dropped: []}
      const shortcodes = expandShortcodes(expanded.html)
      const prepared = gutenberg ? shortcodes.html : autop(shortcodes.html)
      const raw = htmlToBlocks(prepared, BLOCK_CONTENT_SCHEMA, {
        parseHtml: (text) => {
          const document = parse(text)
          normalizeDocument(document)
          return document
        },
        keyGenerator: () => nextKey(),
        rules: [figureRule],
        matchers: {image: imageMatcher, inlineImage: imageMatcher},
      }) as unknown as Array<TextBlock | PendingImage>
      const blocks: Array<TextBlock | PendingImage> = []
      for (const block of raw) {
        if (block._type !== 'block') {
          blocks.push(block)
          continue
        }
        const trimmed = trimBlock(block)
        if (trimmed) blocks.push(trimmed)
      }
      return {blocks, shortcodes: shortcodes.kept, droppedBlocks: expanded.dropped}
    },
    text(html) {
      if (!/[<&]/.test(html)) return html.replace(/\s+/g, ' ').trim()
      return textOf(parse(html).body)
    },
  }
}
