import {describe, expect, it} from 'vitest'

import {FIXTURE_IMAGES} from '../tests/fixtures/queries/dataset.ts'
import {createFixtureClient} from '../tests/support/fixture-client.ts'
import {CARD_LAYOUT, createImageSourceBuilder, HERO_LAYOUT, type ImageFields} from './images.ts'

const images = createImageSourceBuilder(createFixtureClient().client)
const [, SHA1] = FIXTURE_IMAGES.photo.id.split('-')
const BASE = `https://cdn.sanity.io/images/fixture/production/${SHA1}-800x600.jpg`

function photo(fields: Partial<ImageFields> = {}): ImageFields {
  return {
    alt: 'Engineers at a console.',
    caption: null,
    crop: null,
    hotspot: null,
    asset: {_id: FIXTURE_IMAGES.photo.id, url: FIXTURE_IMAGES.photo.url, width: 800, height: 600},
    ...fields,
  }
}

describe('createImageSourceBuilder', () => {
  it('offers the layout widths up to the original, which stands in for larger ones', () => {
    expect(images(photo(), HERO_LAYOUT)).toEqual({
      src: `${BASE}?w=800&auto=format`,
      srcset: `${BASE}?w=640&auto=format 640w, ${BASE}?w=800&auto=format 800w`,
      sizes: HERO_LAYOUT.sizes,
      width: 800,
      height: 600,
    })
  })

  it('fits a fixed frame around the hotspot', () => {
    const source = images(
      photo({hotspot: {_type: 'sanity.imageHotspot', x: 0.5, y: 0.9, width: 0.2, height: 0.2}}),
      CARD_LAYOUT,
    )
    expect(source?.width).toBe(640)
    expect(source?.height).toBe(360)
    // 800 × 450 of the 800 × 600 original, pushed to the bottom where the hotspot is.
    expect(source?.src).toBe(`${BASE}?rect=0,150,800,450&w=640&h=360&auto=format`)
  })

  it('sizes a cropped image by the part the editor kept', () => {
    const source = images(
      photo({crop: {_type: 'sanity.imageCrop', top: 0.25, bottom: 0, left: 0.5, right: 0}}),
      HERO_LAYOUT,
    )
    expect(source).toMatchObject({
      width: 400,
      height: 450,
      src: `${BASE}?rect=400,150,400,450&w=400&auto=format`,
    })
  })

  it('reads the size from the asset id when the metadata has none', () => {
    const source = images(
      photo({asset: {_id: FIXTURE_IMAGES.photo.id, url: '', width: null, height: null}}),
      HERO_LAYOUT,
    )
    expect(source).toMatchObject({width: 800, height: 600})
  })

  it('gives nothing for an image without an asset or a readable size', () => {
    expect(images(photo({asset: null}), HERO_LAYOUT)).toBeNull()
    expect(
      images(
        photo({asset: {_id: 'image-broken', url: '', width: null, height: null}}),
        HERO_LAYOUT,
      ),
    ).toBeNull()
  })

  it('builds URLs on the local lake when the client points there', () => {
    const lake = createImageSourceBuilder(
      createFixtureClient({projectId: 'local', apiHost: 'https://localhost:3334'}).client,
    )
    expect(lake(photo(), HERO_LAYOUT)?.src).toBe(
      `https://localhost:3334/images/local/production/${SHA1}-800x600.jpg?w=800&auto=format`,
    )
  })
})
