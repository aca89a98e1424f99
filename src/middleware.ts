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
import { detectShape, isOptionsMethod, isPreflight, readCorsRequestOf, type CorsRequest, type HttpEventShape } from './lambda/event.js'
import { answerPreflight, decideHeaders, preflightAnswer, whenReady, withCorsHeaders, withCorsHeadersFor, type Eventually } from './lambda/answers.js'
import { createResponder, NOT_PREFLIGHT } from './lambda/responder.js'

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

type Fields = Record<string, unknown>

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
  // The fast path: header sets remembered per origin, read without building a CorsRequest.
  const responder = createResponder(policy)

  /** The general path: reads the HTTP event and judges the origin. */
  const decide = (event: Fields, shape: HttpEventShape): Eventually<Decision> => {
    const corsRequest = readCorsRequestOf(event, shape, policy.requestHeadersBudget)
    return whenReady(decideHeaders(policy, corsRequest, event), (set) => ({ request: corsRequest, set }))
  }

  // Hook names are what middy's plugin hooks (beforeMiddleware, afterMiddleware) report.
  const lambdaCorsBefore = (request: CorsMiddlewareRequest<TEvent, TResult>): TResult | undefined | Promise<TResult | undefined> => {
    // Only an OPTIONS request can be a preflight: every other request skips
    // the header scan here and is read once, in `after` or `onError`.
    if (policy.preflightContinue) return undefined
    try {
      const event = request.event as Fields
      const shape = detectShape(event)
      // Stryker disable next-line ConditionalExpression: equivalent, for an event of no known shape isOptionsMethod reads httpMethod, which only an HTTP event has as a string
      if (shape === undefined || !isOptionsMethod(event, shape)) return undefined
      const fast = responder.preflightHeaders(event)
      if (fast === NOT_PREFLIGHT) return undefined
      // Returning a value ends middy's `before` stack: the handler never runs.
      // Stryker disable next-line ConditionalExpression: equivalent, the fast path only saves work (test/fast-path.property.test.ts holds it to the general path)
      if (fast !== undefined) return preflightAnswer(policy, fast, shape) as TResult
      const corsRequest = readCorsRequestOf(event, shape, policy.requestHeadersBudget)
      if (!isPreflight(corsRequest)) return undefined
      return guarded(answerPreflight(policy, corsRequest, event) as TResult | Promise<TResult>)
    } catch {
      // An event we cannot read is not answered here: the handler decides.
    }
    return undefined
  }

  /**
   * The fast path of `after` and `onError`: a non-OPTIONS request whose
   * origin the responder judges at once gets its headers here (and a
   * non-HTTP event nothing). Returns `false` when the general path must
   * decide.
   */
  // Stryker disable next-line BlockStatement: equivalent, without the fast path every request takes the general path, which gives the same answer (test/fast-path.property.test.ts)
  const decorateFast = (request: CorsMiddlewareRequest<TEvent, TResult>, event: Fields, shape: HttpEventShape, result: unknown): boolean => {
    // Stryker disable next-line ConditionalExpression: equivalent, the general path then decides every request, to the same answer (test/fast-path.property.test.ts)
    if (isOptionsMethod(event, shape)) return false
    const set = responder.actualHeaders(event)
    // Stryker disable next-line ConditionalExpression: equivalent, the general path then decides every request, to the same answer (test/fast-path.property.test.ts)
    if (set === undefined) return false
    request.response = withCorsHeadersFor(result, shape, set) as TResult
    // Stryker disable next-line BooleanLiteral: equivalent, the general path would then decorate the same result again, to the same response
    return true
  }

  const lambdaCorsAfter = (request: CorsMiddlewareRequest<TEvent, TResult>): void | Promise<void> => {
    try {
      const event = request.event as Fields
      const shape = detectShape(event)
      if (shape === undefined) return undefined // not an HTTP event: nothing to add
      const result = request.response
      // Stryker disable next-line ConditionalExpression: equivalent, the fast path only saves work (test/fast-path.property.test.ts)
      if (decorateFast(request, event, shape, result)) return undefined
      return guarded(whenReady(decide(event, shape), (decision) => {
        request.response = withCorsHeaders(result, decision.request, decision.set) as TResult
      }))
    } catch {
      // A response we cannot read is left as it is.
    }
    return undefined
  }

  const lambdaCorsOnError = (request: CorsMiddlewareRequest<TEvent, TResult>): void | Promise<void> => {
    // Whatever happens here, the original error must propagate unchanged:
    // a throw from onError would replace it.
    try {
      const event = request.event as Fields
      const shape = detectShape(event)
      if (shape === undefined) return undefined // not an HTTP event: nothing to add
      const existing = request.response
      // Stryker disable next-line ConditionalExpression: equivalent, the fast path only saves work (test/fast-path.property.test.ts)
      if (existing !== undefined && existing !== null && decorateFast(request, event, shape, existing)) return undefined
      return guarded(whenReady(decide(event, shape), (decision) => {
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
      // The error propagates as it is.
    }
    return undefined
  }

  return { name: 'lambda-cors', before: lambdaCorsBefore, after: lambdaCorsAfter, onError: lambdaCorsOnError }
}

function decorateLaterResponse(request: CorsMiddlewareRequest<unknown, unknown>, decision: Decision): void {
  let response: unknown = request.response
  Object.defineProperty(request, 'response', {
    configurable: true,
    enumerable: true,
    get: () => response,
    set: (next: unknown) => {
      response = next
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
