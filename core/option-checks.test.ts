import {describe, expect, it} from 'vitest'

import {
  datasetNameProblem,
  optionError,
  reactionKindsProblem,
  secretProblem,
  wholeNumberProblem,
} from './option-checks.ts'
import {DEFAULT_REACTION_KINDS} from './reaction-kinds.ts'

describe('optionError', () => {
  it('is the one shape of a bad option, with the function it was given to when there is one', () => {
    const problem = {option: 'secret', message: 'is too short'}
    expect(optionError(problem).message).toBe('[newsroom] Invalid option "secret": is too short')
    expect(optionError(problem, 'recordReaction').message).toBe(
      '[newsroom] Invalid recordReaction option "secret": is too short',
    )
  })
})

describe('datasetNameProblem', () => {
  it.each(['production', 'reactions', 'a', '0-x_y', 'a'.repeat(64)])('accepts %j', (name) => {
    expect(datasetNameProblem(name)).toBeUndefined()
  })

  it.each(['', 'Reactions', '_x', '-x', 'a'.repeat(65), 'ré', 'a b', undefined, 3])(
    'refuses %j',
    (name) => {
      expect(datasetNameProblem(name)).toMatch(/is not a dataset name: use a-z, 0-9/)
    },
  )
})

describe('reactionKindsProblem', () => {
  it('accepts the default kinds and kinds without emoji', () => {
    expect(reactionKindsProblem(DEFAULT_REACTION_KINDS)).toBeUndefined()
    expect(reactionKindsProblem([{name: 'bravo', title: '好極了'}])).toBeUndefined()
  })

  it.each([
    ['not an array', {}, 'kinds', 'expected an array'],
    ['empty', [], 'kinds', 'needs at least one'],
    ['a null kind', [null], 'kinds[0]', 'expected an object'],
    ['a capital name', [{name: 'Happy', title: 'Happy'}], 'kinds[0].name', 'lower-case letter'],
    ['a dotted name', [{name: 'a.b', title: 'A'}], 'kinds[0].name', 'only letters'],
    [
      'a name twice',
      [
        {name: 'a', title: 'A'},
        {name: 'a', title: 'B'},
      ],
      'kinds[1].name',
      '"a" is used twice',
    ],
    ['an empty title', [{name: 'a', title: ' '}], 'kinds[0].title', 'non-empty string'],
    ['a numeric emoji', [{name: 'a', title: 'A', emoji: 1}], 'kinds[0].emoji', 'a string'],
  ])('refuses %s, naming the path', (_, kinds, option, message) => {
    const problem = reactionKindsProblem(kinds)
    expect(problem?.option).toBe(option)
    expect(problem?.message).toContain(message)
  })

  it('paths under the option name it is given', () => {
    expect(reactionKindsProblem([{}], 'reactionKinds')?.option).toBe('reactionKinds[0].name')
  })
})

describe('secretProblem', () => {
  it('wants a string of at least 32 characters', () => {
    expect(secretProblem('a-test-secret-that-is-long-enough-0123456789')).toBeUndefined()
    expect(secretProblem('short')).toMatch(/at least 32 characters/)
    expect(secretProblem(undefined)).toMatch(/at least 32 characters/)
    expect(secretProblem(2 ** 120)).toMatch(/string/)
  })
})

describe('wholeNumberProblem', () => {
  it('wants a whole number at or above the minimum', () => {
    expect(wholeNumberProblem(0, 0)).toBeUndefined()
    expect(wholeNumberProblem(5, 1)).toBeUndefined()
    expect(wholeNumberProblem(0, 1)).toBe('must be a whole number ≥ 1')
    expect(wholeNumberProblem(1.5, 0)).toBe('must be a whole number ≥ 0')
    expect(wholeNumberProblem('3', 0)).toBe('must be a whole number ≥ 0')
  })
})
