import {describe, expect, it} from 'vitest'

import {expandShortcodes, parseShortcodeAttributes} from './shortcodes.ts'

describe('parseShortcodeAttributes', () => {
  it('reads double, single and unquoted values, names lower-cased', () => {
    expect(
      parseShortcodeAttributes(
        ` id="attachment_12" Align='center' width=300 caption="Le café, ☕"`,
      ),
    ).toEqual({
      id: 'attachment_12',
      align: 'center',
      width: '300',
      caption: 'Le café, ☕',
    })
    expect(parseShortcodeAttributes('')).toEqual({})
  })
})

describe('expandShortcodes', () => {
  it('turns [caption] into a figure with its caption, dropping the link around the image', () => {
    const html =
      'Before [caption id="attachment_104" align="alignnone" width="300"]<a href="https://x.test/p"><img class="wp-image-104" src="https://x.test/a.png" alt="" /></a> The <em>desk</em>, 東京.[/caption] after'
    expect(expandShortcodes(html)).toEqual({
      html: 'Before <figure class="wp-caption"><img class="wp-image-104" src="https://x.test/a.png" alt="" /><figcaption>The <em>desk</em>, 東京.</figcaption></figure> after',
      kept: [],
    })
  })

  it('takes the caption from the old caption attribute, and reads wp_caption', () => {
    expect(
      expandShortcodes('[wp_caption caption="Old style"]<img src="a.png">[/wp_caption]').html,
    ).toBe(
      '<figure class="wp-caption"><img src="a.png"><figcaption>Old style</figcaption></figure>',
    )
  })

  it('turns [embed] into a link', () => {
    expect(expandShortcodes('[embed width="500"]https://vimeo.com/1[/embed]').html).toBe(
      '<p><a href="https://vimeo.com/1">https://vimeo.com/1</a></p>',
    )
  })

  it('keeps other shortcodes as text and lists them', () => {
    const html =
      '[gallery ids="1,2"] and [contact-form-7 id="3" title="Contact"] and [toggle title="More"]Hidden [audio src="a.mp3"][/toggle] [playlist]'
    expect(expandShortcodes(html)).toEqual({
      html,
      kept: [
        '[gallery ids="1,2"]',
        '[contact-form-7 id="3" title="Contact"]',
        '[toggle title="More"]Hidden [audio src="a.mp3"][/toggle]',
        '[audio src="a.mp3"]',
        '[playlist]',
      ],
    })
  })

  it('leaves bracketed prose, escaped shortcodes and captions without an image alone', () => {
    const html =
      'He said [sic] twice [1]. [Note added later] [Update: fixed] [[gallery]] [caption]No image here[/caption]'
    expect(expandShortcodes(html)).toEqual({
      html,
      kept: ['[caption]No image here[/caption]'],
    })
  })

  it('shortens a long shortcode in the list', () => {
    const long = `[pullquote text="${'x'.repeat(200)}"]`
    const {kept} = expandShortcodes(long)
    expect(kept[0]).toHaveLength(80)
    expect(kept[0]?.endsWith('…')).toBe(true)
  })
})
