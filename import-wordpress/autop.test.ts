import {describe, expect, it} from 'vitest'

import {autop} from './autop.ts'

describe('autop', () => {
  it('makes paragraphs of blank-line-separated text and <br> of single line breaks', () => {
    expect(autop('First line\nsecond line\r\n\r\nNext paragraph with <strong>bold</strong>')).toBe(
      '<p>First line<br>\nsecond line</p>\n<p>Next paragraph with <strong>bold</strong></p>',
    )
  })

  it('leaves block elements unwrapped and wraps text between them', () => {
    expect(autop('Intro\n<ul>\n\t<li>One</li>\n\t<li>Two</li>\n</ul>\nOutro<h2>Title</h2>')).toBe(
      '<p>Intro</p>\n<ul>\n<li>One</li>\n<li>Two</li>\n</ul>\n<p>Outro</p>\n<h2>Title</h2>',
    )
  })

  it('turns a URL alone on its line into a link paragraph (WordPress embeds it)', () => {
    expect(autop('Watch:\nhttps://www.youtube.com/watch?v=x\nThat was it.')).toBe(
      '<p>Watch:</p>\n<p><a href="https://www.youtube.com/watch?v=x">https://www.youtube.com/watch?v=x</a></p>\n<p>That was it.</p>',
    )
    expect(autop('See https://x.test inline.')).toBe('<p>See https://x.test inline.</p>')
  })

  it('keeps <pre> as written', () => {
    expect(autop('Code:\n\n<pre>a\n\nb</pre>\n\nEnd')).toBe(
      '<p>Code:</p>\n<pre>a\n\nb</pre>\n<p>End</p>',
    )
  })

  it('gives nothing for an empty or blank body, and keeps CJK and emoji', () => {
    expect(autop('')).toBe('')
    expect(autop(' \n\n ')).toBe('')
    expect(autop('東京の朝 🌅\n\n次の段落')).toBe('<p>東京の朝 🌅</p>\n<p>次の段落</p>')
  })
})
