/**
 * Composes the pieces for one Lambda invocation: read the event, judge the
 * origin, apply the header rules, write the response. Shared by the
 * middleware and the standalone preflight handler so both answer alike.
 */
import {
  actualResponseHeaders,
  preflightResponseHeaders,
  type CorsAnswer,
  type CorsHeaderSet,
  type OriginVerdict,
} from '../headers/rules.js'
import type { CorsPolicy } from '../policy/compile.js'
import { judgeOrigin } from '../origin/verdict.js'
import { isPreflight, type CorsRequest } from './event.js'
import { emptyResponse, toHttpResponse, writeCorsHeaders } from './response.js'

/** A value now, or later when a predicate has to be awaited. */
export type Eventually<T> = T | Promise<T>

function then<T, U>(value: Eventually<T>, next: (value: T) => U): Eventually<U> {
  return value instanceof Promise ? value.then(next) : next(value)
}

/** The header set for a request: preflight rules for preflights, actual-response rules otherwise. */
export function decideHeaders(policy: CorsPolicy, request: CorsRequest, event: unknown): Eventually<CorsHeaderSet> {
  // A static '*' policy answers actual requests without looking at the origin.
  const preflight = isPreflight(request)
  if (policy.anyOrigin && !preflight) return actualResponseHeaders(policy, { kind: 'absent' }).set
  return then(judgeOrigin(policy.origins, request.origins, event), (verdict: OriginVerdict) => {
    const answer: CorsAnswer = preflight
      ? preflightResponseHeaders(policy, verdict, {
        method: (request.requestMethods.find((value) => value.trim() !== '') ?? '').trim(),
        requestHeaders: request.requestHeaders,
        privateNetwork: request.privateNetwork,
      })
      : actualResponseHeaders(policy, verdict)
    if (answer.refusal !== undefined && policy.logger !== undefined) {
      try {
        policy.logger(answer.refusal)
      } catch {
        // A broken logger must not break the response.
      }
    }
    return answer.set
  })
}

/** The full answer to a preflight, in the event's response shape. */
export function answerPreflight(policy: CorsPolicy, request: CorsRequest, event: unknown): Eventually<Record<string, unknown>> {
  return then(decideHeaders(policy, request, event), (set) =>
    writeCorsHeaders(emptyResponse(policy.optionsSuccessStatus, request.shape), set, request.shape))
}

/**
 * The handler's result with CORS headers, or the result unchanged when it
 * is not an HTTP response the integration could read.
 */
export function withCorsHeaders(result: unknown, request: CorsRequest, set: CorsHeaderSet): unknown {
  const response = toHttpResponse(result, request.shape)
  return response === undefined ? result : writeCorsHeaders(response, set, request.shape)
}
