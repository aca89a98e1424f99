/**
 * The header rules: which CORS headers a response gets, decided from the
 * policy and the request alone. Pure functions; writing them into a Lambda
 * response is the job of lambda/response.ts.
 */
import type { CorsPolicy } from '../policy/compile.js'
import type { CorsRefusal, CorsRefusalReason } from '../policy/options.js'
import { MAX_ORIGIN_LENGTH } from '../origin/serialized-origin.js'
import { FORBIDDEN_METHODS, isToken } from '../policy/http-grammar.js'
import { readRequestedHeaders, type RequestedHeaders } from './requested-headers.js'

/** CORS headers to write, by canonical name, and the request headers the answer varies on. */
export interface CorsHeaderSet {
  readonly headers: Readonly<Record<string, string>>
  /** The `Vary` value to merge in (`'Origin'`, ...), or `undefined` to leave `Vary` alone. */
  readonly vary: string | undefined
}

/** The outcome of the origin check for one request. */
export type OriginVerdict =
  | { readonly kind: 'absent' }
  | { readonly kind: 'allowed'; readonly origin: string }
  | { readonly kind: 'refused'; readonly origin: string; readonly reason: CorsRefusalReason }

/** What a preflight asks for, as read from the event. */
export interface PreflightQuery {
  readonly method: string
  /** Every `Access-Control-Request-Headers` value, unparsed. */
  readonly requestHeaders: readonly string[]
  /** `Access-Control-Request-Private-Network: true` was sent. */
  readonly privateNetwork: boolean
}

/** A header set and, when the browser will refuse, why. */
export interface CorsAnswer {
  readonly set: CorsHeaderSet
  readonly refusal: CorsRefusal | undefined
}

export const ALLOW_ORIGIN = 'Access-Control-Allow-Origin'
export const ALLOW_CREDENTIALS = 'Access-Control-Allow-Credentials'
export const ALLOW_METHODS = 'Access-Control-Allow-Methods'
export const ALLOW_HEADERS = 'Access-Control-Allow-Headers'
export const ALLOW_PRIVATE_NETWORK = 'Access-Control-Allow-Private-Network'
export const EXPOSE_HEADERS = 'Access-Control-Expose-Headers'
export const MAX_AGE = 'Access-Control-Max-Age'

const VARY_ACTUAL = 'Origin'
const VARY_PREFLIGHT = 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers'
const VARY_PREFLIGHT_PNA = `${VARY_PREFLIGHT}, Access-Control-Request-Private-Network`
const NO_HEADERS: Readonly<Record<string, string>> = Object.freeze({})

/**
 * Longest `Access-Control-Request-Method` echoed in mirror mode. Registered
 * HTTP methods have at most 17 characters (UPDATEREDIRECTREF); a longer
 * value is not a method any API serves, and is never copied into a header.
 */
export const MAX_MIRRORED_METHOD_LENGTH = 32

/**
 * May a requested method be echoed in `Access-Control-Allow-Methods`? Only
 * an HTTP token of bounded length that fetch would send (never CONNECT,
 * TRACE or TRACK): anything else (CR/LF, commas, a 70 KB value) did not come
 * from a browser, and echoing it could split or bloat the response.
 */
export function isEchoableMethod(method: string): boolean {
  // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, isToken refuses the empty string too
  return method.length > 0 && method.length <= MAX_MIRRORED_METHOD_LENGTH && isToken(method)
    && !FORBIDDEN_METHODS.has(method.toUpperCase())
}

/** A refused or origin-less actual request: no CORS header, but the answer varies on Origin. */
const REFUSED_ACTUAL: CorsHeaderSet = Object.freeze({ headers: NO_HEADERS, vary: VARY_ACTUAL })

/** The header set of every actual response under a static `'*'` policy: the same for all, so no Vary. */
export function staticActualHeaders(exposeHeadersValue: string | undefined): CorsHeaderSet {
  const headers: Record<string, string> = { [ALLOW_ORIGIN]: '*' }
  if (exposeHeadersValue !== undefined) headers[EXPOSE_HEADERS] = exposeHeadersValue
  return Object.freeze({ headers: Object.freeze(headers), vary: undefined })
}

/** The CORS headers of an actual (non-preflight) response. */
export function actualResponseHeaders(policy: CorsPolicy, verdict: OriginVerdict): CorsAnswer {
  if (policy.anyOrigin) {
    // A static '*' answer is the same for every request, so nothing varies.
    return { set: policy.staticActualHeaders, refusal: undefined }
  }
  if (verdict.kind !== 'allowed') {
    // Caches must not serve this header-less answer to an allowed origin.
    // Stryker disable next-line ConditionalExpression: equivalent, a record built without a logger is never read (lambda/answers.ts logs only with one); the check only saves building it
    return { set: REFUSED_ACTUAL, refusal: policy.logger === undefined ? undefined : refusalOf(verdict, 'actual') }
  }
  const headers: Record<string, string> = { [ALLOW_ORIGIN]: verdict.origin }
  if (policy.credentials) headers[ALLOW_CREDENTIALS] = 'true'
  if (policy.exposeHeadersValue !== undefined) headers[EXPOSE_HEADERS] = policy.exposeHeadersValue
  return { set: { headers, vary: VARY_ACTUAL }, refusal: undefined }
}

/**
 * The CORS headers of a preflight answer. A refused preflight still gets
 * every header that truthfully passes, so the browser's console names the
 * real cause (the origin, the method or a header).
 */
export function preflightResponseHeaders(policy: CorsPolicy, verdict: OriginVerdict, query: PreflightQuery): CorsAnswer {
  const vary = policy.privateNetwork ? VARY_PREFLIGHT_PNA : VARY_PREFLIGHT
  // Under '*', a preflight from `null` or from a value no browser sends is
  // refused like any other: '*' stands for every valid serialized origin.
  // Stryker disable next-line ConditionalExpression: equivalent, the only other verdict left is 'absent', which has no origin either
  const allowOrigin = verdict.kind === 'refused' ? undefined : policy.anyOrigin ? '*' : verdict.kind === 'allowed' ? verdict.origin : undefined
  if (allowOrigin === undefined) {
    // Stryker disable next-line ConditionalExpression: equivalent, a record built without a logger is never read (lambda/answers.ts logs only with one); the check only saves building it
    return { set: { headers: NO_HEADERS, vary }, refusal: policy.logger === undefined ? undefined : refusalOf(verdict, 'preflight', query.method) }
  }
  const headers: Record<string, string> = { [ALLOW_ORIGIN]: allowOrigin }
  if (policy.credentials) headers[ALLOW_CREDENTIALS] = 'true'
  let refusal: CorsRefusal | undefined

  if (policy.mirrorMethods) {
    // Echo only what a browser could have asked for; otherwise no
    // Allow-Methods, and the browser fails the preflight truthfully.
    if (isEchoableMethod(query.method)) {
      headers[ALLOW_METHODS] = query.method
    } else {
      // (A directive must lead a statement: on `} else if` Stryker would not see it.)
      // Stryker disable next-line ConditionalExpression: equivalent, a record built without a logger is never read; the check only saves building it
      if (policy.logger !== undefined) {
        refusal = refusalRecord('method-not-allowed', 'preflight', originOf(verdict),
          `Access-Control-Request-Method (${query.method.length} characters) is not an HTTP method token of at most ${MAX_MIRRORED_METHOD_LENGTH} characters that fetch may send, so it is not echoed`, query.method)
      }
    }
  } else {
    headers[ALLOW_METHODS] = policy.allowMethodsValue
    // Stryker disable next-line ConditionalExpression: equivalent, a record built without a logger is never read; the check only saves building it
    if (!policy.anyMethod && !policy.methods.has(query.method) && policy.logger !== undefined) {
      refusal = refusalRecord('method-not-allowed', 'preflight', originOf(verdict), `method ${query.method} is not in the policy's methods`, query.method)
    }
  }

  // The answer lists the configured headers whatever was asked, so the
  // request list is read only to echo it (mirror mode) or to say what was
  // refused (a logger is set).
  let requested: RequestedHeaders | undefined
  if (policy.mirrorHeaders) {
    requested = readRequestedHeaders(query.requestHeaders, 'any', policy.requestHeadersBudget)
    if (requested.ok && requested.names.length > 0) headers[ALLOW_HEADERS] = requested.names.join(', ')
  } else if (policy.allowHeadersValue !== '') {
    headers[ALLOW_HEADERS] = policy.allowHeadersValue
  }
  // Stryker disable next-line ConditionalExpression: equivalent, without a logger the record is never read and the answer's headers are already set; the check only saves parsing the list
  if (policy.logger !== undefined && refusal === undefined) {
    // Stryker disable next-line ConditionalExpression: equivalent, `requested` is set only in mirror mode, which implies anyHeader
    if (requested === undefined && !policy.anyHeader) {
      requested = readRequestedHeaders(query.requestHeaders, policy.allowedHeaders, policy.requestHeadersBudget)
    }
    if (requested !== undefined && !requested.ok) {
      const message = requested.reason === 'request-headers-too-long'
        ? `Access-Control-Request-Headers is longer (${query.requestHeaders.reduce((n, v) => n + v.length, 0)} characters) than any list of allowed headers`
        : `request headers not allowed: ${requested.names.join(', ')}`
      refusal = refusalRecord(requested.reason, 'preflight', originOf(verdict), message, query.method, requested.names)
    }
  }

  if (policy.maxAgeValue !== undefined) headers[MAX_AGE] = policy.maxAgeValue
  if (policy.privateNetwork && query.privateNetwork) headers[ALLOW_PRIVATE_NETWORK] = 'true'
  return { set: { headers, vary }, refusal }
}

function originOf(verdict: OriginVerdict): string {
  return verdict.kind === 'absent' ? '' : verdict.origin
}

function refusalOf(verdict: OriginVerdict, request: 'actual' | 'preflight', method?: string): CorsRefusal | undefined {
  if (verdict.kind !== 'refused') return undefined
  const shown = JSON.stringify(verdict.origin.slice(0, 100))
  const messages: Record<CorsRefusalReason, string> = {
    'origin-not-allowed': `origin ${shown} is not in the allowlist`,
    'origin-invalid': `Origin ${shown} is not a serialized origin a browser would send`,
    'origin-ambiguous': 'the request carries more than one distinct Origin value',
    // Stryker disable next-line StringLiteral: unreachable, origin verdicts carry only the three origin reasons; the entries exist for the Record type
    'method-not-allowed': '', 'headers-not-allowed': '', 'request-headers-too-long': '',
  }
  return refusalRecord(verdict.reason, request, verdict.origin, messages[verdict.reason], method)
}

function refusalRecord(
  reason: CorsRefusalReason,
  request: 'actual' | 'preflight',
  origin: string,
  message: string,
  method?: string,
  headers?: readonly string[],
): CorsRefusal {
  const record: { -readonly [K in keyof CorsRefusal]: CorsRefusal[K] } = {
    reason, request, origin: origin.slice(0, MAX_ORIGIN_LENGTH), message: `CORS ${request} refused: ${message}`,
  }
  if (method !== undefined) record.method = method.slice(0, 64)
  if (headers !== undefined) record.headers = headers
  return record
}
