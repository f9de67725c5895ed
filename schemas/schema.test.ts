import {groupProblems, validateSchema} from '@sanity/schema/_internal'
import {createSchema, type ObjectSchemaType} from 'sanity'
import {describe, expect, it} from 'vitest'

import {toReadTimeValue} from '../core/read-time/value.ts'
import {postSubtitle, postType} from './documents/post.ts'
import {defineReactionType, reactionSubtitle, reactionType} from './documents/reaction.ts'
import {tagType} from './documents/tag.ts'
import {createSchemaTypes, DEFAULT_REACTION_KINDS, schemaTypes} from './index.ts'

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
      'heroImage',
      'body',
      'publishedAt',
      'tags',
      'previous',
      'next',
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
      ['importHash', 'string'],
    ])
    expect(type.hidden?.({value: undefined})).toBe(true)
    expect(type.hidden?.({value: {id: 11}})).toBe(false)
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
    })
    expect(prepared).toEqual({
      title: 'Mistral AI Powers France’s New Defense Era',
      subtitle: 'Jan 15, 2026 · 8 min read',
      media,
    })
  })

  it('falls back for an untitled, undated post', () => {
    const prepared = postType.preview?.prepare?.({
      title: undefined,
      publishedAt: undefined,
      readTime: undefined,
      media: undefined,
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

  it('summarises a reaction tally', () => {
    const prepared = reactionType.preview?.prepare?.({
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
