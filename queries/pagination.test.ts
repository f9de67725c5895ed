import {describe, expect, it} from 'vitest'

import {cursorPageParams, decodeCursor, encodeCursor, toCursorPage} from './pagination.ts'

const post = (id: string, publishedAt: string | null = `2026-11-2${id}T09:00:00.000Z`) => ({
  _id: `post-${id}`,
  publishedAt,
})

describe('cursorPageParams', () => {
  it('asks for one row more than a page', () => {
    expect(cursorPageParams(null, 10)).toEqual({cursor: null, limit: 11})
    const cursor = {publishedAt: '2026-11-25T09:00:00.000Z', id: 'post-a'}
    expect(cursorPageParams(cursor, 1)).toEqual({cursor, limit: 2})
  })

  it('rejects a page size that is not a positive integer', () => {
    for (const size of [0, -1, 1.5, Number.NaN, Infinity]) {
      expect(() => cursorPageParams(null, size)).toThrow(RangeError)
    }
  })
})

describe('toCursorPage', () => {
  it('keeps a page of rows and points the next cursor at its last one', () => {
    expect(toCursorPage([post('5'), post('4'), post('3')], 2)).toEqual({
      items: [post('5'), post('4')],
      nextCursor: {publishedAt: '2026-11-24T09:00:00.000Z', id: 'post-4'},
    })
  })

  it('has no next cursor on the last page, a short one, or an empty one', () => {
    expect(toCursorPage([post('5'), post('4')], 2)).toEqual({
      items: [post('5'), post('4')],
      nextCursor: null,
    })
    expect(toCursorPage([post('5')], 2).nextCursor).toBeNull()
    expect(toCursorPage([], 2)).toEqual({items: [], nextCursor: null})
  })

  it('has no next cursor when the last row has no publish date to continue from', () => {
    expect(toCursorPage([post('5', null), post('4')], 1).nextCursor).toBeNull()
    expect(toCursorPage([post('5', 'yesterday'), post('4')], 1).nextCursor).toBeNull()
  })

  it('emits only cursors decodeCursor accepts, for every form of publish date', () => {
    for (const publishedAt of [
      '2026-11-25T09:00:00.000Z',
      '2026-11-25T09:00:00+02:00',
      '2026-11-25T09:00',
      '2026-11-25',
    ]) {
      const next = toCursorPage([post('5', publishedAt), post('4')], 1).nextCursor
      expect(next).toEqual({publishedAt, id: 'post-5'})
      expect(decodeCursor(encodeCursor(next!))).toEqual(next)
    }
  })
})

describe('encodeCursor and decodeCursor', () => {
  it('round-trip a cursor through one query value', () => {
    const cursor = {publishedAt: '2026-11-25T09:00:00.000Z', id: 'post-mistral_ai.v2'}
    const value = encodeCursor(cursor)
    expect(value).toBe('2026-11-25T09:00:00.000Z~post-mistral_ai.v2')
    expect(new URLSearchParams({cursor: value}).get('cursor')).toBe(value)
    expect(decodeCursor(value)).toEqual(cursor)
    expect(decodeCursor('2026-11-25T09:00:00+02:00~post-a')).toEqual({
      publishedAt: '2026-11-25T09:00:00+02:00',
      id: 'post-a',
    })
  })

  it('rejects anything encodeCursor could not have written', () => {
    for (const value of [
      '',
      '~',
      'post-a',
      '2026-11-25T09:00:00.000Z',
      '2026-11-25T09:00:00.000Z~',
      'yesterday~post-a',
      '2026-11-25T09:00:00.000Z~post a',
      '2026-11-25T09:00:00.000Z~投稿',
      '2026-11-25T09:00:00.000Z~"]|*[_type=="x"',
      '2026-11-25 09:00~post-a',
      '2026-11-25T09:00:00.000Z~post-a~post-b',
      `2026-11-25T09:00:00.000Z~${'a'.repeat(129)}`,
    ]) {
      expect(decodeCursor(value)).toBeNull()
    }
  })
})
