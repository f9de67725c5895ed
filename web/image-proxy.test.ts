import {readFileSync} from 'node:fs'
import {createServer, type IncomingMessage, type Server} from 'node:http'
import type {AddressInfo} from 'node:net'
import {join} from 'node:path'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {FIXTURE_IMAGES} from '../tests/fixtures/queries/dataset.ts'
import {createWebApp} from './app.tsx'
import {createFixtureClient} from '../tests/support/fixture-client.ts'
import {createImageProxy, toSameOriginImageUrl} from './image-proxy.ts'

const ARTICLE = '/posts/mistral-ai-powers-frances-new-defense-era'
/** A real PNG stands in for the fixture's hero image (the lake serves any bytes by name). */
const PNG = readFileSync(join(import.meta.dirname, '../docs/web-post.png'))
const HERO_FILE = FIXTURE_IMAGES.wide.url.split('/').at(-1) ?? ''

/** A lake's image URLs over plain HTTP: answers every path with the PNG, or 304 for its ETag. */
function startImageServer() {
  const requests: IncomingMessage[] = []
  const server: Server = createServer((req, res) => {
    requests.push(req)
    if (!req.url?.startsWith(`/images/fixture/production/${HERO_FILE}`)) {
      res.writeHead(404, {'content-type': 'application/json'}).end('{"statusCode":404}')
    } else if (req.headers['if-none-match'] === '"hero"') {
      res.writeHead(304, {etag: '"hero"'}).end()
    } else {
      res
        .writeHead(200, {
          'content-type': 'image/png',
          'content-length': String(PNG.length),
          'cache-control': 'public, max-age=31536000, immutable',
          etag: '"hero"',
          'set-cookie': 'lake=1',
        })
        .end(PNG)
    }
  })
  return {
    requests,
    origin: () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    listen: () => new Promise<void>((done) => server.listen(0, '127.0.0.1', done)),
    close: () => new Promise<void>((done) => server.close(() => done())),
  }
}

describe('images through the site’s own origin', () => {
  const lake = startImageServer()
  beforeAll(lake.listen)
  afterAll(lake.close)
  const client = () => createFixtureClient({apiHost: lake.origin()}).client

  it('turns a lake image URL into the same path on the site', () => {
    expect(toSameOriginImageUrl(`${FIXTURE_IMAGES.wide.url}?w=640&auto=format`)).toBe(
      `/images/fixture/production/${HERO_FILE}?w=640&auto=format`,
    )
  })

  it('pages point at /images/… on the site, and the site answers with the lake’s bytes', async () => {
    // og:image is absolute on the configured site URL (never on the request's Host).
    const app = createWebApp({
      client: client(),
      proxyImages: true,
      siteUrl: 'https://news.example.com',
    })
    const html = await (await app.request(`http://localhost:3000${ARTICLE}`)).text()
    const src = /<img[^>]* src="([^"]+)"/.exec(html)?.[1]?.replaceAll('&amp;', '&')
    expect(src).toBe(`/images/fixture/production/${HERO_FILE}?rect=0,0,1200,608&w=1200&auto=format`)
    expect(html).toContain(
      `<meta property="og:image" content="https://news.example.com/images/fixture/production/${HERO_FILE}?`,
    )

    const image = await app.request(`http://localhost:3000${src}`, {headers: {accept: 'image/*'}})
    expect(image.status).toBe(200)
    expect(image.headers.get('content-type')).toBe('image/png')
    expect(image.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(image.headers.get('set-cookie')).toBeNull()
    expect(Buffer.from(await image.arrayBuffer()).equals(PNG)).toBe(true)
    // The lake got the same path and parameters, and the browser's Accept (for auto=format).
    const seen = lake.requests.at(-1)
    expect(seen?.url).toBe(
      `/images/fixture/production/${HERO_FILE}?rect=0,0,1200,608&w=1200&auto=format`,
    )
    expect(seen?.headers.accept).toBe('image/*')
  })

  it('passes a revalidation through: 304 with no body', async () => {
    const proxy = createImageProxy(client())
    const response = await proxy(
      new Request(`http://site/images/fixture/production/${HERO_FILE}`, {
        headers: {'if-none-match': '"hero"'},
      }),
    )
    expect(response.status).toBe(304)
    expect(response.headers.get('etag')).toBe('"hero"')
  })

  it('is no open proxy: another project, dataset, file name or path is a 404 the lake never sees', async () => {
    const proxy = createImageProxy(client())
    const before = lake.requests.length
    for (const path of [
      `/images/other/production/${HERO_FILE}`,
      `/images/fixture/staging/${HERO_FILE}`,
      '/images/fixture/production/..%2F..%2Fdata%2Fquery',
      '/images/fixture/production/admin-token',
      `/images/fixture/production/${HERO_FILE}/vanity.png/extra`,
    ]) {
      expect((await proxy(new Request(`http://site${path}`))).status, path).toBe(404)
    }
    expect(lake.requests.length).toBe(before)
  })

  it('answers 404 for an image the lake does not have', async () => {
    const proxy = createImageProxy(client())
    const missing = `/images/fixture/production/${'0'.repeat(40)}-10x10.png`
    expect((await proxy(new Request(`http://site${missing}`))).status).toBe(404)
  })

  it('answers 503 with Retry-After when the lake is down', async () => {
    const down = startImageServer()
    await down.listen()
    const origin = down.origin()
    await down.close()
    const proxy = createImageProxy(createFixtureClient({apiHost: origin}).client)
    const response = await proxy(new Request(`http://site/images/fixture/production/${HERO_FILE}`))
    expect(response.status).toBe(503)
    expect(response.headers.get('retry-after')).toBe('30')
  })

  it('is off by default: pages keep the lake’s URLs and /images/… is the 404 page', async () => {
    const app = createWebApp({client: client(), siteUrl: 'http://localhost'})
    const html = await (await app.request(ARTICLE)).text()
    expect(html).toContain(`src="${lake.origin()}/images/fixture/production/${HERO_FILE}?`)
    expect((await app.request(`/images/fixture/production/${HERO_FILE}`)).status).toBe(404)
  })
})
