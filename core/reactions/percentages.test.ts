import {describe, expect, it} from 'vitest'

import {toPercentages} from './percentages.ts'

const sum = (shares: Record<string, number>) => Object.values(shares).reduce((a, b) => a + b, 0)

describe('toPercentages', () => {
  it('gives 0 for every kind when nobody has voted', () => {
    expect(toPercentages({happy: 0, sad: 0, excited: 0, sleepy: 0, angry: 0, surprise: 0})).toEqual(
      {happy: 0, sad: 0, excited: 0, sleepy: 0, angry: 0, surprise: 0},
    )
    expect(toPercentages({})).toEqual({})
  })

  it('gives 100 to the only kind with votes', () => {
    expect(toPercentages({happy: 0, sad: 7, excited: 0})).toEqual({happy: 0, sad: 100, excited: 0})
    expect(toPercentages({love: 1})).toEqual({love: 100})
  })

  it('rounds by largest remainder so the shares sum to exactly 100', () => {
    // 14.28… each: naive rounding gives 98.
    expect(toPercentages({a: 1, b: 1, c: 1, d: 1, e: 1, f: 1, g: 1})).toEqual({
      a: 15,
      b: 15,
      c: 14,
      d: 14,
      e: 14,
      f: 14,
      g: 14,
    })
    // 3/7, 2/7, 1/7, 1/7 → 42.86, 28.57, 14.29, 14.29: the largest remainder (.86) rounds up.
    expect(toPercentages({happy: 3, excited: 2, sad: 1, surprise: 1})).toEqual({
      happy: 43,
      excited: 29,
      sad: 14,
      surprise: 14,
    })
    // 2/3 and 1/3: naive rounding gives 67 + 33 = 100 too, but 66.67 must win the remainder.
    expect(toPercentages({happy: 1, sad: 2})).toEqual({happy: 33, sad: 67})
  })

  it('breaks ties between equal remainders by display order', () => {
    expect(toPercentages({happy: 1, sad: 1, excited: 1})).toEqual({happy: 34, sad: 33, excited: 33})
    expect(toPercentages({excited: 1, sad: 1, happy: 1})).toEqual({excited: 34, sad: 33, happy: 33})
    expect(toPercentages({a: 1, b: 1, c: 1, d: 1, e: 1, f: 1})).toEqual({
      a: 17,
      b: 17,
      c: 17,
      d: 17,
      e: 16,
      f: 16,
    })
  })

  it('sums to 100 for every split of up to 40 votes over six kinds (sampled)', () => {
    let seed = 7
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    for (let run = 0; run < 2000; run++) {
      const counts = Object.fromEntries(
        ['happy', 'sad', 'excited', 'sleepy', 'angry', 'surprise'].map((name) => [
          name,
          Math.floor(random() * 40),
        ]),
      )
      const shares = toPercentages(counts)
      const total = sum(counts)
      expect(sum(shares)).toBe(total === 0 ? 0 : 100)
      for (const [name, share] of Object.entries(shares)) {
        // Never more than one point away from the exact share.
        expect(Math.abs(share - ((counts[name] as number) * 100) / (total || 1))).toBeLessThan(1)
      }
    }
  })

  it('handles large tallies exactly', () => {
    expect(toPercentages({happy: 1_000_000_001, sad: 2_999_999_999})).toEqual({happy: 25, sad: 75})
  })

  it('keeps kind names such as emoji or CJK as given', () => {
    expect(toPercentages({'😀': 1, 喜: 3})).toEqual({'😀': 25, 喜: 75})
  })

  it.each([
    [
      'a negative count',
      {happy: -1},
      'Count of "happy" must be a non-negative whole number, got -1',
    ],
    ['a fraction', {sad: 1.5}, 'Count of "sad"'],
    ['NaN', {angry: Number.NaN}, 'Count of "angry"'],
    ['a string', {happy: '3' as unknown as number}, 'Count of "happy"'],
    ['Infinity', {happy: Infinity}, 'Count of "happy"'],
  ])('rejects %s', (_label, counts, message) => {
    expect(() => toPercentages(counts)).toThrow(RangeError)
    expect(() => toPercentages(counts)).toThrow(message)
  })
})
