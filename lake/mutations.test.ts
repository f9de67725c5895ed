import {describe, expect, it} from 'vitest'
import {invalidIdReason} from './mutations.ts'

describe('invalidIdReason', () => {
  it('accepts Sanity ids and rejects the rest', () => {
    for (const id of ['abc', 'drafts.abc', 'versions.r1.abc', '_.groups.x', 'a-b_c.D9']) {
      expect(invalidIdReason(id), id).toBeUndefined()
    }
    for (const id of ['', 'drafts.', '.abc', 'a..b', 'a b', 'a/b', 'é', 'x'.repeat(129), 42]) {
      expect(invalidIdReason(id), String(id)).toBeTypeOf('string')
    }
  })
})
