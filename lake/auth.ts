/**
 * Who is calling. Two fixed tokens live in the data dir (administrator and read-only viewer);
 * Studio logins get session tokens through the sid exchange and are persisted (hashed) so a
 * restarted lake keeps them. No token means anonymous: published documents only, read only.
 */
import {createHash, randomBytes, timingSafeEqual} from 'node:crypto'
import {existsSync, readFileSync, renameSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {LakeError} from './http.ts'
import type {Access, Auth} from './types.ts'

/** The identity of every Studio login on the local lake (there is one local user). */
export const LOCAL_USER_ID = 'pLocalUser1'
/** The identity recorded for writes made with the admin token. */
export const ADMIN_ROBOT_ID = 'pLocalRobotAdmin'
const VIEWER_ROBOT_ID = 'pLocalRobotViewer'
const SID_TTL_MS = 5 * 60 * 1000

export const ANONYMOUS: Access = Object.freeze({
  role: 'anonymous',
  identity: '',
  canRead: true,
  canWrite: false,
  publishedOnly: true,
})
const ADMIN: Access = Object.freeze({
  role: 'administrator',
  identity: ADMIN_ROBOT_ID,
  canRead: true,
  canWrite: true,
  publishedOnly: false,
})
const VIEWER: Access = Object.freeze({
  role: 'viewer',
  identity: VIEWER_ROBOT_ID,
  canRead: true,
  canWrite: false,
  publishedOnly: false,
})
const SESSION: Access = Object.freeze({
  role: 'administrator',
  identity: LOCAL_USER_ID,
  canRead: true,
  canWrite: true,
  publishedOnly: false,
})

/** A random URL-safe token with `prefix`. */
export function randomToken(prefix = '', bytes = 30): string {
  return prefix + randomBytes(bytes).toString('base64url')
}

function hash(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/** Read `<dataDir>/<name>`, or create it with a fresh token. */
function tokenFile(dataDir: string, name: string, prefix: string): string {
  const path = join(dataDir, name)
  if (existsSync(path)) {
    const token = readFileSync(path, 'utf8').trim()
    if (token) return token
  }
  const token = randomToken(prefix)
  writeFileSync(path, token + '\n', {mode: 0o600})
  return token
}

/** Create the lake's `Auth` for `dataDir` (tokens and sessions persist there). */
export function createAuth(dataDir: string): Auth {
  const adminToken = tokenFile(dataDir, 'admin-token', 'sk-admin-')
  const viewerToken = tokenFile(dataDir, 'viewer-token', 'sk-viewer-')
  const sessionsPath = join(dataDir, 'sessions.json')
  const sessions = new Set<string>(loadSessions(sessionsPath))
  const sids = new Map<string, number>()

  const saveSessions = () => {
    const tmp = `${sessionsPath}.tmp`
    writeFileSync(tmp, JSON.stringify({sessions: [...sessions]}), {mode: 0o600, flush: true})
    renameSync(tmp, sessionsPath)
  }

  return {
    adminToken,
    viewerToken,
    resolve(token) {
      if (token === undefined || token === '') return ANONYMOUS
      if (sameToken(token, adminToken)) return ADMIN
      if (sameToken(token, viewerToken)) return VIEWER
      if (sessions.has(hash(token))) return SESSION
      throw LakeError.plain(401, 'Unauthorized', 'Session not found')
    },
    createLoginSid() {
      const now = Date.now()
      for (const [sid, created] of sids) if (now - created > SID_TTL_MS) sids.delete(sid)
      const sid = randomToken('', 24)
      sids.set(sid, now)
      return sid
    },
    exchangeSid(sid) {
      const created = sids.get(sid)
      sids.delete(sid)
      if (created === undefined || Date.now() - created > SID_TTL_MS) return undefined
      const token = randomToken('sk-session-')
      sessions.add(hash(token))
      saveSessions()
      return token
    },
    revoke(token) {
      if (sessions.delete(hash(token))) saveSessions()
    },
  }
}

function loadSessions(path: string): string[] {
  if (!existsSync(path)) return []
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as {sessions?: unknown}
    return Array.isArray(parsed.sessions)
      ? parsed.sessions.filter((s): s is string => typeof s === 'string')
      : []
  } catch {
    return []
  }
}
