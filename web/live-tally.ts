/**
 * The live tally of a post and the reader's own reaction, read through the reaction handler's
 * `GET` (the write client, no CDN), for a reader the site knows by cookie.
 */
import type {ReactionHandler, ReactionResult} from 'sanity-plugin-newsroom/reactions'
import type {ReactionTally} from './reactions.tsx'

/**
 * Asks `reactions` for `postId`'s tally as the reader of `request` (their cookies) sees it:
 * undefined when it cannot answer, and the page shows the CDN's tally instead.
 */
export async function readLiveTally(
  reactions: ReactionHandler,
  request: Request,
  postId: string,
  clientIp: string | undefined,
): Promise<ReactionTally | undefined> {
  const url = new URL('/api/reactions', request.url)
  url.searchParams.set('postId', postId)
  const response = await reactions(new Request(url, {headers: request.headers}), {clientIp})
  if (!response.ok) return undefined
  const {percentages, total, reaction} = (await response.json()) as ReactionResult
  return {percentages, total, reaction}
}
