import {describe, expect, it} from 'vitest'

import {embedLinkHtml, expandGutenberg, hasGutenbergBlocks} from './gutenberg.ts'

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
    })
  })

  it('turns an embed into a link paragraph, from its url attribute', () => {
    const html = `<p>Before</p><!-- wp:embed {"url":"https://www.youtube.com/watch?v=a&b=1","type":"video","providerNameSlug":"youtube"} -->
<figure class="wp-block-embed"><div class="wp-block-embed__wrapper">
https://www.youtube.com/watch?v=a&amp;b=1
</div></figure>
<!-- /wp:embed --><p>After</p>`
    expect(expandGutenberg(html).html).toBe(
      '<p>Before</p><p><a href="https://www.youtube.com/watch?v=a&amp;b=1">https://www.youtube.com/watch?v=a&amp;b=1</a></p><p>After</p>',
    )
  })

  it('reads the older core-embed blocks, and a URL from the HTML when attributes have none', () => {
    const html = `<!-- wp:core-embed/twitter {"providerNameSlug":"twitter"} -->
<figure><div>https://twitter.com/x/status/1</div></figure>
<!-- /wp:core-embed/twitter -->`
    expect(expandGutenberg(html)).toEqual({
      html: '<p><a href="https://twitter.com/x/status/1">https://twitter.com/x/status/1</a></p>',
      dropped: [],
    })
  })

  it('lists dynamic blocks and reusable blocks, which the export holds no HTML for', () => {
    const html =
      '<!-- wp:latest-posts {"postsToShow":3} /--><!-- wp:more --><!--more--><!-- /wp:more --><!-- wp:block {"ref":42} /--><!-- wp:spacer /--><!-- wp:jetpack/rating-star {"rating":4} /-->'
    expect(expandGutenberg(html)).toEqual({
      html: '<!--more-->',
      dropped: ['latest-posts', 'block (ref 42)', 'jetpack/rating-star'],
    })
  })

  it('keeps going past malformed attributes and an embed left open', () => {
    expect(
      expandGutenberg('<!-- wp:paragraph {not json} --><p>A</p><!-- /wp:paragraph -->'),
    ).toEqual({html: '<p>A</p>', dropped: []})
    expect(
      expandGutenberg('<!-- wp:embed {"url":"https://x.test/v"} --><figure>x</figure>'),
    ).toEqual({
      html: '<figure>x</figure>',
      dropped: [],
    })
    expect(expandGutenberg('<!-- wp:embed /-->').dropped).toEqual(['embed'])
  })
})

describe('embedLinkHtml', () => {
  it('escapes the URL', () => {
    expect(embedLinkHtml('https://x.test/?a=1&b="2"<')).toBe(
      '<p><a href="https://x.test/?a=1&amp;b=&quot;2&quot;&lt;">https://x.test/?a=1&amp;b=&quot;2&quot;&lt;</a></p>',
    )
  })
})
