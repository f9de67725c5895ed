/**
 * The certificate guide: plain HTTP on the lake's own port answers the guide and nothing else,
 * while HTTPS (HTTP/2 and HTTP/1.1) on the same port goes on serving Sanity's API.
 */
import {connect as connectHttp2} from 'node:http2'
import {connect as connectNet} from 'node:net'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {GUIDE_SCRIPT_PATH} from '../../lake/guide.ts'
import {startTestLake, type TestLake} from '../support/lake.ts'

const STUDIO = 'http://localhost:3333'

describe('the lake’s port over plain HTTP', () => {
  let lake: TestLake
  let plain: string
  beforeAll(async () => {
    lake = await startTestLake({corsOrigins: [STUDIO], studioUrl: `${STUDIO}/`})
    plain = `http://localhost:${lake.lake.port}`
  })
  afterAll(() => lake.close())

  it('answers / with the guide: why in two sentences, one step per host name, where it goes next', async () => {
    expect(lake.lake.guideUrl).toBe(`${plain}/`)
    const response = await fetch(`${plain}/`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
    const csp = response.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("script-src 'self'")
    expect(csp).toContain(
      `connect-src https://local.localhost:${lake.lake.port} https://localhost:${lake.lake.port}`,
    )
    const html = await response.text()
    expect(html).toContain('<h1>One step before the Studio: trust the local content lake</h1>')
    const steps = [...html.matchAll(/<li data-probe="([^"]+)"/g)].map((match) => match[1])
    expect(steps).toEqual([
      `https://local.localhost:${lake.lake.port}`,
      `https://localhost:${lake.lake.port}`,
    ])
    expect(html).toContain(`data-forward="${STUDIO}/"`)
    expect(html).toContain(`<script src="${GUIDE_SCRIPT_PATH}" defer></script>`)

    const script = await fetch(`${plain}${GUIDE_SCRIPT_PATH}`)
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(await script.text()).toContain("'/v1/ping'")
  })

  it('forwards back to a Studio on an allowed origin, never anywhere else', async () => {
    const back = `${STUDIO}/structure/post`
    const html = await (await fetch(`${plain}/?return=${encodeURIComponent(back)}`)).text()
    expect(html).toContain(`data-forward="${back}"`)
    // The steps carry the way back, so the guide on each host still knows it.
    expect(html).toContain(
      `href="https://local.localhost:${lake.lake.port}/?return=${encodeURIComponent(back)}"`,
    )
    for (const elsewhere of ['https://evil.example/', 'javascript:alert(1)', 'not a url']) {
      const page = await (await fetch(`${plain}/?return=${encodeURIComponent(elsewhere)}`)).text()
      expect(page).toContain(`data-forward="${STUDIO}/"`)
      expect(page).not.toContain('evil.example/"')
      expect(page).not.toContain('javascript:')
    }
  })

  it('answers anything else with where the API really is', async () => {
    const response = await fetch(`${plain}/v1/data/query/production?query=*`)
    expect(response.status).toBe(404)
    expect(await response.text()).toContain(
      `speaks HTTPS on this port: ${lake.url}/v1/data/query/production`,
    )
    const post = await fetch(`${plain}/`, {method: 'POST', body: '{}'})
    expect(post.status).toBe(404)
  })

  it('keeps HTTPS on the same port: the API over HTTP/1.1 and HTTP/2, the guide at /', async () => {
    expect(await lake.client().fetch('count(*)')).toBe(0)
    const session = connectHttp2(lake.url)
    const request = session.request({':path': '/v1/ping'})
    let body = ''
    request.on('data', (chunk: Buffer) => (body += chunk.toString()))
    await new Promise((done) => request.on('end', done))
    session.close()
    expect(body).toBe('PONG')
    const guide = await fetch(`${lake.url}/`)
    expect(guide.status).toBe(200)
    expect(await guide.text()).toContain('trust the local content lake')
  })

  it('closes with a connection open that never sent a byte', async () => {
    const other = await startTestLake()
    const idle = connectNet(other.lake.port, '127.0.0.1')
    await new Promise((done) => idle.once('connect', done))
    const closed = new Promise((done) => idle.once('close', done))
    await other.close()
    await closed
  })
})
