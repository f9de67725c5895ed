import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {startTestLake, TEST_API_VERSION, type TestLake} from '../support/lake.ts'

const STUDIO_ORIGIN = 'http://localhost:3333'

describe('Studio endpoints on the lake', () => {
  let lake: TestLake
  let sessionToken: string

  /** A fetch against the lake with the Studio's origin, and a token unless told otherwise. */
  async function call(path: string, init: RequestInit & {token?: string | null} = {}) {
    const {token = sessionToken, ...rest} = init
    const headers = new Headers(rest.headers)
    headers.set('origin', STUDIO_ORIGIN)
    if (token) headers.set('authorization', `Bearer ${token}`)
    return fetch(`${lake.url}${path}`, {...rest, headers, redirect: 'manual'})
  }

  async function actions(body: object, token?: string | null) {
    return call(`/v${TEST_API_VERSION}/data/actions/production`, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: {'content-type': 'application/json'},
      token,
    })
  }

  beforeAll(async () => {
    lake = await startTestLake()
  })

  afterAll(async () => {
    await lake?.close()
  })

  it('logs in through the local provider: providers → redirect with #sid → token → me', async () => {
    const me = await call('/v2026-05-04/users/me', {token: null})
    expect(me.status).toBe(401)
    expect(await me.json()).toMatchObject({error: 'Unauthorized', message: 'Session not found'})

    const providers = await (await call('/v2026-05-04/auth/providers', {token: null})).json()
    const provider = providers.providers[0]
    expect(provider).toMatchObject({name: 'local', title: 'Local lake login'})

    const login = await call(
      `${new URL(provider.url).pathname}?origin=${encodeURIComponent(`${STUDIO_ORIGIN}/structure`)}&projectId=local&type=dual`,
      {token: null},
    )
    expect(login.status).toBe(302)
    const location = new URL(login.headers.get('location') ?? '')
    expect(location.origin + location.pathname).toBe(`${STUDIO_ORIGIN}/structure`)
    const sid = new URLSearchParams(location.hash.slice(1)).get('sid') ?? ''
    expect(sid.length).toBeGreaterThanOrEqual(20)

    const fetched = await call(`/v2026-05-04/auth/fetch?sid=${sid}`, {token: null})
    expect(fetched.status).toBe(200)
    sessionToken = (await fetched.json()).token
    // A sid works once.
    expect((await call(`/v2026-05-04/auth/fetch?sid=${sid}`, {token: null})).status).toBe(401)

    const user = await (await call('/v2026-05-04/users/me')).json()
    expect(user).toMatchObject({id: 'pLocalUser1', role: 'administrator', provider: 'local'})
    expect(user.roles[0].name).toBe('administrator')
  })

  it('never hands a login sid to an origin outside the CORS list', async () => {
    const login = await call('/v1/auth/login/local?origin=https%3A%2F%2Fevil.example%2F', {
      token: null,
    })
    expect(login.status).toBe(403)
    expect(login.headers.get('location')).toBeNull()
  })

  it('describes the project, ACL, grants and features, and answers ping', async () => {
    const project = await (await call('/v2021-12-15/projects/local')).json()
    expect(project.id).toBe('local')
    expect(project.members.find((m: {isCurrentUser: boolean}) => m.isCurrentUser)?.id).toBe(
      'pLocalUser1',
    )
    expect((await call('/v2021-12-15/projects/other')).status).toBe(404)

    const acl = await (await call('/v2021-06-07/projects/local/datasets/production/acl')).json()
    expect(acl[0].permissions).toEqual(
      expect.arrayContaining(['read', 'create', 'update', 'history']),
    )

    const grants = await (await call(`/v${TEST_API_VERSION}/projects/local/grants`)).json()
    const modes = grants['sanity.document.filter.mode'][0].grants.map(
      (g: {params: {mode: string}}) => g.params.mode,
    )
    expect(modes).toEqual(expect.arrayContaining(['read', 'update', 'create']))

    const viewerGrants = await (
      await call(`/v${TEST_API_VERSION}/projects/local/grants`, {token: lake.viewerToken})
    ).json()
    const viewerModes = viewerGrants['sanity.document.filter.mode'][0].grants.map(
      (g: {params: {mode: string}}) => g.params.mode,
    )
    expect(viewerModes).not.toContain('update')

    expect(await (await call(`/v${TEST_API_VERSION}/features`)).json()).toEqual([])
    const ping = await call('/v2025-03-01/ping')
    expect(await ping.text()).toBe('PONG')
    expect(ping.headers.get('access-control-allow-origin')).toBe(STUDIO_ORIGIN)
    expect(
      await (
        await call(`/v${TEST_API_VERSION}/projects/local/datasets?datasetProfile=comments`)
      ).json(),
    ).toEqual([])
  })

  it('keeps key-value pairs per user across requests', async () => {
    const key = 'studio.structure-tool.layout.post'
    const empty = await (await call(`/v${TEST_API_VERSION}/users/me/keyvalue/${key},other`)).json()
    expect(empty).toEqual([
      {key, value: null},
      {key: 'other', value: null},
    ])
    const put = await call(`/v${TEST_API_VERSION}/users/me/keyvalue`, {
      method: 'PUT',
      body: JSON.stringify([{key, value: 'detail'}]),
      headers: {'content-type': 'application/json'},
    })
    expect(await put.json()).toEqual([{key, value: 'detail'}])
    expect(await (await call(`/v${TEST_API_VERSION}/users/me/keyvalue/${key}`)).json()).toEqual([
      {key, value: 'detail'},
    ])
    // Another identity sees its own (empty) store.
    const admin = await (
      await call(`/v${TEST_API_VERSION}/users/me/keyvalue/${key}`, {token: lake.adminToken})
    ).json()
    expect(admin).toEqual([{key, value: null}])
    expect(
      (await call(`/v${TEST_API_VERSION}/users/me/keyvalue/${key}`, {token: null})).status,
    ).toBe(401)
  })

  it('runs the editing journey through actions, with history the Studio can show', async () => {
    const id = 'post-journey'
    const draftId = `drafts.${id}`
    const create = await actions({
      actions: [
        {
          actionType: 'sanity.action.document.create',
          publishedId: id,
          attributes: {_id: draftId, _type: 'post'},
          ifExists: 'fail',
        },
      ],
      transactionId: 'tx-create',
    })
    expect(await create.json()).toEqual({transactionId: 'tx-create'})

    const edit = await actions({
      actions: [
        {
          actionType: 'sanity.action.document.edit',
          draftId,
          publishedId: id,
          patch: {set: {title: 'Draft'}},
        },
      ],
    })
    expect(edit.status).toBe(200)

    const publish = await actions({
      actions: [{actionType: 'sanity.action.document.publish', draftId, publishedId: id}],
    })
    const publishTx = (await publish.json()).transactionId
    const client = lake.client({token: 'admin', perspective: 'raw'})
    expect(await client.getDocument(id)).toMatchObject({title: 'Draft', _rev: publishTx})
    expect(await client.getDocument(draftId)).toBeUndefined()

    // An anonymous CDN-style reader sees the published post.
    const anonymous = lake.client({useCdn: true, perspective: 'published'})
    expect(await anonymous.getDocument(id)).toMatchObject({title: 'Draft'})

    // Editing again starts a draft from the published document.
    await actions({
      actions: [
        {
          actionType: 'sanity.action.document.edit',
          draftId,
          publishedId: id,
          patch: {set: {title: 'Second'}},
        },
      ],
    })
    expect(await client.getDocument(draftId)).toMatchObject({title: 'Second'})

    const stale = await actions({
      actions: [
        {
          actionType: 'sanity.action.document.publish',
          draftId,
          publishedId: id,
          ifPublishedRevisionId: 'not-the-revision',
        },
      ],
    })
    expect(stale.status).toBe(409)

    const events = await (
      await call(
        `/v${TEST_API_VERSION}/data/history/production/events/documents/${draftId}?limit=10`,
      )
    ).json()
    expect(events.events[draftId].map((e: {type: string}) => e.type)).toEqual([
      'createDocumentVersion',
      'publishDocumentVersion',
      'createDocumentVersion',
    ])
    expect(events.events[draftId][1]).toMatchObject({author: 'pLocalUser1', revisionId: publishTx})

    const log = await call(
      `/v${TEST_API_VERSION}/data/history/production/transactions/${draftId}?excludeContent=true&limit=50&includeIdentifiedDocumentsOnly=true&effectFormat=mendoza&fromTransaction=tx-create`,
    )
    const lines = (await log.text())
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
    expect(lines[0]).toMatchObject({id: 'tx-create', author: 'pLocalUser1', documentIDs: [draftId]})
    expect(lines[0].effects[draftId].revert).toEqual([0, null])
    expect(lines[1].effects[draftId].apply[1].title).toBe('Draft')

    const atRevision = await (
      await call(
        `/v${TEST_API_VERSION}/data/history/production/documents/${draftId}?revision=tx-create`,
      )
    ).json()
    expect(atRevision.documents[0]).toMatchObject({_id: draftId, _rev: 'tx-create'})

    // Discard, unpublish, delete.
    await actions({actions: [{actionType: 'sanity.action.document.discard', draftId}]})
    expect(await client.getDocument(draftId)).toBeUndefined()
    await actions({
      actions: [{actionType: 'sanity.action.document.unpublish', draftId, publishedId: id}],
    })
    expect(await client.getDocument(id)).toBeUndefined()
    expect(await client.getDocument(draftId)).toMatchObject({title: 'Draft'})
    expect(await anonymous.getDocument(id)).toBeUndefined()
    await actions({
      actions: [
        {actionType: 'sanity.action.document.delete', publishedId: id, includeDrafts: [draftId]},
      ],
    })
    expect(await client.getDocument(draftId)).toBeUndefined()
    const finalEvents = await (
      await call(`/v${TEST_API_VERSION}/data/history/production/events/documents/${draftId}`)
    ).json()
    expect(finalEvents.events[draftId][0].type).toBe('deleteDocumentGroup')
    expect(finalEvents.events[draftId][1].type).toBe('unpublishDocument')
  })

  it('refuses actions from readers', async () => {
    const body = {
      actions: [
        {
          actionType: 'sanity.action.document.create',
          publishedId: 'x',
          attributes: {_id: 'drafts.x', _type: 'post'},
        },
      ],
    }
    expect((await actions(body, null)).status).toBe(401)
    expect((await actions(body, lake.viewerToken)).status).toBe(403)
    expect(
      (await call(`/v${TEST_API_VERSION}/data/history/production/transactions/x`, {token: null}))
        .status,
    ).toBe(401)
  })
})
