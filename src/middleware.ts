/**
 * The middy middleware: answers preflights in `before`, and adds CORS
 * headers to every response that leaves the stack, in `after` and `onError`.
 *
 * The event is read and the origin judged once per invocation, in `before`;
 * `after` and `onError` reuse that decision. The hooks return a Promise only
 * when an origin predicate has to be awaited.
 */
import { compilePolicy } from './policy/compile.js'
import type { CorsOptions } from './policy/options.js'
import type { CorsHeaderSet } from './headers/rules.js'
import { isPreflight, readCorsRequest, type CorsRequest } from './lambda/event.js'
import { answerPreflight, decideHeaders, whenReady, withCorsHeaders, type Eventually } from './lambda/answers.js'

/**
 * The part of middy's request object the middleware uses. middy 4 to 7 all
 * pass a compatible object.
 */
export interface CorsMiddlewareRequest<TEvent = unknown, TResult = unknown> {
  event: TEvent
  response: TResult | null | undefined
  error: unknown
}

/** A middy middleware object, assignable to `MiddlewareObj` of `@middy/core` 4 to 7. */
export interface CorsMiddleware<TEvent = unknown, TResult = unknown> {
  readonly name: string
  /** Answers preflights (unless `preflightContinue`), so business code never runs for them. */
  before(request: CorsMiddlewareRequest<TEvent, TResult>): TResult | undefined | Promise<TResult | undefined>
  /** Adds CORS headers to the handler's response. */
  after(request: CorsMiddlewareRequest<TEvent, TResult>): void | Promise<void>
  /** Adds CORS headers to the error response, whichever middleware builds it. */
  onError(request: CorsMiddlewareRequest<TEvent, TResult>): void | Promise<void>
}

/** The decision of one invocation, kept on middy's per-invocation request object. */
interface Decision {
  readonly request: CorsRequest
  readonly set: CorsHeaderSet
}
const DECISION = Symbol('lambda-cors decision')
type WithDecision = { [DECISION]?: Decision }

/**
 * The CORS middleware for middy.
 *
 * Validates `options` at once and throws {@link CorsConfigError} listing every
 * problem; nothing is validated per request.
 *
 * @example
 * export const handler = middy(business)
 *   .use(cors({ origins: ['https://app.example.com', 'http://localhost:*'], credentials: true }))
 *   .use(httpErrorHandler())
 */
export function cors<TEvent = unknown, TResult = unknown>(options: CorsOptions<TEvent>): CorsMiddleware<TEvent, TResult> {
  const policy = compilePolicy(options)

  /** The invocation's decision: made in `before`, or now if `before` never ran. */
  const decisionOf = (request: CorsMiddlewareRequest<TEvent, TResult>): Eventually<Decision | undefined> => {
    const kept = (request as WithDecision)[DECISION]
    if (kept !== undefined) return kept
    const corsRequest = readCorsRequest(request.event)
    if (corsRequest === undefined) return undefined
    return whenReady(decideHeaders(policy, corsRequest, request.event), (set) => ({ request: corsRequest, set }))
  }

  const before = (request: CorsMiddlewareRequest<TEvent, TResult>): TResult | undefined | Promise<TResult | undefined> => {
    const corsRequest = readCorsRequest(request.event)
    if (corsRequest === undefined) return undefined
    if (!policy.preflightContinue && isPreflight(corsRequest)) {
      // Returning a value ends middy's `before` stack: the handler never runs.
      return answerPreflight(policy, corsRequest, request.event) as TResult | Promise<TResult>
    }
    return whenReady(decideHeaders(policy, corsRequest, request.event), (set) => {
      (request as WithDecision)[DECISION] = { request: corsRequest, set }
      return undefined
    })
  }

  const after = (request: CorsMiddlewareRequest<TEvent, TResult>): void | Promise<void> =>
    whenReady(decisionOf(request), (decision) => {
      if (decision !== undefined) request.response = withCorsHeaders(request.response, decision.request, decision.set) as TResult
    })

  const onError = (request: CorsMiddlewareRequest<TEvent, TResult>): void | Promise<void> =>
    whenReady(decisionOf(request), (decision) => {
      if (decision === undefined) return
      if (request.response !== undefined && request.response !== null) {
        request.response = withCorsHeaders(request.response, decision.request, decision.set) as TResult
        return
      }
      // No response yet: an error handler used *before* this middleware
      // (`.use(httpErrorHandler()).use(cors())`) runs after us in onError.
      // Decorate whatever response it sets; if none is set, the error still
      // propagates unchanged.
      decorateLaterResponse(request, decision)
    })

  return { name: 'lambda-cors', before, after, onError }
}

function decorateLaterResponse(request: CorsMiddlewareRequest<unknown, unknown>, decision: Decision): void {
  let response: unknown = request.response
  Object.defineProperty(request, 'response', {
    configurable: true,
    enumerable: true,
    get: () => response,
    set: (next: unknown) => {
      response = next === undefined || next === null ? next : withCorsHeaders(next, decision.request, decision.set)
    },
  })
}
