/**
 * `GET /api/preview/live`: on a preview page, a server-sent event stream with a `change` event
 * whenever a document changes in the lake, drafts included (the lake's listener, through the
 * site's read token on the server). The preview script fetches its page again on each, so an
 * edit shows in the Presentation tool's frame as soon as the lake has it, without waiting for the
 * Studio to tell the frame. Preview requests only: anyone else gets a 401.
 */
import type {SanityClient} from '@sanity/client'
import type {Context} from 'hono'
import {streamSSE} from 'hono/streaming'

export const PREVIEW_LIVE_PATH = '/api/preview/live'
const TAG = 'web.preview-live'

/** The route handler; `client` reads drafts with the preview read token. */
export function createPreviewLiveRoute(client: SanityClient) {
  return (c: Context) => {
    if (!c.get('preview')) return c.json({error: 'preview mode only'}, 401)
    return streamSSE(c, async (stream) => {
      const closed = new Promise<void>((resolve) => stream.onAbort(resolve))
      const subscription = client
        .listen(
          '*',
          {},
          {
            events: ['mutation', 'reconnect'],
            includeResult: false,
            includePreviousRevision: false,
            visibility: 'query',
            tag: TAG,
          },
        )
        .subscribe({
          next(event) {
            const id = event.type === 'mutation' ? event.documentId : ''
            if (!stream.aborted) void stream.writeSSE({event: 'change', data: id})
          },
          error: () => void stream.close(),
        })
      await closed
      subscription.unsubscribe()
    })
  }
}
