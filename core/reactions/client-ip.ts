/**
 * Whose request it is, for the per-IP rate limit: one rule for the reaction handler and the
 * reader site. No forwarded header is trusted unless `trustProxy` says so, because a client can
 * write any header it likes; behind proxies, the address the nearest trusted proxy saw is used.
 */

/**
 * Which proxies stand between readers and the server.
 *
 * - a number of hops: that many proxies each append the address they saw to `X-Forwarded-For`
 *   (nginx's `$proxy_add_x_forwarded_for`, most load balancers); the reader's address is the one
 *   the outermost trusted proxy appended, counted from the right. Anything further left was written
 *   by the client and is never used.
 * - `{header}`: a platform that overwrites a header of its own with the address it saw, e.g.
 *   `{header: 'cf-connecting-ip'}` (Cloudflare) or `{header: 'fly-client-ip'}` (Fly.io).
 */
export type TrustProxy = number | {header: string}

const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/

/** Why `value` cannot be a `trustProxy` option, or undefined when it can. */
export function trustProxyProblem(value: unknown): string | undefined {
  if (Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 10) return undefined
  const header = (value as {header?: unknown} | null)?.header
  if (typeof value === 'object' && typeof header === 'string' && HEADER_NAME.test(header)) {
    return undefined
  }
  return 'must be a number of proxy hops (0 to 10) or {header: "<name>"}'
}

/**
 * The reader's address: `peer` (the socket's) unless `trustProxy` names proxies in front, then
 * the address the nearest trusted proxy saw, falling back to `peer` when the header is missing.
 */
export function clientAddress(
  headers: Headers,
  peer: string | undefined,
  trustProxy: TrustProxy | undefined,
): string | undefined {
  if (trustProxy === undefined || trustProxy === 0) return peer
  if (typeof trustProxy === 'object') {
    return headers.get(trustProxy.header)?.split(',')[0]?.trim() || peer
  }
  const hops = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((address) => address.trim())
    .filter((address) => address !== '')
  if (hops.length === 0) return peer
  return hops[Math.max(0, hops.length - trustProxy)]
}
