/**
 * HTTP grammar and the Fetch standard's lists that decide which methods and
 * header names a CORS policy may name.
 */

/** RFC 9110 token: the syntax of methods and header names. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/

export function isToken(value: string): boolean {
  return TOKEN.test(value)
}

/** Methods fetch upper-cases before sending (Fetch: "normalize a method"). */
export const NORMALIZED_METHODS: ReadonlySet<string> = new Set(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT'])

/** Methods fetch refuses to send (Fetch: "forbidden method"); TRACK is IE's TRACE. */
export const FORBIDDEN_METHODS: ReadonlySet<string> = new Set(['CONNECT', 'TRACE', 'TRACK'])

/**
 * Request headers page script can never set (Fetch: "forbidden request-header"),
 * lower-case. Listing one in allowedHeaders does nothing but mislead.
 */
export const FORBIDDEN_REQUEST_HEADERS: ReadonlySet<string> = new Set([
  'accept-charset', 'accept-encoding', 'access-control-request-headers', 'access-control-request-method',
  'connection', 'content-length', 'cookie', 'cookie2', 'date', 'dnt', 'expect', 'host', 'keep-alive',
  'origin', 'referer', 'set-cookie', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'via',
])

/** Also forbidden: every name starting with these prefixes. */
export const FORBIDDEN_REQUEST_HEADER_PREFIXES: readonly string[] = ['proxy-', 'sec-']

export function isForbiddenRequestHeader(lowerName: string): boolean {
  return FORBIDDEN_REQUEST_HEADERS.has(lowerName) || FORBIDDEN_REQUEST_HEADER_PREFIXES.some((prefix) => lowerName.startsWith(prefix))
}

/** Response headers script can never read (Fetch: "forbidden response-header name"). */
export const FORBIDDEN_RESPONSE_HEADERS: ReadonlySet<string> = new Set(['set-cookie', 'set-cookie2'])
