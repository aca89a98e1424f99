import { describe, expect, it } from 'vitest'
import { diagnose } from '../../src/doctor/diagnose.js'
import { driftProblems } from '../../src/doctor/drift.js'
import { explain } from '../../src/doctor/index.js'
import {
  type CannedAnswer,
  authorizerUnauthorized,
  corsActual,
  corsPreflight,
  fromCloudFrontCache,
  gatewayInternalError,
  missingAuthenticationToken,
} from '../support/gateway-answers.js'

// The problems only a deployed answer can have (the policy alone never
// produces them): judged by the same diagnose() that explain() and
// `lambda-cors check` use, on answers API Gateway and CloudFront really send.

const APP = 'https://app.example.com'
const URL_ = 'https://abc123.execute-api.eu-west-1.amazonaws.com/prod/orders'
const put = { url: URL_, origin: APP, method: 'PUT', headers: { 'Content-Type': 'application/json' } }
const get = { url: URL_, origin: APP, method: 'GET' }

describe('diagnose(): AWS answers', () => {
  it("preflight-not-routed: REST's 403 Missing Authentication Token on OPTIONS", () => {
    const result = diagnose(put, { preflight: missingAuthenticationToken() })
    expect(result).toMatchObject({ verdict: 'blocked', blockedAt: 'preflight', preflight: { needed: true, status: 403 }, actual: {} })
    expect(result.problems).toMatchObject([{
      code: 'preflight-not-routed',
      severity: 'error',
      step: 'preflight',
      // What Chromium prints: the CORS check fails before the status is looked at.
      message: `Access to fetch at '${URL_}' from origin '${APP}' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.`,
    }])
    expect(result.problems[0]?.cause).toContain('no OPTIONS method')
  })

  it('a 403 on OPTIONS that is not API Gateway\'s own stays missing-allow-origin', () => {
    const forbidden = { status: 403, headerLines: [['Content-Type', 'text/html']] as Array<[string, string]>, body: '<h1>Forbidden</h1>' }
    expect(diagnose(put, { preflight: forbidden }).problems.map((problem) => problem.code)).toEqual(['missing-allow-origin'])
  })

  it.each([
    ['an authorizer 401', authorizerUnauthorized()],
    ['an integration 502', gatewayInternalError()],
  ])('error-without-cors: %s with no CORS header', (_name, answer) => {
    const result = diagnose(get, { actual: answer })
    expect(result).toMatchObject({ verdict: 'blocked', blockedAt: 'actual', actual: { status: answer.status } })
    expect(result.problems).toMatchObject([{ code: 'error-without-cors', step: 'actual', message: expect.stringContaining("No 'Access-Control-Allow-Origin' header is present") as string }])
    expect(result.problems[0]?.fix).toContain('gateway responses')
  })

  it('a 4xx the CORS layer refused (Vary: Origin, no Allow-Origin) is missing-allow-origin, not a gateway error', () => {
    const refused = { status: 404, headerLines: [['Vary', 'Origin']] as Array<[string, string]>, body: '' }
    expect(diagnose(get, { actual: refused }).problems.map((problem) => problem.code)).toEqual(['missing-allow-origin'])
  })

  it('duplicate-allow-origin: the gateway and the function both answer', () => {
    const both = corsActual(APP)
    both.headerLines.push(['access-control-allow-origin', '*'])
    const [problem] = diagnose(get, { actual: both }).problems
    expect(problem).toMatchObject({ code: 'duplicate-allow-origin', message: expect.stringContaining(`contains multiple values '${APP}, *', but only one is allowed.`) as string })
  })

  it('allow-origin-mismatch: a hard-coded origin', () => {
    const [problem] = diagnose(get, { actual: corsActual('https://admin.example.com') }).problems
    expect(problem).toMatchObject({ code: 'allow-origin-mismatch', message: expect.stringContaining("has a value 'https://admin.example.com' that is not equal to the supplied origin.") as string })
  })

  it('preflight-status: a handler answered OPTIONS with 404 and CORS headers', () => {
    const notFound = { ...corsPreflight(APP), status: 404 }
    expect(diagnose(put, { preflight: notFound }).problems).toMatchObject([{
      code: 'preflight-status', message: expect.stringMatching(/Response to preflight request doesn't pass access control check: It does not have HTTP ok status\.$/) as string,
    }])
  })

  it('preflight-redirect and invalid-allow-list', () => {
    const redirect = { status: 301, headerLines: [['Location', `${URL_}/`], ['Access-Control-Allow-Origin', APP], ['Vary', 'Origin']] as Array<[string, string]>, body: '' }
    expect(diagnose(put, { preflight: redirect }).problems.map((problem) => problem.code)).toEqual(['preflight-redirect'])
    const unparsable = corsPreflight(APP, { methods: 'GET; PUT' })
    expect(diagnose(put, { preflight: unparsable }).problems).toMatchObject([{ code: 'invalid-allow-list', message: expect.stringContaining('Cannot parse Access-Control-Allow-Methods') as string }])
  })

  it("Authorization under a literal '*' from another CORS layer: allowed as Chromium does, with a warning", () => {
    const star = corsPreflight(APP, { headers: '*' })
    const request = { ...get, headers: { Authorization: 'Bearer t' } }
    const result = diagnose(request, { preflight: star, actual: corsActual(APP) })
    expect(result.verdict).toBe('allowed')
    expect(result.problems).toMatchObject([{ code: 'authorization-covered-by-wildcard', severity: 'warning', step: 'preflight' }])
  })
})

describe('diagnose(): warnings', () => {
  it('missing-vary-origin: an echoed origin without Vary, on an otherwise allowed request', () => {
    const noVary = corsActual(APP)
    noVary.headerLines = noVary.headerLines.filter(([name]) => name !== 'Vary')
    const result = diagnose(get, { actual: noVary })
    expect(result.verdict).toBe('allowed')
    expect(result.problems).toMatchObject([{ code: 'missing-vary-origin', severity: 'warning', step: 'actual' }])
    expect(diagnose(get, { actual: corsActual('*') }).problems).toEqual([])
  })

  it('preflight-cached-by-cdn: X-Cache: Hit from cloudfront on the preflight', () => {
    const result = diagnose(put, { preflight: fromCloudFrontCache(corsPreflight(APP)), actual: corsActual(APP) })
    expect(result.verdict).toBe('allowed')
    expect(result.problems).toMatchObject([{ code: 'preflight-cached-by-cdn', severity: 'warning', step: 'preflight' }])
  })

  it('drift: every CORS header the deployment answers differently from the policy', () => {
    const policy = { origins: [APP], methods: ['GET', 'PUT'], allowedHeaders: ['Content-Type'], maxAge: 300 }
    const deployed = diagnose(put, { preflight: corsPreflight(APP, { methods: 'GET, PUT', headers: 'content-type', maxAge: '600' }), actual: corsActual(APP) })
    const drift = driftProblems(deployed, explain(policy, put))
    expect(drift.map((problem) => [problem.code, problem.step, problem.severity])).toEqual([['drift', 'preflight', 'warning']])
    expect(drift[0]?.message).toBe("The deployed preflight answers access-control-max-age: '600'; the policy answers '300'.")
    expect(driftProblems(deployed, explain({ ...policy, maxAge: 600 }, put))).toEqual([])
  })
})

describe('diagnose(): which answers count', () => {
  const why = expect.stringContaining('PUT is not a CORS-safelisted method') as string

  it('a preflight answer for a request that needs none is ignored, whatever it says', () => {
    expect(diagnose(get, { preflight: missingAuthenticationToken(), actual: corsActual(APP) })).toStrictEqual({
      verdict: 'allowed',
      preflight: { needed: false },
      actual: { status: 200, headers: { 'content-type': 'application/json', 'access-control-allow-origin': APP, vary: 'Origin', 'x-amzn-requestid': '4c5a0b6e-9f7d-4a63-8d5e-2f0c1b7a9e31' } },
      problems: [],
    })
  })

  it('no preflight answer yet: blocked at the preflight, with no problem, and an actual answer is not looked at', () => {
    const expected = { verdict: 'blocked', blockedAt: 'preflight', preflight: { needed: true, why }, actual: {}, problems: [] }
    expect(diagnose(put, {})).toStrictEqual(expected)
    expect(diagnose(put, { actual: corsActual('https://admin.example.com') })).toStrictEqual(expected)
  })

  it('no actual answer yet: not allowed (nothing is readable), but not blocked at any step either', () => {
    expect(diagnose(get, {})).toStrictEqual({ verdict: 'blocked', preflight: { needed: false }, actual: {}, problems: [] })
    const preflightPassed = diagnose(put, { preflight: corsPreflight(APP) })
    expect(preflightPassed).toMatchObject({ verdict: 'blocked', preflight: { needed: true, status: 204 }, actual: {}, problems: [] })
    expect(preflightPassed).not.toHaveProperty('blockedAt')
  })

  it('the answer summary has lower-case names and joins a repeated header as the browser reads it', () => {
    const twoVaryLines: CannedAnswer = { status: 200, headerLines: [['Access-Control-Allow-Origin', APP], ['Vary', 'Accept-Encoding'], ['vary', 'Origin']], body: '' }
    expect(diagnose(get, { actual: twoVaryLines }).actual).toStrictEqual({ status: 200, headers: { 'access-control-allow-origin': APP, vary: 'Accept-Encoding, Origin' } })
  })

  it("without a URL, the console line names explain()'s default one", () => {
    const refused: CannedAnswer = { status: 200, headerLines: [['Vary', 'Origin']], body: '' }
    expect(diagnose({ origin: APP, method: 'GET' }, { actual: refused }).problems[0]?.message)
      .toBe(`Access to fetch at 'https://api.example.com/' from origin '${APP}' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.`)
  })
})

describe('diagnose(): warnings next to an error, and where they apply', () => {
  it('missing-vary-origin on the preflight answer', () => {
    const preflight = corsPreflight(APP)
    preflight.headerLines = preflight.headerLines.filter(([name]) => name !== 'Vary')
    const result = diagnose(put, { preflight, actual: corsActual(APP) })
    expect(result.verdict).toBe('allowed')
    expect(result.problems).toMatchObject([{ code: 'missing-vary-origin', step: 'preflight', message: `The preflight answer echoes the origin ${APP} without Vary: Origin.` }])
  })

  it("an answer that does not echo the origin ('*', or none) needs no Vary: Origin", () => {
    const star: CannedAnswer = { status: 200, headerLines: [['Content-Type', 'application/json'], ['Access-Control-Allow-Origin', '*']], body: '{}' }
    expect(diagnose(get, { actual: star }).problems).toEqual([])
    const bare: CannedAnswer = { status: 200, headerLines: [['Content-Type', 'application/json']], body: '{}' }
    expect(diagnose(get, { actual: bare }).problems.map((problem) => problem.code)).toEqual(['missing-allow-origin'])
  })

  it("a preflight refused for another reason gets no warning about Authorization under '*'", () => {
    const star = corsPreflight(APP, { methods: 'GET, PUT', headers: '*' })
    const patch = { ...get, method: 'PATCH', headers: { Authorization: 'Bearer t' } }
    expect(diagnose(patch, { preflight: star }).problems.map((problem) => problem.code)).toEqual(['method-not-allowed'])
  })
})
