import {htmlToBlocks} from '@portabletext/block-tools'
import {JSDOM} from 'jsdom'
import {describe, expect, it} from 'vitest'

import {
  BODY_TEXT,
  createHtmlParser,
  createParserWindow,
  GOOGLE_DOCS_ROOT,
  UNWANTED_NODES,
} from './html-document.ts'
import {BLOCK_CONTENT_SCHEMA} from './html-to-blocks.ts'

const TRICKY = `<!DOCTYPE html><!-- before --><html><head><meta charset="utf-8"><style>p{}</style><link rel="x"></head>
<body>loose text <!-- c1 --><p id="a-docs-internal-guid-1">G<script>x()</script></p>
<ul> list text <li>li<!-- c2 --></li></ul><ol>ol text</ol>
<svg><style>svg{}</style><script>s()</script></svg><xml>w</xml><div><p id="docs-internal-guid-2">second</p></div>
tail 東京 🚀</body></html><!-- after -->`

/** What jsdom's own XPath selects, and what the parser's documents select, as node lists. */
function bothAnswers(expression: string, html: string, iterate = false) {
  const reference = new new JSDOM('').window.DOMParser().parseFromString(html, 'text/html')
  const referenceNodes: Node[] = []
  const result = reference.evaluate(expression, reference, null, iterate ? 5 : 6, null)
  if (iterate) {
    const first = result.iterateNext()
    if (first) referenceNodes.push(first)
  } else {
    for (let i = 0; i < result.snapshotLength; i++)
      referenceNodes.push(result.snapshotItem(i) as Node)
  }
  const fast = createHtmlParser()(html)
  const answer = fast.evaluate(expression, fast, null, iterate ? 5 : 6, null)
  const fastNodes: Node[] = []
  if (iterate) {
    const first = answer.iterateNext()
    if (first) fastNodes.push(first)
  } else {
    for (let i = 0; i < answer.snapshotLength; i++) fastNodes.push(answer.snapshotItem(i) as Node)
  }
  const describe = (node: Node) => `${node.nodeName}:${node.textContent}`
  return {
    reference: referenceNodes.map(describe).sort(),
    fast: fastNodes.map(describe).sort(),
  }
}

describe('createHtmlParser', () => {
  it.each([
    ['the unwanted nodes', UNWANTED_NODES, false],
    ['the body text', BODY_TEXT, false],
    ['the Google Docs root', GOOGLE_DOCS_ROOT, true],
  ])('answers %s as jsdom XPath does', (_name, expression, iterate) => {
    const {reference, fast} = bothAnswers(expression, TRICKY, iterate)
    expect(reference.length).toBeGreaterThan(0)
    expect(fast).toEqual(reference)
  })

  it('answers as jsdom does when nothing matches', () => {
    for (const expression of [UNWANTED_NODES, BODY_TEXT, GOOGLE_DOCS_ROOT]) {
      const {reference, fast} = bothAnswers(
        expression,
        '<p>plain</p>',
        expression === GOOGLE_DOCS_ROOT,
      )
      expect(fast).toEqual(reference)
    }
  })

  it('hands any other expression to jsdom', () => {
    const slow: string[] = []
    const document = createHtmlParser({onSlowQuery: (expression) => slow.push(expression)})(
      '<p><b>x</b></p>',
    )
    const result = document.evaluate('//b', document, null, 6, null)
    expect(result.snapshotLength).toBe(1)
    expect(slow).toEqual(['//b'])
  })

  it('is asked nothing slow by block-tools while it converts a post (its questions are the ones above)', () => {
    const slow: string[] = []
    const parse = createHtmlParser({onSlowQuery: (expression) => slow.push(expression)})
    const blocks = htmlToBlocks(
      '<h2>Title</h2><p>Text with <a href="https://x.test">a link</a></p><ul><li>One</li></ul><!-- c -->',
      BLOCK_CONTENT_SCHEMA,
      {parseHtml: parse},
    )
    expect(blocks).toHaveLength(3)
    expect(slow).toEqual([])
  })

  it('keeps no event listeners on its window, so documents that used selectors are not held', () => {
    const window = createParserWindow()
    let heard = 0
    window.addEventListener('focus', () => heard++, {capture: true, passive: true})
    window.dispatchEvent(new window.Event('focus'))
    expect(heard).toBe(0)
    // Selector queries (which add such listeners) still work on its documents.
    const document = new window.DOMParser().parseFromString('<p><img src="a.png"></p>', 'text/html')
    expect(document.querySelector('img')?.closest('p')?.nodeName).toBe('P')
  })
})
