import {describe, expect, it} from 'vitest'

import {memoizeByJson} from './memo.ts'

describe('memoizeByJson', () => {
  const counted = () => {
    const calls: string[] = []
    const render = (format: string, items: {title: string}[]) => {
      calls.push(format)
      return `${format}:${items.map((item) => item.title).join(',')}`
    }
    return {calls, render}
  }

  it('renders equal arguments once, even as new objects', () => {
    const {calls, render} = counted()
    const memo = memoizeByJson(render, {max: 4})
    expect(memo('xml', [{title: 'A'}])).toBe('xml:A')
    expect(memo('xml', [{title: 'A'}])).toBe('xml:A')
    expect(calls).toEqual(['xml'])
  })

  it('renders again when anything in the arguments changed', () => {
    const {calls, render} = counted()
    const memo = memoizeByJson(render, {max: 4})
    memo('xml', [{title: 'A'}])
    expect(memo('xml', [{title: 'A, edited'}])).toBe('xml:A, edited')
    expect(memo('json', [{title: 'A'}])).toBe('json:A')
    expect(calls).toEqual(['xml', 'xml', 'json'])
  })

  it('holds at most max entries, dropping the least recently used', () => {
    const {calls, render} = counted()
    const memo = memoizeByJson(render, {max: 2})
    memo('a', [])
    memo('b', [])
    memo('a', []) // a is now the most recent
    memo('c', []) // drops b
    memo('a', [])
    memo('b', [])
    expect(calls).toEqual(['a', 'b', 'c', 'b'])
  })

  it.each([0, -1, 1.5, Number.NaN])('refuses max %s', (max) => {
    expect(() => memoizeByJson(counted().render, {max})).toThrow(
      `[newsroom] memoizeByJson: max must be a positive integer, got ${String(max)}`,
    )
  })
})
