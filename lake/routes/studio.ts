/**
 * What Sanity Studio asks of the project API besides data: the login flow with one local provider,
 * the current user, the project with its members, dataset ACL and grants, feature flags, the
 * per-user key-value store (persisted in the data dir) and `/ping`.
 *
 * Cloud-only endpoints the Studio also calls (journey, intake, presence socket, help, agent,
 * user-applications, schedules, `/datasets`) are left to the server's JSON 404, which the Studio
 * treats as "feature not available".
 */
import {existsSync, readFileSync, renameSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {LOCAL_USER_ID} from '../auth.ts'
import {LakeError} from '../http.ts'
import type {Router} from '../router.ts'
import type {Access, LakeContext, LakeRequest} from '../types.ts'

/** The provider the login screen lists; its `title` is the link text editors click. */
export const LOCAL_PROVIDER = {name: 'local', title: 'Local lake login'} as const

const CREATED_AT = '2024-01-01T00:00:00Z'
const ORGANIZATION_ID = 'oLocal'

const ROLES = {
  administrator: {name: 'administrator', title: 'Administrator', description: 'Full access'},
  editor: {name: 'editor', title: 'Editor', description: 'Read and write all documents'},
  viewer: {name: 'viewer', title: 'Viewer', description: 'Read all documents, write none'},
} as const

/** Display names for the identities the lake knows; everything else shows as its id. */
const PEOPLE: Record<string, {name: string; email: string; isRobot: boolean}> = {
  [LOCAL_USER_ID]: {name: 'Local Admin', email: 'admin@localhost', isRobot: false},
  pLocalRobotAdmin: {name: 'Admin token', email: '', isRobot: true},
  pLocalRobotViewer: {name: 'Viewer token', email: '', isRobot: true},
}

const ALL_DOCUMENTS = '_id in path("**")'

function person(id: string) {
  return PEOPLE[id] ?? {name: id, email: '', isRobot: true}
}

function notLoggedIn(): LakeError {
  return LakeError.plain(401, 'Unauthorized', 'Session not found')
}

function requireUser(access: Access): Access {
  if (access.role === 'anonymous') throw notLoggedIn()
  return access
}

function roleOf(access: Access) {
  return ROLES[access.role === 'anonymous' ? 'viewer' : access.role]
}

/** The request's own origin (`https://local.localhost:3334`), for URLs the browser follows. */
function selfOrigin(req: LakeRequest): string {
  const host = req.headers[':authority'] ?? req.headers.host
  return `https://${String(host)}`
}

/** The permission modes a role has on every document, as grants and ACL list them. */
function modes(access: Access): string[] {
  if (access.canWrite) return ['read', 'create', 'update', 'history', 'manage']
  return access.canRead ? ['read', 'history'] : []
}

/**
 * Per-user key-value pairs the Studio keeps (layout, sort order, saved Vision queries), stored
 * as `<data>/keyvalue.json`: `{[userId]: {[key]: value}}`.
 */
class KeyValueFile {
  readonly #path: string
  #data: Record<string, Record<string, unknown>>

  constructor(dataDir: string) {
    this.#path = join(dataDir, 'keyvalue.json')
    this.#data = {}
    if (existsSync(this.#path)) {
      try {
        this.#data = JSON.parse(readFileSync(this.#path, 'utf8')) as Record<
          string,
          Record<string, unknown>
        >
      } catch {
        // Studio UI preferences only: an unreadable file must not keep the lake from starting.
        this.#data = {}
      }
    }
  }

  get(user: string, keys: string[]): Array<{key: string; value: unknown}> {
    const values = this.#data[user] ?? {}
    return keys.map((key) => ({key, value: values[key] ?? null}))
  }

  set(user: string, pairs: Array<{key: string; value: unknown}>): void {
    const values = {...this.#data[user]}
    for (const {key, value} of pairs) {
      if (value === null || value === undefined) delete values[key]
      else values[key] = value
    }
    this.#data = {...this.#data, [user]: values}
    this.#save()
  }

  #save(): void {
    // Write then rename, so a crash never leaves half a file.
    const tmp = `${this.#path}.tmp`
    writeFileSync(tmp, JSON.stringify(this.#data), {mode: 0o600})
    renameSync(tmp, this.#path)
  }
}

function parseKeyValuePairs(body: unknown): Array<{key: string; value: unknown}> {
  const list = Array.isArray(body) ? body : [body]
  return list.map((item, index) => {
    if (
      typeof item !== 'object' ||
      item === null ||
      typeof (item as {key?: unknown}).key !== 'string'
    ) {
      throw LakeError.plain(400, 'Bad Request', `Item ${index} must be {key: string, value}`)
    }
    const {key, value} = item as {key: string; value: unknown}
    return {key, value}
  })
}

/** Registers the Studio's auth, user, project and key-value endpoints. */
export function registerStudioRoutes(router: Router, ctx: LakeContext): void {
  const {projectId} = ctx.config
  const keyValues = new KeyValueFile(ctx.config.dataDir)

  const checkProject = (req: LakeRequest) => {
    if (req.params.projectId !== projectId) {
      throw LakeError.plain(404, 'Not Found', `Project "${req.params.projectId}" not found`)
    }
  }

  const currentUser = (access: Access) => {
    const who = person(access.identity)
    const role = roleOf(access)
    return {
      id: access.identity,
      name: who.name,
      email: who.email,
      profileImage: null,
      provider: 'local',
      role: role.name,
      roles: [role],
    }
  }

  // Login: providers → browser visits the provider URL → redirect back with #sid → sid for token.
  router.add('GET', '/auth/providers', (req) => ({
    thirdPartyLogin: true,
    sso: {saml: false},
    providers: [{...LOCAL_PROVIDER, url: `${selfOrigin(req)}/v1/auth/login/local`}],
  }))

  router.add('GET', '/auth/login/local', (req, res) => {
    const origin = req.query.get('origin') ?? ''
    let target: URL
    try {
      target = new URL(origin)
    } catch {
      throw LakeError.plain(400, 'Bad Request', 'Query parameter `origin` must be the Studio URL')
    }
    // The sid is as good as a session: only hand it to the Studio origins the lake serves.
    if (!ctx.config.corsOrigins.includes(target.origin)) {
      throw LakeError.plain(
        403,
        'Forbidden',
        `Origin ${target.origin} is not allowed; add it to the lake's CORS origins (--cors-origin)`,
      )
    }
    target.hash = `sid=${ctx.auth.createLoginSid()}`
    res.statusCode = 302
    res.setHeader('location', target.href)
    res.setHeader('cache-control', 'no-store')
    res.end()
  })

  router.add('GET', '/auth/fetch', (req) => {
    const token = ctx.auth.exchangeSid(req.query.get('sid') ?? '')
    if (!token)
      throw LakeError.plain(401, 'Unauthorized', 'Login session id is unknown, used or expired')
    return {token}
  })

  // The Studio also checks for a cookie session; the lake only has bearer tokens.
  router.add('GET', '/auth/id', () => {
    throw notLoggedIn()
  })

  router.add('POST', '/auth/logout', (req) => {
    if (req.token) ctx.auth.revoke(req.token)
    return {}
  })

  router.add('GET', '/users/me', (req) => currentUser(requireUser(req.access)))

  router.add('GET', '/users/me/keyvalue/:keys', (req) => {
    const access = requireUser(req.access)
    return keyValues.get(access.identity, (req.params.keys as string).split(',').filter(Boolean))
  })

  router.add('PUT', '/users/me/keyvalue', async (req) => {
    const access = requireUser(req.access)
    const pairs = parseKeyValuePairs(await req.json())
    keyValues.set(access.identity, pairs)
    return pairs
  })

  router.add('DELETE', '/users/me/keyvalue/:keys', (req) => {
    const access = requireUser(req.access)
    const keys = (req.params.keys as string).split(',').filter(Boolean)
    keyValues.set(
      access.identity,
      keys.map((key) => ({key, value: null})),
    )
    return keys.map((key) => ({key, value: null}))
  })

  // Names for the user ids in history and presence, e.g. `/users/pLocalUser1,pLocalRobotAdmin`.
  router.add('GET', '/users/:ids', (req) => {
    requireUser(req.access)
    return (req.params.ids as string)
      .split(',')
      .filter(Boolean)
      .map((id) => {
        const who = person(id)
        return {
          id,
          displayName: who.name,
          givenName: who.name,
          familyName: '',
          email: who.email,
          imageUrl: null,
          isCurrentUser: id === req.access.identity,
          isRobot: who.isRobot,
        }
      })
  })

  router.add('GET', '/projects/:projectId', (req) => {
    checkProject(req)
    const access = requireUser(req.access)
    const members = [LOCAL_USER_ID, 'pLocalRobotAdmin', 'pLocalRobotViewer'].map((id) => {
      const role = id === 'pLocalRobotViewer' ? ROLES.viewer : ROLES.administrator
      return {
        id,
        role: role.name,
        roles: [{name: role.name, title: role.title}],
        isRobot: person(id).isRobot,
        isCurrentUser: id === access.identity,
        createdAt: CREATED_AT,
      }
    })
    return {
      id: projectId,
      displayName: 'Local Lake',
      studioHost: null,
      isBlocked: false,
      isDisabled: false,
      isDisabledByUser: false,
      metadata: {color: '#000000', externalStudioHost: ctx.config.corsOrigins[0] ?? null},
      organizationId: ORGANIZATION_ID,
      createdAt: CREATED_AT,
      members,
      features: [],
      pendingInvites: 0,
    }
  })

  router.add('GET', '/projects/:projectId/datasets', (req) => {
    checkProject(req)
    requireUser(req.access)
    // Add-on datasets (e.g. `datasetProfile=comments`) do not exist locally.
    if (req.query.has('datasetProfile')) return []
    return ctx.store.datasets().map((name) => ({name, aclMode: 'public', createdAt: CREATED_AT}))
  })

  router.add('GET', '/projects/:projectId/datasets/:dataset/acl', (req) => {
    checkProject(req)
    const access = requireUser(req.access)
    return [{filter: ALL_DOCUMENTS, permissions: modes(access).filter((m) => m !== 'manage')}]
  })

  router.add('GET', '/projects/:projectId/grants', (req) => {
    checkProject(req)
    const access = requireUser(req.access)
    const documentGrants = modes(access).map((mode) => ({
      name: 'sanity.document.filter.mode',
      params: {filter: ALL_DOCUMENTS, mode},
    }))
    const datasetGrants = Object.fromEntries(
      ctx.store.datasets().map((name) => [`sanity-dataset-${name}`, []]),
    )
    return {
      'sanity-project-members': [
        {grants: [{name: 'sanity.project.members', params: {}}], config: {}},
      ],
      'sanity-project': [{grants: [{name: 'sanity.project', params: {}}], config: {}}],
      ...datasetGrants,
      'sanity.document.filter.mode': [{grants: documentGrants, config: {}}],
      'sanity-all-documents': [{grants: documentGrants, config: {}}],
      'sanity.document.filter': [],
    }
  })

  router.add('GET', '/features', () => [])

  router.add('GET', '/ping', (_req, res) => {
    res.statusCode = 200
    res.setHeader('content-type', 'text/plain; charset=utf-8')
    res.end('PONG')
  })
}
