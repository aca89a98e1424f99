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
  const collected = { origins: [] as string[], requestMethods: [] as string[], requestHeaders: [] as string[], privateNetwork: [] as string[] }
  collectHeaders(fields.headers, collected)
  collectHeaders(fields.multiValueHeaders, collected)
  return {
    shape,
    method: methodOf(fields, shape),
    origins: collected.origins,
    requestMethods: collected.requestMethods,
    requestHeaders: collected.requestHeaders,
    privateNetwork: collected.privateNetwork.some((value) => value.trim().toLowerCase() === 'true'),
  }
}

interface Collected {
  origins: string[]
  requestMethods: string[]
  requestHeaders: string[]
  privateNetwork: string[]
}

/** One pass over a header map; the length check spares lower-casing most names. */
function collectHeaders(map: unknown, into: Collected): void {
  if (!isObject(map)) return
  for (const name in map) {
    if (!Object.hasOwn(map, name)) continue
    let target: string[] | undefined
    switch (name.length) {
      case 6: if (name.toLowerCase() === 'origin') target = into.origins; break
      case 29: if (name.toLowerCase() === 'access-control-request-method') target = into.requestMethods; break
      case 30: if (name.toLowerCase() === 'access-control-request-headers') target = into.requestHeaders; break
      case 38: if (name.toLowerCase() === 'access-control-request-private-network') target = into.privateNetwork; break
    }
    if (target === undefined) continue
    const value = map[name]
    if (typeof value === 'string') addUnique(target, value)
    else if (Array.isArray(value)) for (const item of value) if (typeof item === 'string') addUnique(target, item)
  }
}

/**
 * REST events repeat each header in `headers` and `multiValueHeaders`; the
 * same value seen twice is one value. Lists are tiny, so a scan is cheapest.
 */
function addUnique(list: string[], value: string): void {
  if (!list.includes(value)) list.push(value)
}

/**
 * A preflight is an OPTIONS request with an Origin and a non-empty
 * Access-Control-Request-Method; any other OPTIONS request is ordinary.
 */
export function isPreflight(request: CorsRequest): boolean {
  return request.method.toUpperCase() === 'OPTIONS' && request.origins.length > 0 && request.requestMethods.some((value) => value.trim() !== '')
}
