/**
 * A streaming reader of WordPress exports (WXR: RSS 2.0 with the `wp:`, `content:`, `excerpt:`
 * and `dc:` namespaces). It yields the site, each term and each item as soon as its closing tag
 * is read, holding one item at a time, so a 500 MB export never sits in memory. Namespaces are
 * matched by URI (any prefix, WXR 1.0 to 1.2), CDATA and entities are decoded; HTML entities
 * that XML does not define (`&nbsp;` outside CDATA) are kept as written for the HTML step.
 */
import {createReadStream} from 'node:fs'
import {SaxesParser, type SaxesTagNS} from 'saxes'

/** The export's site, from the channel's own elements. */
export interface WxrSite {
  title: string
  /** The site's address (`<link>`). */
  link: string
  /** `wp:base_site_url`: where `wp-content/uploads` lives. */
  baseSiteUrl: string
  /** `wp:base_blog_url`: where the posts' permalinks start. */
  baseBlogUrl: string
  /** `wp:wxr_version`, e.g. `1.2`. */
  wxrVersion: string
}

/** A term defined by the channel (`wp:category`, `wp:tag`, `wp:term`). */
export interface WxrTermDefinition {
  /** `category`, `post_tag`, or the taxonomy of a `wp:term` (`nav_menu`, …). */
  taxonomy: string
  /** The term's slug (nicename), URL-encoded as WordPress stores it. */
  slug: string
  name: string
  description: string
}

/** A user of the site (`wp:author`): who wrote the items whose `dc:creator` is their login. */
export interface WxrAuthor {
  login: string
  /** `wp:author_display_name`; may be empty. */
  displayName: string
}

/** A term an item is filed under (`<category domain="post_tag" nicename="ai">AI</category>`). */
export interface WxrItemTerm {
  /** `category`, `post_tag`, `post_format`, `nav_menu`, … */
  domain: string
  slug: string
  name: string
}

/** One `<item>`: a post, page, attachment, revision, menu item… */
export interface WxrItem {
  /** The title as exported: may carry HTML entities (`&#8217;`). */
  title: string
  /** The permalink. */
  link: string
  guid: string
  /** `dc:creator`: the author's login. */
  creator: string
  /** `content:encoded`: the HTML body (empty when the reader was asked to skip content). */
  content: string
  /** `excerpt:encoded`. */
  excerpt: string
  postId: number
  /** `wp:post_date`, local time, `YYYY-MM-DD HH:MM:SS`. */
  postDate: string
  /** `wp:post_date_gmt`, UTC; `0000-00-00 00:00:00` for drafts never scheduled. */
  postDateGmt: string
  postName: string
  /** `publish`, `draft`, `pending`, `future`, `private`, `trash`, `inherit`, `auto-draft`. */
  status: string
  /** `post`, `page`, `attachment`, `revision`, `nav_menu_item`, or a custom type. */
  postType: string
  postParent: number
  /** `wp:menu_order`: the order of an attachment in its post's gallery. */
  menuOrder: number
  /** For attachments: the URL of the uploaded file. */
  attachmentUrl: string
  terms: WxrItemTerm[]
  /** `wp:postmeta` by key; the first value of a repeated key wins. */
  meta: Record<string, string>
  /** Line where the item starts, for messages. */
  line: number
}

/** What the reader yields, in document order (the site first). */
export type WxrRecord =
  | {kind: 'site'; site: WxrSite}
  | {kind: 'term'; term: WxrTermDefinition}
  | {kind: 'author'; author: WxrAuthor}
  | {kind: 'item'; item: WxrItem}

/**
 * A copy of `text` that does not keep alive the chunk it was cut from. V8 makes a substring a
 * view into its parent string, so keeping a post's 40-character slug would keep the parser's
 * 256 kB chunk with it: a scan of a 130 MB export kept all of it in memory.
 */
export function detach(text: string): string {
  return text === '' ? '' : (JSON.parse(JSON.stringify(text)) as string)
}

/** The input is not a readable WordPress export. The message is one line for the user. */
export class WxrError extends Error {
  override name = 'WxrError'
}

/** Options of {@link readWxr}. */
export interface ReadWxrOptions {
  /**
   * Keep each item's `content:encoded`. A scan that needs only dates, ids and metadata saves the
   * time and memory of collecting bodies.
   * @defaultValue true
   */
  content?: boolean
}

const WP_NAMESPACE = /^https?:\/\/wordpress\.org\/export\/1\.\d+\/$/
const EXCERPT_NAMESPACE = /^https?:\/\/wordpress\.org\/export\/1\.\d+\/excerpt\/$/
const CONTENT_NAMESPACE = 'http://purl.org/rss/1.0/modules/content/'
const DC_NAMESPACE = 'http://purl.org/dc/elements/1.1/'

/** `wp:post_id`, `content:encoded`, `title`: an element named by its namespace's usual prefix. */
function keyOf(tag: SaxesTagNS): string {
  const uri = tag.uri
  if (!uri) return tag.local
  if (WP_NAMESPACE.test(uri)) return `wp:${tag.local}`
  if (EXCERPT_NAMESPACE.test(uri)) return `excerpt:${tag.local}`
  if (uri === CONTENT_NAMESPACE) return `content:${tag.local}`
  if (uri === DC_NAMESPACE) return `dc:${tag.local}`
  return `{${uri}}${tag.local}`
}

/** The channel's own elements the site is read from. */
const SITE_FIELDS: Record<string, keyof WxrSite> = {
  title: 'title',
  link: 'link',
  'wp:base_site_url': 'baseSiteUrl',
  'wp:base_blog_url': 'baseBlogUrl',
  'wp:wxr_version': 'wxrVersion',
}

/** Channel elements that define terms, and the child holding each field. */
const TERM_ELEMENTS: Record<string, {taxonomy?: string; slug: string; name: string}> = {
  'wp:category': {taxonomy: 'category', slug: 'wp:category_nicename', name: 'wp:cat_name'},
  'wp:tag': {taxonomy: 'post_tag', slug: 'wp:tag_slug', name: 'wp:tag_name'},
  'wp:term': {slug: 'wp:term_slug', name: 'wp:term_name'},
}
const TERM_DESCRIPTIONS = [
  'wp:category_description',
  'wp:tag_description',
  'wp:term_description',
] as const

/** Item children read as text, and the field each fills. */
const ITEM_TEXT_FIELDS = {
  title: 'title',
  link: 'link',
  guid: 'guid',
  'dc:creator': 'creator',
  'content:encoded': 'content',
  'excerpt:encoded': 'excerpt',
  'wp:post_date': 'postDate',
  'wp:post_date_gmt': 'postDateGmt',
  'wp:post_name': 'postName',
  'wp:status': 'status',
  'wp:post_type': 'postType',
  'wp:attachment_url': 'attachmentUrl',
} as const satisfies Record<string, keyof WxrItem>
const ITEM_NUMBER_FIELDS = {
  'wp:post_id': 'postId',
  'wp:post_parent': 'postParent',
  'wp:menu_order': 'menuOrder',
} as const satisfies Record<string, keyof WxrItem>

function emptyItem(line: number): WxrItem {
  return {
    title: '',
    link: '',
    guid: '',
    creator: '',
    content: '',
    excerpt: '',
    postId: 0,
    postDate: '',
    postDateGmt: '',
    postName: '',
    status: '',
    postType: '',
    postParent: 0,
    menuOrder: 0,
    attachmentUrl: '',
    terms: [],
    meta: {},
    line,
  }
}

/**
 * Reads WXR from `input` (text chunks, e.g. a UTF-8 file stream) and yields the site, the channel's
 * terms and every item. Throws a {@link WxrError} when the input is not XML, not a WordPress
 * export, or ends early (a truncated file), always before yielding anything past the damage.
 */
export async function* readWxr(
  input: AsyncIterable<string | Buffer>,
  options: ReadWxrOptions = {},
): AsyncGenerator<WxrRecord> {
  const keepContent = options.content ?? true
  const parser = new SaxesParser({xmlns: true, position: true})
  const queue: WxrRecord[] = []
  let failure: WxrError | undefined

  /** Keys of the open elements, root first. */
  const stack: string[] = []
  const site: WxrSite = {title: '', link: '', baseSiteUrl: '', baseBlogUrl: '', wxrVersion: ''}
  let siteSent = false
  let item: WxrItem | undefined
  let term: {element: string; fields: Record<string, string>} | undefined
  let author: Record<string, string> | undefined
  let meta: {key: string; value: string} | undefined
  let category: WxrItemTerm | undefined
  /** The text being collected, when the open element is one the reader keeps. */
  let text: string[] | undefined

  const fail = (message: string) => {
    failure ??= new WxrError(`${message} (line ${parser.line})`)
  }

  const sendSite = () => {
    if (siteSent) return
    siteSent = true
    if (!site.wxrVersion) {
      fail('Not a WordPress export (WXR): the channel has no wp:wxr_version')
      return
    }
    queue.push({kind: 'site', site: {...site}})
  }

  parser.on('error', (error) => {
    const message = error.message.replace(/^\d+:\d+: /, '')
    // An HTML entity outside CDATA (`&nbsp;`) stays as written, for the HTML decoding later.
    if (/undefined entity/.test(message)) return
    if (stack.length === 0 && !siteSent && queue.length === 0) {
      fail(`Not a WordPress export (WXR): not XML (${message.replace(/\.$/, '')})`)
    } else {
      fail(`The export is damaged or truncated: ${message.replace(/\.$/, '')}`)
    }
  })

  parser.on('opentag', (tag) => {
    const key = keyOf(tag)
    const depth = stack.length
    stack.push(key)
    text = undefined
    if (depth === 0) {
      if (key !== 'rss') fail(`Not a WordPress export (WXR): the root element is <${tag.name}>`)
      return
    }
    const parent = stack[depth - 1]
    if (depth === 2 && parent === 'channel') {
      if (key === 'item') {
        sendSite()
        item = emptyItem(parser.line)
      } else if (key in TERM_ELEMENTS) {
        sendSite()
        term = {element: key, fields: {}}
      } else if (key === 'wp:author') {
        sendSite()
        author = {}
      } else if (key in SITE_FIELDS) {
        text = []
      }
      return
    }
    if (item && depth === 3) {
      if (key === 'category') {
        const attribute = (name: string) => tag.attributes[name]?.value ?? ''
        category = {
          domain: detach(attribute('domain')),
          slug: detach(attribute('nicename')),
          name: '',
        }
        text = []
      } else if (key === 'wp:postmeta') {
        meta = {key: '', value: ''}
      } else if (key === 'content:encoded' ? keepContent : key in ITEM_TEXT_FIELDS) {
        text = []
      } else if (key in ITEM_NUMBER_FIELDS) {
        text = []
      }
      return
    }
    if ((meta && depth === 4) || ((term || author) && depth === 3)) text = []
  })

  const collect = (chunk: string) => {
    text?.push(chunk)
  }
  parser.on('text', collect)
  parser.on('cdata', collect)

  parser.on('closetag', () => {
    const key = stack.pop() as string
    const depth = stack.length
    const value = text?.join('') ?? ''
    text = undefined
    if (depth === 2 && stack[1] === 'channel') {
      if (key === 'item' && item) {
        queue.push({kind: 'item', item})
        item = undefined
      } else if (key === 'wp:author' && author) {
        if (author['wp:author_login']) {
          queue.push({
            kind: 'author',
            author: {
              login: author['wp:author_login'],
              displayName: author['wp:author_display_name'] ?? '',
            },
          })
        }
        author = undefined
      } else if (term) {
        const fields = term.fields
        const shape = TERM_ELEMENTS[term.element] as (typeof TERM_ELEMENTS)[string]
        queue.push({
          kind: 'term',
          term: {
            taxonomy: shape.taxonomy ?? fields['wp:term_taxonomy'] ?? '',
            slug: fields[shape.slug] ?? '',
            name: fields[shape.name] ?? '',
            description: TERM_DESCRIPTIONS.map((name) => fields[name]).find(Boolean) ?? '',
          },
        })
        term = undefined
      } else if (key in SITE_FIELDS) {
        site[SITE_FIELDS[key] as keyof WxrSite] ||= detach(value.trim())
      }
      return
    }
    if (item && depth === 3) {
      if (key === 'category' && category) {
        item.terms.push({...category, name: detach(value.trim())})
        category = undefined
      } else if (key === 'wp:postmeta' && meta) {
        if (meta.key && !(meta.key in item.meta)) item.meta[meta.key] = meta.value
        meta = undefined
      } else if (key in ITEM_TEXT_FIELDS) {
        const field = ITEM_TEXT_FIELDS[key as keyof typeof ITEM_TEXT_FIELDS]
        // The body is read once and dropped; the other fields may be kept for the whole import.
        if (field === 'content') item.content = value
        else item[field] = detach(field === 'excerpt' ? value : value.trim())
      } else if (key in ITEM_NUMBER_FIELDS) {
        const number = Number.parseInt(value.trim(), 10)
        item[ITEM_NUMBER_FIELDS[key as keyof typeof ITEM_NUMBER_FIELDS]] = Number.isFinite(number)
          ? number
          : 0
      }
      return
    }
    if (meta && depth === 4) {
      if (key === 'wp:meta_key') meta.key = detach(value.trim())
      else if (key === 'wp:meta_value') meta.value = detach(value)
      return
    }
    if (term && depth === 3) term.fields[key] = detach(value.trim())
    else if (author && depth === 3) author[key] = detach(value.trim())
  })

  let sawRoot = false
  parser.on('opentagstart', () => {
    sawRoot = true
  })

  const drain = function* () {
    if (failure) throw failure
    let index = 0
    while (index < queue.length) yield queue[index++] as WxrRecord
    queue.length = 0
  }

  for await (const chunk of input) {
    parser.write(typeof chunk === 'string' ? chunk : chunk.toString('utf8'))
    yield* drain()
  }
  if (!sawRoot && !failure) {
    throw new WxrError('Not a WordPress export (WXR): the file is empty')
  }
  if (stack.length > 0 && !failure) {
    const open = stack.includes('item') ? '<item>' : `<${stack[stack.length - 1]}>`
    fail(`The export is truncated: it ends inside ${open}`)
  }
  if (!failure) parser.close()
  if (!failure && !siteSent) sendSite()
  yield* drain()
}

/** Options of {@link readWxrFile}. */
export interface ReadWxrFileOptions extends ReadWxrOptions {
  /** Called as the file is read, with the bytes read so far. */
  onBytes?: (bytesRead: number) => void
}

/**
 * {@link readWxr} over a file, read as UTF-8 in 256 kB chunks. A missing or unreadable file is a
 * {@link WxrError} too.
 */
export async function* readWxrFile(
  path: string,
  options: ReadWxrFileOptions = {},
): AsyncGenerator<WxrRecord> {
  const stream = createReadStream(path, {encoding: 'utf8', highWaterMark: 256 * 1024})
  const chunks = async function* () {
    try {
      for await (const chunk of stream) {
        yield chunk as string
        options.onBytes?.(stream.bytesRead)
      }
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a directory' : code
      throw new WxrError(`Cannot read ${path}: ${reason ?? (error as Error).message}`)
    }
  }
  try {
    yield* readWxr(chunks(), options)
  } finally {
    stream.destroy()
  }
}
