import {describe, expect, it} from 'vitest'

import {formatReadTime} from './format.ts'

describe('formatReadTime', () => {
  it.each([
    // The old site's "Read Time: 7 Minute, 39 Second", with its unit labels.
    [459, 'long', '7 Minute, 39 Second'],
    [61, 'long', '1 Minute, 1 Second'],
    [60, 'long', '1 Minute'],
    [120, 'long', '2 Minute'],
    [39, 'long', '39 Second'],
    [1, 'long', '1 Second'],
    [0, 'long', '0 Second'],
    [459.4, 'long', '7 Minute, 39 Second'],
    // Medium: whole minutes, never "0 min" for a post that takes any time.
    [459, 'short', '8 min read'],
    [420, 'short', '7 min read'],
    [449, 'short', '7 min read'],
    [60, 'short', '1 min read'],
    [20, 'short', '1 min read'],
    [0, 'short', '0 min read'],
    [459, 'clock', '7:39'],
    [65, 'clock', '1:05'],
    [5, 'clock', '0:05'],
    [0, 'clock', '0:00'],
    [3725, 'clock', '1:02:05'],
    [59.6, 'clock', '1:00'],
  ] as const)('%s s, %s: %s', (seconds, style, text) => {
    expect(formatReadTime(seconds, {style})).toBe(text)
  })

  it('writes the long style by default', () => {
    expect(formatReadTime(459)).toBe('7 Minute, 39 Second')
  })

  it.each([undefined, Number.NaN, -1, Infinity])('gives "" for %s', (seconds) => {
    expect(formatReadTime(seconds, {style: 'clock'})).toBe('')
  })
})
