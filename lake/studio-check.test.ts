import {describe, expect, it} from 'vitest'

import {checkLakeReach} from './studio-check.ts'

const API_HOST = 'https://localhost:3334'

/** A probe that answers for exactly the URLs given. */
const answering = (...urls: string[]) => {
  const asked: string[] = []
  return {
    asked,
    probe: async (url: string) => {
      asked.push(url)
      return urls.includes(url)
    },
  }
}

describe('checkLakeReach', () => {
  it('is trusted when both host names the Studio calls answer, and asks nothing more', async () => {
    const {asked, probe} = answering(
      'https://local.localhost:3334/v1/ping',
      'https://localhost:3334/v1/ping',
    )
    expect(await checkLakeReach(API_HOST, 'local', probe)).toBe('trusted')
    expect(asked).toEqual([
      'https://local.localhost:3334/v1/ping',
      'https://localhost:3334/v1/ping',
    ])
  })

  it('is untrusted when a host name fails but the guide answers over plain HTTP', async () => {
    const {probe} = answering('https://localhost:3334/v1/ping', 'http://localhost:3334/')
    expect(await checkLakeReach(API_HOST, 'local', probe)).toBe('untrusted')
  })

  it('is down when nothing answers', async () => {
    const {probe} = answering()
    expect(await checkLakeReach(API_HOST, 'local', probe)).toBe('down')
  })

  it('uses the project id and the port of the API host', async () => {
    const {asked, probe} = answering()
    await checkLakeReach('https://localhost:43123', 'newsroom', probe)
    expect(asked).toEqual([
      'https://newsroom.localhost:43123/v1/ping',
      'https://localhost:43123/v1/ping',
      'http://localhost:43123/',
    ])
  })
})
