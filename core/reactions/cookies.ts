/** The anonymous reader's cookie: reading every value a request carries, and writing a new one. */

/** How the reader cookie is written. */
export interface ReaderCookieOptions {
  cookieName: string
  cookiePath: string
  cookieMaxAgeSeconds: number
  cookieSameSite: 'Lax' | 'Strict' | 'None'
  cookieSecure: boolean
}

/**
 * Every value of cookie `name` in a `Cookie` header, in order. A request can carry the same name
 * more than once (`a=junk; a=<signed>`, one per path or domain); the caller must look at them all,
 * never trust the first alone.
 */
export function cookieValues(header: string | null, name: string): string[] {
  const values: string[] = []
  for (const part of header?.split(';') ?? []) {
    const eq = part.indexOf('=')
    if (eq > 0 && part.slice(0, eq).trim() === name) values.push(part.slice(eq + 1).trim())
  }
  return values
}

/** The `Set-Cookie` value for the reader cookie holding `value`. */
export function serializeReaderCookie(options: ReaderCookieOptions, value: string): string {
  return [
    `${options.cookieName}=${value}`,
    `Path=${options.cookiePath}`,
    `Max-Age=${options.cookieMaxAgeSeconds}`,
    'HttpOnly',
    `SameSite=${options.cookieSameSite}`,
    ...(options.cookieSecure ? ['Secure'] : []),
  ].join('; ')
}
