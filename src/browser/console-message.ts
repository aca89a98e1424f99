/**
 * The line Chromium prints in the DevTools console when it blocks a
 * `fetch()`, word for word (Blink's `cors_error_string.cc`), with the URL,
 * the origin and the offending value filled in. Current Chromium (checked
 * with 156) no longer appends the old "set the request's mode to 'no-cors'"
 * advice; the browser suite compares these lines with the ones it prints.
 */
import type { CorsFailure } from './checks.js'

/** The advice Chromium appends to errors about the value of Access-Control-Allow-Origin. */
const VALID_VALUE_HINT = ' Have the server send the header with a valid value.'
const PREFLIGHT_PREFIX = "Response to preflight request doesn't pass access control check: "

/** Preflight answers that fail the CORS check or the status get the preflight prefix; method and header refusals do not. */
const PREFIXED_IN_PREFLIGHT: ReadonlySet<CorsFailure['kind']> = new Set([
  'missing-allow-origin', 'wildcard-origin-not-allowed', 'multiple-allow-origin-values', 'invalid-allow-origin-value',
  'allow-origin-mismatch', 'invalid-allow-credentials', 'preflight-invalid-status', 'preflight-disallowed-redirect',
])

function detail(failure: CorsFailure): string {
  const hint = failure.hint
  switch (failure.kind) {
    case 'wildcard-origin-not-allowed':
      return "The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'."
    case 'missing-allow-origin':
      return "No 'Access-Control-Allow-Origin' header is present on the requested resource."
    case 'multiple-allow-origin-values':
      return `The 'Access-Control-Allow-Origin' header contains multiple values '${hint}', but only one is allowed.${VALID_VALUE_HINT}`
    case 'invalid-allow-origin-value':
      return `The 'Access-Control-Allow-Origin' header contains the invalid value '${hint}'.${VALID_VALUE_HINT}`
    case 'allow-origin-mismatch':
      return `The 'Access-Control-Allow-Origin' header has a value '${hint}' that is not equal to the supplied origin.${VALID_VALUE_HINT}`
    case 'invalid-allow-credentials':
      return `The value of the 'Access-Control-Allow-Credentials' header in the response is '${hint}' which must be 'true' when the request's credentials mode is 'include'.`
    case 'preflight-invalid-status':
      return 'It does not have HTTP ok status.'
    case 'preflight-disallowed-redirect':
      return 'Redirect is not allowed for a preflight request.'
    case 'invalid-allow-methods':
      return 'Cannot parse Access-Control-Allow-Methods response header field in preflight response.'
    case 'invalid-allow-headers':
      return 'Cannot parse Access-Control-Allow-Headers response header field in preflight response.'
    case 'method-disallowed':
      return `Method ${hint} is not allowed by Access-Control-Allow-Methods in preflight response.`
    case 'header-disallowed':
      return `Request header field ${hint} is not allowed by Access-Control-Allow-Headers in preflight response.`
  }
}

/**
 * Chromium's console line for a blocked `fetch(url)` from `origin`.
 * `url` is printed as the URL parser serializes it.
 */
export function chromiumConsoleMessage(failure: CorsFailure, url: string, origin: string): string {
  const href = URL.canParse(url) ? new URL(url).href : url
  const prefix = failure.step === 'preflight' && PREFIXED_IN_PREFLIGHT.has(failure.kind) ? PREFLIGHT_PREFIX : ''
  return `Access to fetch at '${href}' from origin '${origin}' has been blocked by CORS policy: ${prefix}${detail(failure)}`
}
