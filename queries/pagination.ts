/**
 * Keyset pagination for the listing queries: a page ends at a cursor, the `(publishedAt, _id)` of
 * its last post, and the next page starts strictly after it. Unlike an offset, a cursor costs the
 * same on page 1 and page 500, and posts published meanwhile never shift a page.
 */

/** Where a page of posts ended: its last post's `publishedAt` and `_id`. */
export interface PostCursor {
  publishedAt: string
  id: string
}

/** A page of posts and the cursor of the next page (null on the last page). */
export interface CursorPage<Item> {
  items: Item[]
  nextCursor: PostCursor | null
}

/**
 * The `$cursor` and `$limit` parameters of a listing query. One row more than a page is asked
 * for, so `toCursorPage` knows whether another page follows.
 */
export function cursorPageParams(
  cursor: PostCursor | null,
  pageSize: number,
): {cursor: PostCursor | null; limit: number} {
  if (!Number.isInteger(pageSize) || pageSize < 1) {
    throw new RangeError(`pageSize must be a positive integer, got ${pageSize}`)
  }
  return {cursor, limit: pageSize + 1}
}

/**
 * A publish date a page can continue from, as stored: a date-time, or a date alone (imported
 * posts, older schemas). `toCursorPage` emits and `decodeCursor` accepts exactly these, so every
 * "next page" link the site writes is one it accepts.
 */
const CURSOR_DATE = /^\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:\d{2})?)?$/
const CURSOR_ID = /^[A-Za-z0-9._-]{1,128}$/

/**
 * Splits the rows of a listing query fetched with `cursorPageParams` into a page and its next
 * cursor: none when the page's last post has no publish date to continue from.
 */
export function toCursorPage<Item extends {_id: string; publishedAt: string | null}>(
  rows: Item[],
  pageSize: number,
): CursorPage<Item> {
  const items = rows.slice(0, pageSize)
  const last = items.at(-1)
  const hasMore = rows.length > pageSize
  return {
    items,
    nextCursor:
      hasMore && last?.publishedAt && CURSOR_DATE.test(last.publishedAt) && CURSOR_ID.test(last._id)
        ? {publishedAt: last.publishedAt, id: last._id}
        : null,
  }
}

/** A cursor as one URL query value: `2026-11-25T09:00:00.000Z~post-id`. */
export function encodeCursor(cursor: PostCursor): string {
  return `${cursor.publishedAt}~${cursor.id}`
}

/**
 * The cursor in a URL query value, or null when the value is not one `encodeCursor` could have
 * written (a reader editing the URL gets the first page's behaviour decided by the caller).
 */
export function decodeCursor(value: string): PostCursor | null {
  const tilde = value.lastIndexOf('~')
  const publishedAt = value.slice(0, tilde)
  const id = value.slice(tilde + 1)
  if (tilde < 0 || !CURSOR_DATE.test(publishedAt) || !CURSOR_ID.test(id)) return null
  return {publishedAt, id}
}
