import {describe, expect, it} from 'vitest'

import {DEFAULT_REACTION_KINDS, reactionKindLabel} from './reaction-kinds.ts'

describe('reactionKindLabel', () => {
  it('puts the emoji before the title', () => {
    expect(DEFAULT_REACTION_KINDS.map(reactionKindLabel)).toEqual([
      '😀 Happy',
      '😢 Sad',
      '🤩 Excited',
      '😴 Sleepy',
      '😠 Angry',
      '😮 Surprise',
    ])
  })

  it('is the title alone for a kind without an emoji, or with an empty one', () => {
    expect(reactionKindLabel({name: 'meh', title: 'Meh'})).toBe('Meh')
    expect(reactionKindLabel({name: 'meh', title: 'Meh', emoji: ''})).toBe('Meh')
    expect(reactionKindLabel({name: 'bravo', title: '好極了', emoji: '👏🏽'})).toBe('👏🏽 好極了')
  })
})
