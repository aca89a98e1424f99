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
import type { CorsRefusal } from '../policy/options.js'
import { judgeOrigin } from '../origin/verdict.js'
import { isPreflight, type CorsRequest, type HttpEventShape } from './event.js'
import { preflightResponse, toHttpResponse, writeCorsHeaders } from './response.js'

/** A value now, or later when a predicate has to be awaited. */
export type Eventually<T> = T | Promise<T>

/** Applies `next` now, or when `value` settles: no microtask unless a predicate made one. */
export function whenReady<T, U>(value: Eventually<T>, next: (value: T) => U): Eventually<U> {
  return value instanceof Promise ? value.then(next) : next(value)
}


/** The header set for a request: preflight rules for preflights, actual-response rules otherwise. */
export function decideHeaders(policy: CorsPolicy, request: CorsRequest, event: unknown): Eventually<CorsHeaderSet> {
  const preflight = isPreflight(request)
  // A static '*' policy answers actual requests without looking at the origin.
  // Stryker disable next-line ConditionalExpression: equivalent, actualResponseHeaders gives the same static set for a '*' policy; this skips judging the origin
  if (policy.anyOrigin && !preflight) return policy.staticActualHeaders
  const verdict = judgeOrigin(policy.origins, request.origins, event)
  return verdict instanceof Promise
    ? verdict.then((settled) => headersFor(policy, request, settled, preflight))
    : headersFor(policy, request, verdict, preflight)
}

function headersFor(policy: CorsPolicy, request: CorsRequest, verdict: OriginVerdict, preflight: boolean): CorsHeaderSet {
  const answer: CorsAnswer = preflight
    ? preflightResponseHeaders(policy, verdict, {
      method: preflightMethod(request),
      requestHeaders: request.requestHeaders,
      privateNetwork: request.privateNetwork,
    })
    : actualResponseHeaders(policy, verdict)
  // Stryker disable next-line ConditionalExpression: equivalent, the header rules build a refusal only when there is a logger
  if (answer.refusal !== undefined && policy.logger !== undefined) log(policy.logger, answer.refusal)
  return answer.set
}

/**
 * Calls the logger, which must not break the response: a throw is ignored,
 * and so is the rejection of an async logger (unhandled, it would fail the
 * invocation on Lambda's Node runtime).
 */
function log(logger: (refusal: CorsRefusal) => unknown, refusal: CorsRefusal): void {
  try {
    const returned = logger(refusal)
    // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent, calling then on anything else throws inside the try, which is ignored just the same
    if (typeof returned === 'object' && returned !== null && typeof (returned as PromiseLike<unknown>).then === 'function') {
      (returned as PromiseLike<unknown>).then(undefined, ignore)
    }
  } catch {
    // A broken logger must not break the response.
  }
}

// Stryker disable next-line BlockStatement: equivalent, an empty function returns undefined too
function ignore(): undefined {
  return undefined
}

/** The first non-empty Access-Control-Request-Method, trimmed. */
function preflightMethod(request: CorsRequest): string {
  for (const value of request.requestMethods) {
    const trimmed = value.trim()
    // Stryker disable next-line ConditionalExpression,StringLiteral: equivalent, lambda/event.ts keeps only the first non-blank value, and isPreflight requires one
    if (trimmed !== '') return trimmed
  }
  // Stryker disable next-line StringLiteral: unreachable, isPreflight requires a non-empty Access-Control-Request-Method
  return ''
}

/** The full answer to a preflight, in the event's response shape. */
export function answerPreflight(policy: CorsPolicy, request: CorsRequest, event: unknown): Eventually<Record<string, unknown>> {
  return whenReady(decideHeaders(policy, request, event), (set) => preflightAnswer(policy, set, request.shape))
}

/**
 * A preflight's response for a decided header set: the policy's status and
 * Cache-Control, in the event's shape. Every path that answers a preflight
 * (the general one and the middleware's fast one) builds it here.
 */
export function preflightAnswer(policy: CorsPolicy, set: CorsHeaderSet, shape: HttpEventShape): Record<string, unknown> {
  return preflightResponse(policy.optionsSuccessStatus, set, shape, policy.preflightCacheControl)
}

/**
 * The handler's result with CORS headers, or the result unchanged when it
 * is not an HTTP response the integration could read.
 */
export function withCorsHeaders(result: unknown, request: CorsRequest, set: CorsHeaderSet): unknown {
  return withCorsHeadersFor(result, request.shape, set)
}

/** {@link withCorsHeaders} for an event of a known shape. */
export function withCorsHeadersFor(result: unknown, shape: HttpEventShape, set: CorsHeaderSet): unknown {
  const response = toHttpResponse(result, shape)
  return response === undefined ? result : writeCorsHeaders(response, set, shape)
}

