import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'

import {detach, readWxr, readWxrFile, WxrError, type WxrItem, type WxrRecord} from './wxr-reader.ts'

const HEAD = `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0"
  xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
  <title>Alliance &amp; Co</title>
  <link>https://newsroom.example</link>
  <wp:wxr_version>1.2</wp:wxr_version>
  <wp:base_site_url>https://newsroom.example</wp:base_site_url>
  <wp:base_blog_url>https://newsroom.example/blog</wp:base_blog_url>
  <wp:category><wp:term_id>3</wp:term_id><wp:category_nicename><![CDATA[news]]></wp:category_nicename><wp:category_parent><![CDATA[]]></wp:category_parent><wp:cat_name><![CDATA[News]]></wp:cat_name></wp:category>
  <wp:tag><wp:term_id>5</wp:term_id><wp:tag_slug><![CDATA[%e6%9d%b1%e4%ba%ac]]></wp:tag_slug><wp:tag_name><![CDATA[東京]]></wp:tag_name><wp:tag_description><![CDATA[The capital]]></wp:tag_description></wp:tag>
  <wp:term><wp:term_id>9</wp:term_id><wp:term_taxonomy><![CDATA[nav_menu]]></wp:term_taxonomy><wp:term_slug><![CDATA[main]]></wp:term_slug><wp:term_name><![CDATA[Main]]></wp:term_name></wp:term>
`

const POST = `
  <item>
    <title><![CDATA[France&#8217;s “AI” era 🚀]]></title>
    <link>https://newsroom.example/2026/11/25/mistral/</link>
    <pubDate>Wed, 25 Nov 2026 09:00:00 +0000</pubDate>
    <dc:creator><![CDATA[editor]]></dc:creator>
    <guid isPermaLink="false">https://newsroom.example/?p=11</guid>
    <description></description>
    <content:encoded><![CDATA[<!-- wp:paragraph -->
<p>Hello <strong>world</strong> &amp; more</p>
<!-- /wp:paragraph -->]]></content:encoded>
    <excerpt:encoded><![CDATA[Short & sweet]]></excerpt:encoded>
    <wp:post_id>11</wp:post_id>
    <wp:post_date><![CDATA[2026-11-25 10:00:00]]></wp:post_date>
    <wp:post_date_gmt><![CDATA[2026-11-25 09:00:00]]></wp:post_date_gmt>
    <wp:post_name><![CDATA[mistral]]></wp:post_name>
    <wp:status><![CDATA[publish]]></wp:status>
    <wp:post_parent>0</wp:post_parent>
    <wp:post_type><![CDATA[post]]></wp:post_type>
    <category domain="category" nicename="news"><![CDATA[News]]></category>
    <category domain="post_tag" nicename="%e6%9d%b1%e4%ba%ac"><![CDATA[東京]]></category>
    <wp:postmeta><wp:meta_key><![CDATA[_thumbnail_id]]></wp:meta_key><wp:meta_value><![CDATA[101]]></wp:meta_value></wp:postmeta>
    <wp:postmeta><wp:meta_key><![CDATA[_thumbnail_id]]></wp:meta_key><wp:meta_value><![CDATA[999]]></wp:meta_value></wp:postmeta>
    <wp:comment>
      <wp:comment_id>1</wp:comment_id>
      <wp:comment_content><![CDATA[Not the body]]></wp:comment_content>
      <wp:commentmeta><wp:meta_key>akismet</wp:meta_key><wp:meta_value>x</wp:meta_value></wp:commentmeta>
    </wp:comment>
  </item>`

const ATTACHMENT = `
  <item>
    <title>Hero &amp; image</title>
    <wp:post_id>101</wp:post_id>
    <wp:status>inherit</wp:status>
    <wp:post_parent>11</wp:post_parent>
    <wp:post_type>attachment</wp:post_type>
    <wp:attachment_url>https://newsroom.example/wp-content/uploads/2026/11/hero.png</wp:attachment_url>
    <wp:postmeta><wp:meta_key>_wp_attachment_image_alt</wp:meta_key><wp:meta_value>A hero&nbsp;image</wp:meta_value></wp:postmeta>
  </item>`

const TAIL = '\n</channel>\n</rss>\n'

/** Feeds `text` in chunks of `size` characters, as a file stream would (split anywhere). */
async function* chunks(text: string, size: number) {
  for (let index = 0; index < text.length; index += size) yield text.slice(index, index + size)
}

async function readAll(text: string, size = 64, content = true): Promise<WxrRecord[]> {
  const records: WxrRecord[] = []
  for await (const record of readWxr(chunks(text, size), {content})) records.push(record)
  return records
}

async function failureOf(text: string): Promise<string> {
  try {
    await readAll(text)
  } catch (error) {
    expect(error).toBeInstanceOf(WxrError)
    expect((error as Error).message).not.toContain('\n')
    return (error as Error).message
  }
  throw new Error('expected a WxrError')
}

describe('readWxr', () => {
  it('yields the site, the terms and every item, in document order', async () => {
    const records = await readAll(HEAD + POST + ATTACHMENT + TAIL)
    expect(records.map((record) => record.kind)).toEqual([
      'site',
      'term',
      'term',
      'term',
      'item',
      'item',
    ])
    expect(records[0]).toEqual({
      kind: 'site',
      site: {
        title: 'Alliance & Co',
        link: 'https://newsroom.example',
        baseSiteUrl: 'https://newsroom.example',
        baseBlogUrl: 'https://newsroom.example/blog',
        wxrVersion: '1.2',
      },
    })
    expect(records.slice(1, 4)).toEqual([
      {kind: 'term', term: {taxonomy: 'category', slug: 'news', name: 'News', description: ''}},
      {
        kind: 'term',
        term: {
          taxonomy: 'post_tag',
          slug: '%e6%9d%b1%e4%ba%ac',
          name: '東京',
          description: 'The capital',
        },
      },
      {kind: 'term', term: {taxonomy: 'nav_menu', slug: 'main', name: 'Main', description: ''}},
    ])
  })

  it('reads an item: CDATA, entities, namespaces, terms, the first of repeated meta, no comments', async () => {
    const records = await readAll(HEAD + POST + TAIL, 7)
    const post = (records.find((record) => record.kind === 'item') as {item: WxrItem}).item
    expect(post).toEqual({
      title: 'France&#8217;s “AI” era 🚀',
      link: 'https://newsroom.example/2026/11/25/mistral/',
      guid: 'https://newsroom.example/?p=11',
      creator: 'editor',
      content:
        '<!-- wp:paragraph -->\n<p>Hello <strong>world</strong> &amp; more</p>\n<!-- /wp:paragraph -->',
      excerpt: 'Short & sweet',
      postId: 11,
      postDate: '2026-11-25 10:00:00',
      postDateGmt: '2026-11-25 09:00:00',
      postName: 'mistral',
      status: 'publish',
      postType: 'post',
      postParent: 0,
      menuOrder: 0,
      attachmentUrl: '',
      terms: [
        {domain: 'category', slug: 'news', name: 'News'},
        {domain: 'post_tag', slug: '%e6%9d%b1%e4%ba%ac', name: '東京'},
      ],
      meta: {_thumbnail_id: '101'},
      line: 17,
    })
  })

  it('decodes XML entities outside CDATA and keeps HTML ones as written', async () => {
    const records = await readAll(HEAD + ATTACHMENT + TAIL)
    const attachment = (records.find((record) => record.kind === 'item') as {item: WxrItem}).item
    expect(attachment).toMatchObject({
      title: 'Hero & image',
      postId: 101,
      postParent: 11,
      menuOrder: 0,
      postType: 'attachment',
      status: 'inherit',
      attachmentUrl: 'https://newsroom.example/wp-content/uploads/2026/11/hero.png',
      meta: {_wp_attachment_image_alt: 'A hero&nbsp;image'},
    })
  })

  it('matches namespaces by URI, whatever their prefix (WXR 1.0)', async () => {
    const text = `<rss xmlns:w="http://wordpress.org/export/1.0/" xmlns:body="http://purl.org/rss/1.0/modules/content/"><channel>
      <w:wxr_version>1.0</w:wxr_version>
      <item><w:post_id>7</w:post_id><w:post_type>post</w:post_type><body:encoded>Hi</body:encoded></item>
    </channel></rss>`
    const records = await readAll(text)
    expect(records[0]).toMatchObject({kind: 'site', site: {wxrVersion: '1.0'}})
    expect(records[1]).toMatchObject({
      kind: 'item',
      item: {postId: 7, postType: 'post', content: 'Hi'},
    })
  })

  it('leaves bodies out when asked to, for a scan', async () => {
    const records = await readAll(HEAD + POST + TAIL, 64, false)
    const post = (records.find((record) => record.kind === 'item') as {item: WxrItem}).item
    expect(post.content).toBe('')
    expect(post.excerpt).toBe('Short & sweet')
    expect(post.meta).toEqual({_thumbnail_id: '101'})
  })

  it('yields an item before it has read the rest of the input (it streams)', async () => {
    let pulled = 0
    const items = 5_000
    async function* lazy() {
      yield HEAD
      for (let index = 1; index <= items; index++) {
        pulled++
        yield POST.replace('<wp:post_id>11</wp:post_id>', `<wp:post_id>${index}</wp:post_id>`)
      }
      yield TAIL
    }
    const reader = readWxr(lazy())
    let first: WxrItem | undefined
    for await (const record of reader) {
      if (record.kind === 'item') {
        first = record.item
        break
      }
    }
    expect(first?.postId).toBe(1)
    expect(pulled).toBeLessThan(5)
  })

  it.each([
    ['JSON', '{"posts": []}', /^Not a WordPress export \(WXR\): not XML \(/],
    [
      'HTML',
      '<html><body><p>Hi</p></body></html>',
      /^Not a WordPress export \(WXR\): the root element is <html>/,
    ],
    [
      'RSS without WordPress',
      '<rss><channel><title>Feed</title><item><title>A</title></item></channel></rss>',
      /^Not a WordPress export \(WXR\): the channel has no wp:wxr_version/,
    ],
    ['an empty file', '', /^Not a WordPress export \(WXR\): the file is empty$/],
    ['white space only', '  \n ', /^Not a WordPress export \(WXR\): the file is empty$/],
  ])('refuses %s with one line', async (_name, text, message) => {
    expect(await failureOf(text)).toMatch(message)
  })

  it('says a truncated file is truncated, wherever it was cut', async () => {
    const whole = HEAD + POST + ATTACHMENT + TAIL
    for (const cut of [
      whole.indexOf('Hello'),
      whole.indexOf('<wp:post_id>101'),
      whole.indexOf('</channel>'),
    ]) {
      expect(await failureOf(whole.slice(0, cut))).toMatch(
        /^The export is (truncated: it ends inside <[^>]+>|damaged or truncated: .+) \(line \d+\)$/,
      )
    }
    expect(await failureOf(whole.slice(0, whole.indexOf('Hello')))).toMatch(
      /^The export is truncated: it ends inside <item> \(line \d+\)$/,
    )
  })

  it('says a damaged file is damaged', async () => {
    const damaged = HEAD + POST.replace('</wp:post_name>', '</wp:post_nam>') + TAIL
    expect(await failureOf(damaged)).toMatch(
      /^The export is damaged or truncated: unexpected close tag/,
    )
  })
})

describe('readWxr: authors', () => {
  it('yields each wp:author with login and display name; one without a login is skipped', async () => {
    const authors = `
  <wp:author><wp:author_id>1</wp:author_id><wp:author_login><![CDATA[newsdesk]]></wp:author_login><wp:author_email><![CDATA[desk@newsroom.example]]></wp:author_email><wp:author_display_name><![CDATA[News &amp; desk]]></wp:author_display_name></wp:author>
  <wp:author><wp:author_login>camille</wp:author_login></wp:author>
  <wp:author><wp:author_display_name>Nobody</wp:author_display_name></wp:author>`
    const records = await readAll(HEAD + authors + POST + TAIL, 11)
    expect(records.filter((record) => record.kind === 'author')).toEqual([
      {kind: 'author', author: {login: 'newsdesk', displayName: 'News &amp; desk'}},
      {kind: 'author', author: {login: 'camille', displayName: ''}},
    ])
  })
})

describe('readWxrFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wxr-reader-'))
  afterAll(() => rmSync(dir, {recursive: true, force: true}))

  it('reads a file and reports the bytes read', async () => {
    const path = join(dir, 'export.xml')
    writeFileSync(path, HEAD + POST + ATTACHMENT + TAIL)
    const seen: number[] = []
    const kinds: string[] = []
    for await (const record of readWxrFile(path, {onBytes: (bytes) => seen.push(bytes)})) {
      kinds.push(record.kind)
    }
    expect(kinds.filter((kind) => kind === 'item')).toHaveLength(2)
    expect(seen.at(-1)).toBe(Buffer.byteLength(HEAD + POST + ATTACHMENT + TAIL))
  })

  it('turns a missing file or a directory into a WxrError', async () => {
    const read = async (path: string) => {
      try {
        for await (const _record of readWxrFile(path)) break
      } catch (error) {
        expect(error).toBeInstanceOf(WxrError)
        return (error as Error).message
      }
      return 'no error'
    }
    expect(await read(join(dir, 'nope.xml'))).toBe(
      `Cannot read ${join(dir, 'nope.xml')}: no such file`,
    )
    expect(await read(dir)).toBe(`Cannot read ${dir}: a directory`)
  })
})

describe('detach', () => {
  it('gives an equal string, lone surrogates and all', () => {
    const chunk = `${'x'.repeat(1000)}東京 🚀 \ud800 "quoted"\n${'y'.repeat(1000)}`
    const slice = chunk.slice(1000, 1016)
    expect(detach(slice)).toBe(slice)
    expect(detach('')).toBe('')
  })
})
