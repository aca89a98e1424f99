/**
 * The standalone preflight handler, for a catch-all `OPTIONS /{proxy+}`
 * route: it answers preflights exactly as the middleware would, without
 * loading or running business code.
 */
import { compilePolicy } from './policy/compile.js'
import type { CorsOptions } from './policy/options.js'
import { isPreflight, readCorsRequest, type CorsRequest } from './lambda/event.js'
import { answerPreflight, decideHeaders, withCorsHeaders } from './lambda/answers.js'

/** The result of {@link preflightHandler}'s handler: a Lambda HTTP response. */
export interface PreflightResult {
  statusCode: number
  body: string
  headers?: Record<string, string>
  multiValueHeaders?: Record<string, string[]>
  statusDescription?: string
  isBase64Encoded?: boolean
}

/**
 * Builds a Lambda handler that answers CORS preflights. A request that is
 * not a preflight gets a 400 (OPTIONS without Origin or
 * Access-Control-Request-Method) or a 405 (another method) with a plain-text
 * reason; it never throws.
 *
 * @example
 * export const options = preflightHandler({ origins: ['https://app.example.com'] })
 */
export function preflightHandler<TEvent = unknown>(options: CorsOptions<TEvent>): (event: TEvent, context?: unknown) => Promise<PreflightResult> {
  const policy = compilePolicy(options)
  return async (event: TEvent): Promise<PreflightResult> => {
    let request: CorsRequest | undefined
    try {
      request = readCorsRequest(event, policy.requestHeadersBudget)
    } catch {
      // An event whose fields throw when read is not an HTTP event we can answer: `request` stays undefined.
    }
    if (request === undefined) {
      return { statusCode: 400, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: 'lambda-cors preflightHandler: not an HTTP event.' }
    }
    if (isPreflight(request)) return (await answerPreflight(policy, request, event)) as unknown as PreflightResult
    const notOptions = request.method.toUpperCase() !== 'OPTIONS'
    const plain = {
      statusCode: notOptions ? 405 : 400,
      headers: notOptions ? { 'Content-Type': 'text/plain; charset=utf-8', Allow: 'OPTIONS' } : { 'Content-Type': 'text/plain; charset=utf-8' },
      body: notOptions
        ? `This route only answers CORS preflights (OPTIONS); ${request.method} is not handled here.`
        : 'Not a CORS preflight: a preflight carries Origin and Access-Control-Request-Method headers.',
    }
    // Still the actual-response CORS headers, so a browser can read the reason.
    const set = await decideHeaders(policy, request, event)
    return withCorsHeaders(plain, request, set) as PreflightResult
  }
}
