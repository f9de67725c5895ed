import {describe, expect, it} from 'vitest'
import {ANONYMOUS} from '../auth.ts'
import {LakeError} from '../http.ts'
import type {Access} from '../types.ts'
import {parseQueryParams, requireWrite, type WriteApi} from './request.ts'

const VIEWER: Access = {
  role: 'viewer',
  identity: 'pViewer',
  canRead: true,
  canWrite: false,
  publishedOnly: false,
}
const EDITOR: Access = {...VIEWER, role: 'editor', identity: 'pEditor', canWrite: true}

function refusal(access: Access, api: WriteApi): {status: number; body: unknown} {
  try {
    requireWrite(access, api)
  } catch (error) {
    if (error instanceof LakeError) return {status: error.status, body: error.body}
    throw error
  }
  throw new Error('expected the write to be refused')
}

describe('parseQueryParams', () => {
  it('reads every $param as JSON and ignores the other query parameters', () => {
    const search = new URLSearchParams({
      query: '*[_type == $type && title == $title][0...$limit]',
      $type: '"post"',
      $title: '"東京の朝 🌅"',
      $limit: '10',
      $ids: '["a","drafts.a"]',
      $filter: '{"tag":null}',
      perspective: 'drafts',
    })
    expect(parseQueryParams(search)).toEqual({
      type: 'post',
      title: '東京の朝 🌅',
      limit: 10,
      ids: ['a', 'drafts.a'],
      filter: {tag: null},
    })
    expect(parseQueryParams(new URLSearchParams('query=*'))).toEqual({})
  })

  it('answers a value that is not JSON with a 400 naming the parameter', () => {
    for (const raw of ['$slug=hello', '$n=1e', '$s="unterminated', '$x=']) {
      let error: unknown
      try {
        parseQueryParams(new URLSearchParams(raw))
      } catch (caught) {
        error = caught
      }
      expect(error, raw).toBeInstanceOf(LakeError)
      const {status, body} = error as LakeError
      expect(status).toBe(400)
      expect(body).toMatchObject({error: {type: 'httpBadRequest'}, statusCode: 400})
      expect((body as {error: {description: string}}).error.description).toContain(
        `"${raw.replace(/=.*$/, '')}=`,
      )
    }
  })
})

describe('requireWrite', () => {
  it('lets a write-capable token through on every API', () => {
    expect(() => requireWrite(EDITOR, 'mutate')).not.toThrow()
    expect(() => requireWrite(EDITOR, 'actions')).not.toThrow()
  })

  it('refuses readers with a 403 insufficientPermissionsError in the envelope of its API', () => {
    expect(refusal(VIEWER, 'mutate')).toEqual({
      status: 403,
      body: {
        error: {
          type: 'mutationError',
          description: 'Mutation(s) failed with 1 error(s)',
          items: [
            {
              error: {
                type: 'insufficientPermissionsError',
                permission: 'update',
                description: 'Insufficient permissions; the viewer role may not write',
              },
              index: 0,
            },
          ],
        },
        statusCode: 403,
      },
    })
    expect(refusal(VIEWER, 'actions')).toMatchObject({
      status: 403,
      body: {
        error: {type: 'actionError', items: [{error: {type: 'insufficientPermissionsError'}}]},
      },
    })
    expect(refusal(ANONYMOUS, 'mutate')).toMatchObject({
      status: 403,
      body: {error: {items: [{error: {description: expect.stringMatching(/token with write/)}}]}},
    })
  })

  it('asks an anonymous caller of the actions API to log in', () => {
    expect(refusal(ANONYMOUS, 'actions')).toEqual({
      status: 401,
      body: {
        statusCode: 401,
        error: 'Unauthorized',
        message: 'Not authorized to perform actions; log in first',
      },
    })
  })
})
