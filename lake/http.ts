/**
 * HTTP helpers shared by every lake route: the error type that carries Sanity-shaped bodies, and
 * JSON/body plumbing over node's HTTP/2 compatibility API (which also serves HTTP/1.1).
 */
import type {IncomingMessage, ServerResponse} from 'node:http'
import type {Http2ServerRequest, Http2ServerResponse} from 'node:http2'
import type {LakeConfig} from './types.ts'

/** A response as route handlers see it: HTTP/2 or, through `allowHTTP1`, HTTP/1.1. */
export type LakeResponse = Http2ServerResponse | ServerResponse
/** The raw request behind a `LakeRequest`. */
export type LakeRawRequest = Http2ServerRequest | IncomingMessage

/**
 * An error that becomes an HTTP response with `status` and a JSON `body`. Anything else thrown by
 * a handler is a 500.
 */
export class LakeError extends Error {
  status: number
  body: unknown
  constructor(status: number, body: unknown, message?: string) {
    super(message ?? `HTTP ${status}`)
    this.name = 'LakeError'
    this.status = status
    this.body = body
  }

  /**
   * Sanity's data-API error shape: `{error: {type, description, ...extra}, statusCode}`, e.g.
   * type `queryParseError`, `mutationError`, `queryTimeout`.
   */
  static sanity(
    status: number,
    type: string,
    description: string,
    extra?: Record<string, unknown>,
  ): LakeError {
    return new LakeError(
      status,
      {error: {type, description, ...extra}, statusCode: status},
      description,
    )
  }

  /** Sanity's auth/API shape: `{statusCode, error, message}`, e.g. 401 Unauthorized. */
  static plain(status: number, error: string, message: string): LakeError {
    return new LakeError(status, {statusCode: status, error, message}, message)
  }
}

/** Write `body` as JSON with `status` (and extra headers) and end the response. */
export function sendJson(
  res: LakeResponse,
  status: number,
  body: unknown,
  headers?: Record<string, string>,
): void {
  sendJsonText(res, status, JSON.stringify(body), headers)
}

/** Send an already serialized JSON body. */
export function sendJsonText(
  res: LakeResponse,
  status: number,
  json: string,
  headers?: Record<string, string>,
): void {
  const payload = Buffer.from(json)
  res.statusCode = status
  res.setHeader('content-type', 'application/json; charset=utf-8')
  res.setHeader('content-length', String(payload.length))
  for (const [name, value] of Object.entries(headers ?? {})) res.setHeader(name, value)
  res.end(payload)
}

/**
 * Read a request body, failing with 413 as soon as it grows beyond `maxBytes` so an oversized
 * upload is never buffered whole.
 */
export function readBody(req: LakeRawRequest, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'])
  if (Number.isFinite(declared) && declared > maxBytes) {
    req.resume()
    return Promise.reject(tooLarge(maxBytes))
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let failed = false
    req.on('data', (chunk: Buffer) => {
      if (failed) return
      size += chunk.length
      if (size > maxBytes) {
        failed = true
        reject(tooLarge(maxBytes))
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => {
      if (!failed) resolve(Buffer.concat(chunks))
    })
    req.on('error', (error) => {
      if (!failed) reject(error)
      failed = true
    })
  })
}

function tooLarge(maxBytes: number): LakeError {
  return LakeError.sanity(413, 'requestEntityTooLarge', `Request body exceeds ${maxBytes} bytes`)
}

/** Parse a JSON body, with a Sanity-shaped 400 when it is not JSON. */
export function parseJsonBody(body: Buffer): unknown {
  const text = body.toString('utf8')
  if (text.trim() === '') {
    throw LakeError.sanity(400, 'httpBadRequest', 'Request body is empty; expected JSON')
  }
  try {
    return JSON.parse(text)
  } catch (error) {
    throw LakeError.sanity(
      400,
      'httpBadRequest',
      `Request body is not valid JSON: ${(error as Error).message}`,
    )
  }
}

/** The lake's public base URL, e.g. `https://localhost:3334` (loopback binds use `localhost`). */
export function lakeBaseUrl(config: Pick<LakeConfig, 'host' | 'port'>): string {
  const loopback = ['127.0.0.1', '0.0.0.0', '::', '::1', 'localhost'].includes(config.host)
  const host = loopback ? 'localhost' : config.host.includes(':') ? `[${config.host}]` : config.host
  return `https://${host}:${config.port}`
}
