/**
 * The demo content (`scripts/seed-content.ts`, built from the real article the publication is
 * moving off) as a fixture dataset for the site's in-process tests: the seed documents with the
 * system fields a lake adds, and an asset document for each placeholder image.
 */
import type {FixtureDocument} from '../fixtures/queries/dataset.ts'
import {buildSeedContent, type SeedContent} from '../../scripts/seed-content.ts'

/** When the seed documents were written, as a lake would stamp them. */
export const SEED_WRITTEN_AT = '2026-11-25T09:30:00.000Z'

/** The seed documents and their image assets, as `createFixtureClient` takes them. */
export function seedFixtureDocuments(content: SeedContent = buildSeedContent()): FixtureDocument[] {
  const assets = content.images.map((image) => {
    const [, sha1, size, extension] =
      /^image-([0-9a-f]+)-(\d+x\d+)-(\w+)$/.exec(image.assetId) ?? []
    const [width, height] = (size ?? '0x0').split('x').map(Number)
    const url = `https://cdn.sanity.io/images/fixture/production/${sha1}-${size}.${extension}`
    return {
      _id: image.assetId,
      _type: 'sanity.imageAsset',
      url,
      metadata: {dimensions: {width, height, aspectRatio: (width ?? 1) / (height ?? 1)}},
    }
  })
  return [...assets, ...content.documents].map((document) => ({
    _createdAt: SEED_WRITTEN_AT,
    _updatedAt: SEED_WRITTEN_AT,
    _rev: `rev-${document._id}`,
    ...document,
  }))
}
