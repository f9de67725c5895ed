import {describe, expect, it} from 'vitest'

import {estimateReadTime} from './estimate.ts'
import {isReadTimeCurrent, toReadTimeValue} from './value.ts'

const body = [
  {
    _type: 'block',
    _key: 'a',
    children: [{_type: 'span', _key: 'a0', text: 'Four words and 漢字'}],
  },
]

describe('the stored read time', () => {
  const estimate = estimateReadTime(body)

  it('holds the figures of the readTime type', () => {
    expect(toReadTimeValue(estimate)).toEqual({
      _type: 'readTime',
      seconds: 1,
      words: 3,
      characters: 2,
      images: 0,
      wordsPerMinute: 200,
    })
  })

  it('is current only when every stored figure matches', () => {
    const stored = toReadTimeValue(estimate)
    expect(isReadTimeCurrent(stored, estimate)).toBe(true)
    expect(isReadTimeCurrent({...stored, _key: 'ignored'}, estimate)).toBe(true)
    expect(isReadTimeCurrent({...stored, words: 4}, estimate)).toBe(false)
    expect(isReadTimeCurrent({...stored, wordsPerMinute: 265}, estimate)).toBe(false)
    const {characters: _characters, ...withoutCharacters} = stored
    expect(isReadTimeCurrent(withoutCharacters, estimate)).toBe(false)
    expect(isReadTimeCurrent(undefined, estimate)).toBe(false)
    expect(isReadTimeCurrent('3 min', estimate)).toBe(false)
  })
})
