/**
 * How long a Portable Text body takes to read: words at a reading speed, Chinese, Japanese and
 * Korean characters one by one at their own speed, a few seconds per image, a rate per line of
 * code. Pure and total: any input gives an estimate, bad input gives zero.
 */

/** Rates the estimate uses. Every field is optional; a missing or invalid one takes its default. */
export interface ReadTimeRates {
  /**
   * Words read per minute (Latin, Cyrillic, Greek, Arabic, Hebrew… text).
   * @defaultValue 200
   */
  wordsPerMinute?: number
  /**
   * Chinese and Japanese characters (ideographs, kana) and Hangul syllables read per minute.
   * @defaultValue 500
   */
  charactersPerMinute?: number
  /**
   * Seconds spent on the first image; each next one takes `imageSecondsStep` less.
   * @defaultValue 12
   */
  imageSeconds?: number
  /**
   * How many seconds less each image after the first takes.
   * @defaultValue 1
   */
  imageSecondsStep?: number
  /**
   * No image takes less than this.
   * @defaultValue 3
   */
  minImageSeconds?: number
  /**
   * Seconds per non-blank line of a code block (`_type: 'code'` with a `code` string, the shape of
   * `@sanity/code-input`).
   * @defaultValue 4
   */
  codeSecondsPerLine?: number
}

/** Options of {@link estimateReadTime}. */
export interface EstimateReadTimeOptions extends ReadTimeRates {
  /** The post's hero image: counted like an inline image (and its caption) when it has an asset. */
  heroImage?: unknown
}

/** What {@link estimateReadTime} found and the time it adds up to. */
export interface ReadTimeEstimate {
  /** Whole seconds to read the body. */
  seconds: number
  /** Words, in every script written with spaces between words. */
  words: number
  /** Chinese and Japanese characters and Hangul syllables, read one by one. */
  characters: number
  /** Images: inline image blocks, images inside blocks, and the hero image when passed. */
  images: number
  /** Non-blank lines of code blocks. */
  codeLines: number
  /** The reading speed the estimate used. */
  wordsPerMinute: number
  /** The character reading speed the estimate used. */
  charactersPerMinute: number
}

/** The defaults of every rate. */
export const DEFAULT_READ_TIME_RATES: Readonly<Required<ReadTimeRates>> = Object.freeze({
  wordsPerMinute: 200,
  charactersPerMinute: 500,
  imageSeconds: 12,
  imageSecondsStep: 1,
  minImageSeconds: 3,
  codeSecondsPerLine: 4,
})

// Every UTF-16 code unit falls in one class; the scan below switches on it.
/** Spaces, punctuation, symbols, emoji: between words. */
const SEPARATOR = 1
/** A letter, mark or digit of a script written with spaces between words. */
const WORD = 2
/** Chinese and Japanese characters (ideographs, kana, `ー`, `々`) and Hangul: read one by one. */
const CJK = 3
/** Thai, Lao, Khmer, Myanmar: written without spaces, split into words by a dictionary. */
const UNSPACED = 4
/** Part of a word only between word characters (don't, well-known, 3.14, 1,000, U.S., ZWNJ). */
const JOINER = 5

const JOINERS = new Set("'’ʼ-‐‑.,:/&_@·׳״\u00ad\u200c\u200d")
const CJK_SCRIPT = /^[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Hangul}]$/u
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u
const UNSPACED_LETTER = /^[\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}]$/u
const WORD_CHAR = /^[\p{L}\p{M}\p{N}]$/u
/** The emoji presentation selector and the keycap mark: parts of emoji, never of words. */
const EMOJI_MARKS = new Set([0xfe0f, 0x20e3])
const KEYCAP = 0x20e3

function classify(codePoint: number): number {
  const char = String.fromCodePoint(codePoint)
  if (JOINERS.has(char)) return JOINER
  if (EMOJI_MARKS.has(codePoint)) return SEPARATOR
  if (CJK_SCRIPT.test(char) && LETTER_OR_DIGIT.test(char)) return CJK
  if (UNSPACED_LETTER.test(char)) return UNSPACED
  return WORD_CHAR.test(char) ? WORD : SEPARATOR
}

/** The class of each BMP character, filled in on first sight (0: not seen yet). */
const BMP_CLASSES = new Uint8Array(0x10000)
/** Classes of characters beyond the BMP (emoji, rare ideographs, math letters). */
const ASTRAL_CLASSES = new Map<number, number>()

function classOfBmp(code: number): number {
  let cls = BMP_CLASSES[code] as number
  if (cls === 0) {
    cls = classify(code)
    BMP_CLASSES[code] = cls
  }
  return cls
}

function classOfAstral(codePoint: number): number {
  let cls = ASTRAL_CLASSES.get(codePoint)
  if (cls === undefined) {
    cls = classify(codePoint)
    ASTRAL_CLASSES.set(codePoint, cls)
  }
  return cls
}

/** Fields of custom blocks that hold no text a reader reads. */
const NON_TEXT_FIELDS = new Set([
  'alt',
  'asset',
  'crop',
  'hotspot',
  'href',
  'language',
  'level',
  'listItem',
  'markDefs',
  'marks',
  'src',
  'style',
  'url',
])

/** Deeper than any real body: keeps a pathological value from exhausting the stack. */
const MAX_DEPTH = 32

let wordSegmenter: Intl.Segmenter | undefined

/** Words of a Thai, Lao, Khmer or Myanmar run, found by the platform's dictionary segmenter. */
function countUnspacedWords(run: string): number {
  wordSegmenter ??= new Intl.Segmenter(undefined, {granularity: 'word'})
  let count = 0
  for (const segment of wordSegmenter.segment(run)) if (segment.isWordLike) count++
  return count
}

interface Tally {
  words: number
  characters: number
  images: number
  codeLines: number
}

const isSpace = (code: number) =>
  code <= 0x20 || code === 0xa0 || code === 0x3000 || (code >= 0x2000 && code <= 0x200b)

/** Index of the first white space at or after `from`: a URL runs until there. */
function endOfRun(text: string, from: number): number {
  let index = from
  while (index < text.length && !isSpace(text.charCodeAt(index))) index++
  return index
}

/** Whether the word starting at `index` is a `www.` address. */
function startsWww(text: string, index: number): boolean {
  return (
    (text.charCodeAt(index) | 0x20) === 0x77 &&
    text.slice(index, index + 4).toLowerCase() === 'www.'
  )
}

/** A keycap emoji (1️⃣) is a digit, maybe U+FE0F, then U+20E3: the digit is no word after all. */
function isKeycapDigit(text: string, keycapIndex: number, wordStart: number): boolean {
  const digit = keycapIndex - (text.charCodeAt(keycapIndex - 1) === 0xfe0f ? 2 : 1)
  const code = text.charCodeAt(digit)
  return digit === wordStart && code >= 0x30 && code <= 0x39
}

/**
 * Adds the words and CJK characters of `text` to `tally`: one pass over the code units with a
 * class table, several times faster than a Unicode regular expression on a long body.
 */
function countText(text: string, tally: Tally): void {
  const length = text.length
  let inWord = false
  // A joiner right after word characters: the word goes on if a word character follows.
  let joined = false
  let wordStart = -1
  let index = 0
  while (index < length) {
    const code = text.charCodeAt(index)
    let width = 1
    let cls: number
    if (code >= 0xd800 && code <= 0xdbff) {
      const codePoint = text.codePointAt(index) as number
      width = codePoint > 0xffff ? 2 : 1
      cls = width === 2 ? classOfAstral(codePoint) : SEPARATOR
    } else {
      cls = classOfBmp(code)
    }
    if (cls === WORD) {
      if (!inWord) {
        tally.words++
        if (startsWww(text, index)) {
          index = endOfRun(text, index)
          joined = false
          continue
        }
        inWord = true
        wordStart = index
      }
      joined = false
    } else if (cls === JOINER) {
      if (inWord && code === 0x3a && text.startsWith('//', index + 1)) {
        // scheme://…: the rest of the URL belongs to the word already counted.
        index = endOfRun(text, index)
        inWord = joined = false
        continue
      }
      if (inWord && !joined) joined = true
      else inWord = joined = false
    } else if (cls === CJK) {
      tally.characters++
      inWord = joined = false
    } else if (cls === UNSPACED) {
      let end = index + 1
      while (end < length && classOfBmp(text.charCodeAt(end)) === UNSPACED) end++
      tally.words += countUnspacedWords(text.slice(index, end))
      index = end
      inWord = joined = false
      continue
    } else {
      if (code === KEYCAP && isKeycapDigit(text, index, wordStart)) tally.words--
      inWord = joined = false
    }
    index += width
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** An image: anything whose `asset` references an image asset (an upload in progress is not). */
function isImage(value: Record<string, unknown>): boolean {
  const asset = value.asset
  return isRecord(asset) && typeof asset._ref === 'string' && asset._ref.startsWith('image-')
}

/** Text of a Portable Text block's spans, joined as written (marks may split a word in two). */
function visitBlock(block: Record<string, unknown>, tally: Tally, depth: number): void {
  const children = block.children
  if (!Array.isArray(children)) return
  let text = ''
  for (const child of children) {
    if (typeof child === 'string') text += child
    else if (isRecord(child) && typeof child.text === 'string') text += child.text
    else visit(child, tally, depth + 1)
  }
  countText(text, tally)
}

function visitFields(value: Record<string, unknown>, tally: Tally, depth: number): void {
  for (const key in value) {
    if (key.startsWith('_') || NON_TEXT_FIELDS.has(key)) continue
    visit(value[key], tally, depth + 1)
  }
}

function visit(value: unknown, tally: Tally, depth: number): void {
  if (depth > MAX_DEPTH) return
  if (typeof value === 'string') {
    countText(value, tally)
    return
  }
  if (Array.isArray(value)) {
    for (const item of value) visit(item, tally, depth + 1)
    return
  }
  if (!isRecord(value) || typeof value._ref === 'string') return
  if (value._type === 'block') {
    visitBlock(value, tally, depth)
  } else if (isImage(value)) {
    tally.images++
    if (typeof value.caption === 'string') countText(value.caption, tally)
  } else if (value._type === 'code' && typeof value.code === 'string') {
    for (const line of value.code.split('\n')) if (line.trim() !== '') tally.codeLines++
  } else {
    visitFields(value, tally, depth)
  }
}

function rate(value: number | undefined, fallback: number, {allowZero = false} = {}): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback
  return value > 0 || (allowZero && value === 0) ? value : fallback
}

/** Seconds for `count` images: the first `first`, each next `step` less, none below `min`. */
function imageSecondsFor(count: number, first: number, step: number, min: number): number {
  let total = 0
  for (let index = 0; index < count; index++) total += Math.max(first - index * step, min)
  return total
}

/**
 * Estimates how long `body` (a Portable Text array) takes to read.
 *
 * Words are counted in every script written with spaces: accented Latin, Cyrillic, Greek, Arabic,
 * Hebrew; contractions and hyphenated words count once, numbers count, a URL counts once,
 * punctuation and emoji do not. Chinese and Japanese characters (ideographs, kana) and Hangul
 * syllables are read one by one at `charactersPerMinute`. Images take 12 s for the first, 1 s less
 * for each next, never under 3 s. Code blocks take `codeSecondsPerLine` per non-blank line.
 * Custom blocks count the text of their fields.
 *
 * Never throws: `undefined`, non-arrays and malformed blocks give zero or the best estimate.
 *
 * ```ts
 * estimateReadTime(post.body, {heroImage: post.heroImage})
 * // {seconds: 462, words: 1501, characters: 0, images: 1, codeLines: 0, wordsPerMinute: 200, …}
 * ```
 */
export function estimateReadTime(
  body: unknown,
  options: EstimateReadTimeOptions = {},
): ReadTimeEstimate {
  const rates: EstimateReadTimeOptions = isRecord(options) ? options : {}
  const defaults = DEFAULT_READ_TIME_RATES
  const wordsPerMinute = rate(rates.wordsPerMinute, defaults.wordsPerMinute)
  const charactersPerMinute = rate(rates.charactersPerMinute, defaults.charactersPerMinute)
  const tally: Tally = {words: 0, characters: 0, images: 0, codeLines: 0}
  try {
    if (isRecord(rates.heroImage) && isImage(rates.heroImage)) visit(rates.heroImage, tally, 0)
    if (Array.isArray(body)) visit(body, tally, 0)
  } catch {
    // A value whose getters throw (a revoked proxy, say): keep what was counted.
  }
  const imageSeconds = imageSecondsFor(
    tally.images,
    rate(rates.imageSeconds, defaults.imageSeconds, {allowZero: true}),
    rate(rates.imageSecondsStep, defaults.imageSecondsStep, {allowZero: true}),
    rate(rates.minImageSeconds, defaults.minImageSeconds, {allowZero: true}),
  )
  const codeSeconds =
    tally.codeLines * rate(rates.codeSecondsPerLine, defaults.codeSecondsPerLine, {allowZero: true})
  const seconds =
    (tally.words * 60) / wordsPerMinute +
    (tally.characters * 60) / charactersPerMinute +
    imageSeconds +
    codeSeconds
  return {
    seconds: Math.round(seconds),
    ...tally,
    wordsPerMinute,
    charactersPerMinute,
  }
}
