import {describe, expect, it} from 'vitest'

import {DEFAULT_REACTION_KINDS} from '../../core/reaction-kinds.ts'
import {DEFAULT_READ_TIME_RATES} from '../../core/read-time/estimate.ts'
import {
  DEFAULT_OPTIONS,
  DEFAULT_READ_TIME_OPTIONS,
  DEFAULT_RELATED_POSTS_OPTIONS,
  resolveOptions,
} from './options.ts'

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
    expect(resolveOptions({}).reactions).toEqual({documentType: 'post'})
    expect(resolveOptions({reactions: {}}).reactions).toEqual({documentType: 'post'})
    expect(resolveOptions({reactions: {dataset: 'reactions'}}).reactions).toEqual({
      documentType: 'post',
      dataset: 'reactions',
    })
  })

  it("asks before linking back, unless told 'always' or 'never'", () => {
    expect(resolveOptions({}).relatedPosts).toEqual(DEFAULT_RELATED_POSTS_OPTIONS)
    expect(resolveOptions({relatedPosts: {}}).relatedPosts).toMatchObject({reciprocal: 'ask'})
    expect(resolveOptions({relatedPosts: {reciprocal: 'always'}}).relatedPosts).toEqual({
      ...DEFAULT_RELATED_POSTS_OPTIONS,
      reciprocal: 'always',
    })
    expect(resolveOptions({relatedPosts: {reciprocal: 'never'}}).relatedPosts).toEqual({
      ...DEFAULT_RELATED_POSTS_OPTIONS,
      reciprocal: 'never',
    })
  })

  it('defaults the read time to 200 words a minute on the body and hero image, old-site style', () => {
    expect(resolveOptions({}).readTime).toBe(DEFAULT_READ_TIME_OPTIONS)
    expect(DEFAULT_READ_TIME_OPTIONS).toEqual({
      ...DEFAULT_READ_TIME_RATES,
      wordsPerMinute: 200,
      charactersPerMinute: 500,
      imageSeconds: 12,
      imageSecondsStep: 1,
      minImageSeconds: 3,
      codeSecondsPerLine: 4,
      bodyField: 'body',
      heroImageField: 'heroImage',
      documentTypes: ['post'],
      field: 'readTime',
      displayStyle: 'long',
    })
  })

  it('merges read-time options over the defaults', () => {
    const readTime = resolveOptions({
      readTime: {
        wordsPerMinute: 265,
        minImageSeconds: 0,
        bodyField: 'content',
        heroImageField: false,
        displayStyle: 'clock',
      },
    }).readTime
    expect(readTime).toEqual({
      ...DEFAULT_READ_TIME_OPTIONS,
      wordsPerMinute: 265,
      minImageSeconds: 0,
      bodyField: 'content',
      heroImageField: false,
      displayStyle: 'clock',
    })
    expect(resolveOptions({readTime: {}}).readTime).toEqual(DEFAULT_READ_TIME_OPTIONS)
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
      '[newsroom] Invalid option "relatedPosts": expected an object',
    ],
    [
      'relatedPosts as an array',
      {relatedPosts: ['ask']},
      '[newsroom] Invalid option "relatedPosts": expected an object',
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
    [
      'readTime not an object',
      {readTime: 200},
      '[newsroom] Invalid option "readTime": expected an object',
    ],
    [
      'an unknown read-time option',
      {readTime: {wordsPerMinit: 200}},
      '[newsroom] Invalid option "readTime.wordsPerMinit": unknown option',
    ],
    [
      'a reading speed of zero',
      {readTime: {wordsPerMinute: 0}},
      '[newsroom] Invalid option "readTime.wordsPerMinute": must be more than 0',
    ],
    [
      'a reading speed that is a string',
      {readTime: {charactersPerMinute: '500'}},
      '[newsroom] Invalid option "readTime.charactersPerMinute": expected a number',
    ],
    [
      'an infinite reading speed',
      {readTime: {wordsPerMinute: Infinity}},
      '[newsroom] Invalid option "readTime.wordsPerMinute": expected a number',
    ],
    [
      'negative image seconds',
      {readTime: {imageSeconds: -1}},
      '[newsroom] Invalid option "readTime.imageSeconds": must be 0 or more',
    ],
    [
      'a step that is not a number',
      {readTime: {imageSecondsStep: null}},
      '[newsroom] Invalid option "readTime.imageSecondsStep": expected a number',
    ],
    [
      'a negative floor',
      {readTime: {minImageSeconds: -3}},
      '[newsroom] Invalid option "readTime.minImageSeconds": must be 0 or more',
    ],
    [
      'a code rate that is NaN',
      {readTime: {codeSecondsPerLine: Number.NaN}},
      '[newsroom] Invalid option "readTime.codeSecondsPerLine": expected a number',
    ],
    [
      'a body field that is no field name',
      {readTime: {bodyField: 'body.text'}},
      '[newsroom] Invalid option "readTime.bodyField": "body.text" is not a field name',
    ],
    [
      'an empty body field',
      {readTime: {bodyField: ''}},
      '[newsroom] Invalid option "readTime.bodyField"',
    ],
    [
      'a hero image field of true',
      {readTime: {heroImageField: true}},
      '[newsroom] Invalid option "readTime.heroImageField": "true" is not a field name',
    ],
    [
      'an unknown display style',
      {readTime: {displayStyle: 'medium'}},
      '[newsroom] Invalid option "readTime.displayStyle": expected one of long, short, clock',
    ],
  ])('rejects %s with an error naming the plugin and the option', (_label, options, message) => {
    expect(() => resolveOptions(options)).toThrow(message)
  })
})
