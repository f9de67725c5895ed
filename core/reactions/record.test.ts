import type {SanityClient} from '@sanity/client'
import {describe, expect, it} from 'vitest'

import {ReactionError} from './errors.ts'
import {recordReaction, type RecordReactionOptions} from './record.ts'

const SECRET = 'a-test-secret-that-is-long-enough-0123456789'

/** A client that fails the test if a request is ever made: validation comes first. */
function offlineClient(): SanityClient {
  const refuse = () => {
    throw new Error('no request may be sent for invalid input')
  }
  const client = {
    config: () => ({dataset: 'production'}),
    withConfig: () => client,
    fetch: refuse,
    getDocuments: refuse,
    mutate: refuse,
  }
  return client as unknown as SanityClient
}

const valid: RecordReactionOptions = {
  client: offlineClient(),
  secret: SECRET,
  postId: 'post-1',
  reaction: 'happy',
  readerId: 'reader-1',
}

describe('recordReaction input validation', () => {
  it.each([
    [
      'an unknown reaction, naming it',
      {reaction: 'lol'},
      'unknownReaction',
      /Unknown reaction "lol"; known reactions: happy, sad, excited, sleepy, angry, surprise/,
    ],
    ['an emoji instead of a reaction name', {reaction: '😀'}, 'unknownReaction', /"😀"/],
    ['a reaction of another case', {reaction: 'Happy'}, 'unknownReaction', /"Happy"/],
    [
      'a missing reaction',
      {reaction: undefined},
      'invalidInput',
      /reaction must be a reaction name, or null/,
    ],
    ['a numeric reaction', {reaction: 1}, 'invalidInput', /reaction must be/],
    ['a missing post id', {postId: undefined}, 'invalidInput', /postId must be a non-empty string/],
    ['an empty post id', {postId: ''}, 'invalidInput', /postId must be a non-empty string/],
    [
      'a draft id',
      {postId: 'drafts.post-1'},
      'invalidInput',
      /"drafts.post-1" is not the id of a published document/,
    ],
    ['a CJK post id', {postId: '記事'}, 'invalidInput', /not the id of a published document/],
    [
      'a post id with a newline',
      {postId: 'post\n1'},
      'invalidInput',
      /not the id of a published document/,
    ],
    [
      'a post id too long for its tally id',
      {postId: 'p'.repeat(120)},
      'invalidInput',
      /at most 119 characters/,
    ],
    ['an empty reader id', {readerId: ''}, 'invalidInput', /readerId must be a non-empty string/],
    [
      'an oversized reader id',
      {readerId: 'r'.repeat(513)},
      'invalidInput',
      /at most 512 characters/,
    ],
  ])('rejects %s before sending anything', async (_label, change, code, message) => {
    const attempt = recordReaction({...valid, ...change} as RecordReactionOptions)
    await expect(attempt).rejects.toMatchObject({name: 'ReactionError', code})
    await expect(attempt).rejects.toThrow(message)
  })

  it.each([
    ['a short secret', {secret: 'hunter2'}, '"secret": must be a string of at least 32 characters'],
    ['no client', {client: undefined}, '"client": must be a @sanity/client instance'],
    [
      'bad kinds',
      {kinds: [{name: 'Happy face', title: 'x'}]},
      '"kinds[0].name": "Happy face" must start with a lower-case letter',
    ],
    [
      'duplicate kinds',
      {
        kinds: [
          {name: 'a', title: 'A'},
          {name: 'a', title: 'B'},
        ],
      },
      '"kinds[1].name": "a" is used twice',
    ],
    ['a bad dataset', {dataset: 'Reactions!'}, '"dataset": "Reactions!" is not a dataset name'],
    ['zero attempts', {maxAttempts: 0}, '"maxAttempts": must be a whole number ≥ 1'],
  ])(
    'refuses %s as a configuration error, not a request error',
    async (_label, change, message) => {
      const attempt = recordReaction({...valid, ...change} as RecordReactionOptions)
      await expect(attempt).rejects.toThrow(`[newsroom] Invalid recordReaction option ${message}`)
      await expect(attempt).rejects.not.toBeInstanceOf(ReactionError)
    },
  )

  it('accepts custom kinds and a withdrawal (reaching the client only then)', async () => {
    const kinds = [{name: 'love', title: 'Love'}]
    await expect(recordReaction({...valid, kinds, reaction: 'love'})).rejects.toThrow(
      'no request may be sent',
    )
    await expect(recordReaction({...valid, reaction: null})).rejects.toThrow(
      'no request may be sent',
    )
  })
})
