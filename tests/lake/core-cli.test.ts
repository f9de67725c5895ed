import {spawn, type ChildProcess} from 'node:child_process'
import {mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {TEST_API_VERSION, trustCertificate} from '../support/lake.ts'

const dataDir = mkdtempSync(join(tmpdir(), 'lake-cli-'))
let child: ChildProcess | undefined

afterAll(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL')
  rmSync(dataDir, {recursive: true, force: true})
})

function exited(proc: ChildProcess): Promise<number | null> {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve(proc.exitCode)
  return new Promise((resolve) => proc.once('exit', (code) => resolve(code)))
}

describe('npm run lake', () => {
  it('prints its URL, writes tokens and certificate, logs one line per request, stops on SIGINT', async () => {
    child = spawn(
      process.execPath,
      [
        'lake/cli.ts',
        '--port',
        '0',
        '--data',
        dataDir,
        '--project',
        'demo',
        '--dataset',
        'production',
        '--dataset',
        'staging',
      ],
      {cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe']},
    )
    let stdout = ''
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk))
    const url = await new Promise<string>((resolve, reject) => {
      child!.stdout!.on('data', () => {
        const match = /listening on (https:\/\/\S+)/.exec(stdout)
        if (match) resolve(match[1] as string)
      })
      child!.once('exit', (code) => reject(new Error(`exited with ${code}`)))
    })
    expect(stdout).toContain('datasets production, staging')
    const certPem = readFileSync(join(dataDir, 'cert.pem'), 'utf8')
    expect(certPem).toContain('BEGIN CERTIFICATE')
    trustCertificate(readFileSync(join(dataDir, 'ca.pem'), 'utf8'))
    const adminToken = readFileSync(join(dataDir, 'admin-token'), 'utf8').trim()
    expect(readFileSync(join(dataDir, 'viewer-token'), 'utf8').trim()).not.toBe(adminToken)

    const res = await fetch(`${url}/v${TEST_API_VERSION}/data/doc/staging/some-id`, {
      headers: {authorization: `Bearer ${adminToken}`},
    })
    expect(res.status).toBe(200)
    const bad = await fetch(`${url}/v1/data/doc/nope/x`)
    expect(bad.status).toBe(404)
    await new Promise((r) => setTimeout(r, 100))
    expect(stdout).toMatch(
      new RegExp(`GET /v${TEST_API_VERSION}/data/doc/staging/some-id 200 [\\d.]+ms`),
    )
    expect(stdout).toMatch(/GET \/v1\/data\/doc\/nope\/x 404 [\d.]+ms/)
    expect(stdout).not.toContain(adminToken)

    child.kill('SIGINT')
    expect(await exited(child)).toBe(0)
    expect(stdout).toContain('SIGINT, shutting down')
  })
})
