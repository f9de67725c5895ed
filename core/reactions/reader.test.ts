import {describe, expect, it} from 'vitest'

import {
  hashReader,
  importReaderKey,
  newReaderId,
  signReaderCookie,
  verifyReaderCookie,
} from './reader.ts'

const SECRET = 'a-test-secret-that-is-long-enough-0123456789'
const OTHER_SECRET = 'another-test-secret-that-is-long-enough-9876'

describe('hashReader', () => {
  it('never equals or contains the raw reader id', async () => {
    const key = await importReaderKey(SECRET)
    for (const readerId of [
      'reader-1',
      'user@example.com',
      '読者',
      '🙂🙃',
      SECRET,
      'x'.repeat(500),
    ]) {
      const hash = await hashReader(key, 'post-1', readerId)
      expect(hash).not.toBe(readerId)
      expect(hash).not.toContain(readerId)
      expect(hash).toMatch(/^[A-Za-z0-9_-]{43}$/)
    }
  })

  it('is stable for a reader and post, and differs per post and per secret', async () => {
    const key = await importReaderKey(SECRET)
    const other = await importReaderKey(OTHER_SECRET)
    const hash = await hashReader(key, 'post-1', 'reader-1')
    expect(await hashReader(key, 'post-1', 'reader-1')).toBe(hash)
    expect(await hashReader(key, 'post-2', 'reader-1')).not.toBe(hash)
    expect(await hashReader(key, 'post-1', 'reader-2')).not.toBe(hash)
    expect(await hashReader(other, 'post-1', 'reader-1')).not.toBe(hash)
  })

  it('does not let post and reader run into each other', async () => {
    const key = await importReaderKey(SECRET)
    expect(await hashReader(key, 'post-1', 'a')).not.toBe(await hashReader(key, 'post-1a', ''))
  })
})

describe('reader cookies', () => {
  it('mints random ids', () => {
    const ids = new Set(Array.from({length: 1000}, newReaderId))
    expect(ids.size).toBe(1000)
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/)
  })

  it('round-trips a signed id and refuses edited, foreign or garbage values', async () => {
    const key = await importReaderKey(SECRET)
    const id = newReaderId()
    const cookie = await signReaderCookie(key, id)
    expect(cookie.startsWith(`${id}.`)).toBe(true)
    expect(await verifyReaderCookie(key, cookie)).toBe(id)

    const otherId = newReaderId()
    const signature = cookie.slice(id.length)
    expect(await verifyReaderCookie(key, `${otherId}${signature}`)).toBeUndefined()
    expect(await verifyReaderCookie(await importReaderKey(OTHER_SECRET), cookie)).toBeUndefined()
    for (const garbage of [
      undefined,
      '',
      '.',
      id,
      `${id}.`,
      `.${signature}`,
      `${id}.!!!`,
      '😀.😀',
      'a.b'.repeat(100),
    ]) {
      expect(await verifyReaderCookie(key, garbage)).toBeUndefined()
    }
  })
})
