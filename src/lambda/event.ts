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
  /** The request method as the event gives it. */
  readonly method: string
  /** Every Origin value, in order (duplicates from `headers` and `multiValueHeaders` collapse). */
  readonly origins: readonly string[]
  /** Every Access-Control-Request-Method value. */
  readonly requestMethods: readonly string[]
  /** Every Access-Control-Request-Headers value. */
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

function methodOf(event: Fields, shape: HttpEventShape): string {
  switch (shape) {
    case 'api-gateway-v2': return String((event.requestContext as { http: { method: string } }).http.method)
    case 'vpc-lattice-v1': case 'vpc-lattice-v2': return String(event.method)
    default: return String(event.httpMethod)
  }
}

/**
 * Reads the CORS request of an HTTP event, or returns `undefined` when the
 * event is not an HTTP request.
 */
export function readCorsRequest(event: unknown): CorsRequest | undefined {
  const shape = detectShape(event)
  if (shape === undefined) return undefined
  const fields = event as Fields
  const collected: Collected = { origins: NONE, requestMethods: NONE, requestHeaders: NONE, privateNetwork: false }
  collectHeaders(fields.headers, collected)
  collectHeaders(fields.multiValueHeaders, collected)
  return {
    shape,
    method: methodOf(fields, shape),
    origins: collected.origins,
    requestMethods: collected.requestMethods,
    requestHeaders: collected.requestHeaders,
    privateNetwork: collected.privateNetwork,
  }
}

/** Shared by every request without a given header; never written to. */
const NONE: string[] = []

interface Collected {
  origins: string[]
  requestMethods: string[]
  requestHeaders: string[]
  privateNetwork: boolean
}

const hasOwn = Object.prototype.hasOwnProperty

/**
 * One pass over a header map. Only four names matter, so the name's length
 * is tested before anything else: most names are skipped without being
 * lower-cased.
 */
function collectHeaders(map: unknown, into: Collected): void {
  if (!isObject(map)) return
  for (const name in map) {
    const length = name.length
    if (length !== 6 && length !== 29 && length !== 30 && length !== 38) continue
    if (!hasOwn.call(map, name)) continue
    const lower = name.toLowerCase()
    const value = map[name]
    if (lower === 'origin') into.origins = addValues(into.origins, value)
    else if (lower === 'access-control-request-method') into.requestMethods = addValues(into.requestMethods, value)
    else if (lower === 'access-control-request-headers') into.requestHeaders = addValues(into.requestHeaders, value)
    else if (lower === 'access-control-request-private-network') {
      into.privateNetwork ||= addValues(NONE, value).some((item) => item.trim().toLowerCase() === 'true')
    }
  }
}

/**
 * Adds a header's string values (a string, or an array of them), keeping
 * each distinct value once: REST events repeat every header in `headers`
 * and `multiValueHeaders`. Lists are tiny, so a scan is cheapest.
 */
function addValues(list: string[], value: unknown): string[] {
  if (!Array.isArray(value)) return addValue(list, value)
  let out = list
  for (const item of value) out = addValue(out, item)
  return out
}

function addValue(list: string[], item: unknown): string[] {
  if (typeof item !== 'string' || list.includes(item)) return list
  const out = list === NONE ? [] : list
  out.push(item)
  return out
}

/**
 * Whether the event is an HTTP OPTIONS request: the cheap test that lets
 * every other request skip the header scan in the middleware's `before`.
 */
export function isOptionsRequest(event: unknown): boolean {
  const shape = detectShape(event)
  if (shape === undefined) return false
  const method = methodOf(event as Fields, shape)
  return method === 'OPTIONS' || method.toUpperCase() === 'OPTIONS'
}

/**
 * A preflight is an OPTIONS request with an Origin and a non-empty
 * Access-Control-Request-Method; any other OPTIONS request is ordinary.
 */
export function isPreflight(request: CorsRequest): boolean {
  if (request.origins.length === 0) return false
  if (request.method !== 'OPTIONS' && request.method.toUpperCase() !== 'OPTIONS') return false
  for (const value of request.requestMethods) if (value.trim() !== '') return true
  return false
}
