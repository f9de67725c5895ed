import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'

import {DEFAULT_READ_TIME_RATES, estimateReadTime} from './estimate.ts'

/** A Portable Text paragraph, with its text split over spans as an editor's marks would. */
function paragraph(...spans: string[]) {
  return {
    _type: 'block',
    _key: spans.join('').slice(0, 8),
    style: 'normal',
    markDefs: [],
    children: spans.map((text, index) => ({_type: 'span', _key: `s${index}`, text, marks: []})),
  }
}

const image = (key: string, extra: object = {}) => ({
  _type: 'imageWithAlt',
  _key: key,
  asset: {_type: 'reference', _ref: `image-${key}-800x450-png`},
  alt: 'Alt text is for screen readers and never counted',
  ...extra,
})

const seedArticle = JSON.parse(
  readFileSync(new URL('../../scripts/seed-article.json', import.meta.url), 'utf8'),
) as {body: Array<{style: string; text: string}>; displayedReadTimeSeconds: number}

describe('estimateReadTime: words and characters', () => {
  it.each([
    ['English', "Don't stop: it's a well-known fact that U.S. GDP grew 3.14% in 2024.", 13, 0],
    ['French, elisions and accents', 'L’armée française s’est dotée d’un modèle à Paris.', 8, 0],
    [
      'German compounds',
      'Die Donaudampfschifffahrtsgesellschaft prüft ihre E-Mail-Adresse täglich.',
      6,
      0,
    ],
    ['Russian', 'Министерство обороны подписало многолетний контракт.', 5, 0],
    ['Greek', 'Η Γαλλία επενδύει στην τεχνητή νοημοσύνη.', 6, 0],
    ['Arabic', 'وقّعت وزارة الدفاع الفرنسية عقداً كبيراً.', 6, 0],
    ['Hebrew, with an acronym', 'צה״ל חתם על הסכם חדש.', 5, 0],
    ['Persian with a zero-width non-joiner inside a word', 'من می‌خواهم بروم.', 3, 0],
    ['Chinese, character by character', '法国国防部签署了合同。', 0, 10],
    ['Japanese kana and kanji, with ー', 'フランス国防省がコンピューターを導入した。', 0, 20],
    ['Korean Hangul syllables', '프랑스 국방부가 계약했다.', 0, 11],
    ['mixed scripts in one sentence', 'Mistral AI 与法国 signed 계약 in Paris.', 5, 5],
    ['numbers', '1,000 soldiers, 3.5 million euros, 10:30 am, 24/7 and 2026.', 10, 0],
    ['emoji are not words', '👍🏽 great 👨‍👩‍👧‍👦 news 🇫🇷 1️⃣ #1 ❤️', 3, 0],
    [
      'URLs count once',
      'Read https://example.com/a-b?c=d&e=f#top or www.alliance2k.org now.',
      5,
      0,
    ],
    ['an email address counts once', 'Write to press@example.com today.', 4, 0],
    ['punctuation alone is nothing', '— … !!! ?? – “ ” « » () []', 0, 0],
    ['Thai, split by a dictionary', 'ภาษาไทยเป็นภาษาที่สวยงาม', 6, 0],
  ])('%s', (_label, text, words, characters) => {
    const estimate = estimateReadTime([paragraph(text)])
    expect({words: estimate.words, characters: estimate.characters}).toEqual({words, characters})
  })

  it('joins spans as written, so a mark in the middle of a word does not split it', () => {
    expect(estimateReadTime([paragraph('extra', 'ordinary news', ' today')]).words).toBe(3)
  })

  it('reads words at wordsPerMinute and characters at charactersPerMinute', () => {
    const words = Array.from({length: 400}, () => 'word').join(' ')
    expect(estimateReadTime([paragraph(words)])).toEqual({
      seconds: 120,
      words: 400,
      characters: 0,
      images: 0,
      codeLines: 0,
      wordsPerMinute: 200,
      charactersPerMinute: 500,
    })
    expect(estimateReadTime([paragraph(words)], {wordsPerMinute: 300}).seconds).toBe(80)
    expect(estimateReadTime([paragraph('字'.repeat(1000))]).seconds).toBe(120)
    expect(
      estimateReadTime([paragraph('字'.repeat(1000))], {charactersPerMinute: 600}).seconds,
    ).toBe(100)
  })
})

describe('estimateReadTime: images, code and custom blocks', () => {
  it('gives the first image 12 s, each next 1 s less, never under 3 s', () => {
    const images = (count: number) =>
      estimateReadTime(Array.from({length: count}, (_, i) => image(`i${i}`)))
    expect(images(1)).toMatchObject({images: 1, seconds: 12})
    expect(images(2)).toMatchObject({images: 2, seconds: 12 + 11})
    // 12 + 11 + … + 3 for the first ten, then 3 s each.
    expect(images(12)).toMatchObject({images: 12, seconds: 75 + 3 + 3})
  })

  it('counts the hero image first when it is passed, and its caption', () => {
    const hero = image('hero', {caption: 'The minister in Paris'})
    expect(estimateReadTime([image('inline')], {heroImage: hero})).toMatchObject({
      images: 2,
      words: 4,
      seconds: Math.round(12 + 11 + (4 * 60) / 200),
    })
    // A hero field without an uploaded asset yet is no image.
    expect(estimateReadTime([], {heroImage: {_type: 'imageWithAlt', alt: 'x'}}).images).toBe(0)
    expect(estimateReadTime([], {heroImage: 'not an image'}).images).toBe(0)
  })

  it('counts images inside blocks (inline objects), and no image still uploading', () => {
    const block = {
      ...paragraph('Before'),
      children: [
        {_type: 'span', text: 'Before '},
        {_type: 'image', _key: 'x', asset: {_ref: 'image-x-10x10-jpg'}},
        {_type: 'span', text: 'after'},
      ],
    }
    const uploading = {_type: 'imageWithAlt', _key: 'u', _upload: {progress: 40}}
    expect(estimateReadTime([block, uploading])).toMatchObject({images: 1, words: 2})
  })

  it('takes image seconds from the options', () => {
    const body = [image('a'), image('b'), image('c')]
    const options = {imageSeconds: 10, imageSecondsStep: 4, minImageSeconds: 5}
    expect(estimateReadTime(body, options).seconds).toBe(10 + 6 + 5)
  })

  it('reads code blocks at a rate per non-blank line, not as words', () => {
    const code = {
      _type: 'code',
      _key: 'c',
      language: 'ts',
      code: 'const a = 1\n\nconst b = a + 1\nconsole.log(b)\n',
    }
    expect(estimateReadTime([code])).toMatchObject({codeLines: 3, words: 0, seconds: 12})
    expect(estimateReadTime([code], {codeSecondsPerLine: 10}).seconds).toBe(30)
  })

  it('counts the text of custom blocks, nested Portable Text included, but not ids or links', () => {
    const callout = {
      _type: 'callout',
      _key: 'k',
      title: 'Key figures',
      url: 'https://example.com/never-read',
      author: {_type: 'reference', _ref: 'person-someone-with-a-long-id'},
      content: [paragraph('Fourteen billion euros over five years.')],
      rows: [{_key: 'r', cells: ['Year one', 'Year two']}],
    }
    expect(estimateReadTime([callout])).toMatchObject({words: 2 + 6 + 4, images: 0})
  })

  it('lands within 15 s of the old site’s 7:39 for the seed article', () => {
    const body = seedArticle.body.map((block, index) => ({
      ...paragraph(block.text),
      _key: `b${index}`,
      style: block.style,
    }))
    const estimate = estimateReadTime(body, {heroImage: image('hero')})
    expect(estimate.words).toBe(1501)
    expect(estimate.images).toBe(1)
    expect(Math.abs(estimate.seconds - seedArticle.displayedReadTimeSeconds)).toBeLessThanOrEqual(
      15,
    )
  })
})

describe('estimateReadTime: bad input', () => {
  const zero = {
    seconds: 0,
    words: 0,
    characters: 0,
    images: 0,
    codeLines: 0,
    wordsPerMinute: 200,
    charactersPerMinute: 500,
  }

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['a string', 'Hello world'],
    ['a number', 42],
    ['an object', {_type: 'block', children: [{_type: 'span', text: 'not in an array'}]}],
    ['an empty body', []],
  ])('gives zero for %s', (_label, body) => {
    expect(estimateReadTime(body)).toEqual(zero)
  })

  it('skips malformed blocks and counts the rest', () => {
    const body = [
      null,
      7,
      {_type: 'block'},
      {_type: 'block', children: 'not an array'},
      {_type: 'block', children: [null, {_type: 'span'}, {_type: 'span', text: 42}]},
      {_type: 'unknownThing'},
      {_type: 'code', code: 12},
      paragraph('Two words'),
    ]
    expect(estimateReadTime(body)).toMatchObject({words: 2, images: 0, codeLines: 0, seconds: 1})
  })

  it('survives absurd nesting and throwing getters', () => {
    let deep: unknown = paragraph('deep')
    for (let i = 0; i < 10_000; i++) deep = {_type: 'wrapper', inner: [deep]}
    expect(estimateReadTime([deep, paragraph('shallow')]).words).toBe(1)
    const cyclic: Record<string, unknown> = {_type: 'callout', text: 'loops'}
    cyclic.self = cyclic
    expect(estimateReadTime([cyclic]).words).toBeGreaterThan(0)
    const hostile = {
      _type: 'callout',
      get text(): string {
        throw new Error('boom')
      },
    }
    expect(() => estimateReadTime([paragraph('one'), hostile])).not.toThrow()
    expect(estimateReadTime([paragraph('one'), hostile]).words).toBe(1)
  })

  it('falls back to the default rate for invalid options', () => {
    const body = [paragraph(Array.from({length: 200}, () => 'word').join(' '))]
    for (const wordsPerMinute of [0, -5, Number.NaN, Infinity]) {
      expect(estimateReadTime(body, {wordsPerMinute})).toMatchObject({
        seconds: 60,
        wordsPerMinute: DEFAULT_READ_TIME_RATES.wordsPerMinute,
      })
    }
    expect(estimateReadTime(body, null as never).seconds).toBe(60)
  })

  it('estimates a 10 MB body', () => {
    const sentence = 'Mistral AI signed a landmark deal with the French armed forces. '
    const text = sentence.repeat(Math.ceil(10_000_000 / sentence.length))
    const estimate = estimateReadTime([paragraph(text)])
    const repeats = Math.ceil(10_000_000 / sentence.length)
    expect(estimate.words).toBe(repeats * 11)
    expect(estimate.seconds).toBe(Math.round((repeats * 11 * 60) / 200))
  })
})
