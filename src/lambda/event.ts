/**
 * Lambda HTTP events: which shape an event has, and the few request headers
 * CORS needs, read case-insensitively from `headers` and `multiValueHeaders`.
 *
 * Every read is defensive: odd values (null maps, numbers, missing
 * `requestContext`) are skipped, never thrown on.
 */

/**
 * The HTTP event shapes lambda-cors recognises. Anything else (SQS, S3,
 * scheduled events, direct invocations) is left alone.
 */
export type HttpEventShape =
  /** API Gateway REST API, payload format 1.0 (also HTTP APIs configured for 1.0). */
  | 'api-gateway-v1'
  /** API Gateway HTTP API payload 2.0, and Lambda Function URLs. */
  | 'api-gateway-v2'
  /** Application Load Balancer, single-value headers. */
  | 'alb'
  /** Application Load Balancer with multi-value headers turned on. */
  | 'alb-multi-value'
  /** VPC Lattice, event version 1 (`raw_path`, array header values). */
  | 'vpc-lattice-v1'
  /** VPC Lattice, event version 2. */
  | 'vpc-lattice-v2'

/** What CORS needs to know about an HTTP request. */
export interface CorsRequest {
  readonly shape: HttpEventShape
  /** The request method as the event gives it (`''` when the event has no usable method). */
  readonly method: string
  /**
   * The first Origin value and, if the request carries another, the first
   * one that differs from it: at most two values, since two distinct Origins
   * already mean a refusal.
   */
  readonly origins: readonly string[]
  /** The first non-blank Access-Control-Request-Method value, if any (at most one value). */
  readonly requestMethods: readonly string[]
  /** Every Access-Control-Request-Headers value, unparsed (an empty one names no header). */
  readonly requestHeaders: readonly string[]
  /** Access-Control-Request-Private-Network: true was sent. */
  readonly privateNetwork: boolean
}

type Fields = Record<string, unknown>

function isObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null
}

/** Recognises the event's shape, or returns `undefined` for a non-HTTP event. */
export function detectShape(event: unknown): HttpEventShape | undefined {
  if (!isObject(event)) return undefined
  const context = isObject(event.requestContext) ? event.requestContext : undefined
  if (context !== undefined && isObject(context.elb)) {
    return isObject(event.multiValueHeaders) ? 'alb-multi-value' : 'alb'
  }
  if (event.version === '2.0') {
    if (context !== undefined && isObject(context.http) && typeof context.http.method === 'string') return 'api-gateway-v2'
    if (typeof event.method === 'string') return 'vpc-lattice-v2'
    return undefined
  }
  if (typeof event.httpMethod === 'string') return 'api-gateway-v1'
  if (typeof event.method === 'string' && typeof event.raw_path === 'string') return 'vpc-lattice-v1'
  return undefined
}

/** The method, or `''` when the event's is not a string (an ALB event is recognised without one). */
function methodOf(event: Fields, shape: HttpEventShape): string {
  let method: unknown
  switch (shape) {
    case 'api-gateway-v2': method = (event.requestContext as { http: { method: unknown } }).http.method; break
    case 'vpc-lattice-v1': case 'vpc-lattice-v2': method = event.method; break
    default: method = event.httpMethod
  }
  return typeof method === 'string' ? method : ''
}

/**
 * Reads the CORS request of an HTTP event, or returns `undefined` when the
 * event is not an HTTP request.
 *
 * `multiValueHeaders` is read first: where an integration fills both maps
 * (REST APIs), it holds every value and `headers` only the last, so a name
 * found there is not read again from `headers`. No de-duplication is needed,
 * and the work stays linear whatever the maps hold.
 *
 * Access-Control-Request-Headers values stop being collected once their
 * length exceeds `requestHeadersBudget` (the policy's): such a list is
 * refused as too long whatever follows, so the rest need not be read.
 */
export function readCorsRequest(event: unknown, requestHeadersBudget = Infinity): CorsRequest | undefined {
  const shape = detectShape(event)
  return shape === undefined ? undefined : readCorsRequestOf(event as Fields, shape, requestHeadersBudget)
}

/** {@link readCorsRequest} for an event whose shape {@link detectShape} has already told. */
export function readCorsRequestOf(fields: Fields, shape: HttpEventShape, requestHeadersBudget = Infinity): CorsRequest {
  const collected: Collected = {
    origin: undefined, otherOrigin: undefined, requestMethod: undefined, requestHeaders: NONE, requestHeadersLength: 0,
    requestHeadersBudget, privateNetwork: false, seen: 0,
  }
  collectHeaders(fields.multiValueHeaders, collected, 0)
  collectHeaders(fields.headers, collected, collected.seen)
  return {
    shape,
    method: methodOf(fields, shape),
    origins: collected.origin === undefined ? NONE : collected.otherOrigin === undefined ? [collected.origin] : [collected.origin, collected.otherOrigin],
    requestMethods: collected.requestMethod === undefined ? NONE : [collected.requestMethod],
    requestHeaders: collected.requestHeaders,
    privateNetwork: collected.privateNetwork,
  }
}

/** Shared by every request without a given header; never written to. */
const NONE: string[] = []

/** Bits of {@link Collected.seen}: which of the four names a map carried. */
const ORIGIN = 1
const REQUEST_METHOD = 2
const REQUEST_HEADERS = 4
const PRIVATE_NETWORK = 8

interface Collected {
  origin: string | undefined
  /** The first Origin value that differs from `origin`: enough to refuse. */
  otherOrigin: string | undefined
  requestMethod: string | undefined
  requestHeaders: string[]
  /** The total length of `requestHeaders`. */
  requestHeadersLength: number
  /** Past this total length, the list is too long and the rest is not collected. */
  readonly requestHeadersBudget: number
  privateNetwork: boolean
  /** The names found so far, as bits. */
  seen: number
}

const hasOwn = Object.prototype.hasOwnProperty

/**
 * One pass over a header map, skipping the names in `skip` (bits). Only
 * four names matter, so the name's length is tested before anything else:
 * most names are skipped without being lower-cased.
 */
function collectHeaders(map: unknown, into: Collected, skip: number): void {
  // Stryker disable next-line ConditionalExpression: equivalent, for-in over null, undefined or a primitive finds no header name (a string's keys are digits); this only skips the loop
  if (!isObject(map)) return
  for (const name in map) {
    const length = name.length
    // Stryker disable next-line ConditionalExpression: equivalent, only names of these lengths can equal the four compared below; this only skips lower-casing the others
    if (length !== 6 && length !== 29 && length !== 30 && length !== 38) continue
    if (!hasOwn.call(map, name)) continue
    const lower = name.toLowerCase()
    let bit = 0
    if (lower === 'origin') bit = ORIGIN
    else if (lower === 'access-control-request-method') bit = REQUEST_METHOD
    else if (lower === 'access-control-request-headers') bit = REQUEST_HEADERS
    else if (lower === 'access-control-request-private-network') bit = PRIVATE_NETWORK
    if (bit === 0 || (skip & bit) !== 0) continue
    into.seen |= bit
    const value = map[name]
    if (Array.isArray(value)) {
      // Each reader stops as soon as more values cannot change the answer.
      // Stryker disable next-line EqualityOperator: equivalent, value[value.length] is undefined, which addValue skips
      for (let i = 0; i < value.length; i++) if (!addValue(into, bit, value[i])) break
    } else {
      addValue(into, bit, value)
    }
  }
}

/** Records one value; returns `false` when no further value of this header can matter. */
function addValue(into: Collected, bit: number, item: unknown): boolean {
  if (typeof item !== 'string') return true
  switch (bit) {
    case ORIGIN:
      if (into.origin === undefined) into.origin = item
      else if (item !== into.origin) into.otherOrigin = item
      return into.otherOrigin === undefined
    case REQUEST_METHOD:
      if (into.requestMethod !== undefined) return false
      if (item.trim() !== '') into.requestMethod = item
      // Stryker disable next-line ConditionalExpression: equivalent, a further value would then return false at the check above, unread
      return into.requestMethod === undefined
    case REQUEST_HEADERS:
      // An empty value adds no name and no length.
      if (into.requestHeaders === NONE) into.requestHeaders = []
      into.requestHeaders.push(item)
      into.requestHeadersLength += item.length
      return into.requestHeadersLength <= into.requestHeadersBudget
    default:
      // The first non-blank value decides (browsers send one `true`).
      if (item.trim() === '') return true
      into.privateNetwork = item.trim().toLowerCase() === 'true'
      return false
  }
}

/**
 * Whether an HTTP event of a known shape is an OPTIONS request: the cheap
 * test that lets every other request skip the header scan before the handler.
 */
export function isOptionsMethod(event: Fields, shape: HttpEventShape): boolean {
  return isOptions(methodOf(event, shape))
}

/**
 * `method.toUpperCase() === 'OPTIONS'`, without upper-casing (a new string)
 * every GET. A string of another length never upper-cases to OPTIONS: each
 * code point is mapped on its own, and no mapping that changes length (ß to
 * SS, ﬁ to FI) is part of OPTIONS (test/events.test.ts checks every code point).
 */
function isOptions(method: string): boolean {
  // Stryker disable next-line ConditionalExpression: equivalent, a string of another length never upper-cases to OPTIONS; this only skips the call
  return method === 'OPTIONS' || (method.length === 7 && method.toUpperCase() === 'OPTIONS')
}

/**
 * A preflight is an OPTIONS request with an Origin and a non-blank
 * Access-Control-Request-Method (the reader keeps only a non-blank one); any
 * other OPTIONS request is ordinary.
 */
export function isPreflight(request: CorsRequest): boolean {
  return request.origins.length !== 0 && request.requestMethods.length !== 0 && isOptions(request.method)
}
