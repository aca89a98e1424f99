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
    const corsRequest = readCorsRequest(event, policy.requestHeadersBudget)
    if (corsRequest === undefined) return undefined
    return whenReady(decideHeaders(policy, corsRequest, event), (set) => ({ request: corsRequest, set }))
  }

  const before = (request: CorsMiddlewareRequest<TEvent, TResult>): TResult | undefined | Promise<TResult | undefined> => {
    // Only an OPTIONS request can be a preflight: every other request skips
    // the header scan here and is read once, in `after` or `onError`.
    if (policy.preflightContinue) return undefined
    try {
      const event = request.event
      if (!isOptionsRequest(event)) return undefined
      const corsRequest = readCorsRequest(event, policy.requestHeadersBudget)
      if (corsRequest === undefined || !isPreflight(corsRequest)) return undefined
      // Returning a value ends middy's `before` stack: the handler never runs.
      return guarded(answerPreflight(policy, corsRequest, event) as TResult | Promise<TResult>)
    } catch {
      return undefined // an event we cannot read is not answered here: the handler decides
    }
  }

  const after = (request: CorsMiddlewareRequest<TEvent, TResult>): void | Promise<void> => {
    try {
      const result = request.response
      return guarded(whenReady(decide(request.event), (decision) => {
        if (decision !== undefined) request.response = withCorsHeaders(result, decision.request, decision.set) as TResult
      }))
    } catch {
      return undefined // a response we cannot read is left as it is
    }
  }

  const onError = (request: CorsMiddlewareRequest<TEvent, TResult>): void | Promise<void> => {
    // Whatever happens here, the original error must propagate unchanged:
    // a throw from onError would replace it.
    try {
      return guarded(whenReady(decide(request.event), (decision) => {
        if (decision === undefined) return
        const response = request.response
        if (response !== undefined && response !== null) {
          request.response = withCorsHeaders(response, decision.request, decision.set) as TResult
          return
        }
        // No response yet: an error handler used *before* this middleware
        // (`.use(httpErrorHandler()).use(cors())`) runs after us in onError.
        // Decorate whatever response it sets; if none is set, the error still
        // propagates unchanged.
        decorateLaterResponse(request, decision)
      }))
    } catch {
      return undefined
    }
  }

  return { name: 'lambda-cors', before, after, onError }
}

function decorateLaterResponse(request: CorsMiddlewareRequest<unknown, unknown>, decision: Decision): void {
  let response: unknown = request.response
  Object.defineProperty(request, 'response', {
    configurable: true,
    enumerable: true,
    get: () => response,
    set: (next: unknown) => {
      response = next
      if (next === undefined || next === null) return
      try {
        response = withCorsHeaders(next, decision.request, decision.set)
      } catch {
        // A response we cannot read is kept as it was set.
      }
    },
  })
}

/**
 * A hook's pending work, settled even if it fails: a rejected hook would
 * make middy replace the response (or the handler's error) with ours.
 */
function guarded<T>(value: Eventually<T>): Eventually<T | undefined> {
  return value instanceof Promise ? value.catch(() => undefined) : value
}
