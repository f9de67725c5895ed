import {describe, expect, it} from 'vitest'

import type {Attachment} from './images.ts'
import type {PostMedia} from './media.ts'
import {expandShortcodes, parseShortcodeAttributes} from './shortcodes.ts'

function attachment(id: number, file: string, fields: Partial<Attachment> = {}): Attachment {
  return {
    id,
    url: `https://s.test/uploads/${file}`,
    alt: '',
    title: '',
    caption: '',
    parent: 5,
    menuOrder: 0,
    ...fields,
  }
}

/** Attachments of the Theme Unit Test's kind: two photos and a sound file belonging to post 5. */
const OWN = [
  attachment(767, 'windmill.jpg', {menuOrder: 1}),
  attachment(821, 'own.mp3', {menuOrder: 2}),
  attachment(769, 'img_0747.jpg', {menuOrder: 3, caption: 'Jacare & friends'}),
]
const MEDIA: PostMedia = {
  attachment: (id) => OWN.find((item) => item.id === id),
  ownAttachments: () => OWN,
}

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
      notes: [],
    })
  })

  it('takes the caption from the old caption attribute, and reads wp_caption', () => {
    expect(
      expandShortcodes('[wp_caption caption="Old style"]<img src="a.png">[/wp_caption]').html,
    ).toBe(
      '<figure class="wp-caption"><img src="a.png"><figcaption>Old style</figcaption></figure>',
    )
  })

  it('turns [embed], [audio] and [video] into media blocks holding the URL', () => {
    expect(expandShortcodes('[embed width="500"]https://vimeo.com/1[/embed]').html).toBe(
      '<div data-newsroom-media="embed" data-url="https://vimeo.com/1"></div>',
    )
    // The Theme Unit Test's forms: a URL alone, src, a format attribute, and bare (the post's file).
    expect(
      expandShortcodes(
        '[audio https://s.test/blues.mp3]|[audio src="https://s.test/a.ogg" loop="on"]|[video width="640" mp4="https://s.test/v.mp4"][/video]|[audio]|[video]',
        MEDIA,
      ),
    ).toEqual({
      html:
        '<div data-newsroom-media="audio" data-url="https://s.test/blues.mp3"></div>|' +
        '<div data-newsroom-media="audio" data-url="https://s.test/a.ogg"></div>|' +
        '<div data-newsroom-media="video" data-url="https://s.test/v.mp4"></div>|' +
        '<div data-newsroom-media="audio" data-url="https://s.test/uploads/own.mp3"></div>|' +
        '[video]',
      kept: ['[video]'],
      notes: [],
    })
  })

  it('turns [gallery] into its images in order: ids as listed, else the post’s own, less exclude', () => {
    const images = (html: string) =>
      [...html.matchAll(/wp-image-(\d+)/g)].map((match) => Number(match[1]))
    const byIds = expandShortcodes('[gallery columns=2 ids="769,767,999"]', MEDIA)
    expect(images(byIds.html)).toEqual([769, 767])
    expect(byIds.html).toContain(
      '<img src="https://s.test/uploads/img_0747.jpg" class="wp-image-769"><figcaption>Jacare &amp; friends</figcaption>',
    )
    expect(byIds.notes).toEqual([
      '[gallery columns=2 ids="769,767,999"] became 2 images in the body, in order; its columns not kept; attachments 999 are not in the export',
    ])
    expect(images(expandShortcodes('[gallery]', MEDIA).html)).toEqual([767, 769])
    expect(images(expandShortcodes('[gallery exclude="767" order="DESC"]', MEDIA).html)).toEqual([
      769,
    ])
    expect(
      images(expandShortcodes('[gallery include="767,769" order="desc"]', MEDIA).html),
    ).toEqual([769, 767])
    // Without attachments a gallery has nothing to show: kept as text, reported.
    expect(expandShortcodes('[gallery ids="1,2"]').kept).toEqual(['[gallery ids="1,2"]'])
  })

  it('keeps other shortcodes as text and lists them', () => {
    const html =
      '[contact-form-7 id="3" title="Contact"] and [toggle title="More"]Hidden [audio src="a.mp3"][/toggle] [playlist]'
    expect(expandShortcodes(html)).toEqual({
      html,
      kept: [
        '[contact-form-7 id="3" title="Contact"]',
        '[toggle title="More"]Hidden [audio src="a.mp3"][/toggle]',
        // Not a web address: nothing to play.
        '[audio src="a.mp3"]',
        '[playlist]',
      ],
      notes: [],
    })
  })

  it('leaves bracketed prose, escaped shortcodes and captions without an image alone', () => {
    const html =
      'He said [sic] twice [1]. [Note added later] [Update: fixed] [[gallery]] [caption]No image here[/caption]'
    expect(expandShortcodes(html)).toEqual({
      html,
      kept: ['[caption]No image here[/caption]'],
      notes: [],
    })
  })

  it('shortens a long shortcode in the list', () => {
    const long = `[pullquote text="${'x'.repeat(200)}"]`
    const {kept} = expandShortcodes(long)
    expect(kept[0]).toHaveLength(80)
    expect(kept[0]?.endsWith('…')).toBe(true)
  })
})
