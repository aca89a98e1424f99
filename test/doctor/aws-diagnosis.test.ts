import { describe, expect, it } from 'vitest'
import { isMissingAuthenticationToken } from '../../src/doctor/aws-diagnosis.js'
import { diagnose } from '../../src/doctor/diagnose.js'
import type { DoctorProblemCode } from '../../src/doctor/index.js'
import { corsActual, missingAuthenticationToken, type CannedAnswer } from '../support/gateway-answers.js'

// Which refusals are API Gateway's own answers (the request never reached the
// function), told apart from the ones a CORS layer wrote.

const APP = 'https://app.example.com'
const URL_ = 'https://abc123.execute-api.eu-west-1.amazonaws.com/prod/orders'
const get = { url: URL_, origin: APP, method: 'GET' }
const put = { url: URL_, origin: APP, method: 'PUT', headers: { 'Content-Type': 'application/json' } }

const requestId: [string, string] = ['x-amzn-RequestId', '4c5a0b6e-9f7d-4a63-8d5e-2f0c1b7a9e31']

function errorCodes(request: typeof get, answers: Parameters<typeof diagnose>[1]): DoctorProblemCode[] {
  return diagnose(request, answers).problems.filter((problem) => problem.severity === 'error').map((problem) => problem.code)
}

describe("isMissingAuthenticationToken: API Gateway REST's 403 for a method the resource does not have", () => {
  const json: [string, string] = ['Content-Type', 'application/json']
  it.each<[string, { status: number; headerLines: Array<[string, string]>; body?: string }, boolean]>([
    ['the answer as API Gateway writes it', missingAuthenticationToken(), true],
    ['its error type alone, the body not read', { status: 403, headerLines: [json, ['x-amzn-ErrorType', 'MissingAuthenticationTokenException']] }, true],
    ['its error type with the service suffix API Gateway may add', { status: 403, headerLines: [json, ['x-amzn-ErrorType', 'MissingAuthenticationTokenException:http://internal.amazon.com/coral/com.amazon.coral.service/']] }, true],
    ['its body alone (a proxy dropped the x-amzn- headers)', { status: 403, headerLines: [json], body: '{"message":"Missing Authentication Token"}' }, true],
    ['its body pretty-printed', { status: 403, headerLines: [json], body: '{\n  "message": "Missing Authentication Token"\n}' }, true],
    ['its body with a space before the colon', { status: 403, headerLines: [json], body: '{"message" : "Missing Authentication Token"}' }, true],
    ['an authorizer or IAM 403', { status: 403, headerLines: [json, ['x-amzn-ErrorType', 'AccessDeniedException']], body: '{"Message":"User is not authorized to access this resource with an explicit deny"}' }, false],
    ['a WAF 403, no error type, no body read', { status: 403, headerLines: [['Content-Type', 'text/html']] }, false],
    ['a 200 whose body quotes the message (a handler echoing an error it got)', { status: 200, headerLines: [json], body: '{"message":"Missing Authentication Token"}' }, false],
  ])('%s', (_name, answer, expected) => {
    expect(isMissingAuthenticationToken(answer)).toBe(expected)
  })
})

describe('preflight-not-routed: a preflight answered by API Gateway REST, not by a function', () => {
  it('the 403 carries the CORS headers of a MISSING_AUTHENTICATION_TOKEN gateway response: still not routed, Chromium only complains about the status', () => {
    const withGatewayResponse = missingAuthenticationToken()
    withGatewayResponse.headerLines.push(['Access-Control-Allow-Origin', APP], ['Vary', 'Origin'])
    const [problem] = diagnose(put, { preflight: withGatewayResponse }).problems
    expect(problem).toMatchObject({ code: 'preflight-not-routed', step: 'preflight', message: expect.stringMatching(/It does not have HTTP ok status\.$/) as string })
  })

  it("the gateway response allows another origin: Chromium names the value, the doctor the missing OPTIONS method", () => {
    const forAnother = missingAuthenticationToken()
    forAnother.headerLines.push(['Access-Control-Allow-Origin', 'https://admin.example.com'])
    const [problem] = diagnose(put, { preflight: forAnother }).problems
    expect(problem).toMatchObject({ code: 'preflight-not-routed', message: expect.stringContaining("has a value 'https://admin.example.com' that is not equal to the supplied origin.") as string })
  })

  it('the same 403 on the request itself (a path the API does not have) is error-without-cors: no preflight was involved', () => {
    expect(errorCodes(get, { actual: missingAuthenticationToken() })).toEqual(['error-without-cors'])
  })
})

describe('error-without-cors: a 4xx or 5xx no CORS layer touched', () => {
  it.each<[string, CannedAnswer, DoctorProblemCode]>([
    ["a request validator's 400", { status: 400, headerLines: [['Content-Type', 'application/json'], requestId, ['x-amzn-ErrorType', 'BadRequestException']], body: '{"message": "Invalid request body"}' }, 'error-without-cors'],
    ['a 200 from a handler not wrapped by cors()', { status: 200, headerLines: [['Content-Type', 'application/json'], requestId], body: '{"items":[]}' }, 'missing-allow-origin'],
    ['a 304 without CORS headers', { status: 304, headerLines: [requestId], body: '' }, 'missing-allow-origin'],
    ['a 401 from a gateway response that sets Allow-Headers and Allow-Methods but forgot Allow-Origin', {
      status: 401,
      headerLines: [['Content-Type', 'application/json'], requestId, ['Access-Control-Allow-Headers', 'Content-Type,Authorization'], ['Access-Control-Allow-Methods', 'GET,OPTIONS']],
      body: '{"message":"Unauthorized"}',
    }, 'missing-allow-origin'],
    ['a 404 the CORS layer refused, Vary naming Origin after another header', { status: 404, headerLines: [['Content-Type', 'application/json'], ['Vary', 'Accept-Encoding, Origin']], body: '' }, 'missing-allow-origin'],
    ['a 404 the CORS layer refused, Vary on two lines', { status: 404, headerLines: [['Vary', 'Accept-Encoding'], ['vary', 'Origin']], body: '' }, 'missing-allow-origin'],
    ['a 404 with Vary: *', { status: 404, headerLines: [['Content-Type', 'application/json'], ['Vary', '*']], body: '' }, 'missing-allow-origin'],
    ['a 404 that varies on something else only', { status: 404, headerLines: [['Content-Type', 'application/json'], ['Vary', 'Accept-Encoding']], body: '' }, 'error-without-cors'],
  ])('%s', (_name, answer, code) => {
    expect(errorCodes(get, { actual: answer })).toEqual([code])
  })
})

describe('missing-vary-origin reads every name in Vary', () => {
  it.each([
    ['Origin after another name', 'Accept-Encoding, Origin', false],
    ['Origin in lower case', 'accept-encoding,origin', false],
    ['*', '*', false],
    ['names without Origin', 'Accept-Encoding, Accept', true],
  ])('Vary: %s', (_name, vary, warned) => {
    const echoed = corsActual(APP)
    echoed.headerLines = echoed.headerLines.map(([name, value]): [string, string] => (name === 'Vary' ? [name, vary] : [name, value]))
    const result = diagnose(get, { actual: echoed })
    expect(result.verdict).toBe('allowed')
    expect(result.problems.map((problem) => problem.code)).toEqual(warned ? ['missing-vary-origin'] : [])
  })
})
