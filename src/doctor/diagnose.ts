/**
 * Judging answers: given a request and the answers it got (from the policy,
 * or from a deployed URL), what the browser decides and why. Shared by
 * `explain()` and `lambda-cors check`, so both say the same thing.
 */
import { authorizationOnlyCoveredByWildcard, corsCheck, preflightCheck, type CorsFailure } from '../browser/checks.js'
import { chromiumConsoleMessage } from '../browser/console-message.js'
import { headerValue, normalizeMethod, type BrowserRequest, type ResponseView } from '../browser/request.js'
import { preflightNeed } from '../browser/safelist.js'
import { awsCode, servedFromCloudFrontCache, variesOnOrigin, type ObservedAnswer } from './aws-diagnosis.js'
import { codeOfFailure, errorTexts } from './problem-texts.js'
import { authorizationWildcardWarning, cachedPreflightWarning, missingVaryWarning } from './warnings.js'
import type { AnswerSummary, CorsExplanation, DoctorProblem, ExplainRequest, RequestStep } from './types.js'

/** The request as the browser model takes it: defaults filled in. */
export function browserRequestOf(request: ExplainRequest): BrowserRequest {
  return {
    // Where `explain()` pretends the API lives when no URL is given.
    url: request.url ?? 'https://api.example.com/',
    origin: request.origin,
    method: normalizeMethod(request.method),
    headers: request.headers ?? {},
    credentials: request.credentials === true,
  }
}

/** The answers a request got: the preflight's (when one was sent) and the actual request's (when it was sent). */
export interface ObservedAnswers {
  readonly preflight?: ObservedAnswer
  readonly actual?: ObservedAnswer
}

/** A header list as one record: lower-case names, repeats joined by `", "` as the browser reads them. */
export function summarize(answer: ResponseView | undefined): AnswerSummary {
  if (answer === undefined) return {}
  const headers: Record<string, string> = {}
  for (const name of new Set(answer.headerLines.map(([line]) => line.toLowerCase()))) {
    // Stryker disable next-line StringLiteral: equivalent, unreachable: headerValue() finds the name just read from the lines
    headers[name] = headerValue(answer, name) ?? ''
  }
  return { status: answer.status, headers }
}

/**
 * What the browser decides for `request` given `answers`. A missing
 * preflight answer, when one is needed, counts as "not sent yet" and yields
 * `blocked` at the preflight with no problem; callers always supply it.
 */
export function diagnose(request: ExplainRequest, answers: ObservedAnswers): CorsExplanation {
  const browser = browserRequestOf(request)
  const need = preflightNeed(browser)
  const problems: DoctorProblem[] = []
  // The browser's refusal and the answer it refused, if any.
  let refusal: { failure: CorsFailure; answer: ObservedAnswer } | undefined

  if (need.needed && answers.preflight !== undefined) {
    const ask = { origin: browser.origin, method: need.method, headerNames: need.headerNames, credentials: browser.credentials }
    const failure = preflightCheck(answers.preflight, ask)
    if (failure !== undefined) refusal = { failure, answer: answers.preflight }
    warnAbout(answers.preflight, 'preflight', browser, problems)
    if (failure === undefined && authorizationOnlyCoveredByWildcard(answers.preflight, ask)) problems.push(authorizationWildcardWarning())
    if (servedFromCloudFrontCache(answers.preflight)) problems.push(cachedPreflightWarning())
  }
  const preflightBlocked = refusal !== undefined || (need.needed && answers.preflight === undefined)
  const actualAnswer = preflightBlocked ? undefined : answers.actual
  if (actualAnswer !== undefined) {
    const failure = corsCheck(actualAnswer, browser.origin, browser.credentials, 'actual')
    if (failure !== undefined) refusal = { failure, answer: actualAnswer }
    warnAbout(actualAnswer, 'actual', browser, problems)
  }
  if (refusal !== undefined) problems.unshift(errorProblem(refusal.failure, refusal.answer, browser))

  const blockedAt: RequestStep | undefined = preflightBlocked ? 'preflight' : refusal !== undefined ? 'actual' : undefined
  const preflight = need.needed
    ? { needed: true, why: need.why, ...summarize(answers.preflight) }
    : { needed: false }
  const verdict = blockedAt === undefined && actualAnswer !== undefined ? 'allowed' : 'blocked'
  const actual = summarize(actualAnswer)
  return blockedAt === undefined
    ? { verdict, preflight, actual, problems }
    : { verdict, blockedAt, preflight, actual, problems }
}

function errorProblem(failure: CorsFailure, answer: ObservedAnswer, request: BrowserRequest): DoctorProblem {
  const code = awsCode(failure, answer, codeOfFailure(failure))
  const texts = errorTexts(code, { origin: request.origin, method: request.method, failure, status: answer.status })
  return {
    code,
    severity: 'error',
    step: failure.step,
    message: chromiumConsoleMessage(failure, request.url, request.origin),
    ...texts,
  }
}

/** `missing-vary-origin`: an answer that echoes the origin must say it varies on it. */
function warnAbout(answer: ObservedAnswer, step: RequestStep, request: BrowserRequest, problems: DoctorProblem[]): void {
  // (The page's origin is never '*': a '*' answer does not echo it.)
  const allowOrigin = headerValue(answer, 'access-control-allow-origin')
  if (allowOrigin !== request.origin) return
  if (!variesOnOrigin(answer)) problems.push(missingVaryWarning(step, request.method, allowOrigin))
}
