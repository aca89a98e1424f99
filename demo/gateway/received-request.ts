import type { IncomingMessage } from 'node:http'
import type { TLSSocket } from 'node:tls'

/**
 * What the front knows about one HTTP request, independent of node:http, so
 * the event builders are plain functions of data.
 */
export interface ReceivedRequest {
  method: string
  /** Path as sent, without the query string, e.g. `/rest/credentials/items`. */
  path: string
  /** Query string as sent, without the leading `?` (may be empty). */
  rawQuery: string
  /** Header lines in arrival order with the client's own spelling of each name. */
  headerLines: ReadonlyArray<readonly [name: string, value: string]>
  body: Buffer
  sourceIp: string
  scheme: 'http' | 'https'
  /** Port the client connected to, as API Gateway reports it in X-Forwarded-Port. */
  port: number
}

const maxBodyBytes = 1024 * 1024

/** Reads the whole request (bodies are small here) into a ReceivedRequest. */
export async function receiveRequest(request: IncomingMessage): Promise<ReceivedRequest> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request) {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk))
    size += bytes.length
    // API Gateway caps payloads too (10 MB); the demo needs far less.
    if (size > maxBodyBytes) throw new Error(`request body larger than ${maxBodyBytes} bytes`)
    chunks.push(bytes)
  }
  const target = request.url ?? '/'
  const queryAt = target.indexOf('?')
  const headerLines: Array<[string, string]> = []
  for (let i = 0; i + 1 < request.rawHeaders.length; i += 2) {
    headerLines.push([request.rawHeaders[i] ?? '', request.rawHeaders[i + 1] ?? ''])
  }
  const encrypted = (request.socket as Partial<TLSSocket>).encrypted === true
  return {
    method: request.method ?? 'GET',
    path: queryAt === -1 ? target : target.slice(0, queryAt),
    rawQuery: queryAt === -1 ? '' : target.slice(queryAt + 1),
    headerLines,
    body: Buffer.concat(chunks),
    sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
    scheme: encrypted ? 'https' : 'http',
    port: request.socket.localPort ?? 0,
  }
}

/** First value of a header, matched case-insensitively. */
export function headerValue(request: ReceivedRequest, name: string): string | undefined {
  const wanted = name.toLowerCase()
  return request.headerLines.find(([lineName]) => lineName.toLowerCase() === wanted)?.[1]
}

/**
 * Groups header lines by name, case-insensitively, keeping the spelling of the
 * first occurrence, as API Gateway does for `multiValueHeaders`.
 */
export function groupHeaderLines(
  lines: ReadonlyArray<readonly [string, string]>,
): Array<{ name: string; values: string[] }> {
  const groups = new Map<string, { name: string; values: string[] }>()
  for (const [name, value] of lines) {
    const key = name.toLowerCase()
    const group = groups.get(key)
    if (group) group.values.push(value)
    else groups.set(key, { name, values: [value] })
  }
  return [...groups.values()]
}

/** Decoded query parameters grouped by name, in arrival order. */
export function groupQuery(rawQuery: string): Array<{ name: string; values: string[] }> {
  const groups = new Map<string, string[]>()
  for (const [name, value] of new URLSearchParams(rawQuery)) {
    const values = groups.get(name)
    if (values) values.push(value)
    else groups.set(name, [value])
  }
  return [...groups].map(([name, values]) => ({ name, values }))
}

const textualContentType = /^(text\/|application\/(json|xml|x-www-form-urlencoded|[\w.+-]+\+(json|xml)))/i

/**
 * API Gateway passes text bodies as strings and everything else base64
 * encoded (HTTP APIs always do this; REST APIs do it for binary media types).
 */
export function encodeBody(request: ReceivedRequest): { body: string; isBase64Encoded: boolean } | undefined {
  if (request.body.length === 0) return undefined
  const contentType = headerValue(request, 'content-type') ?? ''
  if (contentType === '' || textualContentType.test(contentType)) {
    return { body: request.body.toString('utf8'), isBase64Encoded: false }
  }
  return { body: request.body.toString('base64'), isBase64Encoded: true }
}
