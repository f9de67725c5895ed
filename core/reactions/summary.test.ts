import {describe, expect, it} from 'vitest'

import {DEFAULT_REACTION_KINDS} from '../reaction-kinds.ts'
import {reactionTotalLabel, summarizeTally} from './summary.ts'

describe('summarizeTally', () => {
  it('counts, shares and names the top kind of a stored tally', () => {
    const summary = summarizeTally({happy: 2, sad: 1, excited: 0}, DEFAULT_REACTION_KINDS)
    expect(summary.counts).toEqual({happy: 2, sad: 1, excited: 0, sleepy: 0, angry: 0, surprise: 0})
    expect(summary.percentages).toEqual({
      happy: 67,
      sad: 33,
      excited: 0,
      sleepy: 0,
      angry: 0,
      surprise: 0,
    })
    expect(summary.total).toBe(3)
    expect(summary.top?.name).toBe('happy')
  })

  it('gives a tie to the kind listed first', () => {
    expect(summarizeTally({sad: 4, angry: 4}, DEFAULT_REACTION_KINDS).top?.name).toBe('sad')
  })

  it('reads a missing tally, and garbage in one, as no votes', () => {
    for (const counts of [undefined, null, {}, {happy: -3, sad: 1.5, angry: '7', surprise: NaN}]) {
      const summary = summarizeTally(counts, DEFAULT_REACTION_KINDS)
      expect(summary.total).toBe(0)
      expect(summary.top).toBeUndefined()
      expect(Object.values(summary.percentages)).toEqual([0, 0, 0, 0, 0, 0])
    }
  })

  it('ignores counts of kinds no longer configured', () => {
    const summary = summarizeTally({happy: 1, meh: 40}, [{name: 'happy'}])
    expect(summary).toMatchObject({total: 1, counts: {happy: 1}, percentages: {happy: 100}})
  })
})

describe('reactionTotalLabel', () => {
  it.each([
    [0, 'No reactions yet'],
    [1, '1 reaction'],
    [2, '2 reactions'],
    [999, '999 reactions'],
    [1234, '1,234 reactions'],
    [1_000_000, '1,000,000 reactions'],
  ])('labels %i as %j', (total, label) => {
    expect(reactionTotalLabel(total)).toBe(label)
  })
})
