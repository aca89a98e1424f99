/**
 * Whether a request needs a CORS preflight, by the Fetch standard:
 * https://fetch.spec.whatwg.org/#cors-safelisted-method and
 * https://fetch.spec.whatwg.org/#cors-safelisted-request-header.
 */
import { FORBIDDEN_METHODS, isForbiddenRequestHeader as isForbiddenRequestHeaderName } from '../policy/http-grammar.js'
import { normalizeMethod, type BrowserRequest } from './request.js'

/** GET, HEAD and POST never need a preflight on their own. */
export function isCorsSafelistedMethod(method: string): boolean {
  return method === 'GET' || method === 'HEAD' || method === 'POST'
}

/** Longest value a safelisted request header may have. */
export const MAX_SAFELISTED_VALUE_LENGTH = 128

/** https://fetch.spec.whatwg.org/#cors-unsafe-request-header-byte */
function hasUnsafeByte(value: string): boolean {
  for (const char of value) {
    const code = char.charCodeAt(0)
    if ((code < 0x20 && code !== 0x09) || code === 0x7f || '"():<>?@[\\]{}'.includes(char)) return true
  }
  return false
}

const LANGUAGE_VALUE = /^[0-9A-Za-z *,\-.;=]*$/
/** Leading and trailing HTTP whitespace (tab, LF, CR, space): https://fetch.spec.whatwg.org/#http-whitespace */
const SURROUNDING_HTTP_WHITESPACE = /^[\t\n\r ]+|[\t\n\r ]+$/g
const SAFELISTED_CONTENT_TYPES: ReadonlySet<string> = new Set([
  'application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain',
])

/**
 * Whether a MIME type parses (https://mimesniff.spec.whatwg.org/#parse-a-mime-type)
 * to one of the three safelisted essences. The essence is what comes before
 * the first `;`, without the HTTP whitespace around it, lower-cased. The
 * parser would also refuse a type or subtype that is not a token, but the
 * three essences are tokens, so comparing with them refuses those too.
 */
function hasSafelistedEssence(value: string): boolean {
  // split() returns at least one element.
  const [head] = value.split(';', 1) as [string]
  return SAFELISTED_CONTENT_TYPES.has(head.replace(SURROUNDING_HTTP_WHITESPACE, '').toLowerCase())
}

/** `bytes=N-` or `bytes=N-M` with N <= M: https://fetch.spec.whatwg.org/#simple-range-header-value */
function isSimpleRange(value: string): boolean {
  const match = /^bytes=(\d+)-(\d*)$/.exec(value)
  if (match === null) return false
  // Both groups always take part in a match.
  const start = match[1] as string
  const end = match[2] as string
  return end === '' || BigInt(start) <= BigInt(end)
}

/** https://fetch.spec.whatwg.org/#cors-safelisted-request-header */
export function isCorsSafelistedRequestHeader(name: string, value: string): boolean {
  if (value.length > MAX_SAFELISTED_VALUE_LENGTH) return false
  switch (name.toLowerCase()) {
    case 'accept': return !hasUnsafeByte(value)
    case 'accept-language': case 'content-language': return LANGUAGE_VALUE.test(value)
    case 'content-type': return !hasUnsafeByte(value) && hasSafelistedEssence(value)
    case 'range': return isSimpleRange(value)
    default: return false
  }
}

const METHOD_OVERRIDE_HEADERS: ReadonlySet<string> = new Set(['x-http-method', 'x-http-method-override', 'x-method-override'])

/**
 * Headers page script cannot set (fetch drops them silently):
 * https://fetch.spec.whatwg.org/#forbidden-request-header. That includes a
 * method-override header that names CONNECT, TRACE or TRACK among its
 * comma-separated values (a comma inside a quoted string splits too here,
 * where the standard would keep the string whole; a quoted method is never
 * forbidden either way).
 */
export function isForbiddenRequestHeader(name: string, value: string): boolean {
  const lower = name.toLowerCase()
  if (isForbiddenRequestHeaderName(lower)) return true
  return METHOD_OVERRIDE_HEADERS.has(lower)
    && value.split(',').some((method) => FORBIDDEN_METHODS.has(method.replace(/^[\t ]+|[\t ]+$/g, '').toUpperCase()))
}

/**
 * Headers Chromium drops when page script sets them, although the Fetch
 * standard lets script set them: `User-Agent` left the standard's forbidden
 * list, but Chromium still sends its own and asks no preflight for the
 * script's (checked by the browser suite). The model follows Chromium.
 */
const DROPPED_BY_CHROMIUM: ReadonlySet<string> = new Set(['user-agent'])

/**
 * The headers a request really carries: forbidden ones dropped (and the ones
 * Chromium drops), each value
 * without the HTTP whitespace around it (fetch normalizes every value it is
 * given: https://fetch.spec.whatwg.org/#concept-header-value-normalize), and
 * names that differ only in case combined into one value joined by `", "`,
 * as fetch's header list does.
 */
export function settableHeaders(headers: Readonly<Record<string, string>>): Array<[string, string]> {
  const byName = new Map<string, [string, string]>()
  for (const [name, raw] of Object.entries(headers)) {
    const value = raw.replace(SURROUNDING_HTTP_WHITESPACE, '')
    const lower = name.toLowerCase()
    if (isForbiddenRequestHeader(name, value) || DROPPED_BY_CHROMIUM.has(lower)) continue
    const existing = byName.get(lower)
    byName.set(lower, existing === undefined ? [name, value] : [existing[0], `${existing[1]}, ${value}`])
  }
  return [...byName.values()]
}

/**
 * The CORS-unsafe request-header names, lower-case and sorted, as sent in
 * `Access-Control-Request-Headers`:
 * https://fetch.spec.whatwg.org/#cors-unsafe-request-header-names. The
 * standard also turns every safelisted header unsafe when their values add
 * up to more than 1024 bytes; with five safelisted names of at most 128
 * bytes each (640 in all) that cannot happen, so it is left out.
 */
export function corsUnsafeRequestHeaderNames(headers: Readonly<Record<string, string>>): string[] {
  const unsafe = new Set<string>()
  for (const [name, value] of settableHeaders(headers)) {
    if (!isCorsSafelistedRequestHeader(name, value)) unsafe.add(name.toLowerCase())
  }
  return [...unsafe].sort()
}

/** Whether a preflight is needed, and why in words. */
export interface PreflightNeed {
  readonly needed: boolean
  /** The first reason a preflight is sent, for humans; absent when none is. */
  readonly why?: string
  /** The method the preflight announces (`Access-Control-Request-Method`). */
  readonly method: string
  /** The names the preflight announces (`Access-Control-Request-Headers`), lower-case, sorted. */
  readonly headerNames: readonly string[]
}

/** https://fetch.spec.whatwg.org/#cors-preflight-fetch: when a `fetch()` in CORS mode sends one first. */
export function preflightNeed(request: Pick<BrowserRequest, 'method' | 'headers'>): PreflightNeed {
  const method = normalizeMethod(request.method)
  const headerNames = corsUnsafeRequestHeaderNames(request.headers)
  const reasons: string[] = []
  if (!isCorsSafelistedMethod(method)) reasons.push(`${method} is not a CORS-safelisted method (GET, HEAD, POST)`)
  const settable = new Map(settableHeaders(request.headers).map(([name, value]) => [name.toLowerCase(), [name, value] as const]))
  for (const name of headerNames) {
    // Every unsafe name is the lower-cased name of a settable header.
    const [original, value] = settable.get(name) as readonly [string, string]
    reasons.push(unsafeHeaderReason(original, value))
  }
  if (reasons.length === 0) return { needed: false, method, headerNames }
  return { needed: true, why: reasons.join('; '), method, headerNames }
}

function unsafeHeaderReason(name: string, value: string): string {
  const lower = name.toLowerCase()
  if (!['accept', 'accept-language', 'content-language', 'content-type', 'range'].includes(lower)) {
    return `${name} is not a CORS-safelisted request header`
  }
  if (value.length > MAX_SAFELISTED_VALUE_LENGTH) return `${name} is longer than ${MAX_SAFELISTED_VALUE_LENGTH} bytes`
  if (lower === 'content-type') {
    return `${name}: ${value} is not CORS-safelisted (only text/plain, multipart/form-data and application/x-www-form-urlencoded are)`
  }
  return `${name}: ${value} is not a CORS-safelisted value`
}
