import type {ChildProcess} from 'node:child_process'
import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {startLakeProcess, TEST_API_VERSION} from '../support/lake.ts'

const dataDir = mkdtempSync(join(tmpdir(), 'lake-durability-'))
const children: ChildProcess[] = []

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL')
  rmSync(dataDir, {recursive: true, force: true})
})

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode)
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)))
}

function mutate(url: string, token: string, body: unknown) {
  return fetch(`${url}/v${TEST_API_VERSION}/data/mutate/production?returnIds=true`, {
    method: 'POST',
    headers: {authorization: `Bearer ${token}`, 'content-type': 'application/json'},
    body: JSON.stringify(body),
  })
}

describe('durability', () => {
  it('keeps every acknowledged transaction, whole, across kill -9', async () => {
    // Hundreds of writes in flight when the lake dies: limits off, so none is refused.
    const first = await startLakeProcess(dataDir, {limits: false})
    children.push(first.child)
    const token = readFileSync(join(dataDir, 'admin-token'), 'utf8').trim()
    const created = await mutate(first.url, token, {
      mutations: [{create: {_id: 'counter', _type: 'counter', n: 0}}],
    })
    expect(created.status).toBe(200)

    // Four writers; each transaction writes two documents and bumps the shared counter.
    const acknowledged = new Map<number, string>()
    const attempted = new Set<number>()
    let next = 0
    let killed = false
    let failure: Error | undefined
    const writer = async () => {
      while (!killed) {
        const i = next++
        attempted.add(i)
        try {
          const res = await mutate(first.url, token, {
            transactionId: `tx-${i}`,
            mutations: [
              {create: {_id: `a-${i}`, _type: 'pair', i}},
              {create: {_id: `b-${i}`, _type: 'pair', i, payload: 'x'.repeat(2000)}},
              {patch: {id: 'counter', inc: {n: 1}}},
            ],
          })
          if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${await res.text()}`)
          acknowledged.set(i, ((await res.json()) as {transactionId: string}).transactionId)
        } catch (error) {
          // Once the server is killed, requests fail: those were never acknowledged.
          if (killed) return
          failure = error as Error
          return
        }
      }
    }
    const writers = [writer(), writer(), writer(), writer()]
    while (acknowledged.size < 150 && !failure) await new Promise((r) => setTimeout(r, 5))
    if (failure) throw failure
    first.child.kill('SIGKILL')
    killed = true
    await Promise.all(writers)
    await exited(first.child)
    expect(acknowledged.size).toBeGreaterThanOrEqual(150)

    const second = await startLakeProcess(dataDir)
    children.push(second.child)
    const exported = await fetch(`${second.url}/v1/data/export/production`, {
      headers: {authorization: `Bearer ${token}`},
    })
    const docs = new Map(
      (await exported.text())
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as {_id: string; _rev: string; n?: number})
        .map((doc) => [doc._id, doc]),
    )
    for (const [i, transactionId] of acknowledged) {
      expect(docs.get(`a-${i}`)?._rev, `a-${i}`).toBe(transactionId)
      expect(docs.get(`b-${i}`)?._rev, `b-${i}`).toBe(transactionId)
    }
    // All or nothing: both documents of a transaction exist, or neither does.
    let committed = 0
    for (const i of attempted) {
      const a = docs.has(`a-${i}`)
      expect(docs.has(`b-${i}`), `pair ${i}`).toBe(a)
      if (a) committed++
    }
    expect(docs.get('counter')?.n).toBe(committed)
    expect(committed).toBeGreaterThanOrEqual(acknowledged.size)

    // The restarted lake keeps writing after the last durable transaction.
    const after = await mutate(second.url, token, {
      mutations: [{patch: {id: 'counter', inc: {n: 1}}}],
    })
    expect(after.status).toBe(200)
    second.child.kill('SIGTERM')
    const code = await exited(second.child)
    expect(code).toBe(0)
    expect(existsSync(join(dataDir, 'lake.sqlite'))).toBe(true)
  })
})
