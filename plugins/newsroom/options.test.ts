import {describe, expect, it} from 'vitest'

import {DEFAULT_REACTION_KINDS} from '../../core/reaction-kinds.ts'
import {DEFAULT_OPTIONS, resolveOptions} from './options.ts'

describe('resolveOptions', () => {
  it('defaults to the six reactions of the old site', () => {
    expect(resolveOptions(undefined)).toBe(DEFAULT_OPTIONS)
    expect(resolveOptions({}).reactionKinds.map((kind) => kind.title)).toEqual([
      'Happy',
      'Sad',
      'Excited',
      'Sleepy',
      'Angry',
      'Surprise',
    ])
    expect(DEFAULT_OPTIONS.reactionKinds).toBe(DEFAULT_REACTION_KINDS)
  })

  it('takes custom reaction kinds', () => {
    const kinds = [
      {name: 'love', title: 'Love', emoji: '❤️'},
      {name: 'meh', title: 'Meh'},
    ]
    expect(resolveOptions({reactionKinds: kinds}).reactionKinds).toEqual(kinds)
  })

  it('takes a separate dataset for the reaction tallies', () => {
    expect(resolveOptions({}).reactions).toEqual({})
    expect(resolveOptions({reactions: {}}).reactions).toEqual({})
    expect(resolveOptions({reactions: {dataset: 'reactions'}}).reactions).toEqual({
      dataset: 'reactions',
    })
  })

  it("asks before linking back, unless told 'always' or 'never'", () => {
    expect(resolveOptions({}).relatedPosts).toEqual({reciprocal: 'ask'})
    expect(resolveOptions({relatedPosts: {}}).relatedPosts).toEqual({reciprocal: 'ask'})
    expect(resolveOptions({relatedPosts: {reciprocal: 'always'}}).relatedPosts).toEqual({
      reciprocal: 'always',
    })
    expect(resolveOptions({relatedPosts: {reciprocal: 'never'}}).relatedPosts).toEqual({
      reciprocal: 'never',
    })
  })

  it.each([
    ['a string', 'yes', '[newsroom] Options must be an object, got string'],
    ['an array', [], '[newsroom] Options must be an object, got an array'],
    [
      'an unknown option',
      {wordsPerMinit: 200},
      '[newsroom] Invalid option "wordsPerMinit": unknown option',
    ],
    [
      'reactionKinds not an array',
      {reactionKinds: 'happy'},
      '[newsroom] Invalid option "reactionKinds": expected an array',
    ],
    [
      'no reaction kinds',
      {reactionKinds: []},
      '[newsroom] Invalid option "reactionKinds": needs at least one',
    ],
    [
      'a kind that is not an object',
      {reactionKinds: [null]},
      '[newsroom] Invalid option "reactionKinds[0]": expected an object',
    ],
    [
      'a bad kind name',
      {reactionKinds: [{name: 'Happy face', title: 'x'}]},
      '[newsroom] Invalid option "reactionKinds[0].name"',
    ],
    [
      'a duplicate kind name',
      {
        reactionKinds: [
          {name: 'a', title: 'A'},
          {name: 'a', title: 'B'},
        ],
      },
      '[newsroom] Invalid option "reactionKinds[1].name": "a" is used twice',
    ],
    [
      'an empty title',
      {reactionKinds: [{name: 'a', title: ' '}]},
      '[newsroom] Invalid option "reactionKinds[0].title"',
    ],
    [
      'a non-string emoji',
      {reactionKinds: [{name: 'a', title: 'A', emoji: 1}]},
      '[newsroom] Invalid option "reactionKinds[0].emoji"',
    ],
    [
      'reactions not an object',
      {reactions: 'reactions'},
      '[newsroom] Invalid option "reactions": expected an object',
    ],
    [
      'reactions as an array',
      {reactions: ['reactions']},
      '[newsroom] Invalid option "reactions": expected an object',
    ],
    [
      'an unknown reactions option',
      {reactions: {datasetName: 'reactions'}},
      '[newsroom] Invalid option "reactions.datasetName": unknown option',
    ],
    [
      'an upper-case dataset',
      {reactions: {dataset: 'Reactions'}},
      '[newsroom] Invalid option "reactions.dataset": "Reactions" is not a dataset name',
    ],
    [
      'an empty dataset',
      {reactions: {dataset: ''}},
      '[newsroom] Invalid option "reactions.dataset": "" is not a dataset name',
    ],
    [
      'a numeric dataset',
      {reactions: {dataset: 1}},
      '[newsroom] Invalid option "reactions.dataset": "1" is not a dataset name',
    ],
    [
      'relatedPosts not an object',
      {relatedPosts: 'ask'},
      '[newsroom] Invalid option "relatedPosts": expected an object {reciprocal?}',
    ],
    [
      'relatedPosts as an array',
      {relatedPosts: ['ask']},
      '[newsroom] Invalid option "relatedPosts": expected an object {reciprocal?}',
    ],
    [
      'an unknown related-posts option',
      {relatedPosts: {reciprocal: 'ask', limit: 5}},
      '[newsroom] Invalid option "relatedPosts.limit": unknown option; known options: reciprocal',
    ],
    [
      'an unknown reciprocal mode',
      {relatedPosts: {reciprocal: 'sometimes'}},
      `[newsroom] Invalid option "relatedPosts.reciprocal": expected one of 'ask', 'always', 'never', got "sometimes"`,
    ],
    [
      'a reciprocal mode of the wrong type',
      {relatedPosts: {reciprocal: true}},
      `[newsroom] Invalid option "relatedPosts.reciprocal": expected one of 'ask', 'always', 'never', got true`,
    ],
    [
      'a reciprocal mode in the wrong case',
      {relatedPosts: {reciprocal: 'ASK'}},
      `[newsroom] Invalid option "relatedPosts.reciprocal": expected one of 'ask', 'always', 'never', got "ASK"`,
    ],
  ])('rejects %s with an error naming the plugin and the option', (_label, options, message) => {
    expect(() => resolveOptions(options)).toThrow(message)
  })
})
