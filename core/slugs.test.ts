import {describe, expect, it} from 'vitest'

import {hasLoneSurrogate, withoutLoneSurrogates} from './slugs.ts'

describe('hasLoneSurrogate and withoutLoneSurrogates', () => {
  it('find and remove half a pair, wherever it is, and keep whole emoji', () => {
    for (const [slug, clean] of [
      ['ai-\uD83D', 'ai-'],
      ['\uDE00-ai', '-ai'],
      ['a\uD83Db\uDE00c', 'abc'],
      ['mistral-😀-ai', 'mistral-😀-ai'],
      ['défense', 'défense'],
      ['', ''],
    ]) {
      expect([slug, hasLoneSurrogate(slug as string)]).toEqual([slug, slug !== clean])
      expect(withoutLoneSurrogates(slug as string)).toBe(clean)
      expect(() => encodeURIComponent(withoutLoneSurrogates(slug as string))).not.toThrow()
    }
  })
})
