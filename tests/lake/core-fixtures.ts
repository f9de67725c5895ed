import {createPlaceholderPng} from '../../scripts/seed-png.ts'

/** A valid RGB PNG of `width`×`height`; `seed` varies the pixels (and so the SHA-1). */
export function tinyPng(width: number, height: number, seed = 0): Buffer {
  return createPlaceholderPng({
    width,
    height,
    from: [seed & 0xff, (seed >> 8) & 0xff, 90],
    to: [200, (seed * 7) & 0xff, 40],
    description: `test image ${seed}`,
  })
}
