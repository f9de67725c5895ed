import {
  createSchema,
  defineConfig,
  defineField,
  definePlugin,
  prepareConfig,
  SchemaError,
  defineType,
  type ObjectSchemaType,
  type SchemaTypeDefinition,
} from 'sanity'
import {describe, expect, it} from 'vitest'

import {
  authorType,
  blogTemplateNewsroomOptions,
  blogTemplateTypes,
} from '../fixtures/blog-template/schema.ts'
import {resolveOptions, type NewsroomOptions} from '../../plugins/newsroom/options.ts'
import {newsroom, pluginSchemaTypes} from '../../plugins/newsroom/plugin.tsx'
import {postAuthorType} from '../../plugins/newsroom/structure.ts'
import {
  assertSchemaFits,
  contentModelCollisions,
  schemaProblems,
} from '../../plugins/newsroom/shared/checkSchema.ts'

/** The Studio's schema as Sanity compiles it: the blog template's types and what the plugin adds. */
function studioSchema(options: NewsroomOptions, types: SchemaTypeDefinition[] = blogTemplateTypes) {
  const resolved = resolveOptions(options)
  const schema = createSchema({name: 'blog', types: [...types, ...pluginSchemaTypes(resolved)]})
  return {schema, resolved}
}

describe('the options against a Studio’s own schema (Sanity’s blog template)', () => {
  it('finds nothing wrong with the documented options', () => {
    const {schema, resolved} = studioSchema(blogTemplateNewsroomOptions)
    expect(schemaProblems(schema, resolved)).toEqual([])
  })

  it('names a field that does not exist, with the option and the fields there are', () => {
    const {schema, resolved} = studioSchema({
      ...blogTemplateNewsroomOptions,
      readTime: {
        ...blogTemplateNewsroomOptions.readTime,
        documentTypes: ['post'],
        bodyField: 'body',
      },
    })
    expect(() => assertSchemaFits(schema, resolved)).toThrow(
      new Error(
        '[newsroom] The options do not fit the schema:\n' +
          '- readTime.bodyField: "body" is not a field of "post" (its fields: title, slug, content, ' +
          'excerpt, coverImage, publishedAt, author, categories, readTime, previous, next)\n' +
          '(see docs/existing-studio.md)',
      ),
    )
  })

  it('names a document type that does not exist, and a taxonomy that is not an array', () => {
    const {schema, resolved} = studioSchema({
      contentModel: false,
      readTime: {documentTypes: ['article'], bodyField: 'content'},
      relatedPosts: {documentType: 'post', taxonomyField: 'author'},
    })
    expect(schemaProblems(schema, resolved)).toEqual([
      'readTime.documentTypes[0]: there is no document type "article" in the schema (document ' +
        'types: author, category, post)',
      'relatedPosts.taxonomyField: "post.author" must be an array',
      'relatedPosts.imageField: "heroImage" is not a field of "post" (its fields: title, slug, ' +
        'content, excerpt, coverImage, publishedAt, author, categories, readTime, previous, next)',
    ])
  })

  it('needs a readTime field of type readTime on each read-time document type', () => {
    const {schema, resolved} = studioSchema({
      contentModel: false,
      readTime: {documentTypes: ['post', 'category'], bodyField: 'content', heroImageField: false},
    })
    expect(schemaProblems(schema, resolved)).toEqual([
      'readTime.bodyField: "content" is not a field of "category" (its fields: title, slug)',
      'readTime.field: "readTime" is not a field of "category" (its fields: title, slug)',
    ])
  })

  it('adds only the types the chosen features need', () => {
    const names = (options: NewsroomOptions) =>
      pluginSchemaTypes(resolveOptions(options)).map((type) => type.name)
    expect(names(blogTemplateNewsroomOptions)).toEqual(['readTime', 'reaction', 'reactionVoter'])
    expect(names({contentModel: false, readTime: {bodyField: 'content'}})).toEqual(['readTime'])
    expect(names({contentModel: false})).toEqual([])
  })
})

describe('contentModelCollisions', () => {
  it('names the types the Studio already has and the à-la-carte way', () => {
    const ours = pluginSchemaTypes(resolveOptions({}))
    expect(contentModelCollisions(blogTemplateTypes, ours)).toBe(
      '[newsroom] The schema already defines "post", "author", which Newsroom\'s content model adds too. ' +
        "Keep your own types and add Newsroom's features to them: newsroom({contentModel: false, " +
        'readTime: {documentTypes: [...], bodyField: ...}, relatedPosts: {documentType: ..., ' +
        'taxonomyField: ..., dateField: ...}, reactions: {documentType: ...}}) (see docs/existing-studio.md).',
    )
    expect(contentModelCollisions([{name: 'category'}], ours)).toBeUndefined()
  })
})

/** A Studio's own author type under another name, as many Studios have it. */
const personType = defineType({
  name: 'person',
  title: 'Person',
  type: 'document',
  fields: [
    defineField({name: 'name', type: 'string'}),
    defineField({name: 'role', type: 'string'}),
  ],
})

describe('the authors option: a Studio’s own author type for the content model', () => {
  it.each([
    {
      options: {contentModel: false, authors: {documentType: 'person'}},
      message:
        '[newsroom] Invalid option "authors": only with Newsroom\'s content model; with ' +
        'contentModel: false your post keeps its own author field (see docs/existing-studio.md)',
    },
    {
      options: {authors: 'person'},
      message: '[newsroom] Invalid option "authors": expected an object {documentType}',
    },
    {
      options: {authors: {}},
      message:
        '[newsroom] Invalid option "authors.documentType": expected your author type\'s name',
    },
    {
      options: {authors: {documentType: 'a person'}},
      message:
        '[newsroom] Invalid option "authors.documentType": "a person" is not a document type name',
    },
    {
      options: {authors: {documentType: 'person', nameField: 'fullName'}},
      message:
        '[newsroom] Invalid option "authors.nameField": unknown option; known options: documentType',
    },
  ])('rejects $options', ({options, message}) => {
    expect(() => resolveOptions(options)).toThrow(new Error(message))
  })

  it('references the named type from post.authors and leaves Newsroom’s author out', () => {
    const {schema, resolved} = studioSchema({authors: {documentType: 'person'}}, [personType])
    expect(pluginSchemaTypes(resolved).map((type) => type.name)).not.toContain('author')
    expect(schema.get('author')).toBeUndefined()
    expect(schemaProblems(schema, resolved)).toEqual([])
    expect(postAuthorType(schema)).toBe('person')
    expect(postAuthorType(studioSchema({}, []).schema)).toBe('author')
  })

  it('keeps a Studio’s own type named author, without a duplicate type', () => {
    const {schema, resolved} = studioSchema({authors: {documentType: 'author'}}, [authorType])
    expect(schema._validation?.flatMap((group) => group.problems)).toEqual([])
    expect(schemaProblems(schema, resolved)).toEqual([])
    const author = schema.get('author') as ObjectSchemaType
    expect(author.fields.map((field) => field.name)).toEqual(['name', 'picture'])
  })

  it.each([
    {
      name: 'a type without a name field',
      types: [
        defineType({
          name: 'person',
          type: 'document',
          fields: [defineField({name: 'fullName', type: 'string'})],
        }),
      ],
      documentType: 'person',
      problem: 'authors.documentType: "name" is not a field of "person" (its fields: fullName)',
    },
    {
      name: 'a name that is not a string',
      types: [
        defineType({
          name: 'person',
          type: 'document',
          fields: [defineField({name: 'name', type: 'number'})],
        }),
      ],
      documentType: 'person',
      problem: 'authors.documentType: "person.name" must be a string',
    },
  ])('names $name', ({types, documentType, problem}) => {
    const {schema, resolved} = studioSchema({authors: {documentType}}, types)
    expect(schemaProblems(schema, resolved)).toEqual([problem])
  })

  it('leaves a type that does not exist to Sanity: post.authors references an unknown type', () => {
    // The schema does not compile, so the Studio stops at Sanity's error before any check of ours.
    const {schema} = studioSchema({authors: {documentType: 'writer'}}, [personType])
    const errors = (schema._validation ?? []).filter((group) => group.problems.length > 0)
    expect(errors.map((group) => group.problems.map((problem) => problem.message))).toEqual([
      ['Unknown type: writer.'],
    ])
    expect(errors[0]?.path.slice(0, 3)).toEqual([
      {kind: 'type', type: 'document', name: 'post'},
      {kind: 'property', name: 'fields'},
      {kind: 'type', type: 'array', name: 'authors'},
    ])
  })

  it('names an author type the Studio already has, and the authors option', () => {
    const ours = pluginSchemaTypes(resolveOptions({}))
    expect(contentModelCollisions([{name: 'author'}], ours)).toBe(
      '[newsroom] The schema already defines "author", which Newsroom\'s content model adds too. ' +
        "Keep yours for the posts' bylines (it needs a name field): newsroom({authors: " +
        "{documentType: 'author'}}) (see docs/existing-studio.md).",
    )
  })
})

/**
 * The collision as a Studio meets it: Sanity's own config resolution (`prepareConfig`, which the
 * Studio and `sanity schema validate` run) reduces the plugins' `schema.types` in order and the
 * root config's last, so `newsroom()` sees a plugin listed before it, never the root types.
 */
describe('a content model collision, through Sanity’s config resolution', () => {
  /** The messages a config fails with: each error and its causes, or the schema's problems. */
  function failure(config: Parameters<typeof prepareConfig>[0]): string[] {
    try {
      prepareConfig(config)
    } catch (error) {
      if (error instanceof SchemaError) {
        return (error.schema._validation ?? []).flatMap((group) =>
          group.problems.map((problem) => problem.message),
        )
      }
      // ConfigResolutionError keeps its causes in `causes`, ConfigPropertyError in `cause`.
      const messages: string[] = []
      for (let cause: unknown = error; cause instanceof Error;) {
        messages.push(cause.message)
        cause = cause.cause ?? (cause as {causes?: unknown[]}).causes?.[0]
      }
      return messages
    }
    return []
  }
  const blogSchema = definePlugin({name: 'blog-schema', schema: {types: blogTemplateTypes}})
  const studio = {projectId: 'scratch', dataset: 'production'}

  it('names the collision and the à-la-carte way when a plugin before newsroom() has the types', () => {
    const messages = failure(defineConfig({...studio, plugins: [blogSchema(), newsroom()]}))
    expect(messages.at(-1)).toBe(
      contentModelCollisions(blogTemplateTypes, pluginSchemaTypes(resolveOptions({}))),
    )
    expect(messages.at(-1)).toMatch(/^\[newsroom\] The schema already defines "post", "author"/)
  })

  it('leaves the root config’s own types to Sanity’s duplicate-type error', () => {
    const messages = failure(
      defineConfig({...studio, schema: {types: blogTemplateTypes}, plugins: [newsroom()]}),
    )
    expect(messages).toEqual([
      'Invalid type name: A type with name "post" is already defined in the schema.',
      'Invalid type name: A type with name "author" is already defined in the schema.',
    ])
  })

  it('resolves the blog template’s schema with the documented options', () => {
    const config = defineConfig({
      ...studio,
      schema: {types: blogTemplateTypes},
      plugins: [newsroom(blogTemplateNewsroomOptions)],
    })
    expect(failure(config)).toEqual([])
  })
})
