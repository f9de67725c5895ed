import {describe, expect, it} from 'vitest'

import {embedLinkHtml, expandGutenberg, hasGutenbergBlocks} from './gutenberg.ts'
import type {PostMedia} from './media.ts'

describe('hasGutenbergBlocks', () => {
  it.each([
    ['<!-- wp:paragraph -->\n<p>Hi</p>\n<!-- /wp:paragraph -->', true],
    ['<!-- wp:latest-posts /-->', true],
    ['<p>Classic</p><!--more-->', false],
    ['<!-- a comment mentioning wp: things -->', false],
    ['', false],
  ])('%j → %s', (html, expected) => {
    expect(hasGutenbergBlocks(html)).toBe(expected)
  })
})

describe('expandGutenberg', () => {
  it('removes block comments and keeps the HTML of each block', () => {
    const html = `<!-- wp:heading {"level":3} -->
<h3 class="wp-block-heading">東京 🚀</h3>
<!-- /wp:heading -->

<!-- wp:list -->
<ul><!-- wp:list-item --><li>One</li><!-- /wp:list-item --></ul>
<!-- /wp:list -->`
    expect(expandGutenberg(html)).toEqual({
      html: '\n<h3 class="wp-block-heading">東京 🚀</h3>\n\n\n\n<ul><li>One</li></ul>\n',
      dropped: [],
      notes: [],
    })
  })

  it('turns an embed into a media block, from its url attribute, with its caption', () => {
    const html = `<p>Before</p><!-- wp:embed {"url":"https://www.youtube.com/watch?v=a&b=1","type":"video","providerNameSlug":"youtube"} -->
<figure class="wp-block-embed"><div class="wp-block-embed__wrapper">
https://www.youtube.com/watch?v=a&amp;b=1
</div></figure>
<figcaption class="wp-element-caption">The <em>launch</em></figcaption></figure>
<!-- /wp:embed --><p>After</p>`
    expect(expandGutenberg(html).html).toBe(
      '<p>Before</p><div data-newsroom-media="embed" data-url="https://www.youtube.com/watch?v=a&amp;b=1">The <em>launch</em></div><p>After</p>',
    )
  })

  it('reads the older core-embed blocks, and a URL from the HTML when attributes have none', () => {
    const html = `<!-- wp:core-embed/twitter {"providerNameSlug":"twitter"} -->
<figure><div>https://twitter.com/x/status/1</div></figure>
<!-- /wp:core-embed/twitter -->`
    expect(expandGutenberg(html)).toEqual({
      html: '<div data-newsroom-media="embed" data-url="https://twitter.com/x/status/1"></div>',
      dropped: [],
      notes: [],
    })
  })

  it('lists dynamic blocks and reusable blocks, which the export holds no HTML for', () => {
    const html =
      '<!-- wp:latest-posts {"postsToShow":3} /--><!-- wp:more --><!--more--><!-- /wp:more --><!-- wp:block {"ref":42} /--><!-- wp:spacer /--><!-- wp:jetpack/rating-star {"rating":4} /-->'
    expect(expandGutenberg(html)).toEqual({
      html: '<!--more-->',
      dropped: ['latest-posts', 'block (ref 42)', 'jetpack/rating-star'],
      notes: [],
    })
  })

  it('keeps going past malformed attributes and an embed left open', () => {
    expect(
      expandGutenberg('<!-- wp:paragraph {not json} --><p>A</p><!-- /wp:paragraph -->'),
    ).toEqual({html: '<p>A</p>', dropped: [], notes: []})
    expect(
      expandGutenberg('<!-- wp:embed {"url":"https://x.test/v"} --><figure>x</figure>'),
    ).toEqual({
      html: '<figure>x</figure>',
      dropped: [],
      notes: [],
    })
    expect(expandGutenberg('<!-- wp:embed /-->').dropped).toEqual(['embed'])
  })
})

describe('expandGutenberg: galleries, audio and video (WordPress 6.4 block test data)', () => {
  const media: PostMedia = {
    attachment: (id) =>
      id === 769
        ? {
            id,
            url: 'https://s.test/img_0747.jpg',
            alt: '',
            title: 'Brazil Beach',
            caption: 'Jacare & friends',
            parent: 0,
            menuOrder: 0,
          }
        : id === 821
          ? {
              id,
              url: 'https://s.test/blues.mp3',
              alt: '',
              title: '',
              caption: '',
              parent: 0,
              menuOrder: 0,
            }
          : undefined,
    ownAttachments: () => [],
  }

  it('turns a nested-image gallery into its figures in order, captions kept, its own caption a paragraph', () => {
    const html = `<!-- wp:gallery {"linkTo":"none","columns":2} -->
<figure class="wp-block-gallery has-nested-images columns-2"><!-- wp:image {"id":769} -->
<figure class="wp-block-image size-large"><img src="https://s.test/img_0747.jpg?w=1024" alt="" class="wp-image-769"/><figcaption class="wp-element-caption">Brazil <strong>Beach</strong></figcaption></figure>
<!-- /wp:image -->

<!-- wp:image {"id":767} -->
<figure class="wp-block-image size-large"><img src="https://s.test/windmill.jpg" alt="A windmill" class="wp-image-767"/></figure>
<!-- /wp:image --><figcaption class="blocks-gallery-caption wp-element-caption">Two places</figcaption></figure>
<!-- /wp:gallery -->`
    expect(expandGutenberg(html, media)).toEqual({
      html:
        '<figure class="wp-gallery-image"><img src="https://s.test/img_0747.jpg?w=1024" class="wp-image-769"><figcaption>Brazil <strong>Beach</strong></figcaption></figure>\n' +
        '<figure class="wp-gallery-image"><img src="https://s.test/windmill.jpg" class="wp-image-767" alt="A windmill"></figure>' +
        '<p>Two places</p>',
      dropped: [],
      notes: [
        'wp:gallery became 2 images in the body, in order; its columns, linkTo not kept; its caption became a paragraph after them',
      ],
    })
  })

  it('reads the older list gallery, and a gallery with ids but no HTML from its attachments', () => {
    const list = `<!-- wp:gallery {"ids":[769]} --><figure class="wp-block-gallery"><ul class="blocks-gallery-grid"><li class="blocks-gallery-item"><figure><img src="https://s.test/a.jpg" data-id="769" alt="Beach"/><figcaption class="blocks-gallery-item__caption">Sand</figcaption></figure></li></ul></figure><!-- /wp:gallery -->`
    expect(expandGutenberg(list, media).html).toBe(
      '<figure class="wp-gallery-image"><img src="https://s.test/a.jpg" class="wp-image-769" alt="Beach"><figcaption>Sand</figcaption></figure>',
    )
    expect(expandGutenberg('<!-- wp:gallery {"ids":["769","5"]} /-->', media).html).toBe(
      '<figure class="wp-gallery-image"><img src="https://s.test/img_0747.jpg" class="wp-image-769"><figcaption>Jacare &amp; friends</figcaption></figure>',
    )
    expect(
      expandGutenberg('<!-- wp:gallery {"ids":[]} --><figure></figure><!-- /wp:gallery -->', media)
        .dropped,
    ).toEqual(['gallery'])
  })

  it('turns audio and video into media blocks, from their HTML or their attachment', () => {
    const html = `<!-- wp:audio {"id":821} -->
<figure class="wp-block-audio"><audio controls src="https://s.test/blues.mp3?a=1&amp;b=2"></audio><figcaption class="wp-element-caption">St. Louis Blues</figcaption></figure>
<!-- /wp:audio --><!-- wp:video {"id":1690} --><figure class="wp-block-video"><video controls loop src="https://s.test/v.mov"></video></figure><!-- /wp:video --><!-- wp:audio {"id":821} /-->`
    expect(expandGutenberg(html, media)).toEqual({
      html:
        '<div data-newsroom-media="audio" data-url="https://s.test/blues.mp3?a=1&amp;b=2">St. Louis Blues</div>' +
        '<div data-newsroom-media="video" data-url="https://s.test/v.mov"></div>' +
        '<div data-newsroom-media="audio" data-url="https://s.test/blues.mp3"></div>',
      dropped: [],
      notes: [],
    })
  })
})

describe('embedLinkHtml', () => {
  it('escapes the URL', () => {
    expect(embedLinkHtml('https://x.test/?a=1&b="2"<')).toBe(
      '<p><a href="https://x.test/?a=1&amp;b=&quot;2&quot;&lt;">https://x.test/?a=1&amp;b=&quot;2&quot;&lt;</a></p>',
    )
  })
})
