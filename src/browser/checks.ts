/**
 * The browser's verdict on an answer: the CORS check
 * (https://fetch.spec.whatwg.org/#cors-check) and the CORS-preflight checks
 * (https://fetch.spec.whatwg.org/#cors-preflight-fetch), in the order
 * Chromium runs them, so that the first failure found is the one Chromium
 * reports.
 */
import { isToken } from '../policy/http-grammar.js'
import { headerValue, normalizeMethod, type ResponseView } from './request.js'
import { isCorsSafelistedMethod } from './safelist.js'

/** Why the browser refuses an answer. Each kind has its own console line. */
export type CorsErrorKind =
  /** No `Access-Control-Allow-Origin`. */
  | 'missing-allow-origin'
  /** `Access-Control-Allow-Origin: *` on a request with credentials. */
  | 'wildcard-origin-not-allowed'
  /** `Access-Control-Allow-Origin` holds a list (or came twice). */
  | 'multiple-allow-origin-values'
  /** `Access-Control-Allow-Origin` is not an origin at all. */
  | 'invalid-allow-origin-value'
  /** `Access-Control-Allow-Origin` names another origin. */
  | 'allow-origin-mismatch'
  /** Credentials were sent and `Access-Control-Allow-Credentials` is not exactly `true`. */
  | 'invalid-allow-credentials'
  /** The preflight's status is not 2xx. */
  | 'preflight-invalid-status'
  /** The preflight was answered with a redirect. */
  | 'preflight-disallowed-redirect'
  /** `Access-Control-Allow-Methods` is not a list of tokens. */
  | 'invalid-allow-methods'
  /** `Access-Control-Allow-Headers` is not a list of tokens. */
  | 'invalid-allow-headers'
  /** The method is not in `Access-Control-Allow-Methods`. */
  | 'method-disallowed'
  /** A request header is not in `Access-Control-Allow-Headers`. */
  | 'header-disallowed'

/** A refusal, the step that caused it, and the value the console quotes. */
export interface CorsFailure {
  readonly step: 'preflight' | 'actual'
  readonly kind: CorsErrorKind
  /** The offending value (the header's value, the method, the header name); `''` when there is none. */
  readonly hint: string
}

/**
 * The CORS check of one answer (Chromium's `CheckAccess`): the origin, then
 * the credentials. `undefined` when the answer may be shared.
 */
export function corsCheck(
  response: ResponseView,
  origin: string,
  credentials: boolean,
  step: 'preflight' | 'actual',
): CorsFailure | undefined {
  const allowOrigin = headerValue(response, 'access-control-allow-origin')
  if (allowOrigin === '*') {
    return credentials ? { step, kind: 'wildcard-origin-not-allowed', hint: '' } : undefined
  }
  if (allowOrigin === undefined) return { step, kind: 'missing-allow-origin', hint: '' }
  if (allowOrigin !== origin) {
    if (/[ ,]/.test(allowOrigin)) return { step, kind: 'multiple-allow-origin-values', hint: allowOrigin }
    if (allowOrigin !== 'null' && !URL.canParse(allowOrigin)) return { step, kind: 'invalid-allow-origin-value', hint: allowOrigin }
    return { step, kind: 'allow-origin-mismatch', hint: allowOrigin }
  }
  if (credentials) {
    // Case-sensitive: `True` is not `true`.
    const allowCredentials = headerValue(response, 'access-control-allow-credentials')
    if (allowCredentials !== 'true') return { step, kind: 'invalid-allow-credentials', hint: allowCredentials ?? '' }
  }
  return undefined
}

/**
 * A `#token` list (Chromium's `ParseAccessControlAllowList`), or `undefined`
 * when an element is not a token. Empty elements are skipped, and an absent
 * header (`''`) is an empty list.
 */
function parseTokenList(value: string): string[] | undefined {
  const names = value.split(',').map((element) => element.trim()).filter((element) => element !== '')
  return names.every(isToken) ? names : undefined
}

/** The names `Access-Control-Allow-Headers` lists, lower-cased, or `undefined` when it does not parse. */
function allowedHeaderNames(response: ResponseView): string[] | undefined {
  return parseTokenList(headerValue(response, 'access-control-allow-headers') ?? '')?.map((name) => name.toLowerCase())
}

/**
 * Whether Chromium takes the answer for a redirect: a redirect status
 * (https://fetch.spec.whatwg.org/#redirect-status; other 3xx statuses are
 * just not ok) with a Location line that is not empty (net's
 * `HttpResponseHeaders::IsRedirect`).
 */
function isRedirect(response: ResponseView): boolean {
  return [301, 302, 303, 307, 308].includes(response.status)
    && response.headerLines.some(([name, value]) => name.toLowerCase() === 'location' && value.trim() !== '')
}

/** What the actual request asks a preflight to allow. */
export interface PreflightAsk {
  readonly origin: string
  readonly method: string
  /** CORS-unsafe request-header names, lower-case, sorted. */
  readonly headerNames: readonly string[]
  readonly credentials: boolean
}

/**
 * Every check a preflight answer must pass, in Chromium's order: redirect,
 * CORS check, ok status, parsable lists, method, headers.
 */
export function preflightCheck(response: ResponseView, ask: PreflightAsk): CorsFailure | undefined {
  const step = 'preflight'
  if (isRedirect(response)) return { step, kind: 'preflight-disallowed-redirect', hint: '' }
  const access = corsCheck(response, ask.origin, ask.credentials, step)
  if (access !== undefined) return access
  if (response.status < 200 || response.status > 299) return { step, kind: 'preflight-invalid-status', hint: '' }

  const methods = parseTokenList(headerValue(response, 'access-control-allow-methods') ?? '')
  if (methods === undefined) return { step, kind: 'invalid-allow-methods', hint: '' }
  const headers = allowedHeaderNames(response)
  if (headers === undefined) return { step, kind: 'invalid-allow-headers', hint: '' }

  // With credentials a `*` is a literal name, never a wildcard.
  const wildcard = !ask.credentials
  const method = normalizeMethod(ask.method)
  // Chromium compares the upper-cased method, case-sensitively, with the list.
  const methodAllowed = methods.includes(method.toUpperCase()) || isCorsSafelistedMethod(method.toUpperCase())
    || (wildcard && methods.includes('*'))
  if (!methodAllowed) return { step, kind: 'method-disallowed', hint: ask.method }

  // Chromium lets `*` cover Authorization too (it only warns in DevTools'
  // Issues panel), although the standard says it never does; see
  // authorizationOnlyCoveredByWildcard().
  if (wildcard && headers.includes('*')) return undefined
  for (const name of ask.headerNames) {
    if (!headers.includes(name)) return { step, kind: 'header-disallowed', hint: name }
  }
  return undefined
}

/**
 * The preflight allows Authorization only through `*`. The Fetch standard
 * says `*` never covers Authorization
 * (https://fetch.spec.whatwg.org/#cors-non-wildcard-request-header-name),
 * and browsers that follow it block the request; Chromium still lets it
 * through (checked with Chromium 156), with no console message.
 */
export function authorizationOnlyCoveredByWildcard(response: ResponseView, ask: PreflightAsk): boolean {
  if (ask.credentials || !ask.headerNames.includes('authorization')) return false
  const headers = allowedHeaderNames(response)
  return headers !== undefined && headers.includes('*') && !headers.includes('authorization')
}
