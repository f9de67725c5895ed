import {describe, expect, it} from 'vitest'
import {Router} from './router.ts'

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
