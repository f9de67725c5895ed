/**
 * The reaction buttons without JavaScript: a form post (`postId`, `slug`, `reaction`) turned into
 * the same vote as JSON through the reaction handler (same cookie, same origin check, same
 * limits), answered with a 303 back to the post, or a page saying why the vote was refused.
 */
import type {ReactionHandler} from 'sanity-plugin-newsroom/reactions'
import {postPath as postPathOf} from './paths.ts'

/** A reaction form post holds a post id, a slug and a reaction name: a few hundred bytes. */
export const MAX_FORM_BYTES = 2048
/** Sanity slugs are at most 96 characters here; longer ones cannot exist. */
export const MAX_SLUG_LENGTH = 200

/** What a reader who posted the reaction form sees when the vote was refused, by status. */
const VOTE_REFUSALS: Partial<Record<number, {title: string; message: string}>> = {
  404: {
    title: 'Post not found',
    message: 'This post no longer exists, so it cannot be reacted to.',
  },
  429: {
    title: 'Too many reactions',
    message: 'That was a lot of reactions in a short time. Please try again in a minute.',
  },
  503: {
    title: 'Temporarily unavailable',
    message: 'Your reaction could not be recorded right now. Please try again in a minute.',
  },
}
export const VOTE_REFUSED = {
  title: 'Reaction not recorded',
  message: 'Your reaction could not be recorded. Go back to the post and try again.',
}

/** Whether `request` is a form post (the buttons without JavaScript) rather than JSON. */
export function isFormPost(request: Request): boolean {
  return /^application\/x-www-form-urlencoded\s*(;|$)/i.test(
    request.headers.get('content-type') ?? '',
  )
}

/** How a form vote ended: recorded (go back to the post) or refused (say why). */
export type FormVoteOutcome =
  | {recorded: true; location: string; setCookie: string | undefined}
  | {
      recorded: false
      status: number
      title: string
      message: string
      /** Back to the post, unless the post is gone or unknown. */
      postPath: string | undefined
      retryAfter: string | undefined
      setCookie: string | undefined
    }

/** Records the vote of a reaction form post through `reactions`. */
export async function submitFormVote(
  request: Request,
  reactions: ReactionHandler,
  clientIp: string | undefined,
): Promise<FormVoteOutcome> {
  const form = new URLSearchParams(await request.text())
  const slug = form.get('slug') ?? ''
  const postPath = slug.length > MAX_SLUG_LENGTH ? undefined : postPathOf(slug)
  if (slug === '' || !postPath) {
    return {
      recorded: false,
      status: 400,
      ...VOTE_REFUSED,
      postPath: undefined,
      retryAfter: undefined,
      setCookie: undefined,
    }
  }
  const reaction = form.has('reaction') ? form.get('reaction') || null : undefined
  const headers = new Headers(request.headers)
  headers.set('content-type', 'application/json')
  headers.delete('content-length')
  const vote = await reactions(
    new Request(request.url, {
      method: 'POST',
      headers,
      body: JSON.stringify({postId: form.get('postId'), reaction}),
    }),
    {clientIp},
  )
  const setCookie = vote.headers.get('set-cookie') ?? undefined
  if (vote.ok) return {recorded: true, location: `${postPath}#reactions`, setCookie}
  return {
    recorded: false,
    status: vote.status,
    ...(VOTE_REFUSALS[vote.status] ?? VOTE_REFUSED),
    postPath: vote.status === 404 ? undefined : postPath,
    retryAfter: vote.headers.get('retry-after') ?? undefined,
    setCookie,
  }
}
