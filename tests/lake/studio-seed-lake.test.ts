import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {SEED_IDS} from '../../scripts/seed-content.ts'
import {SEED_MARKER_ID, seedLake} from '../../scripts/seed.ts'
import {startTestLake, type TestLake} from '../support/lake.ts'

describe('seeding a lake', () => {
  let lake: TestLake

  beforeAll(async () => {
    lake = await startTestLake()
  })

  afterAll(async () => {
    await lake?.close()
  })

  it('creates the demo content once, and readers see the post with its hero image', async () => {
    const admin = lake.client({token: 'admin'})
    const first = await seedLake(admin)
    expect(first.created).toContain(SEED_IDS.post)
    expect(first.uploaded).toHaveLength(3)

    const reader = lake.client({useCdn: true, perspective: 'published'})
    const post = await reader.fetch(
      `*[_id == $id][0]{title, "hero": heroImage{alt, "url": asset->url}, "tags": tags[]->title,
        "previous": previous->title, "next": next->title, "sections": count(body[style == "h2"])}`,
      {id: SEED_IDS.post},
    )
    expect(post).toMatchObject({
      title: 'Mistral AI Powers France’s New Defense Era',
      previous: 'Powell, Trump, DOJ: The High-Stakes Content Context',
      next: 'Trump, Powell, Oil: Context Behind Calm Markets',
      sections: 6,
    })
    expect(post.tags).toHaveLength(3)
    expect(post.hero.alt).toBe(
      'Mistral AI transforms France’s defense capabilities in modern military technology.',
    )
    const image = await fetch(post.hero.url)
    expect(image.status).toBe(200)
    expect(image.headers.get('content-type')).toBe('image/png')

    const tally = await reader.getDocument(SEED_IDS.reaction)
    expect(tally?.counts).toEqual({happy: 0, sad: 0, excited: 0, sleepy: 0, angry: 0, surprise: 0})
  })

  it('never undoes what an editor changed or deleted, and uploads nothing twice', async () => {
    const admin = lake.client({token: 'admin'})
    await admin.patch(SEED_IDS.post).set({title: 'Edited by a person'}).commit()
    await admin.delete(SEED_IDS.reaction)
    const again = await seedLake(admin)
    expect(again.uploaded).toEqual([])
    expect(again.created).toEqual([])
    expect(again.kept).toEqual(expect.arrayContaining([SEED_IDS.post, SEED_IDS.reaction]))
    expect((await admin.getDocument(SEED_IDS.post))?.title).toBe('Edited by a person')
    expect(await admin.getDocument(SEED_IDS.reaction)).toBeUndefined()
  })

  it('keeps its marker away from anonymous readers', async () => {
    const reader = lake.client({useCdn: true, perspective: 'published'})
    expect(await reader.fetch('*[_id == $id]', {id: SEED_MARKER_ID})).toEqual([])
    const admin = lake.client({token: 'admin'})
    const marker = await admin.getDocument(SEED_MARKER_ID)
    expect(marker?.documents).toEqual(
      expect.arrayContaining([SEED_IDS.post, SEED_IDS.reaction, ...SEED_IDS.tags]),
    )
  })
})
