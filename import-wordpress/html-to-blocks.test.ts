import {htmlToBlocks} from '@portabletext/block-tools'
import {createSchema, type ArraySchemaType} from 'sanity'
import {describe, expect, it} from 'vitest'

import {schemaTypes} from '../schemas/index.ts'
import {createHtmlParser} from './html-document.ts'
import {BLOCK_CONTENT_SCHEMA, createBodyConverter, type TextBlock} from './html-to-blocks.ts'

const converter = createBodyConverter()

/** Blocks without their keys, and text blocks shortened to what a reader sees. */
function readable(blocks: ReturnType<typeof converter.convert>['blocks']) {
  return blocks.map((block) => {
    if (block._type !== 'block') {
      const {_key, ...image} = block
      return image
    }
    const text = block as TextBlock
    return {
      style: text.style,
      ...(text.listItem ? {list: `${text.listItem}${text.level}`} : {}),
      spans: text.children.map((span) => {
        const marks = span.marks.map(
          (mark) => text.markDefs.find((def) => def._key === mark)?.href ?? mark,
        )
        return marks.length > 0 ? [span.text, ...marks] : span.text
      }),
    }
  })
}

describe('the block-tools schema', () => {
  it("converts as the Studio's own blockContent type does", () => {
    const compiled = createSchema({name: 'test', types: schemaTypes})
    const blockContent = compiled.get('blockContent') as ArraySchemaType
    const html = `<h1>One</h1><h2>Two</h2><h3>Three</h3><h4>Four</h4><blockquote>Quote</blockquote>
      <p><strong>b</strong> <em>i</em> <u>u</u> <s>s</s> <code>c</code> <a href="https://x.test">link</a></p>
      <ul><li>bullet<ul><li>nested</li></ul></li></ul><ol><li>number</li></ol>
      <figure><img src="a.png" alt="A"></figure>`
    const convert = (schema: ArraySchemaType | typeof BLOCK_CONTENT_SCHEMA) => {
      let key = 0
      return htmlToBlocks(html, schema, {
        parseHtml: createHtmlParser(),
        keyGenerator: () => `k${key++}`,
        matchers: {
          image: ({context, props}) => ({
            _type: 'imageWithAlt',
            _key: context.keyGenerator(),
            alt: props.alt,
          }),
        },
      })
    }
    const fromStudio = convert(blockContent)
    expect(fromStudio.map((block) => ('style' in block ? block.style : block._type))).toEqual([
      'normal',
      'h2',
      'h3',
      'normal',
      'blockquote',
      'normal',
      'normal',
      'normal',
      'normal',
      'imageWithAlt',
    ])
    expect(convert(BLOCK_CONTENT_SCHEMA)).toEqual(fromStudio)
  })
})

describe('createBodyConverter', () => {
  it('converts a Gutenberg body: paragraphs, headings, lists, quotes, marks, links, images, embeds', () => {
    const html = `<!-- wp:paragraph -->
<p>Oil barely moved as <strong>Trump</strong> and <em>Powell</em> spoke, says <a href="https://www.eia.gov/">the EIA</a>.</p>
<!-- /wp:paragraph -->

<!-- wp:image {"id":105} -->
<figure class="wp-block-image"><img src="https://site.test/wp-content/uploads/chart.png" alt="Oil prices" class="wp-image-105"/><figcaption class="wp-element-caption">Brent   crude.</figcaption></figure>
<!-- /wp:image -->

<!-- wp:heading {"level":1} --><h1>A first-level heading</h1><!-- /wp:heading -->
<!-- wp:heading {"level":5} --><h5>A fifth-level heading</h5><!-- /wp:heading -->

<!-- wp:list {"ordered":true} -->
<ol><!-- wp:list-item --><li>Inventories<ul><li>Cushing</li></ul></li><!-- /wp:list-item --></ol>
<!-- /wp:list -->

<!-- wp:quote -->
<blockquote class="wp-block-quote"><p>Calm is not stability.</p></blockquote>
<!-- /wp:quote -->

<!-- wp:embed {"url":"https://www.youtube.com/watch?v=oil"} -->
<figure class="wp-block-embed"><div>https://www.youtube.com/watch?v=oil</div></figure>
<!-- /wp:embed -->

<!-- wp:video -->
<figure class="wp-block-video"><video controls src="https://site.test/v.mp4"></video></figure>
<!-- /wp:video -->

<!-- wp:gallery -->
<figure class="wp-block-gallery"><figure class="wp-block-image"><img src="g1.png" alt="First" data-id="7"/></figure><figure class="wp-block-image"><img src="g2.png" title="Second"/><figcaption>Two</figcaption></figure></figure>
<!-- /wp:gallery -->

<!-- wp:paragraph --><p>&nbsp;</p><!-- /wp:paragraph -->
<!-- wp:archives /-->`
    const result = converter.convert(html, 'wp-post-12')
    expect(readable(result.blocks)).toEqual([
      {
        style: 'normal',
        spans: [
          'Oil barely moved as ',
          ['Trump', 'strong'],
          ' and ',
          ['Powell', 'em'],
          ' spoke, says ',
          ['the EIA', 'https://www.eia.gov/'],
          '.',
        ],
      },
      {
        _type: 'imageWithAlt',
        src: 'https://site.test/wp-content/uploads/chart.png',
        alt: 'Oil prices',
        caption: 'Brent crude.',
        attachmentId: 105,
      },
      {style: 'h2', spans: ['A first-level heading']},
      {style: 'h3', spans: ['A fifth-level heading']},
      {style: 'normal', list: 'number1', spans: ['Inventories']},
      {style: 'normal', list: 'bullet2', spans: ['Cushing']},
      {style: 'blockquote', spans: ['Calm is not stability.']},
      {_type: 'mediaEmbed', kind: 'embed', url: 'https://www.youtube.com/watch?v=oil'},
      {_type: 'mediaEmbed', kind: 'video', url: 'https://site.test/v.mp4'},
      {_type: 'imageWithAlt', src: 'g1.png', alt: 'First', attachmentId: 7},
      {_type: 'imageWithAlt', src: 'g2.png', title: 'Second', caption: 'Two'},
    ])
    expect(result.droppedBlocks).toEqual(['archives'])
    expect(result.shortcodes).toEqual([])
  })

  it('converts a classic body: paragraphs from blank lines, [caption], a URL line, shortcodes kept', () => {
    const html = `Intro with a <a href="/about">site link</a>.
Second line.

[caption id="attachment_104" width="300"]<a href="x"><img class="wp-image-104" src="desk-300x169.png" alt="" /></a> The desk.[/caption]

https://www.youtube.com/watch?v=abc

[gallery ids="1,2"]

<ul>
<li>One</li>
</ul>`
    const result = converter.convert(html, 'wp-post-10')
    expect(readable(result.blocks)).toEqual([
      {style: 'normal', spans: ['Intro with a ', ['site link', '/about'], '.\nSecond line.']},
      {_type: 'imageWithAlt', src: 'desk-300x169.png', caption: 'The desk.', attachmentId: 104},
      {
        style: 'normal',
        spans: [['https://www.youtube.com/watch?v=abc', 'https://www.youtube.com/watch?v=abc']],
      },
      {style: 'normal', spans: ['[gallery ids="1,2"]']},
      {style: 'normal', list: 'bullet1', spans: ['One']},
    ])
    expect(result.shortcodes).toEqual(['[gallery ids="1,2"]'])
  })

  it('splits a paragraph around an inline image and keeps CJK and emoji text whole', () => {
    const result = converter.convert(
      '<p>東京の朝 🌅 <img src="t.png" alt="東京"> 続き</p>',
      'wp-post-1',
    )
    expect(readable(result.blocks)).toEqual([
      {style: 'normal', spans: ['東京の朝 🌅']},
      {_type: 'imageWithAlt', src: 't.png', alt: '東京'},
      {style: 'normal', spans: ['続き']},
    ])
  })

  it('gives every block and span a key that is unique and the same on the next run', () => {
    const html = '<p>a <b>b</b></p><p>c</p><figure><img src="x.png"></figure>'
    const first = converter.convert(html, 'wp-post-5').blocks
    const keys = first.flatMap((block) => [
      block._key,
      ...(block._type === 'block' ? (block as TextBlock).children.map((span) => span._key) : []),
    ])
    expect(new Set(keys).size).toBe(keys.length)
    for (const key of keys) expect(key).toMatch(/^[0-9a-f]{12}$/)
    expect(converter.convert(html, 'wp-post-5').blocks).toEqual(first)
    expect(converter.convert(html, 'wp-post-6').blocks[0]?._key).not.toBe(first[0]?._key)
  })

  it('copes with empty, broken and hostile HTML', () => {
    expect(converter.convert('', 'p').blocks).toEqual([])
    expect(converter.convert('   \n\n ', 'p').blocks).toEqual([])
    expect(readable(converter.convert('<p>Unclosed <strong>bold', 'p').blocks)).toEqual([
      {style: 'normal', spans: ['Unclosed ', ['bold', 'strong']]},
    ])
    expect(
      readable(
        converter.convert('<script>alert(1)</script><style>p{}</style><p>Safe</p><img src="">', 'p')
          .blocks,
      ),
    ).toEqual([{style: 'normal', spans: ['Safe']}])
  })
})

describe('BodyConverter.text', () => {
  it.each([
    ['France&#8217;s <b>AI</b> &amp;  era', 'France’s AI & era'],
    ['Plain   text\n here', 'Plain text here'],
    ['A&nbsp;hero', 'A hero'],
    ['東京 &lt;3 🚀', '東京 <3 🚀'],
    ['', ''],
  ])('%j → %j', (html, text) => {
    expect(converter.text(html)).toBe(text)
  })
})

describe('createBodyConverter: footnotes and media', () => {
  it('turns footnote markers into references to the footnotes’ keys (WordPress 6.4 block test data)', () => {
    const html = `<!-- wp:paragraph -->
<p>A paragraph<sup data-fn="aa484441-9ea2-470c-a0a3-218ede0c6b05" class="fn"><a href="#aa484441-9ea2-470c-a0a3-218ede0c6b05" id="aa484441-9ea2-470c-a0a3-218ede0c6b05-link">1</a></sup> and <a href="https://x.test/">a link</a>.</p>
<!-- /wp:paragraph -->
<!-- wp:paragraph -->
<p>Another paragraph<sup data-fn="f51b5ea0" class="fn"><a href="#f51b5ea0" id="f51b5ea0-link">2</a></sup></p>
<!-- /wp:paragraph -->
<!-- wp:footnotes /-->`
    const result = converter.convert(html, 'wp-post-75', {
      footnoteKeys: new Map([['aa484441-9ea2-470c-a0a3-218ede0c6b05', 'key-one']]),
    })
    const [first, second] = result.blocks as TextBlock[]
    expect(first?.children.map((span) => span.text)).toEqual([
      'A paragraph',
      '1',
      ' and ',
      'a link',
      '.',
    ])
    const marker = first?.markDefs.find((def) => def._type === 'footnoteReference')
    expect(marker).toEqual({
      _key: expect.any(String),
      _type: 'footnoteReference',
      footnote: 'key-one',
    })
    expect(first?.children[1]?.marks).toEqual([marker?._key])
    expect(first?.markDefs.filter((def) => def._type === 'link')).toEqual([
      {_key: expect.any(String), _type: 'link', href: 'https://x.test/'},
    ])
    // A marker whose footnote the post lacks keeps its number as text, noted.
    expect(second).toMatchObject({
      markDefs: [],
      children: [
        {text: 'Another paragraph', marks: []},
        {text: '2', marks: []},
      ],
    })
    expect(result.footnoteIds).toEqual(['aa484441-9ea2-470c-a0a3-218ede0c6b05'])
    expect(result.notes).toEqual([
      'a footnote marker points at footnote f51b5ea0, which the post does not have; kept as text',
    ])
    // wp:footnotes only places the list: nothing dropped.
    expect(result.droppedBlocks).toEqual([])
  })

  it('turns classic [audio] and a bare <audio> into media blocks with captions, never shortcode text', () => {
    const html = `Audio shortcode:

[audio https://s.test/blues.mp3]

<figure><audio controls src="https://s.test/b.mp3"></audio><figcaption>Blues &amp; more</figcaption></figure>
<p>Inline <audio src="https://s.test/c.mp3"></audio> player</p>`
    const result = converter.convert(html, 'wp-post-587')
    expect(readable(result.blocks)).toEqual([
      {style: 'normal', spans: ['Audio shortcode:']},
      {_type: 'mediaEmbed', kind: 'audio', url: 'https://s.test/blues.mp3'},
      {_type: 'mediaEmbed', kind: 'audio', url: 'https://s.test/b.mp3'},
      {style: 'normal', spans: ['Blues & more']},
      {
        style: 'normal',
        spans: ['Inline ', ['https://s.test/c.mp3', 'https://s.test/c.mp3'], ' player'],
      },
    ])
    expect(result.shortcodes).toEqual([])
  })
})
