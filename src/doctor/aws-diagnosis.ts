/**
 * AWS-specific causes behind a missing Access-Control-Allow-Origin: answers
 * API Gateway writes itself, which never reach the function's CORS layer.
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
  const errorType = headerValue(answer, 'x-amzn-errortype') ?? ''
  if (errorType.startsWith('MissingAuthenticationTokenException')) return true
  return /"message"\s*:\s*"Missing Authentication Token"/.test(answer.body ?? '')
}

/** Whether the answer carries any CORS response header (or varies on Origin, which only a CORS layer does). */
function touchedByCors(answer: ObservedAnswer): boolean {
  return answer.headerLines.some(([name]) => name.toLowerCase().startsWith('access-control-'))
}

/** The code for a failure, refined by what API Gateway's own answers look like. */
export function awsCode(failure: CorsFailure, answer: ObservedAnswer, generic: ErrorProblemCode): ErrorProblemCode {
  if (failure.kind !== 'missing-allow-origin') return generic
  if (failure.step === 'preflight' && isMissingAuthenticationToken(answer)) return 'preflight-not-routed'
  if (failure.step === 'actual' && answer.status >= 400 && !touchedByCors(answer) && !variesOnOrigin(answer)) return 'error-without-cors'
  return generic
}

/** `Vary` names Origin (or is `*`). */
export function variesOnOrigin(answer: ResponseView): boolean {
  return (headerValue(answer, 'vary') ?? '').split(',').some((name) => {
    const trimmed = name.trim().toLowerCase()
    return trimmed === 'origin' || trimmed === '*'
  })
}

/** CloudFront's `X-Cache: Hit from cloudfront` (also `RefreshHit`). */
export function servedFromCloudFrontCache(answer: ResponseView): boolean {
  return /hit from cloudfront/i.test(headerValue(answer, 'x-cache') ?? '')
}
