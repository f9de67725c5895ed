import {describe, expect, it} from 'vitest'

import {draftIdsToCheck, rankRelatedPosts, SUGGESTION_LIMIT} from './rank.ts'
import type {RelatedCandidate, RelatedContext} from './types.ts'

const NOW = Date.parse('2026-03-10T12:00:00.000Z')
const HOUR = 3_600_000
const DAY = 24 * HOUR
const at = (offsetMs: number) => new Date(NOW + offsetMs).toISOString()

/** The post being edited: a draft with three tags; its next link is already post-z. */
const context: RelatedContext = {
  id: 'drafts.post-a',
  publishedAt: at(0),
  tagIds: ['tag-ai', 'tag-eu', 'tag-defense'],
  otherLinkId: 'post-z',
}

const candidates: RelatedCandidate[] = [
  {
    _id: 'post-b',
    title: 'Mistral AI in Brussels',
    publishedAt: at(-DAY),
    tagIds: ['tag-ai', 'tag-eu'],
  },
  {
    _id: 'drafts.post-b',
    title: 'Mistral AI in Brussels (edited)',
    publishedAt: at(-DAY),
    tagIds: ['tag-ai', 'tag-eu'],
  },
  {
    _id: 'post-c',
    title: 'Chips',
    publishedAt: at(-3 * HOUR),
    tagIds: ['tag-ai'],
    thumbnailUrl: 'https://x/c.png',
  },
  {_id: 'post-d', title: 'Defense budgets', publishedAt: at(-2 * DAY), tagIds: ['tag-eu']},
  {
    _id: 'post-e',
    title: 'Later, all three tags',
    publishedAt: at(HOUR),
    tagIds: ['tag-ai', 'tag-eu', 'tag-defense'],
  },
  {_id: 'post-f', title: 'No tags at all', publishedAt: at(-5 * DAY), tagIds: null},
  {_id: 'post-g', title: 'Empty tag list', publishedAt: at(-30 * 60_000), tagIds: []},
  {_id: 'post-z', title: 'The next post', publishedAt: at(-HOUR), tagIds: ['tag-ai', 'tag-eu']},
  {_id: 'post-a', title: 'This post, published', publishedAt: at(0), tagIds: ['tag-ai']},
  {_id: 'drafts.post-a', title: 'This post, draft', publishedAt: at(0), tagIds: ['tag-ai']},
  {
    _id: 'drafts.post-h',
    title: '東京の夜景 🌃',
    publishedAt: at(-2 * HOUR),
    tagIds: ['tag-ai', null],
  },
  {
    _id: 'post-i',
    title: 'Undated, all tags',
    publishedAt: null,
    tagIds: ['tag-ai', 'tag-eu', 'tag-defense'],
  },
  {_id: 'versions.r1.post-j', title: 'In a release', publishedAt: at(-HOUR), tagIds: ['tag-ai']},
  {_id: 'post-k', title: 'Tomorrow', publishedAt: at(DAY), tagIds: ['tag-other']},
]

const summary = (list: ReturnType<typeof rankRelatedPosts>) =>
  list.map((s) => [s.id, s.reason, s.unpublished])

describe('rankRelatedPosts', () => {
  it('suggests older posts for previous: most shared tags, then the nearest older first', () => {
    expect(summary(rankRelatedPosts(candidates, context, {field: 'previous'}))).toEqual([
      ['post-b', '2 shared tags · 1 day older', false],
      ['post-h', '1 shared tag · 2 hours older', true],
      ['post-c', '1 shared tag · 3 hours older', false],
      ['post-d', '1 shared tag · 2 days older', false],
      ['post-g', 'No shared tags · 30 minutes older', false],
      ['post-f', 'No shared tags · 5 days older', false],
    ])
  })

  it('suggests newer posts for next, nearest first', () => {
    expect(summary(rankRelatedPosts(candidates, context, {field: 'next'}))).toEqual([
      ['post-e', '3 shared tags · 1 hour newer', false],
      ['post-k', 'No shared tags · 1 day newer', false],
    ])
  })

  it('keeps the published content of a post that also has a draft, and everything a card shows', () => {
    const [first, , third] = rankRelatedPosts(candidates, context, {field: 'previous'})
    expect(first).toEqual({
      id: 'post-b',
      title: 'Mistral AI in Brussels',
      publishedAt: at(-DAY),
      sharedTagIds: ['tag-ai', 'tag-eu'],
      side: 'older',
      distanceMs: DAY,
      unpublished: false,
      reason: '2 shared tags · 1 day older',
    })
    expect(third).toMatchObject({id: 'post-c', thumbnailUrl: 'https://x/c.png'})
  })

  it('never suggests the post itself, the other link, or a release version', () => {
    const ids = [
      ...rankRelatedPosts(candidates, context, {field: 'previous', searching: true, limit: 50}),
    ].map((s) => s.id)
    expect(ids).not.toContain('post-a')
    expect(ids).not.toContain('post-z')
    expect(ids.some((id) => id.includes('.'))).toBe(false)
  })

  it('marks drafts never published, unless a lookup found their published version', () => {
    const drafts: RelatedCandidate[] = [
      {_id: 'drafts.post-new', title: 'New', publishedAt: at(-HOUR), tagIds: []},
      {_id: 'drafts.post-old', title: 'Old, edited', publishedAt: at(-2 * HOUR), tagIds: []},
      {_id: 'drafts.post-both', title: 'Both here', publishedAt: at(-3 * HOUR), tagIds: []},
      {_id: 'post-both', title: 'Both here', publishedAt: at(-3 * HOUR), tagIds: []},
    ]
    expect(draftIdsToCheck(drafts)).toEqual(['post-new', 'post-old'])
    const ranked = rankRelatedPosts(drafts, context, {
      field: 'previous',
      publishedIds: new Set(['post-old']),
    })
    expect(ranked.map((s) => [s.id, s.unpublished])).toEqual([
      ['post-new', true],
      ['post-old', false],
      ['post-both', false],
    ])
  })

  it('orders equal publish dates by id, as the chronological fallback does', () => {
    const same: RelatedCandidate[] = [
      {_id: 'post-0', title: 'Same time, lower id', publishedAt: at(0), tagIds: []},
      {_id: 'post-m', title: 'Same time, higher id', publishedAt: at(0), tagIds: []},
      {_id: 'post-p', title: 'P', publishedAt: at(-DAY), tagIds: []},
      {_id: 'post-q', title: 'Q', publishedAt: at(-DAY), tagIds: []},
      {_id: 'post-r', title: 'R', publishedAt: at(DAY), tagIds: []},
      {_id: 'post-s', title: 'S', publishedAt: at(DAY), tagIds: []},
    ]
    expect(summary(rankRelatedPosts(same, context, {field: 'previous'}))).toEqual([
      ['post-0', 'No shared tags · same publish time', false],
      ['post-q', 'No shared tags · 1 day older', false],
      ['post-p', 'No shared tags · 1 day older', false],
    ])
    expect(summary(rankRelatedPosts(same, context, {field: 'next'}))).toEqual([
      ['post-m', 'No shared tags · same publish time', false],
      ['post-r', 'No shared tags · 1 day newer', false],
      ['post-s', 'No shared tags · 1 day newer', false],
    ])
  })

  it('when searching, keeps the other side after the field’s side, and undated posts last', () => {
    const found = candidates.filter((c) => ['post-b', 'post-e', 'post-i', 'post-k'].includes(c._id))
    expect(summary(rankRelatedPosts(found, context, {field: 'previous', searching: true}))).toEqual(
      [
        ['post-e', '3 shared tags · 1 hour newer', false],
        ['post-i', '3 shared tags', false],
        ['post-b', '2 shared tags · 1 day older', false],
        ['post-k', 'No shared tags · 1 day newer', false],
      ],
    )
  })

  it('ranks by tags then newest first when the edited post has no publish date', () => {
    const undated = {...context, publishedAt: undefined}
    const found = candidates.filter((c) =>
      ['post-c', 'post-d', 'post-g', 'post-i', 'post-k'].includes(c._id),
    )
    expect(summary(rankRelatedPosts(found, undated, {field: 'next'}))).toEqual([
      ['post-i', '3 shared tags', false],
      ['post-c', '1 shared tag', false],
      ['post-d', '1 shared tag', false],
      ['post-k', 'No shared tags', false],
      ['post-g', 'No shared tags', false],
    ])
  })

  it('ranks by date alone when the edited post has no tags', () => {
    const untagged = {...context, tagIds: []}
    expect(rankRelatedPosts(candidates, untagged, {field: 'previous'}).map((s) => s.id)).toEqual([
      'post-g',
      'post-h',
      'post-c',
      'post-b',
      'post-d',
      'post-f',
    ])
  })

  it('treats a malformed date as no date and an empty title as untitled', () => {
    const odd: RelatedCandidate[] = [
      {_id: 'post-bad', title: '   ', publishedAt: 'yesterday-ish', tagIds: ['tag-ai']},
    ]
    expect(rankRelatedPosts(odd, context, {field: 'previous'})).toEqual([])
    expect(rankRelatedPosts(odd, context, {field: 'previous', searching: true})).toEqual([
      {
        id: 'post-bad',
        title: 'Untitled post',
        publishedAt: 'yesterday-ish',
        sharedTagIds: ['tag-ai'],
        unpublished: false,
        reason: '1 shared tag',
      },
    ])
  })

  it('returns the best few of many candidates', () => {
    // 1,000 older posts an hour apart; every fifth shares two tags, every fifth+1 one tag.
    const many: RelatedCandidate[] = Array.from({length: 1000}, (_, i) => ({
      _id: `post-${String(i).padStart(4, '0')}`,
      title: `Story ${i}`,
      publishedAt: at(-(i + 1) * HOUR),
      tagIds: i % 5 === 0 ? ['tag-ai', 'tag-eu'] : i % 5 === 1 ? ['tag-defense'] : ['tag-x'],
    }))
    const ranked = rankRelatedPosts(many, context, {field: 'previous'})
    expect(ranked).toHaveLength(SUGGESTION_LIMIT)
    expect(ranked.map((s) => s.id)).toEqual(
      ['0000', '0005', '0010', '0015', '0020', '0025', '0030', '0035'].map((n) => `post-${n}`),
    )
    expect(rankRelatedPosts(many, context, {field: 'previous', limit: 3}).at(-1)?.reason).toBe(
      '2 shared tags · 11 hours older',
    )
  })
})
