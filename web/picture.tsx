/** @jsxImportSource hono/jsx */
import type {ImageFields, ImageLayout, ImageSourceBuilder} from './images.ts'

/**
 * An `<img>` with its alt text, a `srcset`, and `width`/`height` so the page does not jump when
 * it loads. Nothing when the image has no asset.
 */
export function Picture(props: {
  image: ImageFields
  layout: ImageLayout
  images: ImageSourceBuilder
  /** The one image that should load first (the hero); all others load lazily. */
  priority?: boolean
  class?: string
}) {
  const source = props.images(props.image, props.layout)
  if (!source) return null
  return (
    <img
      class={props.class}
      src={source.src}
      srcset={source.srcset}
      sizes={source.sizes}
      width={source.width}
      height={source.height}
      alt={props.image.alt ?? ''}
      loading={props.priority ? 'eager' : 'lazy'}
      fetchpriority={props.priority ? 'high' : 'auto'}
      decoding="async"
    />
  )
}
