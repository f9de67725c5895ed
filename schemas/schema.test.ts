import {groupProblems, validateSchema} from '@sanity/schema/_internal'
import {
  createSchema,
  defineField,
  defineType,
  type ArraySchemaType,
  type ObjectSchemaType,
  type Rule,
} from 'sanity'
import {describe, expect, it} from 'vitest'

import {toReadTimeValue} from '../core/read-time/value.ts'
import {authorType} from './documents/author.ts'
import {postSubtitle, postType} from './documents/post.ts'
import {defineReactionType, reactionSubtitle} from './documents/reaction.ts'
import {defineReactionVoterType, voterSubtitle} from './documents/reactionVoter.ts'
import {tagType} from './documents/tag.ts'
import {createSchemaTypes, DEFAULT_REACTION_KINDS, schemaTypes} from './index.ts'
import {SLUG_NOT_URL_SAFE} from './validation.ts'

function compile(types = schemaTypes) {
  return createSchema({name: 'newsroom-test', types})
}

function fieldNames(typeName: string) {
  const type = compile().get(typeName) as ObjectSchemaType
  return type.fields.map((field) => field.name)
}

describe('the content model', () => {
  it("compiles through Sanity's schema machinery with no errors or warnings", () => {
    const problems = groupProblems(validateSchema(schemaTypes).getTypes())
    expect(problems.flatMap((group) => group.problems)).toEqual([])
    expect(compile().getTypeNames()).toEqual(expect.arrayContaining(['post', 'tag', 'reaction']))
  })

  it('reports problems when a type is broken (the check above can fail)', () => {
    const broken = [...schemaTypes, {name: 'post', type: 'document', fields: []}]
    const problems = groupProblems(validateSchema(broken).getTypes()).flatMap((g) => g.problems)
    expect(problems.some((problem) => problem.severity === 'error')).toBe(true)
  })

  it('gives a post everything the old article page shows', () => {
    expect(fieldNames('post')).toEqual([
      'title',
      'slug',
      'excerpt',
      'authors',
      'heroImage',
      'body',
      'footnotes',
      'publishedAt',
      'tags',
      'previous',
      'next',
      'seo',
      'readTime',
      'wordpress',
    ])
    const hero = (compile().get('post') as ObjectSchemaType).fields.find(
      (f) => f.name === 'heroImage',
    )
    const heroType = hero?.type as ObjectSchemaType & {options?: {hotspot?: boolean}}
    expect(heroType.options?.hotspot).toBe(true)
    expect(heroType.fields.map((field) => field.name)).toEqual(
      expect.arrayContaining(['alt', 'caption']),
    )
  })

  it("refuses a post's or tag's slug that no URL can carry, through Sanity's rule machinery", async () => {
    // The slug type's own rule asks the lake whether the slug is unique: it is.
    const uniqueSlugs = {fetch: async () => true, withConfig: () => uniqueSlugs}
    for (const typeName of ['post', 'tag']) {
      const type = compile().get(typeName) as ObjectSchemaType
      const slug = type.fields.find((field) => field.name === 'slug')?.type
      const validate = async (value: unknown) => {
        const markers = await Promise.all(
          (slug?.validation as Rule[]).map((rule) =>
            rule.validate(value, {
              document: {
                _id: 'drafts.x',
                _type: typeName,
                _createdAt: '',
                _updatedAt: '',
                _rev: '',
              },
              getClient: () => uniqueSlugs as never,
              getDocumentExists: async () => true,
              i18n: {t: (key: string) => key} as never,
              schema: compile(),
              path: ['slug'],
              type: slug,
              environment: 'studio',
            }),
          ),
        )
        return markers.flat().map((marker) => [marker.level, marker.message])
      }
      expect(await validate({_type: 'slug', current: 'mistral-\uD83D-ai'})).toEqual([
        ['error', SLUG_NOT_URL_SAFE],
      ])
      expect(await validate({_type: 'slug', current: 'mistral-😀-ai'})).toEqual([])
    }
  })

  it('puts tags and the previous/next links in the "Tags & links" group', () => {
    const post = compile().get('post') as ObjectSchemaType
    const links = post.groups?.find((group) => group.name === 'links')
    expect(links?.title).toBe('Tags & links')
    expect(links?.fields?.map((field) => field.name)).toEqual(['tags', 'previous', 'next'])
  })

  it("runs the link rules through Sanity's rule machinery: errors for self links, a warning for a broken chain", async () => {
    const post = compile().get('post') as ObjectSchemaType
    const next = post.fields.find((field) => field.name === 'next')?.type
    const rules = next?.validation as Rule[]
    const document = {
      _id: 'drafts.post-a',
      _type: 'post',
      _createdAt: '',
      _updatedAt: '',
      _rev: '',
      previous: {_type: 'reference', _ref: 'post-c'},
    }
    // Post B's previous link is post-c, not post-a.
    const client = {
      fetch: async () => [{_id: 'post-b', _type: 'post', title: 'B', previous: {_ref: 'post-c'}}],
    }
    const validate = async (value: unknown) => {
      const markers = await Promise.all(
        rules.map((rule) =>
          rule.validate(value, {
            document,
            getClient: () => client as never,
            // The reference type's own rule asks whether the target exists.
            getDocumentExists: async () => true,
            // Only built-in messages are translated; these rules return their own.
            i18n: {t: (key: string) => key} as never,
            schema: compile(),
            path: ['next'],
            type: next,
            environment: 'studio',
          }),
        ),
      )
      return markers.flat().map((marker) => [marker.level, marker.message])
    }
    expect(await validate({_type: 'reference', _ref: 'post-b'})).toEqual([
      [
        'warning',
        'The chain disagrees: this post’s next post is “B”, but “B” has another previous post.',
      ],
    ])
    expect(await validate({_type: 'reference', _ref: 'post-a'})).toEqual([
      ['error', 'A post cannot link to itself.'],
    ])
    // post-c is already the previous post (the client knows no post-c, so no chain warning).
    expect(await validate({_type: 'reference', _ref: 'post-c'})).toEqual([
      ['error', 'Previous and next cannot be the same post.'],
    ])
    expect(await validate(undefined)).toEqual([])
  })

  it('keeps where an imported post came from, read-only and shown only on imported posts', () => {
    const field = (compile().get('post') as ObjectSchemaType).fields.find(
      (f) => f.name === 'wordpress',
    )
    const type = field?.type as ObjectSchemaType & {
      readOnly?: boolean
      hidden?: (context: {value: unknown}) => boolean
    }
    expect(type.readOnly).toBe(true)
    expect(type.fields.map((f) => [f.name, f.type.name])).toEqual([
      ['id', 'number'],
      ['permalink', 'url'],
      ['site', 'url'],
      ['guid', 'string'],
      ['sourceHash', 'string'],
      ['importRevision', 'string'],
      ['importHash', 'string'],
    ])
    expect(type.hidden?.({value: undefined})).toBe(true)
    expect(type.hidden?.({value: {id: 11}})).toBe(false)
  })

  it('lets the body hold media and footnote markers, and a post its footnotes', async () => {
    const schema = compile()
    const body = schema.get('blockContent') as ArraySchemaType
    expect(body.of.map((member) => member.name)).toEqual(['block', 'imageWithAlt', 'mediaEmbed'])
    const block = body.of[0] as ObjectSchemaType
    const markDefs = block.fields.find((field) => field.name === 'markDefs')?.type as
      ArraySchemaType | undefined
    const annotations = markDefs?.of.map((member) => member.name)
    expect(annotations).toEqual(['link', 'footnoteReference'])
    const media = schema.get('mediaEmbed') as ObjectSchemaType & {
      preview?: {prepare?: (value: Record<string, unknown>) => unknown}
    }
    expect(media.fields.map((field) => field.name)).toEqual(['kind', 'url', 'caption'])
    expect(
      media.preview?.prepare?.({kind: 'audio', url: 'https://s.test/a.mp3', caption: undefined}),
    ).toEqual({title: 'https://s.test/a.mp3', subtitle: 'Audio (a player)'})
    const footnote = schema.get('footnote') as ObjectSchemaType
    expect(footnote.fields.map((field) => [field.name, field.type.name])).toEqual([
      ['text', 'text'],
    ])
  })

  it('has a readTime field for every figure the estimator stores, so the Studio knows them all', () => {
    const type = compile().get('readTime') as ObjectSchemaType
    const stored = Object.keys(
      toReadTimeValue({
        seconds: 1,
        words: 1,
        characters: 1,
        images: 0,
        codeLines: 0,
        wordsPerMinute: 200,
        charactersPerMinute: 500,
      }),
    ).filter((key) => key !== '_type')
    expect(type.fields.map((field) => field.name).sort()).toEqual(stored.sort())
  })

  it('orders posts newest first and by title', () => {
    expect(postType.orderings?.map((ordering) => ordering.name)).toEqual([
      'publishedAtDesc',
      'titleAsc',
    ])
  })

  it('makes the body Portable Text with H2, H3, quotes, lists, links and inline images', () => {
    const body = (compile().get('post') as ObjectSchemaType).fields.find((f) => f.name === 'body')
    const of = (body?.type as unknown as {of: ObjectSchemaType[]}).of
    const block = of.find((member) => member.name === 'block')
    const optionValues = (field: string) =>
      (
        block?.fields.find((f) => f.name === field)?.type.options as {
          list: Array<{value: string}>
        }
      ).list.map((item) => item.value)
    expect(optionValues('style')).toEqual(['normal', 'h2', 'h3', 'blockquote'])
    expect(optionValues('listItem')).toEqual(['bullet', 'number'])
    expect(of.map((member) => member.name)).toContain('imageWithAlt')
  })

  it('keeps a read-only read time with the estimate’s stored figures', () => {
    const readTime = compile().get('readTime') as ObjectSchemaType
    expect(readTime.readOnly).toBe(true)
    expect(readTime.fields.map((field) => field.name)).toEqual([
      'seconds',
      'words',
      'characters',
      'images',
      'wordsPerMinute',
    ])
  })

  it('types readTime and imageWithAlt fields, so a typo in their options does not compile', () => {
    const hero = defineField({name: 'hero', type: 'imageWithAlt', options: {hotspot: true}})
    const readTime = defineField({name: 'readTime', type: 'readTime', options: {collapsed: true}})
    // @ts-expect-error imageWithAlt takes image options (IntrinsicDefinitions augmentation)
    defineField({name: 'hero', type: 'imageWithAlt', options: {hotspt: true}})
    // @ts-expect-error readTime takes object options (IntrinsicDefinitions augmentation)
    defineField({name: 'readTime', type: 'readTime', options: {colapsed: true}})
    const page = defineType({name: 'page', type: 'document', fields: [hero, readTime]})
    const compiled = compile([...schemaTypes, page]).get('page') as ObjectSchemaType
    expect(compiled.fields.map((field) => field.type.name)).toEqual(['imageWithAlt', 'readTime'])
  })

  it('gives an author a name, slug, photo, role, bio and links', () => {
    expect(fieldNames('author')).toEqual(['name', 'slug', 'photo', 'role', 'bio', 'links'])
    const author = compile().get('author') as ObjectSchemaType
    expect(author.fields.find((field) => field.name === 'photo')?.type.name).toBe('imageWithAlt')
  })

  it('lets a post reference authors in byline order, creating one inline like a tag', () => {
    const post = compile().get('post') as ObjectSchemaType
    const authors = post.fields.find((field) => field.name === 'authors')
      ?.type as ObjectSchemaType & {
      of: Array<{name: string; to: Array<{name: string}>; options?: {disableNew?: boolean}}>
    }
    expect(authors.name).toBe('array')
    expect(authors.of.map((member) => member.to.map((to) => to.name))).toEqual([['author']])
    expect(authors.of[0]?.options?.disableNew).toBeUndefined()
    const content = post.groups?.find((group) => group.name === 'content')
    expect(content?.fields?.map((field) => field.name)).toContain('authors')
  })

  it('puts the SEO title, description and social image in the "Search & social" group', () => {
    const post = compile().get('post') as ObjectSchemaType
    const group = post.groups?.find((g) => g.name === 'seo')
    expect(group?.title).toBe('Search & social')
    expect(group?.fields?.map((field) => field.name)).toEqual(['seo'])
    const seo = post.fields.find((field) => field.name === 'seo')?.type as ObjectSchemaType
    expect(seo.fields.map((field) => [field.name, field.type.name])).toEqual([
      ['title', 'string'],
      ['description', 'text'],
      ['image', 'imageWithAlt'],
    ])
  })

  it("warns through Sanity's rule machinery past 60 title and 160 description characters", async () => {
    const post = compile().get('post') as ObjectSchemaType
    const seo = post.fields.find((field) => field.name === 'seo')?.type as ObjectSchemaType
    const validate = async (name: string, value: unknown) => {
      const field = seo.fields.find((f) => f.name === name)?.type
      const markers = await Promise.all(
        (field?.validation as Rule[]).map((rule) =>
          rule.validate(value, {
            document: {_id: 'drafts.p', _type: 'post', _createdAt: '', _updatedAt: '', _rev: ''},
            getClient: () => ({}) as never,
            i18n: {t: (key: string) => key} as never,
            schema: compile(),
            path: ['seo', name],
            type: field,
            environment: 'studio',
          }),
        ),
      )
      return markers.flat().map((marker) => [marker.level, marker.message])
    }
    expect(await validate('title', 'x'.repeat(60))).toEqual([])
    expect(await validate('title', 'x'.repeat(61))).toEqual([
      ['warning', '61 characters: search results show about 60, so the title will be cut short.'],
    ])
    expect(await validate('description', 'y'.repeat(160))).toEqual([])
    expect(await validate('description', 'y'.repeat(200))).toEqual([
      [
        'warning',
        '200 characters: search results show about 160, so the description will be cut short.',
      ],
    ])
    expect(await validate('title', undefined)).toEqual([])
  })

  it('gives a tag a title, slug and description', () => {
    expect(fieldNames('tag')).toEqual(['title', 'slug', 'description'])
  })

  it('keeps one count per reaction kind on a read-only tally', () => {
    const reaction = compile().get('reaction') as ObjectSchemaType
    expect(reaction.readOnly).toBe(true)
    const counts = reaction.fields.find((field) => field.name === 'counts')
      ?.type as ObjectSchemaType
    expect(counts.fields.map((field) => field.name)).toEqual(
      DEFAULT_REACTION_KINDS.map((kind) => kind.name),
    )
  })

  it('references the post weakly from tallies and voter records', () => {
    for (const typeName of ['reaction', 'reactionVoter']) {
      const type = compile().get(typeName) as ObjectSchemaType
      const post = type.fields.find((field) => field.name === 'post')?.type as {weak?: boolean}
      expect(post.weak, typeName).toBe(true)
    }
  })

  it('keeps a read-only voter record of post, reaction and time, offering the kinds', () => {
    const voter = compile().get('reactionVoter') as ObjectSchemaType
    expect(voter.readOnly).toBe(true)
    expect(voter.fields.map((field) => field.name)).toEqual(['post', 'reaction', 'updatedAt'])
    const reaction = voter.fields.find((field) => field.name === 'reaction')?.type as {
      options?: {list?: Array<{value: string; title: string}>}
    }
    expect(reaction.options?.list?.[0]).toEqual({value: 'happy', title: '😀 Happy'})
    expect(reaction.options?.list).toHaveLength(DEFAULT_REACTION_KINDS.length)
  })

  it('builds the tally from custom reaction kinds', () => {
    const types = createSchemaTypes([{name: 'love', title: 'Love', emoji: '❤️'}])
    const reaction = compile(types).get('reaction') as ObjectSchemaType
    const counts = reaction.fields.find((field) => field.name === 'counts')
      ?.type as ObjectSchemaType
    expect(counts.fields.map((field) => field.name)).toEqual(['love'])
  })
})

describe('previews', () => {
  it('shows a post with its date and read time, and its hero image', () => {
    const media = {asset: {_ref: 'image-abc-10x10-png'}}
    const prepared = postType.preview?.prepare?.({
      title: 'Mistral AI Powers France’s New Defense Era',
      publishedAt: '2026-01-15T09:00:00Z',
      readTime: {seconds: 459},
      media,
      author0: undefined,
      author1: undefined,
      authors: undefined,
    })
    expect(prepared).toEqual({
      title: 'Mistral AI Powers France’s New Defense Era',
      subtitle: 'Jan 15, 2026 · 8 min read',
      media,
    })
  })

  it('puts the byline first in a post’s subtitle: two names, then a count of the others', () => {
    const prepare = (names: Array<string | undefined>, count: number) =>
      postType.preview?.prepare?.({
        title: 'T',
        publishedAt: '2026-01-15T09:00:00Z',
        readTime: {seconds: 459},
        media: undefined,
        author0: names[0],
        author1: names[1],
        authors: Array.from({length: count}, (_, i) => ({_ref: `author-${i}`})),
      })?.subtitle
    expect(prepare(['Camille Laurent'], 1)).toBe('Camille Laurent · Jan 15, 2026 · 8 min read')
    expect(prepare(['Camille Laurent', 'Jonas Weber'], 2)).toBe(
      'Camille Laurent & Jonas Weber · Jan 15, 2026 · 8 min read',
    )
    expect(prepare(['Camille Laurent', 'Jonas Weber'], 4)).toBe(
      'Camille Laurent, Jonas Weber +2 · Jan 15, 2026 · 8 min read',
    )
    // An author reference whose name is not loaded (yet) is counted, not shown blank.
    expect(prepare([undefined, 'Jonas Weber'], 2)).toBe(
      'Jonas Weber +1 · Jan 15, 2026 · 8 min read',
    )
  })

  it('shows an author with their role and photo', () => {
    const media = {asset: {_ref: 'image-abc-10x10-png'}}
    expect(
      authorType.preview?.prepare?.({title: 'Camille Laurent', subtitle: 'Reporter', media}),
    ).toEqual({title: 'Camille Laurent', subtitle: 'Reporter', media})
    expect(
      authorType.preview?.prepare?.({title: undefined, subtitle: undefined, media: undefined}),
    ).toMatchObject({title: 'Unnamed author'})
  })

  it('falls back for an untitled, undated post', () => {
    const prepared = postType.preview?.prepare?.({
      title: undefined,
      publishedAt: undefined,
      readTime: undefined,
      media: undefined,
      author0: undefined,
      author1: undefined,
      authors: undefined,
    })
    expect(prepared).toMatchObject({title: 'Untitled post', subtitle: 'No publish date'})
    expect(postSubtitle('not a date', undefined)).toBe('No publish date')
  })

  it('writes the read time with the one formatter, in its short style', () => {
    expect(postSubtitle('2026-01-15T09:00:00Z', {seconds: 42})).toBe('Jan 15, 2026 · 1 min read')
    expect(postSubtitle('2026-01-15T09:00:00Z', {seconds: -1})).toBe('Jan 15, 2026')
    expect(postSubtitle('2026-01-15T09:00:00Z', {})).toBe('Jan 15, 2026')
  })

  it('hands the tag id to the tag preview, which swaps it for the usage count', () => {
    expect(tagType.preview?.prepare?.({title: 'AI', id: 'drafts.tag-ai'})).toEqual({
      title: 'AI',
      subtitle: 'drafts.tag-ai',
    })
    expect(tagType.preview?.prepare?.({title: undefined, id: 'tag-x'})).toMatchObject({
      title: 'Untitled tag',
    })
  })

  it('summarises a voter record', () => {
    const voter = defineReactionVoterType()
    expect(voter.preview?.prepare?.({title: 'A post', reaction: 'sad'})).toEqual({
      title: 'A post',
      subtitle: '😢 Sad',
    })
    expect(voter.preview?.prepare?.({title: undefined, reaction: undefined})).toEqual({
      title: 'A deleted post',
      subtitle: 'Withdrawn',
    })
    expect(voterSubtitle('love', DEFAULT_REACTION_KINDS)).toBe('love (no longer offered)')
    expect(voterSubtitle('meh', [{name: 'meh', title: 'Meh'}])).toBe('Meh')
  })

  it('summarises a reaction tally', () => {
    const prepared = defineReactionType().preview?.prepare?.({
      title: 'A post',
      counts: {happy: 3, sad: 1, angry: 5},
    })
    expect(prepared).toEqual({title: 'A post', subtitle: '9 reactions · most: 😠 Angry'})
    expect(reactionSubtitle({}, DEFAULT_REACTION_KINDS)).toBe('No reactions yet')
    expect(reactionSubtitle({happy: 1, sad: 'x', excited: -4}, DEFAULT_REACTION_KINDS)).toBe(
      '1 reaction · most: 😀 Happy',
    )
    const custom = defineReactionType([{name: 'love', title: 'Love'}])
    expect(custom.preview?.prepare?.({title: undefined, counts: {love: 2}})).toEqual({
      title: 'Reactions to a deleted post',
      subtitle: '2 reactions · most: Love',
    })
  })
})
