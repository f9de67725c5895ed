import {describe, expect, it} from 'vitest'

import {publishedIdOf} from './ids.ts'

describe('publishedIdOf', () => {
  it('strips draft and version prefixes', () => {
    expect(publishedIdOf('drafts.post-a')).toBe('post-a')
    expect(publishedIdOf('versions.r1.post-a')).toBe('post-a')
    expect(publishedIdOf('post-a')).toBe('post-a')
    expect(publishedIdOf(undefined)).toBeUndefined()
  })
})
