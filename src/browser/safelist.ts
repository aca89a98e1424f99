/**
 * Whether a request needs a CORS preflight, by the Fetch standard:
 * https://fetch.spec.whatwg.org/#cors-safelisted-method and
 * https://fetch.spec.whatwg.org/#cors-safelisted-request-header.
 */
import { normalizeMethod, type BrowserRequest } from './request.js'

/** GET, HEAD and POST never need a preflight on their own. */
export function isCorsSafelistedMethod(method: string): boolean {
  return method === 'GET' || method === 'HEAD' || method === 'POST'
}

/** Longest value a safelisted request header may have. */
export const MAX_SAFELISTED_VALUE_LENGTH = 128
/** Longest total of all safelisted values before they all count as unsafe. */
export const MAX_SAFELISTED_TOTAL_LENGTH = 1024

/** https://fetch.spec.whatwg.org/#cors-unsafe-request-header-byte */
function hasUnsafeByte(value: string): boolean {
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index)
    if ((code < 0x20 && code !== 0x09) || code === 0x7f || '"():<>?@[\\]{}'.includes(value[index] as string)) return true
  }
  return false
}

const LANGUAGE_VALUE = /^[0-9A-Za-z *,\-.;=]*$/
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/
const SAFELISTED_CONTENT_TYPES: ReadonlySet<string> = new Set([
  'application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain',
])

/** The essence (`type/subtype`, lower-case) of a MIME type, or `undefined` when it does not parse. */
function mimeEssence(value: string): string | undefined {
  const [head = ''] = value.split(';', 1)
  const slash = head.indexOf('/')
  if (slash < 0) return undefined
  const type = head.slice(0, slash).replace(/^[\t\n\r ]+/, '')
  const subtype = head.slice(slash + 1).replace(/[\t\n\r ]+$/, '')
  if (!TOKEN.test(type) || !TOKEN.test(subtype)) return undefined
  return `${type}/${subtype}`.toLowerCase()
}

/** `bytes=N-` or `bytes=N-M` with N <= M: https://fetch.spec.whatwg.org/#simple-range-header-value */
function isSimpleRange(value: string): boolean {
  const match = /^bytes=(\d+)-(\d*)$/.exec(value)
  if (match === null) return false
  const [, start = '', end = ''] = match
  return end === '' || BigInt(start) <= BigInt(end)
}

/** https://fetch.spec.whatwg.org/#cors-safelisted-request-header */
export function isCorsSafelistedRequestHeader(name: string, value: string): boolean {
  if (value.length > MAX_SAFELISTED_VALUE_LENGTH) return false
  switch (name.toLowerCase()) {
    case 'accept': return !hasUnsafeByte(value)
    case 'accept-language': case 'content-language': return LANGUAGE_VALUE.test(value)
    case 'content-type': {
      if (hasUnsafeByte(value)) return false
      const essence = mimeEssence(value)
      return essence !== undefined && SAFELISTED_CONTENT_TYPES.has(essence)
    }
    case 'range': return isSimpleRange(value)
    default: return false
  }
}

const FORBIDDEN_REQUEST_HEADERS: ReadonlySet<string> = new Set([
  'accept-charset', 'accept-encoding', 'access-control-request-headers', 'access-control-request-method',
  'connection', 'content-length', 'cookie', 'cookie2', 'date', 'dnt', 'expect', 'host', 'keep-alive',
  'origin', 'referer', 'set-cookie', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'via',
])

/**
 * Headers page script cannot set (fetch drops them silently):
 * https://fetch.spec.whatwg.org/#forbidden-request-header
 */
export function isForbiddenRequestHeader(name: string): boolean {
  const lower = name.toLowerCase()
  return FORBIDDEN_REQUEST_HEADERS.has(lower) || lower.startsWith('proxy-') || lower.startsWith('sec-')
}

/**
 * The headers a request really carries: forbidden ones dropped, and names
 * that differ only in case combined into one value joined by `", "`, as
 * fetch's header list does.
 */
export function settableHeaders(headers: Readonly<Record<string, string>>): Array<[string, string]> {
  const byName = new Map<string, [string, string]>()
  for (const [name, value] of Object.entries(headers)) {
    if (isForbiddenRequestHeader(name)) continue
    const lower = name.toLowerCase()
    const existing = byName.get(lower)
    byName.set(lower, existing === undefined ? [name, value] : [existing[0], `${existing[1]}, ${value}`])
  }
  return [...byName.values()]
}

/**
 * The CORS-unsafe request-header names, lower-case and sorted, as sent in
 * `Access-Control-Request-Headers`:
 * https://fetch.spec.whatwg.org/#cors-unsafe-request-header-names
 */
export function corsUnsafeRequestHeaderNames(headers: Readonly<Record<string, string>>): string[] {
  const unsafe = new Set<string>()
  const safelisted: string[] = []
  let total = 0
  for (const [name, value] of settableHeaders(headers)) {
    const lower = name.toLowerCase()
    if (isCorsSafelistedRequestHeader(lower, value)) {
      safelisted.push(lower)
      total += value.length
    } else {
      unsafe.add(lower)
    }
  }
  // Five names of at most 128 bytes cannot reach the limit today; the
  // standard keeps it for safelisted names added later, and so does this.
  if (total > MAX_SAFELISTED_TOTAL_LENGTH) for (const name of safelisted) unsafe.add(name)
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
  const settable = settableHeaders(request.headers)
  for (const name of headerNames) {
    const [original = name, value = ''] = settable.find(([candidate]) => candidate.toLowerCase() === name) ?? []
    reasons.push(unsafeHeaderReason(original, value))
  }
  if (reasons.length === 0) return { needed: false, method, headerNames }
  return { needed: true, why: reasons.join('; '), method, headerNames }
}

function unsafeHeaderReason(name: string, value: string): string {
  const lower = name.toLowerCase()
  if (value.length > MAX_SAFELISTED_VALUE_LENGTH && ['accept', 'accept-language', 'content-language', 'content-type', 'range'].includes(lower)) {
    return `${name} is longer than ${MAX_SAFELISTED_VALUE_LENGTH} bytes`
  }
  if (lower === 'content-type') {
    return `${name}: ${value} is not CORS-safelisted (only text/plain, multipart/form-data and application/x-www-form-urlencoded are)`
  }
  if (['accept', 'accept-language', 'content-language', 'range'].includes(lower)) {
    return isCorsSafelistedRequestHeader(lower, value)
      ? `the safelisted headers' values add up to more than ${MAX_SAFELISTED_TOTAL_LENGTH} bytes`
      : `${name}: ${value} is not a CORS-safelisted value`
  }
  return `${name} is not a CORS-safelisted request header`
}
