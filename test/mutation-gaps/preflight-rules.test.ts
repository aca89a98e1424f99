/**
 * Preflight answers in corners the main suites left open (found by mutation
 * testing): what a browser receives and what the logger is told.
 */
import middy from '@middy/core'
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda'
import { describe, expect, it } from 'vitest'
import { compilePolicy, cors, type CorsOptions, type CorsRefusal } from '../../src/index.js'
import { preflightResponseHeaders } from '../../src/headers/rules.js'
import { header, lambdaContext, restEvent, type RequestHeaders } from '../support/events.js'

const APP = 'https://app.example.com'

async function preflight(options: CorsOptions<APIGatewayProxyEvent>, headers: RequestHeaders) {
  const records: CorsRefusal[] = []
  const handler = middy<APIGatewayProxyEvent, APIGatewayProxyResult>(async () => ({ statusCode: 200, body: 'handler' }))
    .use(cors({ ...options, logger: (record) => records.push(record) }))
  const response = await handler(restEvent('OPTIONS', { Origin: APP, 'Access-Control-Request-Method': 'GET', ...headers }), lambdaContext())
  return { response, records }
}

describe('Access-Control-Allow-Headers', () => {
  it('is left out when the policy allows no request header', async () => {
    const { response, records } = await preflight({ origins: [APP], allowedHeaders: [] }, {})
    expect(response.statusCode).toBe(204)
    expect(header(response, 'Access-Control-Allow-Headers')).toBeUndefined()
    expect(records).toEqual([])
  })

  it('mirror mode echoes nothing when nothing is requested', async () => {
    const mirror: CorsOptions<APIGatewayProxyEvent> = { origins: [APP], credentials: true, allowedHeaders: '*', dangerouslyMirrorPreflightWithCredentials: true }
    const { response } = await preflight(mirror, {})
    expect(header(response, 'Access-Control-Allow-Headers')).toBeUndefined()
    const asked = await preflight(mirror, { 'Access-Control-Request-Headers': 'x-b, X-A' })
    expect(header(asked.response, 'Access-Control-Allow-Headers')).toBe('x-b, x-a')
  })

  it("'*' without credentials logs no refusal, whatever is requested", async () => {
    const { response, records } = await preflight({ origins: [APP], allowedHeaders: '*' }, { 'Access-Control-Request-Headers': 'x-anything,x-else' })
    expect(header(response, 'Access-Control-Allow-Headers')).toBe('*, Authorization')
    expect(records).toEqual([])
  })
})

describe('refusal records of a preflight', () => {
  it('say how long an over-long request-header list was', async () => {
    const list = Array.from({ length: 200 }, (_, i) => `x-h${i}`).join(',')
    const { records } = await preflight({ origins: [APP], allowedHeaders: ['Content-Type'] }, { 'Access-Control-Request-Headers': list })
    expect(records).toEqual([{
      reason: 'request-headers-too-long', request: 'preflight', origin: APP, method: 'GET', headers: [],
      message: `CORS preflight refused: Access-Control-Request-Headers is longer (${list.length} characters) than any list of allowed headers`,
    }])
  })

  it('a refused method is the only record, even when headers are refused too', async () => {
    const { records } = await preflight({ origins: [APP], methods: ['GET'], allowedHeaders: ['Content-Type'] },
      { 'Access-Control-Request-Method': 'PATCH', 'Access-Control-Request-Headers': 'x-other' })
    expect(records).toEqual([{
      reason: 'method-not-allowed', request: 'preflight', origin: APP, method: 'PATCH',
      message: "CORS preflight refused: method PATCH is not in the policy's methods",
    }])
  })
})

describe('preflightResponseHeaders, as a pure function', () => {
  it("an origin-less preflight under '*' is answered with '*', and a refusal names no origin", () => {
    const policy = compilePolicy({ origins: '*', methods: ['GET'], logger: () => undefined })
    const answer = preflightResponseHeaders(policy, { kind: 'absent' }, { method: 'PUT', requestHeaders: [], privateNetwork: false })
    expect(answer.set.headers['Access-Control-Allow-Origin']).toBe('*')
    expect(answer.refusal).toMatchObject({ reason: 'method-not-allowed', origin: '', method: 'PUT' })
  })
})

describe('mirror mode and a method no browser sends', () => {
  it('echoes nothing and logs the refusal with the method cut short', async () => {
    const method = `PUT\r\nSet-Cookie: session=attacker`
    const { response, records } = await preflight({ origins: [APP], credentials: true, methods: '*', dangerouslyMirrorPreflightWithCredentials: true },
      { 'Access-Control-Request-Method': method })
    expect(header(response, 'Access-Control-Allow-Methods')).toBeUndefined()
    expect(records).toEqual([{
      reason: 'method-not-allowed', request: 'preflight', origin: APP, method: method.slice(0, 64),
      message: `CORS preflight refused: Access-Control-Request-Method (${method.length} characters) is not an HTTP method token of at most 32 characters that fetch may send, so it is not echoed`,
    }])
  })
})
