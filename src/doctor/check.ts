/**
 * The network check: what a browser decides about a request to a deployed
 * URL. It sends what the browser sends (the preflight when one is needed,
 * then, only if it passes, the actual request), and judges the answers with
 * the same code as `explain()`.
 */
import type { CorsOptions } from '../policy/options.js'
import { preflightNeed } from '../browser/safelist.js'
import { browserRequestOf, diagnose, type ObservedAnswers } from './diagnose.js'
import { driftProblems } from './drift.js'
import { actualRequestHeaders, preflightRequestHeaders } from './events.js'
import { explainAsync } from './explain.js'
import { send, type TransportOptions } from './http-client.js'
import type { CorsExplanation, ExplainRequest } from './types.js'

/** A request to check: an {@link ExplainRequest} whose URL is required. */
export interface CheckRequest extends ExplainRequest {
  readonly url: string
}

/** How to check. */
export interface CheckOptions extends TransportOptions {
  /** The policy the deployment should serve: every difference is reported as `drift`. */
  readonly policy?: CorsOptions
}

/** The user agent the check identifies itself with. */
const USER_AGENT = 'lambda-cors-check (+https://www.npmjs.com/package/lambda-cors)'

/**
 * Sends the browser's requests to `request.url` and explains the outcome.
 * Rejects on network errors (DNS, TLS, timeouts), never on a CORS failure.
 */
export async function checkUrl(request: CheckRequest, options: CheckOptions = {}): Promise<CorsExplanation> {
  const browser = browserRequestOf(request)
  const need = preflightNeed(browser)
  const answers: { preflight?: ObservedAnswers['preflight']; actual?: ObservedAnswers['actual'] } = {}
  if (need.needed) {
    // A preflight never carries credentials, whatever the request's mode.
    answers.preflight = await send(browser.url, 'OPTIONS', { ...preflightRequestHeaders(browser, need), 'user-agent': USER_AGENT }, options)
  }
  const preflightOnly = diagnose(request, answers)
  if (preflightOnly.blockedAt !== 'preflight' || !need.needed) {
    // Page script cannot set User-Agent in Chromium (the model drops it), so the check names itself.
    answers.actual = await send(browser.url, browser.method, { ...actualRequestHeaders(browser), 'user-agent': USER_AGENT }, options)
  }
  const explanation = diagnose(request, answers)
  if (options.policy === undefined) return explanation
  const expected = await explainAsync(options.policy, request)
  return { ...explanation, problems: [...explanation.problems, ...driftProblems(explanation, expected)] }
}
