/**
 * How one invocation is answered, in corners found by mutation testing:
 * requests without Origin under a logger, odd Access-Control-Request-Method
 * values, the exact refusal record fields, the static '*' header set, and the
 * standalone handler's plain-text answers.
 */
import middy from '@middy/core'
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda'
import { describe, expect, it } from 'vitest'
import { compilePolicy, cors, preflightHandler, type CorsOptions, type CorsRefusal } from '../../src/index.js'
import { actualResponseHeaders } from '../../src/headers/rules.js'
import { readRequestedHeaders } from '../../src/headers/requested-headers.js'
import { fixture, header, httpApiEvent, lambdaContext, restEvent, type RequestHeaders } from '../support/events.js'

const APP = 'https://app.example.com'
const PLAIN = 'text/plain; charset=utf-8'

function logged(options: CorsOptions<APIGatewayProxyEvent>) {
  const records: CorsRefusal[] = []
  const handler = middy<APIGatewayProxyEvent, APIGatewayProxyResult>(async () => ({ statusCode: 200, body: 'ok' }))
    .use(cors({ ...options, logger: (record) => records.push(record) }))
  const send = (method: string, headers: RequestHeaders) => handler(restEvent(method, headers), lambdaContext())
  return { send, records }
}

describe('requests without Origin are not refusals', () => {
  it.each(['GET', 'POST', 'OPTIONS'])('a same-origin or server-to-server %s is answered and not logged', async (method) => {
    const { send, records } = logged({ origins: [APP], credentials: true })
    const response = await send(method, {})
    expect(response.statusCode).toBe(200)
    expect(header(response, 'Access-Control-Allow-Origin')).toBeUndefined()
    expect(header(response, 'Vary')).toBe('Origin')
    expect(records).toEqual([])
  })
})

describe('refusal records carry exactly the fields that apply', () => {
  it('an ambiguous Origin says so', async () => {
    const { send, records } = logged({ origins: [APP] })
    await send('GET', { Origin: [APP, 'https://evil.test'] })
    expect(records).toHaveLength(1)
    expect(records[0]).toMatchObject({ reason: 'origin-ambiguous', request: 'actual', message: 'CORS actual refused: the request carries more than one distinct Origin value' })
  })

  it('a refused method has no headers field, a refused actual request neither method nor headers', async () => {
    const { send, records } = logged({ origins: [APP], methods: ['GET'] })
    await send('OPTIONS', { Origin: APP, 'Access-Control-Request-Method': 'PUT' })
    await send('GET', { Origin: 'https://evil.test' })
    expect(records.map((record) => Object.keys(record).sort())).toEqual([
      ['message', 'method', 'origin', 'reason', 'request'],
      ['message', 'origin', 'reason', 'request'],
    ])
  })
})

describe('Access-Control-Request-Method is read as browsers and proxies send it', () => {
  const mirror: CorsOptions<APIGatewayProxyEvent> = { origins: [APP], credentials: true, methods: '*', dangerouslyMirrorPreflightWithCredentials: true }

  it('surrounding spaces are not part of the method', async () => {
    const { send, records } = logged({ origins: [APP], methods: ['PUT'] })
    const response = await send('OPTIONS', { Origin: APP, 'Access-Control-Request-Method': '  PUT ' })
    expect(response.statusCode).toBe(204)
    expect(records).toEqual([])
    const echoed = await logged(mirror).send('OPTIONS', { Origin: APP, 'Access-Control-Request-Method': ' PATCH  ' })
    expect(header(echoed, 'Access-Control-Allow-Methods')).toBe('PATCH')
  })

  it('the first non-empty value counts when the header comes on several lines', async () => {
    const event = restEvent('OPTIONS', { Origin: APP, 'Access-Control-Request-Method': ['PATCH'] })
    event.multiValueHeaders = { ...event.multiValueHeaders, 'Access-Control-Request-Method': ['', '   ', 'PATCH', 'DELETE'] }
    const handler = middy<APIGatewayProxyEvent, APIGatewayProxyResult>(async () => ({ statusCode: 200, body: '' })).use(cors(mirror))
    const response = await handler(event, lambdaContext())
    expect(header(response, 'Access-Control-Allow-Methods')).toBe('PATCH')
  })
})

describe('the static answer of a policy open to any origin', () => {
  it('is exactly Access-Control-Allow-Origin: * when nothing is exposed', () => {
    const policy = compilePolicy({ origins: '*' })
    expect(policy.staticActualHeaders.headers).toStrictEqual({ 'Access-Control-Allow-Origin': '*' })
    expect(policy.staticActualHeaders.vary).toBeUndefined()
  })

  it('is what actualResponseHeaders gives for every verdict, with no refusal', () => {
    const policy = compilePolicy({ origins: '*', exposedHeaders: ['X-Request-Id'], logger: () => undefined })
    for (const verdict of [{ kind: 'absent' }, { kind: 'allowed', origin: APP }, { kind: 'refused', origin: 'null', reason: 'origin-invalid' }] as const) {
      const answer = actualResponseHeaders(policy, verdict)
      expect(answer.set.headers).toStrictEqual({ 'Access-Control-Allow-Origin': '*', 'Access-Control-Expose-Headers': 'X-Request-Id' })
      expect(answer.refusal).toBeUndefined()
    }
  })
})

describe('the request-header budget', () => {
  it('reads a list exactly as long as the budget and refuses one character more', () => {
    const policy = compilePolicy({ origins: [APP], allowedHeaders: ['X-A', 'Content-Type'] })
    const budget = policy.requestHeadersBudget
    const atBudget = `x-a,content-type${' '.repeat(budget - 'x-a,content-type'.length)}`
    expect(atBudget.length).toBe(budget)
    expect(readRequestedHeaders([atBudget], policy.allowedHeaders, budget)).toEqual({ ok: true, names: ['x-a', 'content-type'] })
    expect(readRequestedHeaders([atBudget, ' '], policy.allowedHeaders, budget)).toEqual({ ok: false, reason: 'request-headers-too-long', names: [] })
  })
})

describe('preflightHandler answers what it does not handle in plain text', () => {
  const standalone = preflightHandler({ origins: [APP] })

  it('a non-HTTP event', async () => {
    const response = await standalone(fixture('sqs'))
    expect(response).toEqual({ statusCode: 400, headers: { 'Content-Type': PLAIN }, body: 'lambda-cors preflightHandler: not an HTTP event.' })
  })

  it('another method names it and allows only OPTIONS', async () => {
    const response = await standalone(httpApiEvent('DELETE', { Origin: APP }))
    expect(response.statusCode).toBe(405)
    expect(header(response, 'Content-Type')).toBe(PLAIN)
    expect(header(response, 'Allow')).toBe('OPTIONS')
    expect(response.body).toBe('This route only answers CORS preflights (OPTIONS); DELETE is not handled here.')
  })

  it('OPTIONS without Access-Control-Request-Method says what a preflight carries', async () => {
    const response = await standalone(restEvent('OPTIONS', { Origin: APP }))
    expect(response.statusCode).toBe(400)
    expect(header(response, 'Content-Type')).toBe(PLAIN)
    expect(header(response, 'Allow')).toBeUndefined()
    expect(response.body).toBe('Not a CORS preflight: a preflight carries Origin and Access-Control-Request-Method headers.')
  })
})
