import {describe, expect, it} from 'vitest'

import {FIXTURE_IMAGES} from '../tests/fixtures/queries/dataset.ts'
import {createFixtureClient} from '../tests/support/fixture-client.ts'
import {createImageSourceBuilder} from './images.ts'
import {renderBody, type PostBody} from './portable-text.tsx'

const images = createImageSourceBuilder(createFixtureClient().client)

function block(text: string, fields: Record<string, unknown> = {}) {
  return {
    _type: 'block' as const,
    _key: 'b',
    style: 'normal' as const,
    markDefs: [],
    children: [{_type: 'span' as const, _key: 's', text, marks: []}],
    ...fields,
  }
}

function linked(href: string, openInNewTab = false) {
  return block('', {
    markDefs: [{_type: 'link', _key: 'l', href, openInNewTab}],
    children: [{_type: 'span', _key: 's', text: 'here', marks: ['l']}],
  })
}

const render = (body: unknown[]) => renderBody(body as PostBody, images)

describe('renderBody', () => {
  it('renders paragraphs, headings, quotes and lists, escaping the text', () => {
    expect(
      render([
        block('Fish & <chips> “quoted” 漢字 🙂'),
        block('Section', {style: 'h2'}),
        block('Said', {style: 'blockquote'}),
        block('One', {listItem: 'bullet', level: 1}),
        block('Two', {listItem: 'bullet', level: 1}),
      ]),
    ).toBe(
      '<p>Fish &amp; &lt;chips&gt; “quoted” 漢字 🙂</p><h2>Section</h2><blockquote>Said</blockquote><ul><li>One</li><li>Two</li></ul>',
    )
  })

  it('keeps safe links, opens new tabs without an opener, and drops unsafe ones', () => {
    expect(render([linked('https://example.com/?a=1&b="2"')])).toBe(
      '<p><a href="https://example.com/?a=1&amp;b=&quot;2&quot;">here</a></p>',
    )
    expect(render([linked('/about', true)])).toBe(
      '<p><a href="/about" target="_blank" rel="noopener noreferrer">here</a></p>',
    )
    expect(render([linked('javascript:alert(1)')])).toBe('<p>here</p>')
    expect(render([linked(' JavaScript:alert(1)')])).toBe('<p>here</p>')
  })

  it('renders an inline image as a sized figure with alt text and caption', () => {
    const html = render([
      {
        _type: 'imageWithAlt',
        _key: 'i',
        alt: 'A "quoted" <alt>',
        caption: 'Photo: <AFP>',
        crop: null,
        hotspot: null,
        asset: {
          _id: FIXTURE_IMAGES.photo.id,
          url: FIXTURE_IMAGES.photo.url,
          width: 800,
          height: 600,
        },
      },
    ])
    expect(html).toMatch(/^<figure class="body-figure"><img /)
    expect(html).toContain('width="800" height="600" alt="A &quot;quoted&quot; &lt;alt&gt;"')
    expect(html).toContain('<figcaption>Photo: &lt;AFP&gt;</figcaption></figure>')
  })

  it('renders nothing for an image without an asset, or an unknown type', () => {
    expect(render([{_type: 'imageWithAlt', _key: 'i', alt: 'x', asset: null}])).toBe('')
    expect(render([{_type: 'youtubeEmbed', _key: 'y', url: 'https://youtu.be/x'}])).toBe('')
    expect(render([])).toBe('')
  })
})
