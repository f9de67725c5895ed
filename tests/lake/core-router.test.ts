import {describe, expect, it} from 'vitest'
import {invalidIdReason} from '../../lake/mutations.ts'
import {Router} from '../../lake/router.ts'

describe('Router', () => {
  const noop = () => undefined
  const router = new Router()
  router.add(['GET', 'POST'], '/data/query/:dataset', noop)
  router.add('GET', '/data/doc/:dataset/:ids', noop)

  it('matches params, including commas, dots and escapes', () => {
    expect(router.match('GET', '/data/doc/production/a.b,drafts.c')).toMatchObject({
      kind: 'found',
      params: {dataset: 'production', ids: 'a.b,drafts.c'},
    })
    expect(router.match('GET', '/data/doc/production/a%2Cb')).toMatchObject({params: {ids: 'a,b'}})
    expect(router.match('HEAD', '/data/query/production')).toMatchObject({kind: 'found'})
  })

  it('tells a wrong method from a missing route', () => {
    expect(router.match('DELETE', '/data/query/production')).toEqual({
      kind: 'method-not-allowed',
      allowed: ['GET', 'POST'],
    })
    expect(router.match('GET', '/data/query')).toEqual({kind: 'not-found'})
    expect(router.match('GET', '/data/doc/production/%E0%A4%A')).toEqual({kind: 'not-found'})
  })
})

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
