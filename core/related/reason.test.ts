import {describe, expect, it} from 'vitest'

import {formatDistance, formatRelatedReason, formatSharedTags} from './reason.ts'

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
