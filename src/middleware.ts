/**
 * The middy middleware: answers preflights in `before`, and adds CORS
 * headers to every response that leaves the stack, in `after` and `onError`.
 */
import { compilePolicy, type CorsPolicy } from './policy/compile.js'
import type { CorsOptions } from './policy/options.js'
import type { CorsHeaderSet } from './headers/rules.js'
import { isPreflight, readCorsRequest, type CorsRequest } from './lambda/event.js'
import { answerPreflight, decideHeaders, withCorsHeaders } from './lambda/answers.js'

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
  before(request: CorsMiddlewareRequest<TEvent, TResult>): Promise<TResult | undefined>
  /** Adds CORS headers to the handler's response. */
  after(request: CorsMiddlewareRequest<TEvent, TResult>): Promise<void>
  /** Adds CORS headers to the error response, whichever middleware builds it. */
  onError(request: CorsMiddlewareRequest<TEvent, TResult>): Promise<void>
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

  const before = async (request: CorsMiddlewareRequest<TEvent, TResult>): Promise<TResult | undefined> => {
    if (policy.preflightContinue) return undefined
    const corsRequest = readCorsRequest(request.event)
    if (corsRequest === undefined || !isPreflight(corsRequest)) return undefined
    // Returning a value ends middy's `before` stack: the handler never runs.
    return (await answerPreflight(policy, corsRequest, request.event)) as TResult
  }

  const after = async (request: CorsMiddlewareRequest<TEvent, TResult>): Promise<void> => {
    const corsRequest = readCorsRequest(request.event)
    if (corsRequest === undefined) return
    const set = await decideHeaders(policy, corsRequest, request.event)
    request.response = withCorsHeaders(request.response, corsRequest, set) as TResult
  }

  const onError = async (request: CorsMiddlewareRequest<TEvent, TResult>): Promise<void> => {
    const corsRequest = readCorsRequest(request.event)
    if (corsRequest === undefined) return
    const set = await decideHeaders(policy, corsRequest, request.event)
    if (request.response !== undefined && request.response !== null) {
      request.response = withCorsHeaders(request.response, corsRequest, set) as TResult
      return
    }
    // No response yet: an error handler used *before* this middleware
    // (`.use(httpErrorHandler()).use(cors())`) runs after us in onError.
    // Decorate whatever response it sets; if none is set, the error still
    // propagates unchanged.
    decorateLaterResponse(request, corsRequest, set)
  }

  return { name: 'lambda-cors', before, after, onError }
}

function decorateLaterResponse(request: CorsMiddlewareRequest<unknown, unknown>, corsRequest: CorsRequest, set: CorsHeaderSet): void {
  let response: unknown = request.response
  Object.defineProperty(request, 'response', {
    configurable: true,
    enumerable: true,
    get: () => response,
    set: (next: unknown) => {
      response = next === undefined || next === null ? next : withCorsHeaders(next, corsRequest, set)
    },
  })
}

