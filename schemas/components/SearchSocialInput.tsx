import {Box, Card, Flex, Label, Stack, Text} from '@sanity/ui'
import {useEffect, useState} from 'react'
import {useClient, useFormValue, type ObjectInputProps} from 'sanity'

import {API_VERSION} from '../../core/api-version.ts'
import {
  firstParagraphText,
  resolvePostSeo,
  SOCIAL_IMAGE_SIZE,
  type ResolvedPostSeo,
} from '../../core/seo/resolve.ts'
import type {SeoImageSource} from '../../core/seo/types.ts'

/** Where the preview pretends the post lives: the Studio does not know the site's address. */
export const PREVIEW_SITE = {name: 'Your site', url: 'https://your-site.example'}

/** An image field as the form holds it. */
interface FormImage extends SeoImageSource {
  asset?: {_ref?: string}
  hotspot?: {x?: number; y?: number}
}

/** The post as the form holds it, as far as the preview reads it. */
export interface SearchSocialDocument {
  title?: string
  slug?: {current?: string}
  excerpt?: string
  body?: unknown
  publishedAt?: string
  heroImage?: FormImage
  seo?: {title?: string; description?: string; image?: FormImage}
}

/**
 * What the preview shows for `document`: the title, description and image a search engine and a
 * social network would take, with the same fallbacks the site uses. `assetUrls` maps image asset
 * ids to their URLs (the form holds only references).
 */
export function searchSocialPreview(
  document: SearchSocialDocument,
  assetUrls: Readonly<Record<string, string>>,
): ResolvedPostSeo {
  return resolvePostSeo<FormImage>(
    {
      title: document.title ?? null,
      slug: document.slug?.current || 'untitled',
      excerpt: document.excerpt,
      summary: firstParagraphText(document.body),
      publishedAt: document.publishedAt,
      heroImage: document.heroImage,
      seo: document.seo,
    },
    {
      site: PREVIEW_SITE,
      imageUrl: (image, size) => {
        const url = image.asset?._ref ? assetUrls[image.asset._ref] : undefined
        if (!url) return null
        const focus = image.hotspot
          ? `&crop=focalpoint&fp-x=${image.hotspot.x ?? 0.5}&fp-y=${image.hotspot.y ?? 0.5}`
          : ''
        return `${url}?w=${size.width}&h=${size.height}&fit=crop${focus}`
      },
    },
  )
}

/** The asset ids of the images the preview may show. */
function imageRefs(document: SearchSocialDocument): string[] {
  return [document.seo?.image?.asset?._ref, document.heroImage?.asset?._ref].filter(
    (ref): ref is string => Boolean(ref),
  )
}

/** Asset id → URL for `refs`, fetched once per set of ids. */
function useAssetUrls(refs: string[]): Record<string, string> {
  const client = useClient({apiVersion: API_VERSION})
  const [urls, setUrls] = useState<Record<string, string>>({})
  const key = refs.join(',')
  useEffect(() => {
    const ids = key ? key.split(',') : []
    if (ids.length === 0) return
    let active = true
    client
      .fetch<Array<{_id: string; url: string}>>(
        '*[_id in $ids]{_id, url}',
        {ids},
        {tag: 'newsroom.seo-preview'},
      )
      .then((assets) => {
        if (active) setUrls(Object.fromEntries(assets.map((asset) => [asset._id, asset.url])))
      })
      .catch(() => undefined)
    return () => {
      active = false
    }
  }, [client, key])
  return urls
}

/** `https://your-site.example/posts/a-b` → `your-site.example › posts › a-b`, as Google writes it. */
function breadcrumbOf(url: string): string {
  const {host, pathname} = new URL(url)
  return [host, ...pathname.split('/').filter(Boolean).map(decodeURIComponent)].join(' › ')
}

function SearchResultPreview({seo}: {seo: ResolvedPostSeo}) {
  return (
    <Card padding={3} radius={2} border data-testid="seo-preview-search">
      <Stack gap={2}>
        <Text size={1} muted>
          {breadcrumbOf(seo.url)}
        </Text>
        <Text size={2} weight="medium" textOverflow="ellipsis" data-testid="seo-preview-title">
          {seo.title}
        </Text>
        <Text size={1} muted data-testid="seo-preview-description">
          {seo.description ?? 'No description: search engines pick text from the page.'}
        </Text>
      </Stack>
    </Card>
  )
}

function SocialCardPreview({seo}: {seo: ResolvedPostSeo}) {
  const ratio = `${SOCIAL_IMAGE_SIZE.width} / ${SOCIAL_IMAGE_SIZE.height}`
  return (
    <Card radius={2} border overflow="hidden" data-testid="seo-preview-social">
      {seo.image ? (
        <img
          src={seo.image.url}
          alt={seo.image.alt}
          style={{display: 'block', width: '100%', aspectRatio: ratio, objectFit: 'cover'}}
        />
      ) : (
        <Card tone="transparent" style={{aspectRatio: ratio}}>
          <Flex align="center" justify="center" height="fill">
            <Text size={1} muted>
              No image: add a social or hero image
            </Text>
          </Flex>
        </Card>
      )}
      <Box padding={3}>
        <Stack gap={2}>
          <Text size={0} muted>
            {new URL(seo.url).host.toUpperCase()}
          </Text>
          <Text size={1} weight="semibold" data-testid="seo-preview-card-title">
            {seo.title}
          </Text>
          {seo.description ? (
            <Text size={1} muted textOverflow="ellipsis">
              {seo.description}
            </Text>
          ) : null}
        </Stack>
      </Box>
    </Card>
  )
}

/**
 * A live preview of the post as a search result and as a social card, then the "Search & social"
 * fields: the preview is in view when the group opens and follows the editor's typing (the
 * title, excerpt and hero image stand in for empty fields, as on the site).
 */
export function SearchSocialInput(props: ObjectInputProps) {
  const document = (useFormValue([]) ?? {}) as SearchSocialDocument
  const assetUrls = useAssetUrls(imageRefs(document))
  const seo = searchSocialPreview(document, assetUrls)
  return (
    <Stack gap={5}>
      <Stack gap={3} data-testid="seo-preview">
        <Label size={1}>Search result</Label>
        <SearchResultPreview seo={seo} />
        <Label size={1}>Social card</Label>
        <SocialCardPreview seo={seo} />
      </Stack>
      {props.renderDefault(props)}
    </Stack>
  )
}
