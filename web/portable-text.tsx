/** @jsxImportSource hono/jsx */
import {toHTML, uriLooksSafe} from '@portabletext/to-html'

import type {PostPageQueryResult} from 'sanity-plugin-newsroom/queries'
import {escapeMarkup} from './escape.ts'
import {BODY_LAYOUT, type ImageFields, type ImageSourceBuilder} from './images.ts'
import {Picture} from './picture.tsx'

/** A post body as `postPageQuery` returns it. */
export type PostBody = NonNullable<NonNullable<PostPageQueryResult>['body']>

/** A post's footnotes as `postPageQuery` returns them. */
export type PostFootnotes = NonNullable<NonNullable<PostPageQueryResult>['footnotes']>

/** A media block of the body (`schemas/objects/mediaEmbed.ts`). */
interface MediaFields {
  kind?: string | null
  url?: string | null
  caption?: string | null
}

/** A body block's click-to-edit attribute by its `_key` (preview pages only). */
export type BlockEditAttribute = (key: string) => string | undefined

/** The tag of each block style, as `@portabletext/to-html` writes them. */
const BLOCK_TAGS: Record<string, string> = {
  normal: 'p',
  blockquote: 'blockquote',
  h1: 'h1',
  h2: 'h2',
  h3: 'h3',
  h4: 'h4',
  h5: 'h5',
  h6: 'h6',
}

/**
 * Block and list item components that write what the defaults write plus each block's
 * `data-sanity` attribute, so the overlays can take an editor to that block.
 */
function annotatedBlocks(annotate: (key: unknown) => string) {
  const block = ({
    value,
    children,
  }: {
    value: {_key?: string; style?: string}
    children?: string
  }) => {
    const tag = BLOCK_TAGS[value.style ?? 'normal'] ?? 'p'
    return `<${tag}${annotate(value._key)}>${children ?? ''}</${tag}>`
  }
  return {
    block,
    listItem: ({value, children}: {value: {_key?: string}; children?: string}) =>
      `<li${annotate(value._key)}>${children ?? ''}</li>`,
  }
}

/** The anchor of a footnote in the list, and of its marker in the text. */
export function footnoteAnchor(key: string): {note: string; marker: string} {
  const id = key.replace(/[^A-Za-z0-9_-]/g, '')
  return {note: `footnote-${id}`, marker: `footnote-ref-${id}`}
}

/** Audio and video files play in the page; an embedded page is a link to it. */
function renderMedia(value: MediaFields): string {
  const url = typeof value.url === 'string' ? value.url.trim() : ''
  if (!/^https?:\/\//i.test(url)) return ''
  const href = escapeMarkup(url)
  const caption = value.caption ? escapeMarkup(value.caption) : ''
  const link = `<a href="${href}">${caption || href}</a>`
  if (value.kind === 'audio' || value.kind === 'video') {
    const player =
      value.kind === 'audio'
        ? `<audio controls preload="none" src="${href}"></audio>`
        : `<video controls preload="metadata" playsinline src="${href}"></video>`
    return `<figure class="body-media body-media-${value.kind}">${player}<figcaption>${link}</figcaption></figure>`
  }
  return `<p class="body-media body-media-embed">${link}</p>`
}

/**
 * The footnotes after the body: a numbered list, each note linked back to its marker in the text.
 * Empty for a post without footnotes.
 */
export function renderFootnotes(footnotes: PostFootnotes): string {
  const notes = footnotes.filter((note) => note.text)
  if (notes.length === 0) return ''
  const items = notes.map((note) => {
    const anchor = footnoteAnchor(note._key)
    return `<li id="${anchor.note}">${escapeMarkup(note.text ?? '')} <a href="#${anchor.marker}" class="footnote-back" aria-label="Back to the text">↩</a></li>`
  })
  return `<section class="footnotes" aria-labelledby="footnotes-heading"><h2 id="footnotes-heading">Notes</h2><ol>${items.join('')}</ol></section>`
}

/**
 * The body as HTML: paragraphs, H2/H3, quotes, lists, links (unsafe URLs dropped, "open in a new
 * tab" with `noopener`), footnote markers linked to their note, inline images as sized figures
 * with alt text and caption, audio and video as players, embeds as links. Objects of unknown
 * types render nothing rather than a hidden warning.
 */
export function renderBody(
  body: PostBody,
  images: ImageSourceBuilder,
  editAttribute?: BlockEditAttribute,
): string {
  const annotate = (key: unknown) => {
    const value = editAttribute && typeof key === 'string' ? editAttribute(key) : undefined
    return value ? ` data-sanity="${escapeMarkup(value)}"` : ''
  }
  return toHTML(body, {
    onMissingComponent: false,
    components: {
      ...(editAttribute ? annotatedBlocks(annotate) : {}),
      types: {
        imageWithAlt: ({value}: {value: ImageFields & {_key?: string}}) => {
          if (!value.asset) return ''
          return String(
            <figure
              class="body-figure"
              data-sanity={editAttribute && value._key ? editAttribute(value._key) : undefined}
            >
              <Picture image={value} layout={BODY_LAYOUT} images={images} />
              {value.caption ? <figcaption>{value.caption}</figcaption> : null}
            </figure>,
          )
        },
        mediaEmbed: ({value}: {value: MediaFields & {_key?: string}}) =>
          renderMedia(value).replace(/^<(figure|p)(?= )/, (tag) => tag + annotate(value._key)),
      },
      marks: {
        footnoteReference: ({children, value}) => {
          const key = typeof value?.footnote === 'string' ? value.footnote : ''
          if (!key) return children
          const anchor = footnoteAnchor(key)
          return `<sup class="footnote-ref"><a href="#${anchor.note}" id="${anchor.marker}">${children}</a></sup>`
        },
        link: ({children, value}) => {
          const href = typeof value?.href === 'string' ? value.href.trim() : ''
          if (!href || !uriLooksSafe(href)) return children
          const newTab = value?.openInNewTab ? ' target="_blank" rel="noopener noreferrer"' : ''
          return `<a href="${escapeMarkup(href)}"${newTab}>${children}</a>`
        },
      },
      unknownType: () => '',
    },
  })
}
