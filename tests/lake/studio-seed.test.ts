import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'

import {estimateReadTime, toReadTimeValue} from '../../core/read-time/index.ts'
import {
  buildSeedContent,
  excerptFrom,
  loadSeedArticle,
  SEED_IDS,
  type SeedDocument,
} from '../../scripts/seed-content.ts'
import {slugify} from '../../import-wordpress/keys.ts'
import {createPlaceholderPng, pngDescription, pngSize} from '../../scripts/seed-png.ts'

const fixture = JSON.parse(readFileSync('scripts/seed-article.json', 'utf8'))

function byId(documents: SeedDocument[], id: string): SeedDocument {
  const doc = documents.find((d) => d._id === id)
  if (!doc) throw new Error(`missing ${id}`)
  return doc
}

describe('seed content', () => {
  const content = buildSeedContent()
  const post = byId(content.documents, SEED_IDS.post)

  it('keeps the article title, slug and six H2 sections in order', () => {
    expect(post.title).toBe('Mistral AI Powers France’s New Defense Era')
    expect(post.slug).toEqual({_type: 'slug', current: 'mistral-ai-powers-frances-new-defense-era'})
    const body = post.body as Array<{style: string; _key: string; children: Array<{text: string}>}>
    expect(body).toHaveLength(fixture.body.length)
    const h2 = body.filter((b) => b.style === 'h2').map((b) => b.children[0]!.text)
    expect(h2).toEqual([
      'Mistral AI’s Leap From Startup To Strategic Asset',
      'How Mistral AI Could Transform Military Operations',
      'European Tech Autonomy Meets AI Ethics',
      'Risks, Challenges, And Uncomfortable Questions',
      'What This Means For The Global AI Landscape',
      'Looking Ahead: A Test Of Vision, Not Just Code',
    ])
    expect(new Set(body.map((b) => b._key)).size).toBe(body.length)
  })

  it('gives the hero image the seed alt text and an asset id derived from its bytes', () => {
    const hero = post.heroImage as {alt: string; asset: {_ref: string}}
    expect(hero.alt).toBe(fixture.heroImage.alt)
    const image = content.images.find((i) => i.assetId === hero.asset._ref)
    expect(image?.assetId).toMatch(/^image-[0-9a-f]{40}-1200x675-png$/)
    expect(pngDescription(image!.bytes)).toBe(fixture.heroImage.alt)
  })

  it('links previous and next posts both ways, with their titles and alt texts', () => {
    expect(post.previous).toEqual({_type: 'reference', _ref: SEED_IDS.previous})
    expect(post.next).toEqual({_type: 'reference', _ref: SEED_IDS.next})
    const previous = byId(content.documents, SEED_IDS.previous)
    const next = byId(content.documents, SEED_IDS.next)
    expect(previous.title).toBe(fixture.previous.title)
    expect((previous.heroImage as {alt: string}).alt).toBe(fixture.previous.heroImage.alt)
    expect(previous.next).toEqual({_type: 'reference', _ref: SEED_IDS.post})
    expect(next.title).toBe(fixture.next.title)
    expect((next.heroImage as {alt: string}).alt).toBe(fixture.next.heroImage.alt)
    expect(next.previous).toEqual({_type: 'reference', _ref: SEED_IDS.post})
  })

  it('tags the post with keyed references to tags that exist', () => {
    const tags = post.tags as Array<{_ref: string; _key: string}>
    expect(tags.length).toBeGreaterThanOrEqual(2)
    for (const tag of tags) {
      expect(tag._key).toMatch(/^[0-9a-f]{12}$/)
      expect(byId(content.documents, tag._ref)._type).toBe('tag')
    }
  })

  it('has an empty reaction tally for every reaction kind', () => {
    const reaction = byId(content.documents, SEED_IDS.reaction)
    expect(reaction.post).toEqual({_type: 'reference', _ref: SEED_IDS.post, _weak: true})
    expect(reaction.counts).toEqual({
      happy: 0,
      sad: 0,
      excited: 0,
      sleepy: 0,
      angry: 0,
      surprise: 0,
    })
    expect(SEED_IDS.reaction).not.toContain('.')
  })

  it('estimates the read time as the Studio does, within 15 s of the old site’s 7:39', () => {
    const readTime = post.readTime as Record<string, unknown>
    expect(readTime).toEqual(
      toReadTimeValue(estimateReadTime(post.body, {heroImage: post.heroImage})),
    )
    expect(readTime).toMatchObject({words: 1501, images: 1, wordsPerMinute: 200})
    expect(Math.abs((readTime.seconds as number) - fixture.displayedReadTimeSeconds)).toBeLessThan(
      15,
    )
    for (const id of [SEED_IDS.previous, SEED_IDS.next]) {
      const linked = byId(content.documents, id)
      expect(linked.readTime).toEqual(
        toReadTimeValue(estimateReadTime(linked.body, {heroImage: linked.heroImage})),
      )
    }
  })

  it('is deterministic, so seeding twice writes the same documents and images', () => {
    const again = buildSeedContent(loadSeedArticle())
    expect(again.documents).toEqual(content.documents)
    expect(again.images.map((i) => i.assetId)).toEqual(content.images.map((i) => i.assetId))
  })

  it('lists referenced documents before the documents that reference them', () => {
    const order = content.documents.map((d) => d._id)
    expect(order.indexOf('tag-ai')).toBeLessThan(order.indexOf(SEED_IDS.post))
    expect(order.indexOf(SEED_IDS.post)).toBeLessThan(order.indexOf(SEED_IDS.reaction))
  })
})

describe('seed helpers', () => {
  it('slugifies curly apostrophes and punctuation away', () => {
    expect(slugify('Powell, Trump, DOJ: The High-Stakes Content Context')).toBe(
      'powell-trump-doj-the-high-stakes-content-context',
    )
    expect(slugify('  Ünïcode   ')).toBe('unicode')
    expect(slugify('')).toBe('')
  })

  it('drops the old dateline and cuts the excerpt at a sentence', () => {
    const excerpt = excerptFrom(fixture.body[0].text)
    expect(excerpt.startsWith('Mistral ai just vaulted')).toBe(true)
    expect(excerpt.length).toBeLessThanOrEqual(300)
    // The third sentence mentions "U.S. platforms": not a sentence end, so the excerpt stops
    // after the second (it used to end "…planning. S.").
    expect(excerpt.endsWith('logistics, and operational planning.')).toBe(true)
    expect(excerptFrom('Short.')).toBe('Short.')
  })

  it.each([
    // Initials and initialisms are not sentence ends, before a capital or not.
    [
      'Talks with U.S. Treasury staff went on. More later.',
      45,
      'Talks with U.S. Treasury staff went on.',
    ],
    [
      'Paid by J. Smith and e.g. others today. The end.',
      45,
      'Paid by J. Smith and e.g. others today.',
    ],
    // A full stop inside a number or a domain, or before a lower-case word, is no end either.
    ['It costs 3.5 billion. See news.example for more. Done.', 40, 'It costs 3.5 billion.'],
    ['Prices rose by 5 p.c. in march. Then fell.', 35, 'Prices rose by 5 p.c. in march.'],
    // Question marks, exclamation marks and a closing quote end sentences too.
    ['“Why now?” she asked. “Because.” Then silence.', 40, '“Why now?” she asked. “Because.”'],
  ])('cuts %j (max %i) after a real sentence end', (text, max, expected) => {
    expect(excerptFrom(text, max)).toBe(expected)
  })

  it('cuts a first sentence longer than the limit at a word, with an ellipsis', () => {
    const excerpt = excerptFrom(
      'One very long sentence without any stop at all, going on and on',
      30,
    )
    expect(excerpt).toBe('One very long sentence…')
    expect(excerpt.length).toBeLessThanOrEqual(30)
    expect(excerptFrom('Supercalifragilisticexpialidocious', 10)).toBe('Supercali…')
  })

  it('renders PNGs with the requested size and rejects bad sizes', () => {
    const png = createPlaceholderPng({width: 40, height: 20, from: [0, 0, 0], to: [255, 255, 255]})
    expect(pngSize(png)).toEqual({width: 40, height: 20})
    expect(pngDescription(png)).toBeUndefined()
    expect(() =>
      createPlaceholderPng({width: 0, height: 5, from: [0, 0, 0], to: [0, 0, 0]}),
    ).toThrow(/bad size/)
  })
})
