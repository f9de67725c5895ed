import {mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {createAuth} from './auth.ts'
import {LakeError} from './http.ts'

const dirs: string[] = []
function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lake-auth-'))
  dirs.push(dir)
  return dir
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, {recursive: true, force: true})
})

describe('auth', () => {
  it('resolves admin, viewer, session and anonymous callers; 401 for unknown tokens', () => {
    const dataDir = freshDir()
    const auth = createAuth(dataDir)
    expect(readFileSync(join(dataDir, 'admin-token'), 'utf8').trim()).toBe(auth.adminToken)
    expect(readFileSync(join(dataDir, 'viewer-token'), 'utf8').trim()).toBe(auth.viewerToken)
    expect(auth.resolve(auth.adminToken)).toMatchObject({role: 'administrator', canWrite: true})
    expect(auth.resolve(auth.viewerToken)).toMatchObject({
      role: 'viewer',
      canRead: true,
      canWrite: false,
      publishedOnly: false,
    })
    expect(auth.resolve(undefined)).toMatchObject({
      role: 'anonymous',
      canWrite: false,
      publishedOnly: true,
    })
    expect(() => auth.resolve('sk-nope')).toThrow(LakeError)
  })

  it('exchanges a login sid once, and keeps sessions across restarts until revoked', () => {
    const dataDir = freshDir()
    const auth = createAuth(dataDir)
    const sid = auth.createLoginSid()
    expect(sid.length).toBeGreaterThanOrEqual(20)
    const token = auth.exchangeSid(sid)
    expect(token).toBeDefined()
    expect(auth.exchangeSid(sid)).toBeUndefined()
    expect(auth.exchangeSid('never-issued-sid-000000')).toBeUndefined()
    expect(auth.resolve(token)).toMatchObject({role: 'administrator', identity: 'pLocalUser1'})
    // Tokens are stored hashed, never as given.
    expect(readFileSync(join(dataDir, 'sessions.json'), 'utf8')).not.toContain(token)

    const restarted = createAuth(dataDir)
    expect(restarted.adminToken).toBe(auth.adminToken)
    expect(restarted.resolve(token)).toMatchObject({identity: 'pLocalUser1'})
    restarted.revoke(token!)
    expect(() => createAuth(dataDir).resolve(token)).toThrow(LakeError)
  })
})
