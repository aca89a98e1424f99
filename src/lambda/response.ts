/**
 * Lambda HTTP responses: turning a handler result into a response the
 * integration will read, and writing CORS headers into it.
 *
 * The result object is never mutated (a handler may return a shared
 * constant): headers are written into copies. Copies are made with
 * `Object.assign({}, ...)`: on Node 20, adding properties to an object made
 * by spread costs a new hidden class per property.
 */
import type { CorsHeaderSet } from '../headers/rules.js'
import type { HttpEventShape } from './event.js'

type Fields = Record<string, unknown>
type HeaderMap = Record<string, unknown>

function isObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * HTTP API 2.0 and Function URLs accept a bare result: API Gateway turns a
 * string or an object without `statusCode` into a 200 JSON response. The
 * wrapping is done here, the way API Gateway would, so headers can be added.
 * Results other integrations cannot read, and `undefined`, are returned as
 * they are.
 */
export function toHttpResponse(result: unknown, shape: HttpEventShape): Fields | undefined {
  if (isObject(result) && typeof result.statusCode === 'number') return result
  if (shape !== 'api-gateway-v2' || result === undefined || result === null) return undefined
  if (typeof result === 'string') return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: result }
  let body: string | undefined
  try {
    body = JSON.stringify(result)
  } catch {
    return undefined // not serialisable: API Gateway would fail too; leave it
  }
  if (body === undefined) return undefined
  return { statusCode: 200, headers: { 'content-type': 'application/json' }, body }
}

/** ALB in multi-value mode reads only `multiValueHeaders`, so everything goes there. */
function usesMultiValueHeaders(shape: HttpEventShape): boolean {
  return shape === 'alb-multi-value'
}

/** A header name the policy owns (`access-control-*`) or merges (`vary`), in any case. */
function isCorsOrVary(name: string): boolean {
  const first = name.charCodeAt(0) | 0x20 // lower-case an ASCII letter
  if (first === 0x61 /* a */) return name.length > 15 && name.slice(0, 15).toLowerCase() === 'access-control-'
  return first === 0x76 /* v */ && name.length === 4 && name.toLowerCase() === 'vary'
}

/** What a header map held of Vary and Access-Control-*: removed from the copy. */
interface Removed {
  vary: string[] | undefined
  /** Lower-case names of the Access-Control-* headers, for writing back to the same map. */
  cors: string[] | undefined
}

/** Copies a header map without its Vary and Access-Control-* headers, collecting what they held. */
function copyWithout(map: HeaderMap, removed: Removed): HeaderMap {
  let copy: HeaderMap | undefined
  for (const name in map) {
    if (!isCorsOrVary(name)) continue
    copy ??= Object.assign({}, map)
    if (name.length === 4) pushVary((removed.vary ??= []), map[name])
    else (removed.cors ??= []).push(name.toLowerCase())
    delete copy[name]
  }
  return copy ?? Object.assign({}, map)
}

/**
 * Returns a copy of `response` whose CORS headers are exactly `set`: every
 * `Access-Control-*` header the handler wrote, in any case and in either map,
 * is removed first (two Allow-Origin headers fail in every browser), and
 * `set.vary` is merged into an existing `Vary` without duplicates.
 */
export function writeCorsHeaders(response: Fields, set: CorsHeaderSet, shape: HttpEventShape): Fields {
  const fromSingle: Removed = { vary: undefined, cors: undefined }
  const fromMulti: Removed = { vary: undefined, cors: undefined }
  const single = isObject(response.headers) ? copyWithout(response.headers, fromSingle) : undefined
  const multi = isObject(response.multiValueHeaders) ? copyWithout(response.multiValueHeaders, fromMulti) : undefined

  const out: Fields = Object.assign({}, response)
  const preferMulti = usesMultiValueHeaders(shape)
  let singleOut = single
  let multiOut = multi
  for (const name in set.headers) {
    const value = set.headers[name] as string
    // Back to the map that held the handler's own header, else the shape's map.
    if (preferMulti || (fromMulti.cors !== undefined && fromMulti.cors.includes(name.toLowerCase()))) (multiOut ??= {})[name] = [value]
    else (singleOut ??= {})[name] = value
  }
  const existingVary = fromSingle.vary === undefined ? fromMulti.vary : fromMulti.vary === undefined ? fromSingle.vary : [...fromSingle.vary, ...fromMulti.vary]
  const vary = mergeVary(existingVary, set.vary)
  if (vary !== undefined) {
    if (preferMulti || fromMulti.vary !== undefined) (multiOut ??= {}).Vary = [vary]
    else (singleOut ??= {}).Vary = vary
  }
  if (singleOut !== undefined) out.headers = singleOut
  if (multiOut !== undefined) out.multiValueHeaders = multiOut
  return out
}

function pushVary(parts: string[], value: unknown): void {
  const values = Array.isArray(value) ? value : [value]
  for (const item of values) {
    if (item === undefined || item === null) continue
    for (const part of String(item).split(',')) {
      const trimmed = part.trim()
      if (trimmed !== '') parts.push(trimmed)
    }
  }
}

/** Existing Vary parts plus ours, case-insensitively unique; `*` already varies on everything. */
function mergeVary(existing: readonly string[] | undefined, ours: string | undefined): string | undefined {
  if (existing === undefined || existing.length === 0) return ours
  if (existing.includes('*')) return '*'
  if (ours === undefined) return existing.join(', ')
  const seen = new Set(existing.map((part) => part.toLowerCase()))
  const merged = [...existing]
  for (const part of ours.split(', ')) {
    if (!seen.has(part.toLowerCase())) {
      seen.add(part.toLowerCase())
      merged.push(part)
    }
  }
  return merged.join(', ')
}

/** Reason phrases of the statuses a preflight answer may have (optionsSuccessStatus is 2xx). */
const REASON_PHRASES: Readonly<Record<number, string>> = {
  200: 'OK', 201: 'Created', 202: 'Accepted', 203: 'Non-Authoritative Information', 204: 'No Content',
  205: 'Reset Content', 206: 'Partial Content', 207: 'Multi-Status', 208: 'Already Reported', 226: 'IM Used',
}

/**
 * The preflight answer: an empty-bodied response in the event's shape with
 * exactly the headers of `set`, plus the policy's `Cache-Control` for shared
 * caches when it has one. Built fresh, so nothing needs removing.
 */
export function preflightResponse(statusCode: number, set: CorsHeaderSet, shape: HttpEventShape, cacheControl?: string): Fields {
  const response: Fields = { statusCode, body: '' }
  if (shape === 'alb' || shape === 'alb-multi-value') {
    // ALB requires a status description ("204 No Content") in every response.
    const phrase = REASON_PHRASES[statusCode]
    response.statusDescription = phrase === undefined ? String(statusCode) : `${statusCode} ${phrase}`
    response.isBase64Encoded = false
  } else if (shape === 'vpc-lattice-v1' || shape === 'vpc-lattice-v2') {
    response.isBase64Encoded = false
  }
  if (usesMultiValueHeaders(shape)) {
    const headers: Record<string, string[]> = {}
    for (const name in set.headers) headers[name] = [set.headers[name] as string]
    if (set.vary !== undefined) headers.Vary = [set.vary]
    if (cacheControl !== undefined) headers['Cache-Control'] = [cacheControl]
    response.multiValueHeaders = headers
  } else {
    const headers: Record<string, string> = Object.assign({}, set.headers)
    if (set.vary !== undefined) headers.Vary = set.vary
    if (cacheControl !== undefined) headers['Cache-Control'] = cacheControl
    response.headers = headers
  }
  return response
}
