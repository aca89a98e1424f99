/**
 * Lambda HTTP responses: turning a handler result into a response the
 * integration will read, and writing CORS headers into it.
 *
 * The result object is never mutated (a handler may return a shared or
 * frozen constant): headers are written into copies. Copies use define
 * semantics, so a header named `__proto__` (JSON.parse makes one) stays a
 * header and never becomes the copy's prototype. A body is never read,
 * parsed or re-encoded: a stream, a Buffer or a string passes through as the
 * same value.
 */
import type { CorsHeaderSet } from '../headers/rules.js'
import type { HttpEventShape } from './event.js'

type Fields = Record<string, unknown>

const hasOwn = Object.prototype.hasOwnProperty
const getPrototypeOf = Object.getPrototypeOf
const objectPrototype = Object.prototype

function isObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A plain object or array: data API Gateway would JSON-encode, not a stream, Buffer or class instance. */
function isPlainData(value: object): boolean {
  if (Array.isArray(value)) return true
  const prototype: unknown = getPrototypeOf(value)
  return prototype === objectPrototype || prototype === null
}

/**
 * HTTP API 2.0 and Function URLs accept a bare result: API Gateway turns a
 * string or plain JSON data without `statusCode` into a 200 JSON response.
 * The wrapping is done here, the way API Gateway would, so headers can be
 * added. Anything else is returned as `undefined` (left alone): results
 * other integrations cannot read, `undefined`, a `statusCode` that is not a
 * number, and every body that is not JSON data: a Node `Readable`, a web
 * `ReadableStream`, a Buffer or typed array, a class instance, or a plain
 * object whose `body` is one of those (what middy streams).
 */
export function toHttpResponse(result: unknown, shape: HttpEventShape): Fields | undefined {
  if (isObject(result)) {
    // Read once: a result built by spreading (as @middy/http-error-handler
    // builds its responses) can have a layout of its own, where every
    // property read is a slow, generic look-up.
    const statusCode = result.statusCode
    if (statusCode !== undefined) return typeof statusCode === 'number' ? result : undefined
  }
  // (undefined, a function or a symbol has no JSON form: JSON.stringify below says so.)
  if (shape !== 'api-gateway-v2' || result === null) return undefined
  if (typeof result === 'string') return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: result }
  if (typeof result === 'object') {
    if (!isPlainData(result)) return undefined
    const body = (result as Fields).body
    if (typeof body === 'object' && body !== null && !isPlainData(body)) return undefined
  }
  let body: string | undefined
  try {
    body = JSON.stringify(result)
  } catch {
    // Not serialisable (a cycle, a BigInt): API Gateway would fail too, so it is left alone below.
  }
  if (body === undefined) return undefined
  return { statusCode: 200, headers: { 'content-type': 'application/json' }, body }
}

/**
 * The one map each integration reads response headers from. REST APIs
 * (payload 1.0) merge `headers` and `multiValueHeaders`, so `headers` serves;
 * HTTP APIs 2.0, Function URLs, single-value ALBs and VPC Lattice read only
 * `headers`; an ALB in multi-value mode reads only `multiValueHeaders`.
 */
function readsMultiValueHeaders(shape: HttpEventShape): boolean {
  return shape === 'alb-multi-value'
}

/** A header name the policy owns (`access-control-*`) or merges (`vary`), in any case. */
function isCorsOrVary(name: string): boolean {
  const first = name.charCodeAt(0) | 0x20 // lower-case an ASCII letter
  if (first === 0x61 /* a */) return name.length > 15 && name.slice(0, 15).toLowerCase() === 'access-control-'
  // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent, toLowerCase() === 'vary' implies both tests before it; they only skip lower-casing other names
  return first === 0x76 /* v */ && name.length === 4 && name.toLowerCase() === 'vary'
}

/** Sets an own data property, even for the name `__proto__`. */
function define(target: Fields, key: string, value: unknown): void {
  // Stryker disable next-line ConditionalExpression: equivalent, Object.prototype has no setter but __proto__, so assigning any other key makes the same own data property; assigning is only faster
  if (key === '__proto__') Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true })
  else target[key] = value
}

/**
 * A header map without its Vary and Access-Control-* headers, whose Vary
 * parts are pushed to `vary`. Returns `map` itself when it holds none of
 * them and `copy` is false.
 */
function withoutCorsHeaders(map: Fields, vary: string[], copy: boolean): Fields {
  let found = false
  for (const name in map) {
    if ((isCorsOrVary(name) || name === '__proto__') && hasOwn.call(map, name)) {
      found = true
      break
    }
  }
  // The usual map holds none of them, and no `__proto__` key: copied in one step.
  if (!found) return copy ? Object.assign({}, map) : map
  const out: Fields = {}
  for (const name in map) {
    if (!hasOwn.call(map, name)) continue
    if (isCorsOrVary(name)) {
      if (name.length === 4) pushVary(vary, map[name])
    } else {
      define(out, name, map[name])
    }
  }
  return out
}

/**
 * A shallow copy of a response object with define semantics, whose
 * `headers` and `multiValueHeaders` are `headers` and `multiValueHeaders`
 * when given. A getter the CORS headers do not need (on `body`, say) may
 * throw: it is then copied as a getter, never called.
 */
function copyResponse(response: Fields, headers: Fields | undefined, multiValueHeaders: Fields | undefined): Fields {
  let out: Fields
  try {
    // Spread copies the object's layout at once, defining each own
    // enumerable property (symbols included), so a key named `__proto__`
    // stays a key. V8 makes adding a key to such a copy slow, so a response
    // that gains a map is copied key by key instead: the same copy.
    // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator,StringLiteral,BlockStatement: equivalent, both ways give the same copy; the choice is speed only
    if ((headers === undefined || hasOwn.call(response, 'headers')) && (multiValueHeaders === undefined || hasOwn.call(response, 'multiValueHeaders'))) {
      out = { ...response }
    } else {
      out = copyByKeys(response)
    }
  } catch {
    return copyDescriptors(response, headers, multiValueHeaders)
  }
  // A map the response has keeps its place among the keys; a new one comes last.
  if (headers !== undefined) out.headers = headers
  if (multiValueHeaders !== undefined) out.multiValueHeaders = multiValueHeaders
  return out
}

/** The own enumerable properties of `response`, one at a time, with define semantics. */
function copyByKeys(response: Fields): Fields {
  const out: Fields = {}
  for (const key in response) {
    if (hasOwn.call(response, key)) define(out, key, response[key])
  }
  const symbols = Object.getOwnPropertySymbols(response)
  // Stryker disable next-line EqualityOperator: equivalent, symbols[symbols.length] is undefined, naming the key 'undefined', which the loop above already copied with the same value
  for (let i = 0; i < symbols.length; i++) {
    const symbol = symbols[i] as symbol
    if (Object.prototype.propertyIsEnumerable.call(response, symbol)) (out as Record<symbol, unknown>)[symbol] = (response as Record<symbol, unknown>)[symbol]
  }
  return out
}

function copyDescriptors(response: Fields, headers: Fields | undefined, multiValueHeaders: Fields | undefined): Fields {
  const out: Fields = {}
  for (const key of Reflect.ownKeys(response)) {
    const descriptor = Reflect.getOwnPropertyDescriptor(response, key)
    if (descriptor === undefined || descriptor.enumerable !== true) continue
    descriptor.configurable = true
    if ('value' in descriptor) descriptor.writable = true
    Object.defineProperty(out, key, descriptor)
  }
  if (headers !== undefined) Object.defineProperty(out, 'headers', { value: headers, writable: true, enumerable: true, configurable: true })
  if (multiValueHeaders !== undefined) Object.defineProperty(out, 'multiValueHeaders', { value: multiValueHeaders, writable: true, enumerable: true, configurable: true })
  return out
}

/**
 * Returns a copy of `response` whose CORS headers are exactly `set`, written
 * into the map the integration reads (see {@link readsMultiValueHeaders}).
 * Every `Access-Control-*` header the handler wrote, in any case and in
 * either map, is removed first (two Allow-Origin headers fail in every
 * browser); every `Vary` the handler wrote, in either map, is merged with
 * `set.vary` without duplicates into one `Vary` in that same map.
 *
 * Returns `response` itself when a header map is neither absent nor an
 * object: the integration cannot read such a response, and guessing would
 * only hide the handler's mistake.
 */
export function writeCorsHeaders(response: Fields, set: CorsHeaderSet, shape: HttpEventShape): Fields {
  const headers = response.headers
  // Most responses have no multiValueHeaders; `in` answers that cheaply on
  // any object, where reading an absent property can take a generic look-up
  // (see toHttpResponse). The same value as reading it.
  // Stryker disable next-line ConditionalExpression: equivalent, reading an absent property gives the same undefined; the test only saves the look-up
  const multiValueHeaders = 'multiValueHeaders' in response ? response.multiValueHeaders : undefined
  if (!isMapOrAbsent(headers) || !isMapOrAbsent(multiValueHeaders)) return response
  const toMulti = readsMultiValueHeaders(shape)
  const vary: string[] = []
  const single = isObject(headers) ? withoutCorsHeaders(headers, vary, !toMulti) : toMulti ? undefined : {}
  const multi = isObject(multiValueHeaders) ? withoutCorsHeaders(multiValueHeaders, vary, toMulti) : toMulti ? {} : undefined
  const target = (toMulti ? multi : single) as Fields
  if (toMulti) {
    for (const name in set.headers) target[name] = [set.headers[name] as string]
  } else {
    // The same assignments as the loop, done by one builtin call: our own
    // header names (never `__proto__`) into a map this function created.
    Object.assign(target, set.headers)
  }
  const merged = mergeVary(vary, set.vary)
  if (merged !== undefined) target.Vary = toMulti ? [merged] : merged

  return copyResponse(response, single !== headers ? single : undefined, multi !== multiValueHeaders ? multi : undefined)
}

function isMapOrAbsent(value: unknown): boolean {
  return value === undefined || value === null || isObject(value)
}

/** Adds the comma-separated parts of a Vary value, or of each item of an array of them. */
function pushVary(parts: string[], value: unknown): void {
  if (Array.isArray(value)) {
    // Stryker disable next-line EqualityOperator: equivalent, value[value.length] is undefined, which pushVaryValue skips
    for (let i = 0; i < value.length; i++) pushVaryValue(parts, value[i])
  } else {
    pushVaryValue(parts, value)
  }
}

/** A string, number or boolean carries parts; an object (perhaps one that cannot become a string) carries none. */
function pushVaryValue(parts: string[], value: unknown): void {
  const type = typeof value
  if (type !== 'string' && type !== 'number' && type !== 'boolean' && type !== 'bigint') return
  for (const part of String(value).split(',')) {
    const trimmed = part.trim()
    if (trimmed !== '') parts.push(trimmed)
  }
}

/** Existing Vary parts plus ours, case-insensitively unique; `*` already varies on everything. */
function mergeVary(existing: readonly string[], ours: string | undefined): string | undefined {
  if (existing.length === 0) return ours
  const seen = new Set<string>()
  const merged: string[] = []
  for (const part of existing) {
    if (part === '*') return '*'
    const lower = part.toLowerCase()
    if (!seen.has(lower)) {
      seen.add(lower)
      merged.push(part)
    }
  }
  if (ours !== undefined) {
    // The policy's own parts are distinct: each is checked against the handler's only.
    for (const part of ours.split(', ')) {
      if (!seen.has(part.toLowerCase())) merged.push(part)
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
  if (readsMultiValueHeaders(shape)) {
    const headers: Record<string, string[]> = {}
    for (const name in set.headers) headers[name] = [set.headers[name] as string]
    // Stryker disable next-line ConditionalExpression: equivalent, every preflight header set has a Vary (preflightResponseHeaders in headers/rules.ts builds each one)
    if (set.vary !== undefined) headers.Vary = [set.vary]
    if (cacheControl !== undefined) headers['Cache-Control'] = [cacheControl]
    response.multiValueHeaders = headers
  } else {
    const headers: Record<string, string> = Object.assign({}, set.headers)
    // Stryker disable next-line ConditionalExpression: equivalent, every preflight header set has a Vary (preflightResponseHeaders in headers/rules.ts builds each one)
    if (set.vary !== undefined) headers.Vary = set.vary
    if (cacheControl !== undefined) headers['Cache-Control'] = cacheControl
    response.headers = headers
  }
  return response
}
