import {describe, expect, it} from 'vitest'

import {
  validateAuthorLink,
  validateDistinctReferences,
  warnWhenLonger,
  ALT_TEXT_REQUIRED,
  requireAltWhenImageSet,
  TAG_TITLE_TAKEN,
  validateDistinctTags,
  validateLinkHref,
  validatePostChain,
  validatePostLink,
  validateUniqueTagTitle,
  type FetchClient,
} from './validation.ts'

const image = {asset: {_ref: 'image-abc-1200x800-png', _type: 'reference'}}

describe('requireAltWhenImageSet', () => {
  it('accepts an empty image field', () => {
    expect(requireAltWhenImageSet(undefined)).toBe(true)
    expect(requireAltWhenImageSet({})).toBe(true)
  })
  it('rejects an image without alt text, or with only spaces', () => {
    expect(requireAltWhenImageSet(image)).toBe(ALT_TEXT_REQUIRED)
    expect(requireAltWhenImageSet({...image, alt: '   '})).toBe(ALT_TEXT_REQUIRED)
  })
  it('accepts an image with alt text (the seed article’s, CJK and emoji too)', () => {
    const alt = 'Mistral AI transforms France’s defense capabilities in modern military technology.'
    expect(requireAltWhenImageSet({...image, alt})).toBe(true)
    expect(requireAltWhenImageSet({...image, alt: '東京の夜景 🌃'})).toBe(true)
  })
})

describe('validatePostLink', () => {
  const doc = {_id: 'drafts.post-a', previous: {_ref: 'post-b'}, next: {_ref: 'post-c'}}
  it('accepts an empty link and a link to another post', () => {
    expect(validatePostLink(undefined, doc, 'previous')).toBe(true)
    expect(validatePostLink({_ref: 'post-b'}, doc, 'previous')).toBe(true)
  })
  it('rejects a link to the post itself, from its draft or its published version', () => {
    expect(validatePostLink({_ref: 'post-a'}, doc, 'next')).toBe('A post cannot link to itself.')
    expect(validatePostLink({_ref: 'post-a'}, {...doc, _id: 'post-a'}, 'next')).toBe(
      'A post cannot link to itself.',
    )
  })
  it('rejects the same post as both previous and next', () => {
    const same = {_id: 'post-a', previous: {_ref: 'post-b'}, next: {_ref: 'post-b'}}
    expect(validatePostLink(same.previous, same, 'previous')).toBe(
      'Previous and next cannot be the same post.',
    )
    expect(validatePostLink(same.next, same, 'next')).toBe(
      'Previous and next cannot be the same post.',
    )
  })
})

describe('validateDistinctTags', () => {
  it('accepts no tags and distinct tags', () => {
    expect(validateDistinctTags(undefined)).toBe(true)
    expect(validateDistinctTags([{_ref: 'tag-a'}, {_ref: 'tag-b'}, {}])).toBe(true)
  })
  it('rejects a tag added twice', () => {
    expect(validateDistinctTags([{_ref: 'tag-a'}, {_ref: 'tag-b'}, {_ref: 'tag-a'}])).toBe(
      'Each tag can be added only once.',
    )
  })
})

describe('validateLinkHref', () => {
  it.each([
    'https://example.com/a?b=c',
    'http://x.org',
    'mailto:desk@example.com',
    'tel:+331234',
    '/about',
  ])('accepts %s', (href) => expect(validateLinkHref(href)).toBe(true))
  it.each([
    ['', 'A link needs a URL.'],
    [undefined, 'A link needs a URL.'],
    [
      'example.com',
      'Enter a full URL such as https://example.com/page, or a path starting with /.',
    ],
    [
      '//evil.example',
      'Enter a full URL such as https://example.com/page, or a path starting with /.',
    ],
    ['javascript:alert(1)', 'Links may use http, https, mailto or tel, not javascript.'],
    ['ftp://files.example', 'Links may use http, https, mailto or tel, not ftp.'],
  ])('rejects %j', (href, message) => expect(validateLinkHref(href)).toBe(message))
})

describe('validateUniqueTagTitle', () => {
  function clientReturning(count: number) {
    const calls: Array<{query: string; params: Record<string, unknown>}> = []
    const client: FetchClient = {
      fetch: async <R>(query: string, params: Record<string, unknown>) => {
        calls.push({query, params})
        return count as R
      },
    }
    return {client, calls}
  }

  it('accepts a title no other tag has, excluding the tag itself and its draft', async () => {
    const {client, calls} = clientReturning(0)
    expect(await validateUniqueTagTitle(' AI ', 'drafts.tag-ai', client)).toBe(true)
    expect(calls[0]?.params).toEqual({title: 'AI', id: 'tag-ai', draftId: 'drafts.tag-ai'})
    expect(calls[0]?.query).toContain('lower(title) == lower($title)')
  })
  it('rejects a title another tag already has', async () => {
    const {client} = clientReturning(1)
    expect(await validateUniqueTagTitle('ai', 'tag-new', client)).toBe(TAG_TITLE_TAKEN)
  })
  it('leaves an empty title to the required rule without querying', async () => {
    const {client, calls} = clientReturning(5)
    expect(await validateUniqueTagTitle('  ', 'tag-new', client)).toBe(true)
    expect(calls).toHaveLength(0)
  })
})

describe('validatePostChain', () => {
  /** A client holding the given documents; records each query. */
  function clientWith(docs: Array<{_id: string; [key: string]: unknown}>) {
    const calls: Array<{params: Record<string, unknown>; options: unknown}> = []
    const client: FetchClient = {
      fetch: async <R>(_query: string, params: Record<string, unknown>, options?: unknown) => {
        calls.push({params, options})
        const ids = params.ids as string[]
        return docs.filter((doc) => ids.includes(doc._id)) as R
      },
    }
    return {client, calls}
  }
  const b = {_id: 'post-b', _type: 'post', title: 'Mistral AI in Brussels'}

  it('accepts a next post whose previous links back, reading its draft first', async () => {
    const {client, calls} = clientWith([
      {...b, previous: {_ref: 'post-x'}},
      {...b, _id: 'drafts.post-b', previous: {_ref: 'post-a'}},
    ])
    expect(await validatePostChain({_ref: 'post-b'}, 'drafts.post-a', 'next', client)).toBe(true)
    expect(calls).toEqual([
      {
        params: {ids: ['post-b', 'drafts.post-b']},
        options: {perspective: 'raw', tag: 'newsroom.related-chain'},
      },
    ])
  })

  it('warns when the linked post does not link back', async () => {
    const {client} = clientWith([{...b, next: {_ref: 'post-z'}}])
    expect(await validatePostChain({_ref: 'post-b'}, 'post-a', 'previous', client)).toBe(
      'The chain disagrees: this post’s previous post is “Mistral AI in Brussels”, but “Mistral AI in Brussels” has another next post.',
    )
    expect(await validatePostChain({_ref: 'post-b'}, 'post-a', 'next', client)).toBe(
      'The chain disagrees: this post’s next post is “Mistral AI in Brussels”, but “Mistral AI in Brussels” has no previous post.',
    )
  })

  it('leaves empty links, self links and deleted targets to the other checks, without querying', async () => {
    const {client, calls} = clientWith([])
    expect(await validatePostChain(undefined, 'post-a', 'next', client)).toBe(true)
    expect(await validatePostChain({_ref: 'post-a'}, 'drafts.post-a', 'next', client)).toBe(true)
    expect(calls).toHaveLength(0)
    expect(await validatePostChain({_ref: 'post-gone'}, 'post-a', 'next', client)).toBe(true)
  })
})

describe('validateDistinctReferences', () => {
  it('names the kind of document added twice', () => {
    const ref = (id: string) => ({_type: 'reference', _ref: id})
    expect(validateDistinctReferences([ref('a'), ref('b')], 'author')).toBe(true)
    expect(validateDistinctReferences([ref('a'), ref('a')], 'author')).toBe(
      'Each author can be added only once.',
    )
    expect(validateDistinctReferences(undefined, 'author')).toBe(true)
  })
})

describe('validateAuthorLink', () => {
  it('takes absolute http(s) URLs only', () => {
    expect(validateAuthorLink('https://example.com/camille')).toBe(true)
    expect(validateAuthorLink('http://example.com')).toBe(true)
    expect(validateAuthorLink(undefined)).toBe(true)
    for (const bad of ['example.com/camille', 'mailto:c@example.com', 'javascript:alert(1)']) {
      expect(validateAuthorLink(bad)).toBe(
        'Enter a full address starting with https://, such as https://example.com/jane.',
      )
    }
  })
})

describe('warnWhenLonger', () => {
  it('counts trimmed characters and says what will be cut', () => {
    expect(warnWhenLonger(`  ${'a'.repeat(60)}  `, 60, 'title')).toBe(true)
    expect(warnWhenLonger('a'.repeat(61), 60, 'title')).toBe(
      '61 characters: search results show about 60, so the title will be cut short.',
    )
    expect(warnWhenLonger(undefined, 60, 'title')).toBe(true)
  })
})
