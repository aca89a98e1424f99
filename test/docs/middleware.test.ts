import middy, { type MiddlewareObj } from '@middy/core'
import httpErrorHandler from '@middy/http-error-handler'
import { createError } from '@middy/util'
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda'
import { beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_ALLOWED_HEADERS, DEFAULT_METHODS, cors } from '../../src/index.js'
import { restEvent } from './events.js'
import { importSample, writeSamples } from './samples.js'
import { fixture } from '../support/events.js'

/**
 * docs/middleware.md: the wiring, ordering and early-response samples run
 * through real middy with API Gateway REST events, and the guide's claims
 * about ordering and errors hold.
 */
type Handler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>

const GUIDE = 'middleware'
const APP = 'https://app.example.com'
const EVIL = 'https://app.example.com.evil.net'
const context = {} as Context
let handler: Handler
let ordering: Handler
let requireUser: MiddlewareObj<APIGatewayProxyEvent>

beforeAll(async () => {
  const folder = writeSamples(GUIDE, 'run')
  ;({ handler } = await importSample<{ handler: Handler }>(folder, 'handler.ts'))
  ;({ handler: ordering } = await importSample<{ handler: Handler }>(folder, 'ordering.ts'))
  ;({ requireUser } = await importSample<{ requireUser: MiddlewareObj<APIGatewayProxyEvent> }>(folder, 'require-user.ts'))
})

const corsHeaders = (response: { headers?: Record<string, unknown> }): string[] =>
  Object.keys(response.headers ?? {}).filter((name) => name.toLowerCase().startsWith('access-control-'))
const preflight = (requestMethod: string, requestHeaders?: string, origin = APP): APIGatewayProxyEvent =>
  restEvent('OPTIONS', '/items/42', {
    Origin: origin,
    'Access-Control-Request-Method': requestMethod,
    ...(requestHeaders === undefined ? {} : { 'Access-Control-Request-Headers': requestHeaders }),
  })

describe('docs/middleware.md: handler.ts', () => {
  it('an allowed origin gets its origin, credentials and Vary; the handler ran', async () => {
    for (const origin of [APP, 'http://localhost:5173']) {
      const response = await handler(restEvent('GET', '/items', { Origin: origin }), context)
      expect(response.statusCode).toBe(200)
      expect(JSON.parse(response.body)).toEqual({ path: '/items' })
      expect(response.headers).toEqual({
        'Content-Type': 'application/json',
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Allow-Credentials': 'true',
        Vary: 'Origin',
      })
    }
  })

  it('a refused origin, and a request without Origin, get no Access-Control-* header but Vary: Origin', async () => {
    for (const headers of [{ Origin: EVIL }, { Origin: 'https://evil.example.net' }, {}] as Record<string, string>[]) {
      const response = await handler(restEvent('GET', '/items', headers), context)
      expect(response.statusCode).toBe(200)
      expect(corsHeaders(response)).toEqual([])
      expect(response.headers?.Vary).toBe('Origin')
    }
  })

  it('a passing preflight: 204, empty body, the whole configured lists, Max-Age 600, Vary', async () => {
    const response = await handler(preflight('PUT', 'content-type'), context)
    expect(response).toEqual({
      statusCode: 204,
      body: '',
      headers: {
        'Access-Control-Allow-Origin': APP,
        'Access-Control-Allow-Credentials': 'true',
        'Access-Control-Allow-Methods': DEFAULT_METHODS.join(', '),
        'Access-Control-Allow-Headers': DEFAULT_ALLOWED_HEADERS.join(', '),
        'Access-Control-Max-Age': '600',
        Vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
      },
    })
    // Header names case-insensitively, over several values with spaces and empty elements.
    const mixed = restEvent('OPTIONS', '/items/42', { Origin: APP, 'Access-Control-Request-Method': 'PUT' }, {
      multiValueHeaders: { Origin: [APP], 'Access-Control-Request-Method': ['PUT'], 'Access-Control-Request-Headers': ['CONTENT-TYPE, ,authorization', 'X-Api-Key'] },
    })
    expect((await handler(mixed, context)).headers?.['Access-Control-Allow-Headers']).toBe(DEFAULT_ALLOWED_HEADERS.join(', '))
  })

  it('failing preflights: a 2xx with an empty body and only the headers that truthfully pass', async () => {
    const refusedOrigin = await handler(preflight('PUT', 'content-type', EVIL), context)
    expect([refusedOrigin.statusCode, refusedOrigin.body, corsHeaders(refusedOrigin)]).toEqual([204, '', []])

    // Methods are matched case-sensitively: `patch` is not PATCH. The answer names the
    // configured methods, which do not include the one asked for.
    const refusedMethod = await handler(preflight('patch'), context)
    expect([refusedMethod.statusCode, refusedMethod.body]).toEqual([204, ''])
    expect(refusedMethod.headers?.['Access-Control-Allow-Origin']).toBe(APP)
    expect(refusedMethod.headers?.['Access-Control-Allow-Methods']).toBe(DEFAULT_METHODS.join(', '))
    expect(DEFAULT_METHODS).not.toContain('patch')

    const refusedHeader = await handler(preflight('PUT', 'content-type, x-debug'), context)
    expect([refusedHeader.statusCode, refusedHeader.body]).toEqual([204, ''])
    expect(refusedHeader.headers?.['Access-Control-Allow-Origin']).toBe(APP)
    expect(refusedHeader.headers?.['Access-Control-Allow-Headers']).toBe(DEFAULT_ALLOWED_HEADERS.join(', '))
    expect(DEFAULT_ALLOWED_HEADERS.map((name) => name.toLowerCase())).not.toContain('x-debug')
  })

  it('an event that is not HTTP (SQS) is left alone, and so is the result', async () => {
    const sqs = fixture('sqs')
    const response = await handler(sqs as unknown as APIGatewayProxyEvent, context)
    expect(response).toEqual({ statusCode: 200, headers: { 'Content-Type': 'application/json' }, body: '{}' })
  })
})

describe('docs/middleware.md: ordering.ts', () => {
  const signedIn = { Origin: APP, Authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig' }

  it('the 401 thrown by requireUser is a readable error response with the CORS headers', async () => {
    const response = await ordering(restEvent('GET', '/items', { Origin: APP }), context)
    expect(response.statusCode).toBe(401)
    expect(response.body).toBe('Sign in first')
    expect(response.headers).toMatchObject({ 'Access-Control-Allow-Origin': APP, 'Access-Control-Allow-Credentials': 'true', Vary: 'Origin' })
  })

  it('a preflight, which never carries credentials, is answered before authentication runs', async () => {
    const response = await ordering(preflight('PUT', 'authorization, content-type'), context)
    expect(response.statusCode).toBe(204)
    expect(response.headers?.['Access-Control-Allow-Origin']).toBe(APP)
    expect(response.headers?.['Access-Control-Allow-Methods']).toContain('PUT')
  })

  it('the validator\'s 400 carries the CORS headers; a valid request reaches business code', async () => {
    const invalid = await ordering(restEvent('PUT', '/items/42', signedIn), context)
    expect([invalid.statusCode, invalid.body]).toEqual([400, 'A JSON body is required'])
    expect(invalid.headers?.['Access-Control-Allow-Origin']).toBe(APP)
    const valid = await ordering(restEvent('PUT', '/items/42', signedIn, { body: '{"name":"Cortado"}' }), context)
    expect([valid.statusCode, valid.body]).toEqual([200, '{"name":"Cortado"}'])
    expect(valid.headers?.['Access-Control-Allow-Origin']).toBe(APP)
  })

  it('a refused origin gets the same 401 without Access-Control-* headers', async () => {
    const response = await ordering(restEvent('GET', '/items', { Origin: EVIL }), context)
    expect(response.statusCode).toBe(401)
    expect(corsHeaders(response)).toEqual([])
    expect(response.headers?.Vary).toBe('Origin')
  })
})

describe('docs/middleware.md: the claims about ordering and errors', () => {
  const policy = { origins: [APP], credentials: true }
  const errorHandler = (): MiddlewareObj => httpErrorHandler({ logger: false })
  const business = async (): Promise<APIGatewayProxyResult> => ({ statusCode: 200, body: 'business ran' })
  const wrap = (m: MiddlewareObj<APIGatewayProxyEvent>[], base: (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult> = business): Handler => {
    let chain = middy<APIGatewayProxyEvent, APIGatewayProxyResult>(base)
    for (const middleware of m) chain = chain.use(middleware)
    return chain as unknown as Handler
  }

  it('require-user.ts: throwing goes through onError, so the 401 gets the CORS headers', async () => {
    const response = await wrap([cors(policy), requireUser, errorHandler()])(restEvent('GET', '/items', { Origin: APP }), context)
    expect([response.statusCode, response.body]).toEqual([401, 'Sign in first'])
    expect(response.headers?.['Access-Control-Allow-Origin']).toBe(APP)
    const signedIn = await wrap([cors(policy), requireUser, errorHandler()])(restEvent('GET', '/items', { Origin: APP, Authorization: 'Bearer x' }), context)
    expect([signedIn.statusCode, signedIn.body]).toEqual([200, 'business ran'])
  })

  it('a response returned from `before` skips every after handler: the browser would hide the 401', async () => {
    const answersEarly: MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> = {
      before: async (request) => (request.event.headers.Authorization ? undefined : { statusCode: 401, body: 'Sign in first' }),
    }
    const response = await wrap([cors(policy), answersEarly as MiddlewareObj<APIGatewayProxyEvent>, errorHandler()])(restEvent('GET', '/items', { Origin: APP }), context)
    expect(response).toEqual({ statusCode: 401, body: 'Sign in first' })
  })

  it('the reverse order, httpErrorHandler() then cors(), still puts the headers on the error response', async () => {
    const thrower = async (): Promise<APIGatewayProxyResult> => { throw createError(403, 'Not yours') }
    const response = await wrap([errorHandler(), cors(policy)], thrower)(restEvent('GET', '/items', { Origin: APP }), context)
    expect([response.statusCode, response.body]).toEqual([403, 'Not yours'])
    expect(response.headers).toMatchObject({ 'Access-Control-Allow-Origin': APP, Vary: 'Origin' })
  })

  it('errors are never swallowed: without an error handler middy rethrows the very error the handler threw', async () => {
    const error = new Error('database down')
    const thrower = async (): Promise<APIGatewayProxyResult> => { throw error }
    await expect(wrap([cors(policy)], thrower)(restEvent('GET', '/items', { Origin: APP }), context)).rejects.toBe(error)
    // Likewise when a later onError middleware sets no response.
    const looksOnly: MiddlewareObj<APIGatewayProxyEvent> = { onError: async () => undefined }
    await expect(wrap([looksOnly, cors(policy)], thrower)(restEvent('GET', '/items', { Origin: APP }), context)).rejects.toBe(error)
  })
})
