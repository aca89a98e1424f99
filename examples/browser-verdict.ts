/**
 * What a browser decides about one response, in a sentence for the
 * example's output. The decision itself is the library's own model of the
 * browser (src/browser/: the Fetch standard's CORS check and preflight
 * checks, in Chromium's order), the one `lambda-cors check` and `explain()`
 * use; this file only turns its answer into words.
 */
import { corsCheck, preflightCheck, type CorsFailure } from '../src/browser/checks.js'
import type { ResponseView } from '../src/browser/request.js'

/** The request as the browser sent it. */
export interface SentRequest {
  readonly origin: string
  /** `fetch(..., { credentials: 'include' })`. */
  readonly credentials: boolean
  /** Present when this request is a preflight: what it asked for. */
  readonly preflight?: { readonly method: string; readonly headers?: string }
}

export interface Verdict {
  readonly allowed: boolean
  /** One sentence: why the browser let page script read the response, or what it reports. */
  readonly why: string
}

/** A Lambda response's headers as the lines a browser receives. */
function asReceived(response: { status: number; headers: Readonly<Record<string, unknown>> }): ResponseView {
  return { status: response.status, headerLines: Object.entries(response.headers).map(([name, value]) => [name, String(value)] as const) }
}

/** The requested header names as a preflight lists them: lower-case, sorted. */
function requestedNames(value: string | undefined): string[] {
  return (value ?? '').split(',').map((item) => item.trim().toLowerCase()).filter((item) => item !== '').sort()
}

function sentence(failure: CorsFailure, status: number, what: string): string {
  switch (failure.kind) {
    case 'missing-allow-origin': return `no Access-Control-Allow-Origin, so page script cannot read ${what}.`
    case 'wildcard-origin-not-allowed': return `Access-Control-Allow-Origin is '*', which a credentialed request cannot use; ${what} is blocked.`
    case 'multiple-allow-origin-values': return `Access-Control-Allow-Origin holds several values (${failure.hint}); ${what} is blocked.`
    case 'invalid-allow-origin-value':
    case 'allow-origin-mismatch': return `Access-Control-Allow-Origin is ${failure.hint}, not the page's origin.`
    case 'invalid-allow-credentials': return 'no Access-Control-Allow-Credentials: true, which a credentialed request needs.'
    case 'preflight-invalid-status': return `the preflight answer is a ${status}, not a 2xx.`
    case 'preflight-disallowed-redirect': return 'the preflight answer is a redirect, which browsers never follow.'
    case 'invalid-allow-methods': return 'Access-Control-Allow-Methods is not a list of method names.'
    case 'invalid-allow-headers': return 'Access-Control-Allow-Headers is not a list of header names.'
    case 'method-disallowed': return `${failure.hint} is not in Access-Control-Allow-Methods, so the request is never sent.`
    case 'header-disallowed': return `the ${failure.hint} header is not in Access-Control-Allow-Headers, so the request is never sent.`
  }
}

export function browserVerdict(request: SentRequest, response: { status: number; headers: Readonly<Record<string, unknown>> }): Verdict {
  const received = asReceived(response)
  if (request.preflight === undefined) {
    const failure = corsCheck(received, request.origin, request.credentials, 'actual')
    return failure === undefined
      ? { allowed: true, why: `page script can read the ${response.status} response.` }
      : { allowed: false, why: sentence(failure, response.status, 'the response') }
  }
  const { method } = request.preflight
  const failure = preflightCheck(received, {
    origin: request.origin, method, headerNames: requestedNames(request.preflight.headers), credentials: request.credentials,
  })
  return failure === undefined
    ? { allowed: true, why: `the preflight passes; the browser now sends the ${method}.` }
    : { allowed: false, why: sentence(failure, response.status, `the ${method} (preflight failed)`) }
}
