/**
 * The middy middleware: answers preflights in `before`, and adds CORS
 * headers to every response that leaves the stack, in `after` and `onError`.
 *
 * The event is read and the origin judged once per invocation: in `before`
 * for a preflight, in `after` or `onError` for everything else. The hooks
 * return a Promise only when an origin predicate has to be awaited.
 */
import { compilePolicy } from './policy/compile.js'
import type { CorsOptions } from './policy/options.js'
import type { CorsHeaderSet } from './headers/rules.js'
import { isOptionsRequest, isPreflight, readCorsRequest, type CorsRequest } from './lambda/event.js'
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

/** The invocation's request and header set, decided once per hook that needs them. */
interface Decision {
  readonly request: CorsRequest
  readonly set: CorsHeaderSet
}

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

  /** Reads the event and judges the origin; `undefined` for a non-HTTP event. */
  const decide = (event: unknown): Eventually<Decision | undefined> => {
    const corsRequest = readCorsRequest(event)
    if (corsRequest === undefined) return undefined
    return whenReady(decideHeaders(policy, corsRequest, event), (set) => ({ request: corsRequest, set }))
  }

  const before = (request: CorsMiddlewareRequest<TEvent, TResult>): TResult | undefined | Promise<TResult | undefined> => {
    // Only an OPTIONS request can be a preflight: every other request skips
    // the header scan here and is read once, in `after` or `onError`.
    if (policy.preflightContinue || !isOptionsRequest(request.event)) return undefined
    const corsRequest = readCorsRequest(request.event)
    if (corsRequest === undefined || !isPreflight(corsRequest)) return undefined
    // Returning a value ends middy's `before` stack: the handler never runs.
    return answerPreflight(policy, corsRequest, request.event) as TResult | Promise<TResult>
  }

  const after = (request: CorsMiddlewareRequest<TEvent, TResult>): void | Promise<void> =>
    whenReady(decide(request.event), (decision) => {
      if (decision !== undefined) request.response = withCorsHeaders(request.response, decision.request, decision.set) as TResult
    })

  const onError = (request: CorsMiddlewareRequest<TEvent, TResult>): void | Promise<void> =>
    whenReady(decide(request.event), (decision) => {
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
