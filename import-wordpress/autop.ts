/**
 * Bodies written in WordPress's classic editor are stored without paragraph tags: WordPress adds
 * them when it shows a post (`wpautop`), turning blank lines into paragraphs and single line
 * breaks into `<br>`. It also turns a URL alone on its line into an embed (oEmbed). This does the
 * same, closely enough for conversion, and makes such a URL a link paragraph.
 */
import {embedLinkHtml} from './gutenberg.ts'

/** Elements WordPress never wraps in a paragraph. */
const BLOCK_TAGS =
  'address|article|aside|blockquote|caption|col|colgroup|dd|details|div|dl|dt|fieldset|figcaption|figure|footer|form|h[1-6]|header|hgroup|hr|li|map|math|menu|nav|ol|p|pre|section|style|summary|table|tbody|td|tfoot|th|thead|tr|ul'

const OPENS_BLOCK = new RegExp(`(<(?:${BLOCK_TAGS})(?=[\\s/>]))`, 'gi')
const CLOSES_BLOCK = new RegExp(`(</(?:${BLOCK_TAGS})>)`, 'gi')
const STARTS_WITH_BLOCK = new RegExp(`^</?(?:${BLOCK_TAGS})(?=[\\s/>])`, 'i')
const BARE_URL_LINE = /^[ \t]*(https?:\/\/[^\s<>"]+)[ \t]*$/gm

/** Adds the paragraphs and line breaks WordPress adds to a classic-editor body. */
export function autop(html: string): string {
  if (html.trim() === '') return ''
  // <pre> keeps its line breaks: set aside, put back at the end.
  const preserved: string[] = []
  let text = html
    .replace(/\r\n?/g, '\n')
    .replace(
      /<pre\b[\s\S]*?<\/pre>/gi,
      (pre) => `<pre data-autop="${preserved.push(pre) - 1}"></pre>`,
    )
  text = text
    .replace(BARE_URL_LINE, (_line, url: string) => `\n\n${embedLinkHtml(url)}\n\n`)
    .replace(OPENS_BLOCK, '\n\n$1')
    .replace(CLOSES_BLOCK, '$1\n\n')
  const paragraphs = text
    .split(/\n\s*\n/)
    .map((chunk) => chunk.trim())
    .filter(Boolean)
    .map((chunk) =>
      STARTS_WITH_BLOCK.test(chunk) ? chunk : `<p>${chunk.replace(/\s*\n\s*/g, '<br>\n')}</p>`,
    )
  return paragraphs
    .join('\n')
    .replace(
      /<pre data-autop="(\d+)"><\/pre>/g,
      (_tag, index: string) => preserved[Number(index)] ?? '',
    )
}
