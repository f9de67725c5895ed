/** Reading a request body with a size limit that holds even without a `Content-Length`. */
import {ReactionError} from './errors.ts'

function tooLarge(maxBytes: number): ReactionError {
  return new ReactionError('payloadTooLarge', `The request body is larger than ${maxBytes} bytes`)
}

/** Refuses a request whose declared `Content-Length` is over `maxBytes`, before reading it. */
export function checkDeclaredLength(request: Request, maxBytes: number): void {
  const declared = Number(request.headers.get('content-length') ?? 0)
  if (declared > maxBytes) throw tooLarge(maxBytes)
}

/** The body as UTF-8 text, refusing more than `maxBytes` even when no Content-Length was sent. */
export async function readBody(request: Request, maxBytes: number): Promise<string> {
  if (!request.body) return ''
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const {done, value} = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > maxBytes) {
      await reader.cancel()
      throw tooLarge(maxBytes)
    }
    chunks.push(value)
  }
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  try {
    return new TextDecoder('utf-8', {fatal: true}).decode(bytes)
  } catch {
    throw new ReactionError('invalidInput', 'The request body is not valid UTF-8')
  }
}
