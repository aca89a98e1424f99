/**
 * Behaviour the header rules promise that no other test pinned down: found by
 * mutation testing (a changed rule went unnoticed), written as what a browser
 * or an operator reading the logs would see.
 */
import middy from '@middy/core'
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda'
import { describe, expect, it, vi } from 'vitest'
import { cors, type CorsOptions, type CorsRefusal } from '../../src/index.js'
import { corsHeaderNames, header, httpApiEvent, lambdaContext, restEvent, type RequestHeaders } from '../support/events.js'

const APP = 'https://app.example.com'

function wrap(options: CorsOptions<APIGatewayProxyEvent>) {
  const business = vi.fn(async (): Promise<APIGatewayProxyResult> => ({ statusCode: 200, headers: { 'Content-Type': 'text/plain' }, body: 'ok' }))
  return { handler: middy<APIGatewayProxyEvent, APIGatewayProxyResult>(business).use(cors(options)), business }
}

function logged(options: CorsOptions<APIGatewayProxyEvent>) {
  const records: CorsRefusal[] = []
  return { ...wrap({ ...options, logger: (record) => records.push(record) }), records }
}

describe('a policy without credentials never sends Access-Control-Allow-Credentials', () => {
  const noCredentials: CorsOptions<APIGatewayProxyEvent> = { origins: [APP, 'https://*.example.com'], exposedHeaders: ['X-Request-Id'] }

  it.each([
    ['actual GET', 'GET', { Origin: APP }],
    ['actual GET from a wildcard subdomain', 'GET', { Origin: 'https://preview.example.com' }],
    ['preflight', 'OPTIONS', { Origin: APP, 'Access-Control-Request-Method': 'PUT', 'Access-Control-Request-Headers': 'content-type' }],
    ['preflight for a refused method', 'OPTIONS', { Origin: APP, 'Access-Control-Request-Method': 'CUSTOM' }],
  ] as [string, string, RequestHeaders][])('%s', async (_, method, headers) => {
    const { handler } = wrap(noCredentials)
    const response = await handler(restEvent(method, headers), lambdaContext())
    expect(header(response, 'Access-Control-Allow-Origin')).toBe(headers.Origin)
    expect(header(response, 'Access-Control-Allow-Credentials')).toBeUndefined()
  })

  it('while the same policy with credentials sends it on both kinds of answer', async () => {
    const { handler } = wrap({ ...noCredentials, credentials: true })
    const actual = await handler(restEvent('GET', { Origin: APP }), lambdaContext())
    const preflight = await handler(restEvent('OPTIONS', { Origin: APP, 'Access-Control-Request-Method': 'PUT' }), lambdaContext())
    expect(header(actual, 'Access-Control-Allow-Credentials')).toBe('true')
    expect(header(preflight, 'Access-Control-Allow-Credentials')).toBe('true')
  })
})

describe('only OPTIONS is a preflight', () => {
  it.each(['GET', 'POST', 'PUT', 'DELETE'])('%s carrying Access-Control-Request-Method reaches the handler and gets actual-response headers', async (method) => {
    const { handler, business } = wrap({ origins: [APP], methods: ['GET', 'POST', 'PUT', 'DELETE'], credentials: true })
    const response = await handler(restEvent(method, { Origin: APP, 'Access-Control-Request-Method': 'PUT', 'Access-Control-Request-Headers': 'content-type' }), lambdaContext())
    expect(business).toHaveBeenCalledTimes(1)
    expect(response.body).toBe('ok')
    expect(response.statusCode).toBe(200)
    expect(header(response, 'Access-Control-Allow-Origin')).toBe(APP)
    expect(header(response, 'Access-Control-Allow-Methods')).toBeUndefined()
    expect(header(response, 'Access-Control-Allow-Headers')).toBeUndefined()
    expect(header(response, 'Access-Control-Max-Age')).toBeUndefined()
    expect(header(response, 'Vary')).toBe('Origin')
  })

  it('the same on an HTTP API (payload 2.0) event', async () => {
    const { handler, business } = wrap({ origins: [APP] })
    const response = await handler(httpApiEvent('GET', { Origin: APP, 'Access-Control-Request-Method': 'GET' }) as unknown as APIGatewayProxyEvent, lambdaContext())
    expect(business).toHaveBeenCalledTimes(1)
    expect(corsHeaderNames(response).map((name) => name.toLowerCase())).toEqual(['access-control-allow-origin'])
  })
})

describe('log records are cut short, whatever the request sends', () => {
  it('keeps the first 320 characters of a long refused Origin and quotes only its first 100', async () => {
    const { handler, records } = logged({ origins: [APP] })
    const origin = `https://${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.${'e'.repeat(60)}.example.com`
    expect(origin.length).toBeGreaterThan(320)
    await handler(restEvent('GET', { Origin: origin }), lambdaContext())
    expect(records).toHaveLength(1)
    const [record] = records as [CorsRefusal]
    expect(record.origin).toBe(origin.slice(0, 320))
    expect(record.message).toContain(JSON.stringify(origin.slice(0, 100)))
    expect(record.message).not.toContain(origin.slice(0, 101))
    expect(record.message.startsWith('CORS actual refused: ')).toBe(true)
  })

  it('keeps the first 64 characters of a refused method', async () => {
    const { handler, records } = logged({ origins: [APP], methods: ['GET'] })
    const method = `X-${'M'.repeat(200)}`
    await handler(restEvent('OPTIONS', { Origin: APP, 'Access-Control-Request-Method': method }), lambdaContext())
    expect(records).toHaveLength(1)
    expect(records[0]).toMatchObject({ reason: 'method-not-allowed', request: 'preflight', origin: APP, method: method.slice(0, 64) })
  })

  it('keeps the method of a preflight refused for its origin, short too', async () => {
    const { handler, records } = logged({ origins: [APP] })
    await handler(restEvent('OPTIONS', { Origin: 'https://evil.test', 'Access-Control-Request-Method': 'P'.repeat(100) }), lambdaContext())
    expect(records).toEqual([{
      reason: 'origin-not-allowed', request: 'preflight', origin: 'https://evil.test', method: 'P'.repeat(64),
      message: 'CORS preflight refused: origin "https://evil.test" is not in the allowlist',
    }])
  })

  it('names at most eight refused request headers', async () => {
    const { handler, records } = logged({ origins: [APP], allowedHeaders: ['Content-Type'] })
    const asked = Array.from({ length: 12 }, (_, i) => `x-h${i}`)
    await handler(restEvent('OPTIONS', { Origin: APP, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': asked.join(',') }), lambdaContext())
    expect(records).toHaveLength(1)
    expect(records[0]).toMatchObject({ reason: 'headers-not-allowed', headers: asked.slice(0, 8) })
    expect(records[0]?.message).toBe(`CORS preflight refused: request headers not allowed: ${asked.slice(0, 8).join(', ')}`)
  })
})
