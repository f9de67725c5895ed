/**
 * What the Presentation tool and the reader site's preview mode need of the lake, over HTTPS
 * through @sanity/client: the Studio writes its preview URL secret as `@sanity/preview-url-secret`
 * does (a `drafts.` document, expired ones deleted by query); the site checks it with a read
 * token and reads drafts over published; anonymous readers never see a secret or a draft on any
 * endpoint.
 */
import {createPreviewSecret} from '@sanity/preview-url-secret/create-secret'
import {validatePreviewUrl} from '@sanity/preview-url-secret'
import type {SanityClient} from '@sanity/client'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {startTestLake, TEST_API_VERSION, type TestLake} from '../support/lake.ts'

const STUDIO = 'http://localhost:3333'
const SECRETS = '*[_type == "sanity.previewUrlSecret"]'

let t: TestLake
let admin: SanityClient
let secret: string

beforeAll(async () => {
  t = await startTestLake()
  admin = t.client({token: 'admin'})
  await admin
    .transaction()
    .create({_id: 'post-1', _type: 'post', title: 'Published title', slug: {current: 'one'}})
    .create({_id: 'drafts.post-1', _type: 'post', title: 'Draft title', slug: {current: 'one'}})
    .create({_id: 'drafts.post-2', _type: 'post', title: 'Only a draft', slug: {current: 'two'}})
    // A secret the last test deletes by query.
    .create({
      _id: 'drafts.old-secret',
      _type: 'sanity.previewUrlSecret',
      secret: 'old',
      studioUrl: STUDIO,
    })
    .commit()
  ;({secret} = await createPreviewSecret(admin, 'presentation', STUDIO, 'pLocalUser1'))
})
afterAll(() => t?.close())

const previewUrl = (value: string) =>
  `http://localhost:3000/api/preview?sanity-preview-secret=${value}&sanity-preview-pathname=/posts/one`

describe('the preview URL secret on the local lake', () => {
  it('is written as the Studio writes it, and checks out with the read (viewer) token', async () => {
    const stored = await admin.fetch(`${SECRETS}{_id, secret, studioUrl}`, {}, {perspective: 'raw'})
    expect(stored).toEqual(
      expect.arrayContaining([
        {_id: expect.stringMatching(/^drafts\./), secret, studioUrl: STUDIO},
      ]),
    )
    const viewer = t.client({token: 'viewer'})
    expect(await validatePreviewUrl(viewer, previewUrl(secret))).toMatchObject({
      isValid: true,
      redirectTo: '/posts/one',
      studioOrigin: STUDIO,
    })
    expect((await validatePreviewUrl(viewer, previewUrl('not-it'))).isValid).toBe(false)
  })

  it('deletes expired secrets by query, and a delete by a query that matches nothing is no error', async () => {
    const expired = '*[_type == "sanity.previewUrlSecret" && secret == "never-written"]'
    expect(await admin.delete({query: expired})).toMatchObject({results: []})
    expect(await admin.getDocument('drafts.old-secret')).toBeDefined()
    const deleted = await admin.delete({query: '*[_id == "drafts.old-secret"]'})
    expect(deleted.results).toMatchObject([{id: 'drafts.old-secret', operation: 'delete'}])
    expect(await admin.getDocument('drafts.old-secret')).toBeUndefined()
  })

  it('stays private to anonymous readers: query, doc, export', async () => {
    const anonymous = t.client()
    for (const perspective of ['raw', 'drafts', 'published'] as const) {
      expect(await anonymous.fetch(SECRETS, {}, {perspective}), perspective).toEqual([])
    }
    expect(await t.client({useCdn: true}).fetch(`count(${SECRETS})`)).toBe(0)
    const ids: string[] = await admin.fetch(`${SECRETS}._id`, {}, {perspective: 'raw'})
    const doc = await fetch(`${t.url}/v${TEST_API_VERSION}/data/doc/production/${ids.join(',')}`)
    const body = (await doc.json()) as {documents: unknown[]}
    expect(body.documents).toEqual([])
    const exported = await fetch(`${t.url}/v${TEST_API_VERSION}/data/export/production`)
    expect(exported.ok ? await exported.text() : '').not.toContain('previewUrlSecret')
  })

  it('stays private to anonymous listeners and live event streams', async () => {
    const events: string[] = []
    const subscription = t
      .client()
      .listen(
        SECRETS,
        {},
        {includeResult: false, visibility: 'query', events: ['welcome', 'mutation']},
      )
      .subscribe((event) => events.push(event.type))
    await new Promise((done) => setTimeout(done, 500))
    await createPreviewSecret(admin, 'presentation', STUDIO)
    await new Promise((done) => setTimeout(done, 1000))
    subscription.unsubscribe()
    expect(events).toEqual(['welcome'])

    const live = await fetch(
      `${t.url}/v${TEST_API_VERSION}/data/live/events/production?includeDrafts=true`,
    )
    expect(live.status).toBe(401)
    await live.body?.cancel()
  })

  it('gives the site’s read token drafts over published; anonymous readers the published only', async () => {
    const query = '*[_type == "post"] | order(_id asc){_id, title}'
    expect(await t.client({token: 'viewer'}).fetch(query, {}, {perspective: 'drafts'})).toEqual([
      {_id: 'post-1', title: 'Draft title'},
      {_id: 'post-2', title: 'Only a draft'},
    ])
    expect(await t.client().fetch(query, {}, {perspective: 'drafts'})).toEqual([
      {_id: 'post-1', title: 'Published title'},
    ])
  })
})
