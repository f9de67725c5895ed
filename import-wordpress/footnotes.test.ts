import {describe, expect, it} from 'vitest'

import {footnoteKeyFrom, markFootnoteReferences, parseFootnotesMeta} from './footnotes.ts'

describe('parseFootnotesMeta', () => {
  it('reads the JSON WordPress writes, in order', () => {
    expect(
      parseFootnotesMeta(
        '[{"id":"aa484441-9ea2","content":"A note"},{"id":"f51b5ea0","content":"Another <a href=\\"https://x.test\\">note</a>"}]',
      ),
    ).toEqual([
      {id: 'aa484441-9ea2', content: 'A note'},
      {id: 'f51b5ea0', content: 'Another <a href="https://x.test">note</a>'},
    ])
  })

  it('gives none for no meta, and undefined for meta that is not WordPress’s JSON', () => {
    expect(parseFootnotesMeta(undefined)).toEqual([])
    expect(parseFootnotesMeta('  ')).toEqual([])
    expect(parseFootnotesMeta('not json')).toBeUndefined()
    expect(parseFootnotesMeta('{"id":"a"}')).toBeUndefined()
    expect(parseFootnotesMeta('[{"id":"","content":"x"}]')).toBeUndefined()
    expect(parseFootnotesMeta('[{"id":"a","content":3}]')).toBeUndefined()
    expect(parseFootnotesMeta('[null]')).toBeUndefined()
  })
})

describe('markFootnoteReferences', () => {
  it('turns each marker into a link its footnote id can be read back from', () => {
    const {html} = markFootnoteReferences(
      'A<sup data-fn="aa 1" class="fn"><a href="#aa 1" id="aa 1-link">1</a></sup> B<sup data-fn="b"></sup>',
    )
    expect(html).toBe(
      'A<a href="#newsroom-footnote:aa%201">1</a> B<a href="#newsroom-footnote:b">*</a>',
    )
    expect(footnoteKeyFrom('#newsroom-footnote:aa%201')).toBe('aa 1')
    expect(footnoteKeyFrom('https://x.test/#newsroom-footnote:a')).toBeUndefined()
    expect(footnoteKeyFrom('#newsroom-footnote:%E0%A4%A')).toBeUndefined()
    expect(footnoteKeyFrom(undefined)).toBeUndefined()
  })

  it('leaves HTML without markers alone', () => {
    const html = '<p>No <sup>2</sup> markers</p>'
    expect(markFootnoteReferences(html).html).toBe(html)
  })
})
