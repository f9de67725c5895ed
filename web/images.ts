/**
 * Image URLs for the reader site: `@sanity/image-url` builds them from the same client config
 * as the queries (Sanity's CDN for a Sanity project, the local lake's `/images/…` otherwise, or
 * the same path on the site's own origin when the site passes images through), and every image
 * gets its pixel size so the browser reserves its space before it loads.
 */
import type {SanityClient} from '@sanity/client'
import {createImageUrlBuilder} from '@sanity/image-url'

import type {PostPageQueryResult} from 'sanity-plugin-newsroom/queries'

import {toSameOriginImageUrl} from './image-proxy.ts'

/** An image as the queries return it (`imageFields`): alt, caption, crop, hotspot, asset. */
export type ImageFields = NonNullable<NonNullable<PostPageQueryResult>['heroImage']>

/** How an image is laid out: the widths to offer and, for a fixed frame, its aspect ratio. */
export interface ImageLayout {
  /** Candidate widths in CSS pixels × density, smallest first. */
  widths: readonly number[]
  /** Width ÷ height of the frame; the editor's hotspot decides what stays in it. */
  aspectRatio?: number
  /** The `sizes` attribute: how wide the image is drawn. */
  sizes: string
}

/** The hero above an article, as wide as the page allows. */
export const HERO_LAYOUT: ImageLayout = {
  widths: [640, 960, 1280, 1600],
  sizes: '(min-width: 60rem) 60rem, 100vw',
}
/** An image inside the article body, as wide as the text column. */
export const BODY_LAYOUT: ImageLayout = {
  widths: [480, 720, 1080, 1440],
  sizes: '(min-width: 42rem) 42rem, 100vw',
}
/** The 16:9 picture of a post in a list. */
export const CARD_LAYOUT: ImageLayout = {
  widths: [320, 480, 640],
  aspectRatio: 16 / 9,
  sizes: '(min-width: 48rem) 16rem, 100vw',
}
/** The 16:9 picture of a previous or next post, half the text column. */
export const LINK_LAYOUT: ImageLayout = {
  widths: [320, 480, 640],
  aspectRatio: 16 / 9,
  sizes: '(min-width: 42rem) 20rem, 100vw',
}

/** An author's square portrait on their page. */
export const AUTHOR_PHOTO_LAYOUT: ImageLayout = {
  widths: [96, 192, 288],
  aspectRatio: 1,
  sizes: '6rem',
}

/** What an `<img>` needs: the largest candidate as `src`, the others in `srcset`, its size. */
export interface ImageSource {
  src: string
  srcset: string
  sizes: string
  width: number
  height: number
}

/** Turns an image into `<img>` attributes for a layout; null when it has no usable asset. */
export type ImageSourceBuilder = (image: ImageFields, layout: ImageLayout) => ImageSource | null

/** Pixel size from an asset id (`image-<sha1>-1200x675-png`), when the metadata lacks it. */
function sizeFromAssetId(id: string): {width: number; height: number} | null {
  const match = /-(\d+)x(\d+)-[a-z0-9]+$/.exec(id)
  return match ? {width: Number(match[1]), height: Number(match[2])} : null
}

/** Options of `createImageSourceBuilder`. */
export interface ImageSourceBuilderOptions {
  /**
   * URLs as paths on the site's own origin (`/images/…?w=…`), which the site answers from the
   * lake (`createWebApp`'s `proxyImages`); otherwise the lake's or Sanity's CDN URLs.
   * @defaultValue false
   */
  sameOrigin?: boolean
}

/** An image-source builder for images stored in `client`'s project and dataset. */
export function createImageSourceBuilder(
  client: SanityClient,
  options: ImageSourceBuilderOptions = {},
): ImageSourceBuilder {
  const builder = createImageUrlBuilder(client)
  const finish = options.sameOrigin ? toSameOriginImageUrl : (url: string) => url
  return (image, layout) => {
    const asset = image.asset
    if (!asset) return null
    const size =
      asset.width && asset.height
        ? {width: asset.width, height: asset.height}
        : sizeFromAssetId(asset._id)
    if (!size) return null
    const crop = image.crop
    // The part of the original the editor kept.
    const keptWidth = Math.round(size.width * (1 - (crop?.left ?? 0) - (crop?.right ?? 0)))
    const keptHeight = Math.round(size.height * (1 - (crop?.top ?? 0) - (crop?.bottom ?? 0)))
    const aspectRatio = layout.aspectRatio ?? keptWidth / keptHeight
    // Never upscale: the original's own width stands in for every larger candidate.
    const fitting = layout.widths.filter((width) => width < keptWidth)
    const widths = fitting.length < layout.widths.length ? [...fitting, keptWidth] : fitting
    const source = builder
      .image({
        asset: {_ref: asset._id},
        ...(crop ? {crop} : {}),
        ...(image.hotspot ? {hotspot: image.hotspot} : {}),
      })
      .auto('format')
    const urlFor = (width: number) => {
      const sized = source.width(width)
      return finish(
        (layout.aspectRatio ? sized.height(Math.round(width / layout.aspectRatio)) : sized).url(),
      )
    }
    const largest = widths.at(-1) ?? keptWidth
    return {
      src: urlFor(largest),
      srcset: widths.map((width) => `${urlFor(width)} ${width}w`).join(', '),
      sizes: layout.sizes,
      width: largest,
      height: Math.round(largest / aspectRatio),
    }
  }
}

/**
 * The image URL `sanity-plugin-newsroom/seo` asks for: `image` cropped to exactly `width` ×
 * `height` around the editor's hotspot, as an absolute URL; null without an asset.
 */
export function createSeoImageUrl(client: SanityClient) {
  const builder = createImageUrlBuilder(client)
  return (image: ImageFields, size: {width: number; height: number}): string | null => {
    if (!image.asset) return null
    return builder
      .image({
        asset: {_ref: image.asset._id},
        ...(image.crop ? {crop: image.crop} : {}),
        ...(image.hotspot ? {hotspot: image.hotspot} : {}),
      })
      .width(size.width)
      .height(size.height)
      .fit('crop')
      .url()
  }
}
