import {describe, expect, it} from 'vitest'

import {
  ALT_TEXT_REQUIRED,
  requireAltWhenImageSet,
  TAG_TITLE_TAKEN,
  validateDistinctTags,
  validateLinkHref,
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
