/**
 * AWS-specific causes behind a refused answer: answers API Gateway writes
 * itself, which never reach the function's CORS layer.
 */
import { headerValue, type ResponseView } from '../browser/request.js'
import type { CorsFailure } from '../browser/checks.js'
import type { ErrorProblemCode } from './problem-texts.js'

/** An answer and (the start of) its body. */
export interface ObservedAnswer extends ResponseView {
  /** The body as text, when read (the network check reads the first 64 KiB). */
  readonly body?: string
}

/**
 * API Gateway REST's answer to a method the resource does not have:
 * 403, `x-amzn-ErrorType: MissingAuthenticationTokenException`,
 * body `{"message":"Missing Authentication Token"}`.
 */
export function isMissingAuthenticationToken(answer: ObservedAnswer): boolean {
  if (answer.status !== 403) return false
  // The header may carry a suffix: `MissingAuthenticationTokenException:http://internal.amazon.com/...`.
  if (headerValue(answer, 'x-amzn-errortype')?.startsWith('MissingAuthenticationTokenException') === true) return true
  // Stryker disable next-line StringLiteral: equivalent, the stand-in for a body not read ('Stryker was here!' instead of '') fails the test just the same
  return /"message"\s*:\s*"Missing Authentication Token"/.test(answer.body ?? '')
}

/** Whether the answer carries any CORS response header (or varies on Origin, which only a CORS layer does). */
function touchedByCors(answer: ObservedAnswer): boolean {
  return answer.headerLines.some(([name]) => name.toLowerCase().startsWith('access-control-'))
}

/** The code for a failure, refined by what API Gateway's own answers look like. */
export function awsCode(failure: CorsFailure, answer: ObservedAnswer, generic: ErrorProblemCode): ErrorProblemCode {
  // A 403 preflight fails whatever CORS headers it has: the ones a gateway
  // response adds (`lambda-cors gateway` configures MISSING_AUTHENTICATION_TOKEN)
  // only move Chromium's complaint from the missing Allow-Origin to the status.
  if (failure.step === 'preflight') return isMissingAuthenticationToken(answer) ? 'preflight-not-routed' : generic
  // No CORS header at all: the browser's complaint is the missing Allow-Origin.
  if (answer.status >= 400 && !touchedByCors(answer) && !variesOnOrigin(answer)) return 'error-without-cors'
  return generic
}

/** A `Vary` value (absent: `undefined`) names Origin, or is `*`. */
export function varyNamesOrigin(vary: string | undefined): boolean {
  return vary?.split(',').some((name) => {
    const trimmed = name.trim().toLowerCase()
    return trimmed === 'origin' || trimmed === '*'
  }) === true
}

/** The answer's `Vary` names Origin (or is `*`). */
export function variesOnOrigin(answer: ResponseView): boolean {
  return varyNamesOrigin(headerValue(answer, 'vary'))
}

/** CloudFront's `X-Cache: Hit from cloudfront` (also `RefreshHit`). */
export function servedFromCloudFrontCache(answer: ResponseView): boolean {
  const xCache = headerValue(answer, 'x-cache')
  // Stryker disable next-line StringLiteral: equivalent, the stand-in for a missing X-Cache ('Stryker was here!' instead of '') fails the test just the same
  return /hit from cloudfront/i.test(xCache ?? '')
}
