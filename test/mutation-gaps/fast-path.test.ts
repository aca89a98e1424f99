/**
 * The middleware's fast path (src/lambda/responder.ts, src/lambda/header-scan.ts)
 * in corners found by mutation testing: a policy that mirrors the preflight's
 * method but not its headers, a header map that is an array, and an OPTIONS
 * request that asks for a method without sending an Origin.
 */
import middy from '@middy/core'
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda'
import { describe, expect, it } from 'vitest'
import { compilePolicy, cors, type CorsOptions } from '../../src/index.js'
import { NOT_PREFLIGHT, createResponder } from '../../src/lambda/responder.js'
import { header, lambdaContext, restEvent, type RequestHeaders } from '../support/events.js'

const APP = 'https://app.example.com'

function wrap(options: CorsOptions<APIGatewayProxyEvent>) {
  const handler = middy<APIGatewayProxyEvent, APIGatewayProxyResult>(async () => ({ statusCode: 200, body: 'handler' }))
    .use(cors(options))
  return (method: string, headers: RequestHeaders) => handler(restEvent(method, headers), lambdaContext())
}

describe('a policy that mirrors only the preflight method', () => {
  // methods: '*' with credentials echoes the requested method; allowedHeaders
  // stays a list. The answer then depends on the request, so it must never be
  // remembered per origin: the next preflight from that origin asks for
  // another method.
  it('answers each preflight from one origin with the method that preflight asks for', async () => {
    const send = wrap({ origins: [APP], credentials: true, methods: '*', allowedHeaders: ['Content-Type'], dangerouslyMirrorPreflightWithCredentials: true })
    for (const method of ['PUT', 'DELETE', 'PATCH', 'PUT']) {
      const response = await send('OPTIONS', { Origin: APP, 'Access-Control-Request-Method': method })
      expect(response.statusCode).toBe(204)
      expect(header(response, 'Access-Control-Allow-Methods')).toBe(method)
      expect(header(response, 'Access-Control-Allow-Headers')).toBe('Content-Type')
    }
  })
})

describe('a header map that is an array', () => {
  // Not what an integration sends, but an event built in code can hold one.
  // Both readers take any object for a map, so both must read its named
  // Origin: before, the fast path saw no Origin and left out
  // Access-Control-Allow-Origin that the general path gives.
  it('has its Origin read, as the general path reads it', async () => {
    const handler = middy<APIGatewayProxyEvent, APIGatewayProxyResult>(async () => ({ statusCode: 200, body: 'ok' }))
      .use(cors({ origins: [APP] }))
    const event = restEvent('GET')
    event.multiValueHeaders = {}
    event.headers = Object.assign([], { Origin: APP }) as unknown as APIGatewayProxyEvent['headers']
    const response = await handler(event, lambdaContext())
    expect(header(response, 'Access-Control-Allow-Origin')).toBe(APP)
  })
})

describe('an OPTIONS request with Access-Control-Request-Method and no Origin', () => {
  // It is not a preflight (a browser always sends Origin with one): the
  // responder must say so, or leave it to the general path, and not go on
  // to judge an origin it does not have (the middleware would swallow the
  // throw, but a throw is no answer).
  it('is no preflight for the responder, and reaches the handler', async () => {
    const options: CorsOptions<APIGatewayProxyEvent> = { origins: [APP, 'https://*.example.org'] }
    const responder = createResponder(compilePolicy(options))
    const event = restEvent('OPTIONS', { 'Access-Control-Request-Method': 'PUT' }) as unknown as Record<string, unknown>
    expect([NOT_PREFLIGHT, undefined]).toContain(responder.preflightHeaders(event))
    const response = await wrap(options)('OPTIONS', { 'Access-Control-Request-Method': 'PUT' })
    expect(response.body).toBe('handler')
  })
})
