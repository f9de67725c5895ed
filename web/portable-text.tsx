/** @jsxImportSource hono/jsx */
import {toHTML, uriLooksSafe} from '@portabletext/to-html'

import type {PostPageQueryResult} from 'sanity-plugin-newsroom/queries'
import {escapeMarkup} from './escape.ts'
import {BODY_LAYOUT, type ImageFields, type ImageSourceBuilder} from './images.ts'
import {Picture} from './picture.tsx'

/** A post body as `postPageQuery` returns it. */
export type PostBody = NonNullable<NonNullable<PostPageQueryResult>['body']>

/**
 * The body as HTML: paragraphs, H2/H3, quotes, lists, links (unsafe URLs dropped, "open in a new
 * tab" with `noopener`) and inline images as sized figures with alt text and caption. Objects of
 * unknown types render nothing rather than a hidden warning.
 */
export function renderBody(body: PostBody, images: ImageSourceBuilder): string {
  return toHTML(body, {
    onMissingComponent: false,
    components: {
      types: {
        imageWithAlt: ({value}: {value: ImageFields}) => {
          if (!value.asset) return ''
          return String(
            <figure class="body-figure">
              <Picture image={value} layout={BODY_LAYOUT} images={images} />
              {value.caption ? <figcaption>{value.caption}</figcaption> : null}
            </figure>,
          )
        },
      },
      marks: {
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
