import { describe, expect, it } from 'vitest'
import { diagnose } from '../../src/doctor/diagnose.js'
import { explain, type CorsExplanation, type DoctorProblem } from '../../src/doctor/index.js'
import type { CorsOptions } from '../../src/index.js'
import { authorizerUnauthorized, corsActual, corsPreflight, type CannedAnswer } from '../support/gateway-answers.js'

// The cause and the fix are what a reader acts on: each must name the step
// that was refused, the status and the value the answer carried, and the
// option (or AWS setting) that changes the outcome.

const APP = 'https://app.example.com'
const URL_ = 'https://abc123.execute-api.eu-west-1.amazonaws.com/prod/orders'
const get = { url: URL_, origin: APP, method: 'GET' }
const put = { url: URL_, origin: APP, method: 'PUT', headers: { 'Content-Type': 'application/json' } }
const policy: CorsOptions = { origins: [APP], methods: ['GET', 'PUT'], allowedHeaders: ['Content-Type'] }

function onlyError(result: CorsExplanation): DoctorProblem {
  const errors = result.problems.filter((problem) => problem.severity === 'error')
  expect(errors).toHaveLength(1)
  return errors[0] as DoctorProblem
}

function answer(status: number, headerLines: Array<[string, string]>): CannedAnswer {
  return { status, headerLines, body: '' }
}

describe('the cause names the refused step', () => {
  it.each([
    ['a GET refused on the request itself', { ...get, origin: 'https://evil.test' }, 'The GET request was answered (HTTP 200) without Access-Control-Allow-Origin: the origin https://evil.test is not allowed by the policy that answered.'],
    ['a PUT refused at the preflight', { ...put, origin: 'https://evil.test' }, 'The preflight (OPTIONS) was answered (HTTP 204) without Access-Control-Allow-Origin: the origin https://evil.test is not allowed by the policy that answered.'],
    ['a DELETE refused at the preflight', { ...get, method: 'DELETE', origin: 'https://evil.test' }, 'The preflight (OPTIONS) was answered (HTTP 204) without Access-Control-Allow-Origin: the origin https://evil.test is not allowed by the policy that answered.'],
    ["Origin: null, which the policy refuses", { ...get, origin: 'null' }, "The GET request was answered (HTTP 200) without Access-Control-Allow-Origin: the origin 'null' (sandboxed iframes, file: pages, cross-origin redirects) is not allowed."],
  ])('missing-allow-origin: %s', (_name, request, cause) => {
    const problem = onlyError(explain(policy, request))
    expect(problem.code).toBe('missing-allow-origin')
    expect(problem.cause).toBe(cause)
  })

  it('missing-allow-origin on a deployed answer quotes its status', () => {
    const notFound = answer(404, [['Content-Type', 'application/json'], ['Vary', 'Origin']])
    expect(onlyError(diagnose(get, { actual: notFound })).cause).toMatch(/^The GET request was answered \(HTTP 404\) without Access-Control-Allow-Origin: /)
  })

  it('allow-origin-mismatch quotes the value the answer allows, at the step that allowed it', () => {
    const onActual = onlyError(diagnose(get, { actual: corsActual('https://admin.example.com') }))
    expect(onActual.cause).toMatch(/^The GET request allows 'https:\/\/admin\.example\.com', not https:\/\/app\.example\.com: the value is hard-coded somewhere/)
    const onPreflight = onlyError(diagnose(put, { preflight: corsPreflight('https://admin.example.com') }))
    expect(onPreflight).toMatchObject({ code: 'allow-origin-mismatch', step: 'preflight' })
    expect(onPreflight.cause).toMatch(/^The preflight \(OPTIONS\) allows 'https:\/\/admin\.example\.com', not https:\/\/app\.example\.com: /)
    expect(onActual.fix).toContain('Let `cors()` write Access-Control-Allow-Origin from `origins`')
    expect(onActual.fix).toContain('make caches key on Origin')
  })

  it('an Allow-Origin that is not an origin (a bare host name) is an allow-origin-mismatch too', () => {
    const bareHost = onlyError(diagnose(get, { actual: corsActual('app.example.com') }))
    expect(bareHost.message).toContain("The 'Access-Control-Allow-Origin' header contains the invalid value 'app.example.com'.")
    expect(bareHost.code).toBe('allow-origin-mismatch')
    expect(bareHost.cause).toContain("allows 'app.example.com', not https://app.example.com")
  })

  it.each([
    ['the request itself', get, { actual: corsActual(APP) }, 'the GET request'],
    ['the preflight', put, { preflight: corsPreflight(APP) }, 'the preflight (OPTIONS)'],
  ])('missing-allow-credentials names %s and, when there is one, the value it got', (_name, request, answers, stepName) => {
    const problem = onlyError(diagnose({ ...request, credentials: true }, answers))
    expect(problem.code).toBe('missing-allow-credentials')
    expect(problem.cause).toBe(`The request is sent with credentials, and ${stepName} does not answer Access-Control-Allow-Credentials: true.`)
    expect(problem.fix).toBe('Set `credentials: true` in the policy (it requires an explicit `origins` list).')
  })

  it("missing-allow-credentials quotes a value other than 'true' (browsers compare it case-sensitively)", () => {
    const capitalized = corsActual(APP)
    capitalized.headerLines.push(['Access-Control-Allow-Credentials', 'True'])
    const problem = onlyError(diagnose({ ...get, credentials: true }, { actual: capitalized }))
    expect(problem.message).toContain("The value of the 'Access-Control-Allow-Credentials' header in the response is 'True' which must be 'true'")
    expect(problem.cause).toBe("The request is sent with credentials, and the GET request does not answer Access-Control-Allow-Credentials: true (it says 'True').")
  })
})

describe('the cause and fix of each refusal say what was seen and what to change', () => {
  it('duplicate-allow-origin quotes both values and says to keep one CORS layer', () => {
    const both = corsActual(APP)
    both.headerLines.push(['Access-Control-Allow-Origin', '*'])
    const problem = onlyError(diagnose(get, { actual: both }))
    expect(problem.code).toBe('duplicate-allow-origin')
    expect(problem.cause).toMatch(/^Access-Control-Allow-Origin came with several values \('https:\/\/app\.example\.com, \*'\): two layers answer CORS/)
    expect(problem.fix).toMatch(/^Keep one layer: turn off the API's CORS configuration .* so `cors\(\)` alone answers\.$/)
  })

  it("wildcard-with-credentials says browsers refuse '*' with credentials, and suggests the page's own origin", () => {
    const problem = onlyError(explain({ origins: '*' }, { ...get, origin: 'https://shop.example.com', credentials: true }))
    expect(problem.code).toBe('wildcard-with-credentials')
    expect(problem.cause).toBe('The answer allows any origin (*), which browsers never accept for a request with credentials (cookies, HTTP auth).')
    expect(problem.fix).toContain("List the origins in `origins` (e.g. 'https://shop.example.com') instead of '*'")
  })

  it('preflight-status quotes the status and says who else answers OPTIONS', () => {
    const problem = onlyError(diagnose(put, { preflight: { ...corsPreflight(APP), status: 401 } }))
    expect(problem.code).toBe('preflight-status')
    expect(problem.cause).toMatch(/^The preflight got HTTP 401; browsers need a 2xx\. .*an authorizer, a route without OPTIONS, or a handler\.$/)
    expect(problem.fix).toContain('`optionsSuccessStatus`')
    expect(problem.fix).toContain('`preflightHandler()`')
    expect(problem.fix).toContain('exempt OPTIONS from authorizers')
  })

  it('preflight-redirect quotes the status and says browsers do not follow it', () => {
    const redirect = answer(308, [['Location', `${URL_}/`], ['Access-Control-Allow-Origin', APP], ['Vary', 'Origin']])
    const problem = onlyError(diagnose(put, { preflight: redirect }))
    expect(problem.code).toBe('preflight-redirect')
    expect(problem.cause).toBe('The preflight was answered with a redirect (HTTP 308); browsers do not follow redirects for preflights.')
    expect(problem.fix).toMatch(/^Fetch the final URL directly \(custom domain, trailing slash, http to https\)/)
  })

  it.each([
    ['Access-Control-Allow-Methods', corsPreflight(APP, { methods: 'GET; PUT' }), 'Cannot parse Access-Control-Allow-Methods'],
    ['Access-Control-Allow-Headers', corsPreflight(APP, { headers: 'Content-Type; Authorization' }), 'Cannot parse Access-Control-Allow-Headers'],
  ])('invalid-allow-list: %s that is not a list of names', (_name, preflight, chromium) => {
    const problem = onlyError(diagnose(put, { preflight }))
    expect(problem.code).toBe('invalid-allow-list')
    expect(problem.message).toContain(chromium)
    expect(problem.cause).toBe('Access-Control-Allow-Methods or Access-Control-Allow-Headers in the preflight answer is not a comma-separated list of names.')
    expect(problem.fix).toContain('from `methods` and `allowedHeaders`')
  })

  it('method-not-allowed names the method in the cause and the fix', () => {
    const problem = onlyError(explain(policy, { ...get, method: 'PATCH' }))
    expect(problem).toMatchObject({
      code: 'method-not-allowed',
      cause: 'The preflight answer does not list PATCH in Access-Control-Allow-Methods.',
      fix: "Add 'PATCH' to `methods`.",
    })
  })

  it('header-not-allowed names the header in the cause and the fix', () => {
    const problem = onlyError(explain(policy, { ...get, headers: { 'X-Trace-Id': 'abc' } }))
    expect(problem).toMatchObject({
      code: 'header-not-allowed',
      cause: 'The preflight answer does not list x-trace-id in Access-Control-Allow-Headers.',
      fix: "Add 'x-trace-id' to `allowedHeaders`.",
    })
  })

  it.each<[string, () => CorsExplanation]>([
    ['a list without it', () => explain(policy, { ...get, headers: { Authorization: 'Bearer t' } })],
    // With credentials a '*' is a literal name: Chromium too refuses Authorization then.
    ["a '*' on a request with credentials", () => diagnose({ ...get, credentials: true, headers: { Authorization: 'Bearer t' } }, { preflight: corsPreflight(APP, { credentials: true, headers: '*' }) })],
  ])("header-not-allowed for Authorization (%s) says a wildcard is no way out", (_name, judge) => {
    // Judged inside the test, not when the table is built.
    const problem = onlyError(judge())
    expect(problem.code).toBe('header-not-allowed')
    expect(problem.message).toContain('Request header field authorization is not allowed by Access-Control-Allow-Headers in preflight response.')
    expect(problem.cause).toMatch(/^The preflight answer does not list Authorization in Access-Control-Allow-Headers, and a wildcard \(\*\) does not stand in for it/)
    expect(problem.fix).toBe("List 'Authorization' in `allowedHeaders` (even next to '*').")
  })

  it('error-without-cors names the method and the status, and points at gateway responses', () => {
    const problem = onlyError(diagnose({ ...get, method: 'POST' }, { actual: authorizerUnauthorized() }))
    expect(problem.code).toBe('error-without-cors')
    expect(problem.cause).toMatch(/^The POST request got HTTP 401 with no CORS header at all: the error came from API Gateway/)
    expect(problem.fix).toContain('`lambda-cors gateway --policy <module>`')
  })
})
