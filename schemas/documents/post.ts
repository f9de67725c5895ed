import {DocumentTextIcon} from '@sanity/icons/DocumentText'
import {defineArrayMember, defineField, defineType} from 'sanity'

import {
  BLOCK_CONTENT_TYPE,
  IMAGE_WITH_ALT_TYPE,
  POST_TYPE,
  READ_TIME_TYPE,
  TAG_TYPE,
} from '../../core/document-types.ts'
import {API_VERSION} from '../../core/api-version.ts'
import {AUTHOR_TYPE} from '../../core/authors.ts'
import {formatReadTime} from '../../core/read-time/format.ts'
import type {ReadTimeValue} from '../../core/read-time/value.ts'
import {SearchSocialInput} from '../components/SearchSocialInput.tsx'
import {
  slugCanBeAUrl,
  SEO_DESCRIPTION_WARN,
  SEO_TITLE_WARN,
  validateDistinctReferences,
  validateDistinctTags,
  validatePostChain,
  validatePostLink,
  type PostLinkField,
  type ReferenceValue,
  warnWhenLonger,
} from '../validation.ts'

export const POST_TITLE_MAX = 120
export const POST_EXCERPT_MAX = 300

/**
 * Previous or next post, in the "Tags & links" group. The newsroom plugin replaces the input
 * with the related-post picker. Errors: a self link, the same post in both; a warning when the
 * linked post does not link back.
 */
function linkField(name: PostLinkField, title: string, description: string) {
  return defineField({
    name,
    title,
    type: 'reference',
    to: [{type: POST_TYPE}],
    group: 'links',
    description,
    options: {disableNew: true},
    validation: (rule) => [
      rule.custom((value, context) =>
        validatePostLink(
          value as ReferenceValue | undefined,
          context.document as {_id?: string; previous?: ReferenceValue; next?: ReferenceValue},
          name,
        ),
      ),
      rule
        .custom((value, context) =>
          validatePostChain(
            value as ReferenceValue | undefined,
            context.document?._id,
            name,
            context.getClient({apiVersion: API_VERSION}),
          ),
        )
        .warning(),
    ],
  })
}

/**
 * Preview subtitle: "Jane Doe · Nov 26, 2026 · 8 min read" (Medium's style, short enough for a
 * list); the byline lists at most two names and counts the rest.
 */
export function postSubtitle(
  publishedAt: string | undefined,
  readTime: ReadTimeValue | undefined,
  authorNames: ReadonlyArray<string | undefined> = [],
  authorCount = authorNames.length,
) {
  const date = publishedAt ? new Date(publishedAt) : undefined
  const dateText =
    date && !Number.isNaN(date.getTime())
      ? date.toLocaleDateString('en-US', {
          year: 'numeric',
          month: 'short',
          day: 'numeric',
          timeZone: 'UTC',
        })
      : 'No publish date'
  const readText = formatReadTime(readTime?.seconds, {style: 'short'})
  const names = authorNames.filter((name): name is string => Boolean(name)).slice(0, 2)
  const more = authorCount - names.length
  const byline =
    names.length === 0 ? '' : more > 0 ? `${names.join(', ')} +${more}` : names.join(' & ')
  return [byline, dateText, readText].filter(Boolean).join(' · ')
}

/**
 * A news article: what the publication's old article page shows, and the links between posts. Its
 * `authors` reference `authorType` (a Studio's own author or person type, with a `name`).
 */
export function definePostType(authorType: string = AUTHOR_TYPE) {
  return defineType({
    name: POST_TYPE,
    title: 'Post',
    type: 'document',
    icon: DocumentTextIcon,
    groups: [
      {name: 'content', title: 'Content', default: true},
      {name: 'links', title: 'Tags & links'},
      {name: 'seo', title: 'Search & social'},
      {name: 'meta', title: 'Details'},
    ],
    fields: [
      defineField({
        name: 'title',
        title: 'Title',
        type: 'string',
        group: 'content',
        description: `The headline, at most ${POST_TITLE_MAX} characters.`,
        validation: (rule) => rule.required().max(POST_TITLE_MAX),
      }),
      defineField({
        name: 'slug',
        title: 'Slug',
        type: 'slug',
        group: 'meta',
        description: 'The address of the post, generated from the title. Unique among posts.',
        options: {source: 'title', maxLength: 96},
        validation: (rule) => rule.required().custom(slugCanBeAUrl),
      }),
      defineField({
        name: 'excerpt',
        title: 'Excerpt',
        type: 'text',
        rows: 3,
        group: 'content',
        description: 'One or two sentences for lists and social cards.',
        validation: (rule) => rule.max(POST_EXCERPT_MAX),
      }),
      defineField({
        name: 'authors',
        title: 'Authors',
        type: 'array',
        group: 'content',
        description: 'The byline, in order. Pick existing authors or create a new one here.',
        of: [defineArrayMember({type: 'reference', to: [{type: authorType}]})],
        validation: (rule) =>
          rule.custom((value) =>
            validateDistinctReferences(value as ReferenceValue[] | undefined, 'author'),
          ),
      }),
      defineField({
        name: 'heroImage',
        title: 'Hero image',
        type: IMAGE_WITH_ALT_TYPE,
        group: 'content',
        description: 'Shown above the article. Alt text is required.',
      }),
      defineField({
        name: 'body',
        title: 'Body',
        type: BLOCK_CONTENT_TYPE,
        group: 'content',
      }),
      defineField({
        name: 'footnotes',
        title: 'Footnotes',
        type: 'array',
        group: 'content',
        description: 'Shown after the body, numbered; footnote markers in the body point at them.',
        of: [defineArrayMember({type: 'footnote'})],
      }),
      defineField({
        name: 'publishedAt',
        title: 'Published at',
        type: 'datetime',
        group: 'meta',
        initialValue: () => new Date().toISOString(),
      }),
      defineField({
        name: 'tags',
        title: 'Tags',
        type: 'array',
        group: 'links',
        description: 'Pick existing tags or create a new one here.',
        of: [defineArrayMember({type: 'reference', to: [{type: TAG_TYPE}]})],
        validation: (rule) =>
          rule.custom((value) => validateDistinctTags(value as ReferenceValue[] | undefined)),
      }),
      linkField(
        'previous',
        'Previous post',
        'Shown as "Previous" under the article: an older post. Unset, readers get the one published just before.',
      ),
      linkField(
        'next',
        'Next post',
        'Shown as "Next" under the article: a newer post. Unset, readers get the one published just after.',
      ),
      defineField({
        name: 'seo',
        title: 'Search & social',
        type: 'object',
        group: 'seo',
        description:
          'How the post appears in search results and when shared. Everything is optional: the title, excerpt and hero image stand in.',
        components: {input: SearchSocialInput},
        fields: [
          defineField({
            name: 'title',
            title: 'SEO title',
            type: 'string',
            description: `For search results and social cards; about ${SEO_TITLE_WARN} characters show. Empty: the title.`,
            validation: (rule) =>
              rule
                .custom((value) => warnWhenLonger(value as string, SEO_TITLE_WARN, 'title'))
                .warning(),
          }),
          defineField({
            name: 'description',
            title: 'Description',
            type: 'text',
            rows: 3,
            description: `The snippet under the title; about ${SEO_DESCRIPTION_WARN} characters show. Empty: the excerpt.`,
            validation: (rule) =>
              rule
                .custom((value) =>
                  warnWhenLonger(value as string, SEO_DESCRIPTION_WARN, 'description'),
                )
                .warning(),
          }),
          defineField({
            name: 'image',
            title: 'Social image',
            type: 'imageWithAlt',
            description:
              'The picture of the social card, best 1200 × 630. Alt text is required. Empty: the hero image.',
          }),
        ],
      }),
      defineField({
        name: 'readTime',
        title: 'Read time',
        type: READ_TIME_TYPE,
        group: 'meta',
      }),
      defineField({
        name: 'wordpress',
        title: 'WordPress',
        type: 'object',
        group: 'meta',
        readOnly: true,
        description: 'Where the post came from, set by the WordPress import; never typed by hand.',
        // Only imported posts have it.
        hidden: ({value}) => value === undefined,
        fields: [
          defineField({name: 'id', title: 'WordPress post id', type: 'number'}),
          defineField({name: 'permalink', title: 'Old permalink', type: 'url'}),
          defineField({
            name: 'site',
            title: 'WordPress site',
            type: 'url',
            description: 'The site of the export the post came from.',
          }),
          defineField({name: 'guid', title: 'WordPress GUID', type: 'string'}),
          defineField({
            name: 'sourceHash',
            title: 'Source hash',
            type: 'string',
            description:
              'What the post was imported from (the export item and its images). A rerun skips the post while it is the same.',
            hidden: true,
          }),
          defineField({
            name: 'importRevision',
            title: 'Import revision',
            type: 'string',
            description:
              'The revision the last import wrote; any later change makes the post differ from it.',
            hidden: true,
          }),
          defineField({
            name: 'importHash',
            title: 'Import hash',
            type: 'string',
            description:
              'What the last import wrote. An edit makes the post differ from it, and the next import then keeps the edit.',
            hidden: true,
          }),
        ],
      }),
    ],
    orderings: [
      {
        title: 'Newest first',
        name: 'publishedAtDesc',
        by: [{field: 'publishedAt', direction: 'desc'}],
      },
      {
        title: 'Title',
        name: 'titleAsc',
        by: [{field: 'title', direction: 'asc'}],
      },
    ],
    preview: {
      select: {
        title: 'title',
        publishedAt: 'publishedAt',
        readTime: 'readTime',
        media: 'heroImage',
        author0: 'authors.0.name',
        author1: 'authors.1.name',
        authors: 'authors',
      },
      prepare({title, publishedAt, readTime, media, author0, author1, authors}) {
        return {
          title: (title as string | undefined) || 'Untitled post',
          subtitle: postSubtitle(
            publishedAt as string | undefined,
            readTime as ReadTimeValue,
            [author0 as string | undefined, author1 as string | undefined],
            Array.isArray(authors) ? authors.length : 0,
          ),
          media,
        }
      },
    },
  })
}

/** The post of Newsroom's content model, its authors of Newsroom's `author` type. */
export const postType = definePostType()
