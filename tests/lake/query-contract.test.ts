import {readFileSync} from 'node:fs'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {startTestLake, type TestLake} from '../support/lake.ts'

/**
 * The distinct query and listen GETs of a real Studio 6.9.2 session, extracted from the recorded
 * traffic in the shared lake contract (`lake-contract/*.jsonl`).
 */
const fixture = JSON.parse(
  readFileSync(new URL('./query-contract.fixture.json', import.meta.url), 'utf8'),
) as {queries: Recorded[]; listens: Recorded[]}

interface Recorded {
  path: string
  query: Record<string, string>
}

let lake: TestLake

beforeAll(async () => {
  lake = await startTestLake()
  await lake
    .client({token: 'admin'})
    .transaction()
    .create({_id: 'tag-news', _type: 'tag', title: 'News'})
    .create({_id: 'post-hello', _type: 'post', title: 'Hello', tags: [{_ref: 'tag-news'}]})
    .create({_id: 'drafts.post-hello', _type: 'post', title: 'Hello, edited'})
    .commit()
})

afterAll(async () => {
  await lake?.close()
})

function urlFor(entry: Recorded): string {
  return `${lake.url}${entry.path}?${new URLSearchParams(entry.query)}`
}

describe('recorded Studio traffic', () => {
  const {queries, listens} = fixture

  it('answers every query the Studio sent', async () => {
    expect(queries.length).toBeGreaterThan(20)
    for (const entry of queries) {
      const response = await fetch(urlFor(entry), {
        headers: {authorization: `Bearer ${lake.adminToken}`},
      })
      const body = (await response.json()) as Record<string, unknown>
      expect({query: entry.query.query, status: response.status}).toEqual({
        query: entry.query.query,
        status: 200,
      })
      expect(body).toHaveProperty('result')
    }
  })

  it('opens every listener the Studio opened, welcome first', async () => {
    expect(listens.length).toBeGreaterThan(5)
    for (const entry of listens) {
      const response = await fetch(urlFor(entry), {
        headers: {authorization: `Bearer ${lake.adminToken}`, accept: 'text/event-stream'},
      })
      expect({query: entry.query.query, status: response.status}).toEqual({
        query: entry.query.query,
        status: 200,
      })
      const reader = (response.body as ReadableStream<Uint8Array>).getReader()
      const {value} = await reader.read()
      await reader.cancel()
      expect(new TextDecoder().decode(value)).toMatch(/^event: welcome\n/)
    }
  })
})
