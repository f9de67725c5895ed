import {describe, expect, it} from 'vitest'

import {chronologicalChain} from './chain.ts'

describe('chronologicalChain', () => {
  it('links each post to the one published just before and just after it', () => {
    const chain = chronologicalChain([
      {id: 'post-next', publishedAt: '2026-11-26T09:00:00.000Z'},
      {id: 'post-seed', publishedAt: '2026-11-25T09:00:00.000Z'},
      {id: 'post-previous', publishedAt: '2026-11-24T09:00:00.000Z'},
    ])
    expect(Object.fromEntries(chain)).toEqual({
      'post-previous': {next: 'post-seed'},
      'post-seed': {previous: 'post-previous', next: 'post-next'},
      'post-next': {previous: 'post-seed'},
    })
  })

  it('breaks ties by id, as the GROQ fallback does', () => {
    const same = '2026-01-01T00:00:00.000Z'
    const chain = chronologicalChain([
      {id: 'b', publishedAt: same},
      {id: 'c', publishedAt: same},
      {id: 'a', publishedAt: same},
    ])
    expect([...chain.keys()]).toEqual(['a', 'b', 'c'])
    expect(chain.get('b')).toEqual({previous: 'a', next: 'c'})
  })

  it('compares instants, not strings (time zones, fractions)', () => {
    const chain = chronologicalChain([
      {id: 'utc', publishedAt: '2026-01-01T10:00:00Z'},
      {id: 'paris', publishedAt: '2026-01-01T10:30:00+01:00'},
      {id: 'millis', publishedAt: '2026-01-01T10:00:00.500Z'},
    ])
    expect([...chain.keys()]).toEqual(['paris', 'utc', 'millis'])
  })

  it('leaves out posts without a valid date and counts a draft and its published post once', () => {
    const chain = chronologicalChain([
      {id: 'drafts.x', publishedAt: '2026-02-01T00:00:00Z'},
      {id: 'x', publishedAt: '2026-03-01T00:00:00Z'},
      {id: 'undated'},
      {id: 'garbage', publishedAt: 'next Tuesday'},
      {id: 'null', publishedAt: null},
      {id: 'y', publishedAt: '2026-01-01T00:00:00Z'},
    ])
    expect(Object.fromEntries(chain)).toEqual({y: {next: 'x'}, x: {previous: 'y'}})
  })

  it('gives a single post no links and an empty list an empty chain', () => {
    expect(
      Object.fromEntries(chronologicalChain([{id: 'solo', publishedAt: '2026-01-01'}])),
    ).toEqual({solo: {}})
    expect(chronologicalChain([]).size).toBe(0)
  })
})
