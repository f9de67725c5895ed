/**
 * The chronological chain of a set of posts: each post's previous (the one published just
 * before it) and next (just after), by `publishedAt` with the id breaking ties: the order the
 * GROQ fallback of `previousNextProjection` follows, so links set from it agree with what readers
 * would get without links. Used by importers to link the posts they bring in.
 */
import {publishedIdOf} from '../ids.ts'
import {chronological} from './rank.ts'

/** A post to place in the chain. */
export interface ChainPost {
  /** Draft or published id; links use the published id. */
  id: string
  publishedAt?: string | null
}

/** A post's neighbours in the chain (published ids); absent at either end. */
export interface ChainLinks {
  previous?: string
  next?: string
}

/**
 * Orders `posts` by publish date (ties by id) and returns each one's neighbours, keyed by
 * published id. Posts without a valid date have no place in time and get no links; a post listed
 * twice (draft and published) counts once.
 */
export function chronologicalChain(posts: readonly ChainPost[]): Map<string, ChainLinks> {
  const dated = new Map<string, number>()
  for (const post of posts) {
    const id = publishedIdOf(post.id)
    const time = post.publishedAt ? Date.parse(post.publishedAt) : Number.NaN
    if (id && !Number.isNaN(time) && !dated.has(id)) dated.set(id, time)
  }
  const order = [...dated].sort(([aId, aTime], [bId, bTime]) =>
    chronological(aTime, aId, bTime, bId),
  )
  const chain = new Map<string, ChainLinks>()
  order.forEach(([id], index) => {
    const links: ChainLinks = {}
    const previous = order[index - 1]?.[0]
    const next = order[index + 1]?.[0]
    if (previous) links.previous = previous
    if (next) links.next = next
    chain.set(id, links)
  })
  return chain
}
