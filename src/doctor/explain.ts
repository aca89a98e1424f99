/**
 * `explain()`: what the browser decides about a request to a function
 * served with a policy. The answers come from the middleware's own composer
 * (lambda/answers.ts), the verdict from the browser model (browser/).
 */
import { answerPreflight, decideHeaders, whenReady, withCorsHeaders, type Eventually } from '../lambda/answers.js'
import { readCorsRequest, type CorsRequest } from '../lambda/event.js'
import { compilePolicy, type CorsPolicy } from '../policy/compile.js'
import type { CorsOptions } from '../policy/options.js'
import type { ResponseView } from '../browser/request.js'
import { preflightNeed } from '../browser/safelist.js'
import { browserRequestOf, diagnose, type ObservedAnswers } from './diagnose.js'
import { actualRequestHeaders, httpApiEvent, preflightRequestHeaders } from './events.js'
import type { CorsExplanation, ExplainRequest } from './types.js'

/** The handler result `explain()` assumes for the actual request: a plain 200 with JSON. */
function handlerResult(): Record<string, unknown> {
  // Stryker disable next-line ObjectLiteral: equivalent, HTTP API 2.0 turns a bare {} into this same 200 JSON answer (toHttpResponse in lambda/response.ts)
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
  }
}

/**
 * A result's status and header lines. Both results come from the response
 * writer for an HTTP API (2.0) event (lambda/response.ts), which always
 * writes a numeric `statusCode` and a `headers` map of strings, and never
 * `multiValueHeaders`.
 */
function responseView(result: unknown): ResponseView {
  const { statusCode, headers } = result as { statusCode: number; headers: Record<string, string> }
  return { status: statusCode, headerLines: Object.entries(headers) }
}

/** The CORS request in an event httpApiEvent() built. */
function corsRequestOf(event: Record<string, unknown>): CorsRequest {
  const request = readCorsRequest(event)
  // Stryker disable next-line ConditionalExpression,StringLiteral,CallExpression: equivalent, unreachable: readCorsRequest() reads every event httpApiEvent() builds
  if (request === undefined) throw new Error('unreachable: the event is an HTTP API event')
  return request
}

/** The policy's answers to the preflight (when one is needed) and to the actual request. */
export function policyAnswers(policy: CorsPolicy, request: ExplainRequest): Eventually<ObservedAnswers> {
  const browser = browserRequestOf(request)
  const need = preflightNeed(browser)
  const actualEvent = httpApiEvent(browser.url, browser.method, actualRequestHeaders(browser))
  const actualRequest = corsRequestOf(actualEvent)
  const actual = whenReady(decideHeaders(policy, actualRequest, actualEvent), (set) => responseView(withCorsHeaders(handlerResult(), actualRequest, set)))
  if (!need.needed) return whenReady(actual, (answer): ObservedAnswers => ({ actual: answer }))
  const preflightEvent = httpApiEvent(browser.url, 'OPTIONS', preflightRequestHeaders(browser, need))
  const preflightRequest = corsRequestOf(preflightEvent)
  const preflight = answerPreflight(policy, preflightRequest, preflightEvent)
  const combine = (preflightResult: unknown, answer: ResponseView): ObservedAnswers => ({ preflight: responseView(preflightResult), actual: answer })
  // Stryker disable next-line LogicalOperator: equivalent, both answers wait on the same origin verdict, so both or neither are promises
  if (preflight instanceof Promise || actual instanceof Promise) {
    return Promise.all([preflight, actual]).then(([preflightResult, answer]) => combine(preflightResult, answer))
  }
  return combine(preflight, actual)
}

/** Options without the logger: explaining a request is not serving one, so nothing is logged. */
function quiet<TEvent>(options: CorsOptions<TEvent>): CorsOptions<TEvent> {
  const { logger: _logger, ...rest } = options
  return rest
}

/**
 * What a browser decides about a cross-origin `fetch()` to a function served
 * with `cors(options)`, and why: whether a preflight is sent, what the
 * policy answers to each step, the verdict by the Fetch standard as
 * Chromium applies it, and for a block the exact console line Chromium
 * prints, with the option that fixes it. Offline and without side effects.
 *
 * The actual request is assumed to reach the handler and get a 200.
 * Throws `CorsConfigError` for invalid options, and a `TypeError` when the
 * answer depends on an origin predicate, which `cors()` awaits even when it
 * is synchronous (use {@link explainAsync} then).
 *
 * @example
 * ```ts
 * explain({ origins: ['https://app.example.com'] },
 *   { origin: 'https://app.example.com', method: 'PUT', headers: { 'Content-Type': 'application/json' } })
 * // => { verdict: 'blocked', blockedAt: 'preflight', problems: [{ code: 'header-not-allowed', ... }] ... }
 * ```
 */
export function explain<TEvent = unknown>(options: CorsOptions<TEvent>, request: ExplainRequest): CorsExplanation {
  const answers = policyAnswers(compilePolicy(quiet(options)), request)
  // (policyAnswers() never rejects: a predicate that throws or rejects refuses the origin.)
  if (answers instanceof Promise) {
    throw new TypeError('explain(): the answer depends on an origin predicate, which cors() awaits (even a synchronous one); use explainAsync()')
  }
  return diagnose(request, answers)
}

/** {@link explain} for policies with origin predicates (which `cors()` awaits). */
export async function explainAsync<TEvent = unknown>(options: CorsOptions<TEvent>, request: ExplainRequest): Promise<CorsExplanation> {
  const answers = await policyAnswers(compilePolicy(quiet(options)), request)
  return diagnose(request, answers)
}
