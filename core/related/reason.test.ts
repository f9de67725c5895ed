import {describe, expect, it} from 'vitest'

import {formatDistance, formatRelatedReason, formatSharedTags, taxonomyNoun} from './reason.ts'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

describe('formatRelatedReason', () => {
  it('reads like the issue’s example', () => {
    expect(formatRelatedReason(2, {side: 'older', ms: DAY})).toBe('2 shared tags · 1 day older')
    expect(formatRelatedReason(1, {side: 'newer', ms: 3 * HOUR})).toBe(
      '1 shared tag · 3 hours newer',
    )
  })

  it('says when dates are equal or unknown', () => {
    expect(formatRelatedReason(0, {side: 'newer', ms: 0})).toBe(
      'No shared tags · same publish time',
    )
    expect(formatRelatedReason(3)).toBe('3 shared tags')
  })
})

describe('formatSharedTags', () => {
  it.each([
    [0, 'No shared tags'],
    [-1, 'No shared tags'],
    [1, '1 shared tag'],
    [12, '12 shared tags'],
  ])('%d → %s', (count, text) => expect(formatSharedTags(count)).toBe(text))
})

describe('formatDistance', () => {
  it.each([
    [0, 'under a minute'],
    [59_999, 'under a minute'],
    [MINUTE, '1 minute'],
    [-45 * MINUTE, '45 minutes'],
    [HOUR, '1 hour'],
    [36 * HOUR, '1 day'],
    [29 * DAY, '29 days'],
    [30 * DAY, '1 month'],
    [400 * DAY, '1 year'],
    [3 * 365 * DAY, '3 years'],
  ])('%d ms → %s', (ms, text) => expect(formatDistance(ms)).toBe(text))
})

describe('taxonomyNoun: the reason names a Studio’s own taxonomy', () => {
  it.each([
    ['tags', {one: 'tag', other: 'tags'}],
    ['categories', {one: 'category', other: 'categories'}],
    ['sections', {one: 'section', other: 'sections'}],
    ['postTags', {one: 'post tag', other: 'post tags'}],
    ['topic_refs', {one: 'topic ref', other: 'topic refs'}],
    ['classes', {one: 'class', other: 'classes'}],
    ['taxonomy', {one: 'taxonomy', other: 'taxonomy'}],
    ['status', {one: 'status', other: 'status'}],
  ])('%s', (field, noun) => {
    expect(taxonomyNoun(field)).toEqual(noun)
  })

  it('words the reason with it', () => {
    const categories = taxonomyNoun('categories')
    expect(formatRelatedReason(2, {side: 'older', ms: 9 * DAY}, categories)).toBe(
      '2 shared categories · 9 days older',
    )
    expect(formatSharedTags(1, categories)).toBe('1 shared category')
    expect(formatSharedTags(0, categories)).toBe('No shared categories')
  })
})
