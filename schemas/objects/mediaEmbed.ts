import {PlayIcon} from '@sanity/icons/Play'
import {defineField, defineType} from 'sanity'

export const MEDIA_EMBED_TYPE = 'mediaEmbed'

/** What a media block holds, and how the reader site shows it. */
export const MEDIA_KINDS = [
  {title: 'Audio (a player)', value: 'audio'},
  {title: 'Video (a player)', value: 'video'},
  {title: 'Embed (a link to the page)', value: 'embed'},
] as const

/**
 * Audio, a video or an embedded page in the body, by URL: what WordPress's `[audio]`, `[video]`,
 * `[embed]` and their blocks become. The reader site plays audio and video files and links to
 * embedded pages.
 */
export const mediaEmbedType = defineType({
  name: MEDIA_EMBED_TYPE,
  title: 'Media',
  type: 'object',
  icon: PlayIcon,
  fields: [
    defineField({
      name: 'kind',
      title: 'Kind',
      type: 'string',
      options: {list: [...MEDIA_KINDS], layout: 'radio'},
      initialValue: 'embed',
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'url',
      title: 'URL',
      type: 'url',
      description: 'The audio or video file, or the page to embed (https://…).',
      validation: (rule) => rule.required().uri({scheme: ['http', 'https']}),
    }),
    defineField({
      name: 'caption',
      title: 'Caption',
      type: 'string',
      description: 'Shown under the player or link. Optional.',
    }),
  ],
  preview: {
    select: {kind: 'kind', url: 'url', caption: 'caption'},
    prepare({kind, url, caption}) {
      const label = MEDIA_KINDS.find((entry) => entry.value === kind)?.title ?? 'Media'
      return {
        title: (caption as string | undefined) || (url as string | undefined) || 'No URL',
        subtitle: label,
      }
    },
  },
})
