/**
 * The checks every options object of the package runs (the plugin's, the reaction handler's,
 * `recordReaction`'s, the reader site's), written once as named pure functions, and the one shape
 * of the error they end in:
 *
 *   [newsroom] Invalid option "reactionKinds[1].name": "a" is used twice
 *   [newsroom] Invalid createReactionHandler option "secret": must be a string of at least …
 *
 * A bad option is a configuration error, thrown when the thing is created, never a request error.
 */
import type {ReactionKind} from './reaction-kinds.ts'

/** Prefix of every error the package throws, so a user knows where it came from. */
export const ERROR_PREFIX = '[newsroom]'

/** A bad option: its path (`reactionKinds[1].name`) and what is wrong with it. */
export interface OptionProblem {
  option: string
  message: string
}

/**
 * The error for a bad option. `owner` names the function the options were given to, when it is
 * not the plugin itself (`createReactionHandler`, `recordReaction`, `createWebApp`).
 */
export function optionError(problem: OptionProblem, owner?: string): Error {
  const of = owner ? `${owner} ` : ''
  return new Error(`${ERROR_PREFIX} Invalid ${of}option "${problem.option}": ${problem.message}`)
}

/** Throws `optionError` for the first problem, if any. */
export function assertNoProblem(problem: OptionProblem | undefined, owner?: string): void {
  if (problem) throw optionError(problem, owner)
}

/** Sanity's dataset names: a-z, 0-9, `_` and `-`, starting with a letter or digit, ≤ 64 long. */
const DATASET_NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/

/** Why `name` cannot be a dataset name, or undefined when it can. */
export function datasetNameProblem(name: unknown): string | undefined {
  if (typeof name === 'string' && DATASET_NAME.test(name)) return undefined
  return `"${String(name)}" is not a dataset name: use a-z, 0-9, "_" and "-", at most 64 characters, starting with a letter or digit`
}

/** A kind's `name` is a field name in the tally's `counts`. */
const KIND_NAME = /^[a-z][a-zA-Z0-9_]*$/

/**
 * The first problem of `kinds` as reaction kinds (a non-empty array of `{name, title, emoji?}`,
 * names unique), with its path under `option`, or undefined when they are fine.
 */
export function reactionKindsProblem(kinds: unknown, option = 'kinds'): OptionProblem | undefined {
  if (!Array.isArray(kinds)) return {option, message: 'expected an array of {name, title, emoji?}'}
  if (kinds.length === 0) return {option, message: 'needs at least one reaction kind'}
  const names = new Set<string>()
  for (const [index, kind] of (kinds as unknown[]).entries()) {
    const at = `${option}[${index}]`
    if (typeof kind !== 'object' || kind === null) {
      return {option: at, message: 'expected an object {name, title, emoji?}'}
    }
    const {name, title, emoji} = kind as Partial<Record<keyof ReactionKind, unknown>>
    if (typeof name !== 'string' || !KIND_NAME.test(name)) {
      return {
        option: `${at}.name`,
        message: `"${String(name)}" must start with a lower-case letter and use only letters, digits and _`,
      }
    }
    if (names.has(name)) return {option: `${at}.name`, message: `"${name}" is used twice`}
    names.add(name)
    if (typeof title !== 'string' || title.trim() === '') {
      return {option: `${at}.title`, message: 'must be a non-empty string'}
    }
    if (emoji !== undefined && typeof emoji !== 'string') {
      return {option: `${at}.emoji`, message: 'must be a string'}
    }
  }
  return undefined
}

/** At least 32 characters, so the HMAC key of the readers' hashes is not the weak link. */
export const MIN_SECRET_LENGTH = 32

/** Why `secret` cannot key the readers' hashes and cookies, or undefined when it can. */
export function secretProblem(secret: unknown): string | undefined {
  if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) {
    return `must be a string of at least ${MIN_SECRET_LENGTH} characters (e.g. 32 random bytes, base64)`
  }
  return undefined
}

/** Why `value` cannot be a whole-number option of at least `min`, or undefined when it can. */
export function wholeNumberProblem(value: unknown, min: number): string | undefined {
  if (Number.isInteger(value) && (value as number) >= min) return undefined
  return `must be a whole number ≥ ${min}`
}
