/**
 * Causes and fixes in plain words, one per problem code. The fix names the
 * lambda-cors option (or the AWS setting) that changes the outcome.
 */
import type { CorsFailure } from '../browser/checks.js'
import type { DoctorProblemCode } from './types.js'

/** What the texts may quote. */
export interface ProblemFacts {
  readonly origin: string
  readonly method: string
  readonly failure: CorsFailure
  readonly status: number
}

/** The codes of errors: the browser blocks the request (the other codes are warnings). */
export type ErrorProblemCode = Exclude<DoctorProblemCode, 'missing-vary-origin' | 'authorization-covered-by-wildcard' | 'preflight-cached-by-cdn' | 'drift'>

/** Maps the browser's refusal to the doctor's problem code (AWS-specific codes are decided in aws-diagnosis.ts). */
export function codeOfFailure(failure: CorsFailure): ErrorProblemCode {
  switch (failure.kind) {
    case 'missing-allow-origin': return 'missing-allow-origin'
    case 'wildcard-origin-not-allowed': return 'wildcard-with-credentials'
    case 'multiple-allow-origin-values': return 'duplicate-allow-origin'
    case 'invalid-allow-origin-value': case 'allow-origin-mismatch': return 'allow-origin-mismatch'
    case 'invalid-allow-credentials': return 'missing-allow-credentials'
    case 'preflight-invalid-status': return 'preflight-status'
    case 'preflight-disallowed-redirect': return 'preflight-redirect'
    case 'invalid-allow-methods': case 'invalid-allow-headers': return 'invalid-allow-list'
    case 'method-disallowed': return 'method-not-allowed'
    case 'header-disallowed': return 'header-not-allowed'
  }
}

/** Cause and fix of an error problem. */
export function errorTexts(code: ErrorProblemCode, facts: ProblemFacts): { cause: string; fix: string } {
  const { origin, method, failure, status } = facts
  const stepName = failure.step === 'preflight' ? 'the preflight (OPTIONS)' : `the ${method} request`
  const StepName = stepName.charAt(0).toUpperCase() + stepName.slice(1)
  switch (code) {
    case 'missing-allow-origin':
      return origin === 'null'
        ? {
          cause: `${StepName} was answered (HTTP ${status}) without Access-Control-Allow-Origin: the origin 'null' (sandboxed iframes, file: pages, cross-origin redirects) is not allowed.`,
          fix: "Keep it refused: any site can send Origin: null. Only `dangerouslyAllowNullOrigin: true` with 'null' in `origins` allows it.",
        }
        : {
          cause: `${StepName} was answered (HTTP ${status}) without Access-Control-Allow-Origin: the origin ${origin} is not allowed by the policy that answered.`,
          fix: `Add '${origin}' (or a pattern that covers it, such as 'https://*.example.com') to \`origins\`.`,
        }
    case 'allow-origin-mismatch':
      return {
        cause: `${StepName} allows '${failure.hint}', not ${origin}: the value is hard-coded somewhere (a handler, a gateway setting) or a cache replayed another origin's answer.`,
        fix: "Let `cors()` write Access-Control-Allow-Origin from `origins`: remove hard-coded values from handlers and gateway settings, and make caches key on Origin.",
      }
    case 'duplicate-allow-origin':
      return {
        cause: `Access-Control-Allow-Origin came with several values ('${failure.hint}'): two layers answer CORS, typically API Gateway's own CORS setting or a gateway response and the function.`,
        fix: "Keep one layer: turn off the API's CORS configuration (HTTP API `cors`, the REST 'Enable CORS' mock) and any header set in handlers, so `cors()` alone answers.",
      }
    case 'wildcard-with-credentials':
      return {
        cause: 'The answer allows any origin (*), which browsers never accept for a request with credentials (cookies, HTTP auth).',
        fix: `List the origins in \`origins\` (e.g. '${origin}') instead of '*' and set \`credentials: true\`: \`cors()\` then echoes the exact origin.`,
      }
    case 'missing-allow-credentials':
      return {
        cause: `The request is sent with credentials, and ${stepName} does not answer Access-Control-Allow-Credentials: true${failure.hint === '' ? '' : ` (it says '${failure.hint}')`}.`,
        fix: 'Set `credentials: true` in the policy (it requires an explicit `origins` list).',
      }
    case 'preflight-status':
      return {
        cause: `The preflight got HTTP ${status}; browsers need a 2xx. Something other than the CORS layer answered it: an authorizer, a route without OPTIONS, or a handler.`,
        fix: 'Let `cors()` answer OPTIONS (with `optionsSuccessStatus`, 204 by default), or route OPTIONS to `preflightHandler()`, and exempt OPTIONS from authorizers.',
      }
    case 'preflight-redirect':
      return {
        cause: `The preflight was answered with a redirect (HTTP ${status}); browsers do not follow redirects for preflights.`,
        fix: 'Fetch the final URL directly (custom domain, trailing slash, http to https), and let `cors()` answer OPTIONS there.',
      }
    case 'invalid-allow-list':
      return {
        cause: 'Access-Control-Allow-Methods or Access-Control-Allow-Headers in the preflight answer is not a comma-separated list of names.',
        fix: 'Let `cors()` write these headers from `methods` and `allowedHeaders` instead of hand-written values.',
      }
    case 'method-not-allowed':
      return {
        cause: `The preflight answer does not list ${failure.hint} in Access-Control-Allow-Methods.`,
        fix: `Add '${failure.hint}' to \`methods\`.`,
      }
    case 'header-not-allowed':
      return failure.hint === 'authorization'
        ? {
          cause: 'The preflight answer does not list Authorization in Access-Control-Allow-Headers, and a wildcard (*) does not stand in for it: by the Fetch standard it never does, and in Chromium not on a request with credentials.',
          fix: "List 'Authorization' in `allowedHeaders` (even next to '*').",
        }
        : {
          cause: `The preflight answer does not list ${failure.hint} in Access-Control-Allow-Headers.`,
          fix: `Add '${failure.hint}' to \`allowedHeaders\`.`,
        }
    case 'preflight-not-routed':
      return {
        cause: 'API Gateway (REST) answered the preflight itself with 403 {"message":"Missing Authentication Token"}: the resource has no OPTIONS method, so the preflight never reached the function.',
        fix: 'Add an OPTIONS method (or ANY on {proxy+}) integrated with the function that uses `cors()`, or route OPTIONS to a `preflightHandler()` function.',
      }
    case 'error-without-cors':
      return {
        cause: `The ${method} request got HTTP ${status} with no CORS header at all: the error came from API Gateway (an authorizer, throttling, a missing route, an integration failure), not from the function, so no CORS layer touched it.`,
        fix: 'Add CORS headers to the gateway responses (DEFAULT_4XX and DEFAULT_5XX) for your origins: `lambda-cors gateway --policy <module>` prints them.',
      }
  }
}
