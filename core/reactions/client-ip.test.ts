import {describe, expect, it} from 'vitest'

import {clientAddress, trustProxyProblem} from './client-ip.ts'

const PEER = '10.0.0.1'
const headers = (init: Record<string, string>) => new Headers(init)

describe('clientAddress', () => {
  it('believes no forwarded header unless told to', () => {
    const forged = headers({'x-forwarded-for': '203.0.113.9', 'x-real-ip': '203.0.113.9'})
    expect(clientAddress(forged, PEER, undefined)).toBe(PEER)
    expect(clientAddress(forged, PEER, 0)).toBe(PEER)
    expect(clientAddress(forged, undefined, undefined)).toBeUndefined()
  })

  it('takes the address the trusted proxies saw, never what the client wrote before them', () => {
    // The client wrote 203.0.113.9; the one proxy appended the reader's real address.
    const oneHop = headers({'x-forwarded-for': '203.0.113.9, 198.51.100.7'})
    expect(clientAddress(oneHop, PEER, 1)).toBe('198.51.100.7')
    // Two proxies: the outer one saw the reader, the inner one saw the outer one.
    const twoHops = headers({'x-forwarded-for': '203.0.113.9, 198.51.100.7, 10.0.0.2'})
    expect(clientAddress(twoHops, PEER, 2)).toBe('198.51.100.7')
    // Fewer addresses than hops: the leftmost is the best there is.
    expect(clientAddress(headers({'x-forwarded-for': '198.51.100.7'}), PEER, 2)).toBe(
      '198.51.100.7',
    )
  })

  it('falls back to the peer when the trusted header is missing or empty', () => {
    expect(clientAddress(headers({}), PEER, 1)).toBe(PEER)
    expect(clientAddress(headers({'x-forwarded-for': ' , '}), PEER, 1)).toBe(PEER)
    expect(clientAddress(headers({}), PEER, {header: 'cf-connecting-ip'})).toBe(PEER)
  })

  it('reads a platform’s own header, and only it', () => {
    const request = headers({'cf-connecting-ip': '198.51.100.7', 'x-forwarded-for': '203.0.113.9'})
    expect(clientAddress(request, PEER, {header: 'cf-connecting-ip'})).toBe('198.51.100.7')
  })
})

describe('trustProxyProblem', () => {
  it.each([0, 1, 3, {header: 'cf-connecting-ip'}, {header: 'Fly-Client-IP'}])(
    'accepts %j',
    (value) => {
      expect(trustProxyProblem(value)).toBeUndefined()
    },
  )

  it.each([true, -1, 1.5, 11, '1', {}, {header: 'bad header'}, null])('refuses %j', (value) => {
    expect(trustProxyProblem(value)).toMatch(/number of proxy hops/)
  })
})
