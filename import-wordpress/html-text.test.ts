import {describe, expect, it} from 'vitest'

import {createHtmlParser} from './html-document.ts'
import {htmlText} from './html-text.ts'

const parse = createHtmlParser()
/** What jsdom makes of `html`: the reference the quick path must match. */
const jsdomText = (html: string) => (parse(html).body.textContent ?? '').replace(/\s+/g, ' ').trim()

describe('htmlText', () => {
  it.each([
    'Plain   text\n here',
    'France&#8217;s AI &amp; era',
    'Caf&#xE9; &hellip; &ndash; &mdash; &nbsp;x',
    'Fish & Chips',
    'A &copy 2026',
    'Windows &#150; dash',
    'Null &#0; char',
    'Not an entity &constructor;',
    'Unknown &zwnj; entity',
    'Tags <b>bold</b> &lt;kept&gt;',
    '東京 &#x1F680; 🚀',
    '',
  ])('%j reads as jsdom reads it', (html) => {
    expect(htmlText(html)).toBe(jsdomText(html))
  })
})
