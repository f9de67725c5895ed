import {createSchema, type SchemaTypeDefinition} from 'sanity'
import {describe, expect, it} from 'vitest'

import {blogTemplateNewsroomOptions, blogTemplateTypes} from '../fixtures/blog-template/schema.ts'
import {resolveOptions, type NewsroomOptions} from '../../plugins/newsroom/options.ts'
import {pluginSchemaTypes} from '../../plugins/newsroom/plugin.tsx'
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
