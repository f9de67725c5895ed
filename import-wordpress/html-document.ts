/**
 * HTML documents for `@portabletext/block-tools` in Node, parsed by jsdom.
 *
 * Before converting, block-tools runs its paste clean-ups (Google Docs, Word, Notion), which ask
 * the document a few fixed XPath questions. jsdom answers XPath by walking its own wrappers,
 * which made those questions three quarters of the conversion time of a typical post. The
 * document returned here answers exactly those questions with one tree walk (the same nodes as
 * jsdom's XPath: see the test) and hands any other expression to jsdom.
 *
 * The first CSS selector query on a jsdom document (`querySelector`, `closest`, which block-tools
 * uses on images) adds nine focus, mouse and key listeners to the window, never removed: with one
 * window for a whole import, each post made the next one slower and stayed in memory. Nothing
 * ever dispatches events in this window, so it keeps no listeners ({@link createParserWindow}).
 */
import {createRequire} from 'node:module'
import type * as Jsdom from 'jsdom'

/** jsdom, loaded when the first parser is made (it takes a second): a run may need none. */
function loadJsdom(): typeof Jsdom {
  return createRequire(import.meta.url)('jsdom') as typeof Jsdom
}

const ELEMENT = 1
const TEXT = 3
const COMMENT = 8
/** `NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_COMMENT`. */
const SHOW_ELEMENTS_AND_COMMENTS = 0x1 | 0x80

/** The questions block-tools asks (`@portabletext/html`'s preprocessors). */
export const GOOGLE_DOCS_ROOT = '//*[@id and contains(@id, "docs-internal-guid")]'
export const BODY_TEXT = '/html/body/text()'
export const UNWANTED_NODES =
  '/html/text()|/html/head/text()|/html/body/text()|/html/body/ul/text()|/html/body/ol/text()|//comment()|//style|//xml|//script|//meta|//link'

/** Elements `UNWANTED_NODES` selects, by upper-cased `nodeName` (jsdom matches SVG's `style` too). */
const UNWANTED_ELEMENTS = new Set(['STYLE', 'XML', 'SCRIPT', 'META', 'LINK'])

/** The part of `XPathResult` block-tools reads. */
interface NodeAnswer {
  snapshotLength: number
  snapshotItem(index: number): Node | null
  iterateNext(): Node | null
}

function answer(nodes: Node[]): NodeAnswer {
  let next = 0
  return {
    snapshotLength: nodes.length,
    snapshotItem: (index) => nodes[index] ?? null,
    iterateNext: () => nodes[next++] ?? null,
  }
}

function textChildren(parent: Node | null | undefined, into: Node[]): void {
  for (let node = parent?.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === TEXT) into.push(node)
  }
}

function unwantedNodes(document: Document): Node[] {
  const nodes: Node[] = []
  const html = document.documentElement
  textChildren(html, nodes)
  if (html?.nodeName === 'HTML') {
    for (let child = html.firstChild; child; child = child.nextSibling) {
      if (child.nodeName === 'HEAD' || child.nodeName === 'BODY') textChildren(child, nodes)
      if (child.nodeName !== 'BODY') continue
      for (let list = child.firstChild; list; list = list.nextSibling) {
        if (list.nodeName === 'UL' || list.nodeName === 'OL') textChildren(list, nodes)
      }
    }
  }
  const walker = document.createTreeWalker(document, SHOW_ELEMENTS_AND_COMMENTS)
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeType === COMMENT || UNWANTED_ELEMENTS.has(node.nodeName.toUpperCase())) {
      nodes.push(node)
    }
  }
  return nodes
}

function googleDocsRoot(document: Document): Node[] {
  const walker = document.createTreeWalker(document, ELEMENT)
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if ((node as Element).getAttribute('id')?.includes('docs-internal-guid')) return [node]
  }
  return []
}

/** Options of {@link createHtmlParser}. */
export interface HtmlParserOptions {
  /** Called with each XPath expression handed to jsdom (none, while block-tools asks as today). */
  onSlowQuery?: (expression: string) => void
}

/** A jsdom window for parsing only: it runs no scripts and keeps no event listeners. */
export function createParserWindow(): Window & typeof globalThis {
  const {window} = new (loadJsdom().JSDOM)('')
  Object.defineProperty(window, 'addEventListener', {value: () => undefined})
  return window
}

/** A jsdom HTML parser whose documents answer block-tools' XPath questions quickly. */
export function createHtmlParser(options: HtmlParserOptions = {}): (html: string) => Document {
  const parser = new (createParserWindow().DOMParser)()
  return (html) => {
    const document = parser.parseFromString(html, 'text/html')
    const evaluate = document.evaluate.bind(document)
    const fast = (expression: string): NodeAnswer | undefined => {
      if (expression === GOOGLE_DOCS_ROOT) return answer(googleDocsRoot(document))
      if (expression === BODY_TEXT) {
        const nodes: Node[] = []
        textChildren(document.body, nodes)
        return answer(nodes)
      }
      if (expression === UNWANTED_NODES) return answer(unwantedNodes(document))
      return undefined
    }
    Object.defineProperty(document, 'evaluate', {
      value: (expression: string, ...rest: unknown[]) => {
        const quick = fast(expression)
        if (quick) return quick
        options.onSlowQuery?.(expression)
        return (evaluate as (...args: unknown[]) => XPathResult)(expression, ...rest)
      },
    })
    return document
  }
}
