import {describe, expect, it} from 'vitest'

import {
  chainDisagreement,
  linkedPostStatus,
  planReciprocalLink,
  postReference,
  reciprocalLinkAction,
  type LinkedPostDocument,
  type ReciprocalLinkPlan,
} from './links.ts'

const ref = (id: string) => ({_type: 'reference', _ref: id})

/** Post B as published: it already has a next link and a body the draft copy must keep. */
const publishedB: LinkedPostDocument = {
  _id: 'post-b',
  _type: 'post',
  _rev: 'rev-b1',
  _createdAt: '2026-03-01T09:00:00Z',
  _updatedAt: '2026-03-02T09:00:00Z',
  title: 'Mistral AI in Brussels',
  tags: [{_key: 't1', ...ref('tag-ai')}],
  next: ref('post-c'),
}

describe('postReference', () => {
  it('references the published id, weakly while the target was never published', () => {
    expect(postReference('drafts.post-b', {published: true})).toEqual({
      _type: 'reference',
      _ref: 'post-b',
    })
    expect(postReference('post-new', {published: false})).toEqual({
      _type: 'reference',
      _ref: 'post-new',
      _weak: true,
      _strengthenOnPublish: {type: 'post'},
    })
  })
})

describe('planReciprocalLink', () => {
  it('creates B’s draft from its published version and sets B.previous = A, in one transaction', () => {
    const plan = planReciprocalLink({
      sourceId: 'drafts.post-a',
      sourcePublished: true,
      field: 'next',
      target: {draft: null, published: publishedB},
    })
    expect(plan).toEqual({
      status: 'empty',
      field: 'previous',
      mutations: [
        {
          createIfNotExists: {
            _id: 'drafts.post-b',
            _type: 'post',
            title: 'Mistral AI in Brussels',
            tags: [{_key: 't1', _type: 'reference', _ref: 'tag-ai'}],
            next: {_type: 'reference', _ref: 'post-c'},
          },
        },
        {patch: {id: 'drafts.post-b', set: {previous: {_type: 'reference', _ref: 'post-a'}}}},
      ],
    })
  })

  it('patches an existing draft at the revision read, and links the converse way too', () => {
    const draftB = {...publishedB, _id: 'drafts.post-b', _rev: 'rev-draft', next: undefined}
    expect(
      planReciprocalLink({
        sourceId: 'post-c',
        sourcePublished: true,
        field: 'previous',
        target: {draft: draftB, published: publishedB},
      }),
    ).toEqual({
      status: 'empty',
      field: 'next',
      mutations: [
        {
          patch: {
            id: 'drafts.post-b',
            ifRevisionID: 'rev-draft',
            set: {next: {_type: 'reference', _ref: 'post-c'}},
          },
        },
      ],
    })
  })

  it('reports a link B already has to another post instead of overwriting it quietly', () => {
    const plan = planReciprocalLink({
      sourceId: 'post-d',
      sourcePublished: false,
      field: 'previous',
      target: {draft: null, published: publishedB},
    })
    expect(plan).toMatchObject({status: 'conflict', field: 'next', currentRef: 'post-c'})
    // Written only if the editor agrees; a never-published source is referenced weakly.
    expect(plan.status === 'conflict' && plan.mutations[1]).toEqual({
      patch: {
        id: 'drafts.post-b',
        set: {
          next: {
            _type: 'reference',
            _ref: 'post-d',
            _weak: true,
            _strengthenOnPublish: {type: 'post'},
          },
        },
      },
    })
  })

  it('does nothing when B already links back, or when B is gone', () => {
    expect(
      planReciprocalLink({
        sourceId: 'drafts.post-c',
        sourcePublished: true,
        field: 'previous',
        target: {draft: null, published: publishedB},
      }),
    ).toEqual({status: 'linked', field: 'next'})
    expect(
      planReciprocalLink({
        sourceId: 'post-a',
        sourcePublished: true,
        field: 'next',
        target: {draft: null, published: null},
      }),
    ).toEqual({status: 'missing', field: 'previous'})
  })

  it('reads B’s draft, not its published version, when both exist', () => {
    const draftB = {...publishedB, _id: 'drafts.post-b', _rev: 'r2', previous: ref('post-a')}
    expect(
      planReciprocalLink({
        sourceId: 'post-a',
        sourcePublished: true,
        field: 'next',
        target: {draft: draftB, published: publishedB},
      }).status,
    ).toBe('linked')
  })
})

describe('reciprocalLinkAction', () => {
  const mutations = [{patch: {id: 'drafts.post-b', set: {}}}]
  const plans: Record<string, ReciprocalLinkPlan> = {
    empty: {status: 'empty', field: 'previous', mutations},
    conflict: {status: 'conflict', field: 'previous', currentRef: 'post-c', mutations},
    linked: {status: 'linked', field: 'previous'},
    missing: {status: 'missing', field: 'previous'},
  }
  it.each([
    ['empty', 'ask', 'ask'],
    ['empty', 'always', 'write'],
    ['empty', 'never', 'skip'],
    ['conflict', 'ask', 'ask'],
    ['conflict', 'always', 'ask'],
    ['conflict', 'never', 'skip'],
    ['linked', 'always', 'skip'],
    ['missing', 'ask', 'skip'],
  ] as const)('%s plan, %s mode → %s', (plan, mode, action) => {
    expect(reciprocalLinkAction(plans[plan] as ReciprocalLinkPlan, mode)).toBe(action)
  })
})

describe('chainDisagreement', () => {
  it('accepts a chain that agrees (from the draft or the published id)', () => {
    const b = {...publishedB, previous: ref('post-a')}
    expect(chainDisagreement({documentId: 'drafts.post-a', field: 'next', target: b})).toBe(
      undefined,
    )
    expect(chainDisagreement({documentId: 'post-a', field: 'next', target: b})).toBe(undefined)
  })

  it('explains an empty or different link back', () => {
    expect(chainDisagreement({documentId: 'post-a', field: 'next', target: publishedB})).toBe(
      'The chain disagrees: this post’s next post is “Mistral AI in Brussels”, but “Mistral AI in Brussels” has no previous post.',
    )
    expect(
      chainDisagreement({
        documentId: 'post-x',
        field: 'previous',
        target: {...publishedB, title: ' 東京 🌃 '},
      }),
    ).toBe(
      'The chain disagrees: this post’s previous post is “東京 🌃”, but “東京 🌃” has another next post.',
    )
    expect(
      chainDisagreement({
        documentId: 'post-x',
        field: 'previous',
        target: {...publishedB, title: ''},
      }),
    ).toBe(
      'The chain disagrees: this post’s previous post is the linked post, but the linked post has another next post.',
    )
  })

  it('leaves a missing target to the broken-link warning', () => {
    expect(chainDisagreement({documentId: 'post-a', field: 'next', target: null})).toBe(undefined)
  })
})

describe('linkedPostStatus', () => {
  it('tells published, unpublished and deleted apart', () => {
    expect(linkedPostStatus('post-b', [{_id: 'post-b'}, {_id: 'drafts.post-b'}])).toBe('published')
    expect(linkedPostStatus('post-b', [{_id: 'drafts.post-b'}])).toBe('unpublished')
    expect(linkedPostStatus('post-b', [])).toBe('missing')
  })
})
