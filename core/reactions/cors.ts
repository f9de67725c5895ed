/** Which browser pages may call the reaction API, and the CORS headers that say so. */
import {ReactionError} from './errors.ts'

export const ALLOWED_METHODS = 'GET, POST, OPTIONS'

/**
 * CORS headers for an allowed cross-origin caller. A browser request from any other origin is
 * refused (so a foreign page cannot vote with the reader's cookie); requests without `Origin`
 * (servers, curl) and same-origin requests pass with none.
 */
export function corsHeaders(
  request: Request,
  allowed: ReadonlySet<string>,
): Record<string, string> {
  const origin = request.headers.get('origin')
  if (origin === null || origin === new URL(request.url).origin) return {}
  if (!allowed.has(origin)) {
    throw new ReactionError('originNotAllowed', `Origin ${origin} may not call this API`)
  }
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-credentials': 'true',
    'access-control-expose-headers': 'retry-after',
    vary: 'Origin',
  }
}

/** The answer to a preflight from an allowed origin. */
export function preflightResponse(cors: Record<string, string>): Response {
  return new Response(null, {
    status: 204,
    headers: {
      ...cors,
      'access-control-allow-methods': ALLOWED_METHODS,
      'access-control-allow-headers': 'content-type',
      'access-control-max-age': '600',
    },
  })
}
