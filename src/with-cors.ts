/**
 * CORS for a plain async Lambda handler, without middy: the same composer
 * (lambda/answers) as the middleware, called around the handler instead of
 * from middy's hooks, so both answer every request alike.
 */
import { compilePolicy } from './policy/compile.js'
import type { CorsOptions } from './policy/options.js'
import { detectShape, isOptionsMethod, isPreflight, readCorsRequest, readCorsRequestOf } from './lambda/event.js'
import { answerPreflight, decideHeaders, withCorsHeaders } from './lambda/answers.js'

/** An async (or synchronous) Lambda handler: `(event, context) => result`. Callback-style handlers are not supported. */
export type LambdaHandler<TEvent = unknown, TResult = unknown, TContext = unknown> =
  (event: TEvent, context: TContext) => TResult | Promise<TResult>

/**
 * Wraps `handler` so that it answers exactly as
 * `middy(handler).use(cors(options))` would:
 *
 * - a preflight is answered without calling the handler (unless
 *   `preflightContinue`);
 * - every response the handler returns, error responses included, gets the
 *   policy's CORS headers (and `Vary`), replacing any `Access-Control-*`
 *   header it set itself;
 * - an error the handler throws propagates unchanged, with no headers added
 *   (as under middy without an error handler): catch it inside the handler
 *   and return an error response if browsers must read it.
 *
 * Validates `options` at once and throws `CorsConfigError` listing every
 * problem.
 *
 * @example
 * export const handler = withCors(async (event) => ({ statusCode: 200, body: 'ok' }), {
 *   origins: ['https://app.example.com'],
 * })
 */
export function withCors<TEvent = unknown, TResult = unknown, TContext = unknown>(
  handler: LambdaHandler<TEvent, TResult, TContext>,
  options: CorsOptions<TEvent>,
): (event: TEvent, context: TContext) => Promise<TResult> {
  if (typeof handler !== 'function') {
    throw new TypeError('withCors(handler, options): handler must be a function (event, context) => response.')
  }
  const policy = compilePolicy(options)
  return async (event: TEvent, context: TContext): Promise<TResult> => {
    // Only an OPTIONS request can be a preflight; other requests are read once, after the handler.
    const shape = policy.preflightContinue ? undefined : detectShape(event)
    if (shape !== undefined) {
      const fields = event as Record<string, unknown>
      // Stryker disable next-line ConditionalExpression: equivalent, isPreflight tests the method again; this only spares reading the headers of other requests
      if (isOptionsMethod(fields, shape)) {
        const request = readCorsRequestOf(fields, shape, policy.requestHeadersBudget)
        if (isPreflight(request)) return (await answerPreflight(policy, request, event)) as TResult
      }
    }
    let result: TResult
    try {
      result = await handler(event, context)
    } catch (error) {
      // Under middy the middleware's onError still judges the origin (so the
      // logger hears of a refused origin) and, finding no response, lets the
      // error go on unchanged. Do the same.
      const request = readCorsRequest(event)
      if (request !== undefined) await decideHeaders(policy, request, event)
      throw error
    }
    const request = readCorsRequest(event)
    if (request === undefined) return result
    const set = await decideHeaders(policy, request, event)
    return withCorsHeaders(result, request, set) as TResult
  }
}
