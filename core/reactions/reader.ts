/**
 * Who a reader is, without storing who they are. Web Crypto only (no `node:crypto`), so this runs
 * on Node, Deno, Bun and edge runtimes alike.
 *
 * - A voter record is keyed by `HMAC-SHA256(secret, post + reader id)`: never the raw id, and
 *   without the secret nobody can link one reader's records on two posts.
 * - Readers without a login get a random id in a cookie, signed with the same secret under a
 *   different label, so a forged or edited cookie is recognised and replaced.
 */

/** Longer reader ids are rejected: they would only be a way to make the server hash megabytes. */
export const MAX_READER_ID_LENGTH = 512

const VOTER_LABEL = 'newsroom-reaction-voter'
const COOKIE_LABEL = 'newsroom-reader-cookie'
const READER_ID_BYTES = 16
const encoder = new TextEncoder()

/** The HMAC key for `secret`; import it once and reuse it. */
export function importReaderKey(secret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    {name: 'HMAC', hash: 'SHA-256'},
    false,
    ['sign', 'verify'],
  )
}

function base64url(bytes: Uint8Array): string {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

function fromBase64url(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(text) || text.length % 4 === 1) return undefined
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'))
  return Uint8Array.from(binary, (char) => char.charCodeAt(0))
}

/** Newlines cannot occur in a post id, so label, post and reader never run into each other. */
function voterMessage(postId: string, readerId: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(`${VOTER_LABEL}\n${postId}\n${readerId}`)
}

/** The keyed hash that stands for `readerId` on `postId` (43 characters, base64url). */
export async function hashReader(
  key: CryptoKey,
  postId: string,
  readerId: string,
): Promise<string> {
  const signature = await crypto.subtle.sign('HMAC', key, voterMessage(postId, readerId))
  return base64url(new Uint8Array(signature))
}

/** A new random reader id (128 bits, base64url). */
export function newReaderId(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(READER_ID_BYTES)))
}

/** The cookie value for `readerId`: `<id>.<signature>`. */
export async function signReaderCookie(key: CryptoKey, readerId: string): Promise<string> {
  const signature = await crypto.subtle.sign(
    'HMAC',
    key,
    encoder.encode(`${COOKIE_LABEL}\n${readerId}`),
  )
  return `${readerId}.${base64url(new Uint8Array(signature))}`
}

/** The reader id in a cookie value signed with `key`, or undefined if it is not one. */
export async function verifyReaderCookie(
  key: CryptoKey,
  value: string | undefined,
): Promise<string | undefined> {
  if (!value || value.length > 200) return undefined
  const dot = value.indexOf('.')
  const readerId = value.slice(0, dot)
  const signature = fromBase64url(value.slice(dot + 1))
  if (dot <= 0 || !signature || !/^[A-Za-z0-9_-]+$/.test(readerId)) return undefined
  // `verify` compares in constant time.
  const valid = await crypto.subtle.verify(
    'HMAC',
    key,
    signature,
    encoder.encode(`${COOKIE_LABEL}\n${readerId}`),
  )
  return valid ? readerId : undefined
}
