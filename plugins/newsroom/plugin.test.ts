import type {SchemaTypeDefinition, Template} from 'sanity'
import {describe, expect, it} from 'vitest'

import {newsroom} from './plugin.tsx'
import {postLinkFieldOf} from './related-posts/components/PostLinkInput.tsx'

type PluginResult = {
  name: string
  schema: {
    types: (prev: SchemaTypeDefinition[]) => SchemaTypeDefinition[]
    templates: (prev: Template[]) => Template[]
  }
  form: {components: {input: unknown}}
  document: {
    actions: (
      prev: Array<{action?: string}>,
      context: {schemaType: string},
    ) => Array<{action?: string; displayName?: string}>
    newDocumentOptions: (prev: Array<{templateId: string}>) => Array<{templateId: string}>
  }
}

/** definePlugin returns a factory; calling it gives the plugin options object Sanity consumes. */
function load(options?: Parameters<typeof newsroom>[0]): PluginResult {
  return newsroom(options) as unknown as PluginResult
}

describe('newsroom()', () => {
  it('registers the post, tag, author and reaction types (and their objects)', () => {
    const plugin = load()
    expect(plugin.name).toBe('newsroom')
    expect(plugin.schema.types([]).map((type) => type.name)).toEqual([
      'post',
      'tag',
      'author',
      'reaction',
      'reactionVoter',
      'blockContent',
      'footnote',
      'imageWithAlt',
      'mediaEmbed',
      'readTime',
    ])
  })

  it('builds the reaction tally from the reaction kinds option', () => {
    const plugin = load({reactionKinds: [{name: 'love', title: 'Love'}]})
    const reaction = plugin.schema
      .types([])
      .find((type) => type.name === 'reaction') as unknown as {
      fields: Array<{name: string; fields?: Array<{name: string}>}>
    }
    const counts = reaction.fields.find((field) => field.name === 'counts')
    expect(counts?.fields?.map((field) => field.name)).toEqual(['love'])
  })

  it('fails fast on bad options', () => {
    expect(() => load({reactionKinds: []})).toThrow('[newsroom] Invalid option "reactionKinds"')
    expect(() => load({relatedPosts: {reciprocal: 'maybe' as 'ask'}})).toThrow(
      '[newsroom] Invalid option "relatedPosts.reciprocal"',
    )
  })

  it('adds the related-post picker as a form input, for the top-level previous and next only', () => {
    expect(typeof load().form.components.input).toBe('function')
    expect(postLinkFieldOf({path: ['previous']})).toBe('previous')
    expect(postLinkFieldOf({path: ['next']})).toBe('next')
    expect(postLinkFieldOf({path: ['tags']})).toBeUndefined()
    expect(postLinkFieldOf({path: ['body', {_key: 'a'}, 'next']})).toBeUndefined()
    expect(postLinkFieldOf({path: []})).toBeUndefined()
  })

  it("wraps a post's publish action so it fixes a stale read time, and leaves the others", () => {
    const publish = Object.assign(() => null, {action: 'publish' as const, displayName: 'Publish'})
    const remove = Object.assign(() => null, {action: 'delete' as const})
    const [wrapped, kept] = load().document.actions([publish, remove], {schemaType: 'post'})
    expect(kept).toBe(remove)
    expect(wrapped).not.toBe(publish)
    expect([wrapped?.action, wrapped?.displayName]).toEqual(['publish', 'ReadTime(Publish)'])
  })

  it('keeps editors from creating or acting on tallies and voter records, and nothing else', () => {
    const {schema, document} = load()
    const templates = [
      {id: 'post', schemaType: 'post'},
      {id: 'reaction', schemaType: 'reaction'},
      {id: 'reactionVoter', schemaType: 'reactionVoter'},
    ] as Template[]
    expect(schema.templates(templates).map((template) => template.id)).toEqual(['post'])
    const actions = [{action: 'publish'}, {action: 'delete'}]
    expect(document.actions(actions, {schemaType: 'reaction'})).toEqual([])
    expect(document.actions(actions, {schemaType: 'reactionVoter'})).toEqual([])
    expect(document.actions(actions, {schemaType: 'tag'})).toBe(actions)
    expect(
      document.newDocumentOptions([
        {templateId: 'tag'},
        {templateId: 'reaction'},
        {templateId: 'reactionVoter'},
      ]),
    ).toEqual([{templateId: 'tag'}])
  })

  it('decorates the form with the Reactions panel', () => {
    const plugin = load({reactions: {dataset: 'reactions'}}) as unknown as {
      form: {components: {input: unknown}}
    }
    expect(typeof plugin.form.components.input).toBe('function')
    expect(() => load({reactions: {dataset: 'Not a dataset'}})).toThrow(
      '[newsroom] Invalid option "reactions.dataset"',
    )
  })
})
