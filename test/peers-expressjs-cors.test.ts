/**
 * Middleware-level vectors from expressjs/cors's own test suite (test/
 * error-response.js, test/issue-2.js, test/basic-auth.js), replayed as Lambda
 * invocations through real middy: an Express route becomes a handler, an
 * Express error handler becomes @middy/http-error-handler, a supertest request
 * a REST API event. Each case is named after its source; the expectation is
 * lambda-cors's documented behaviour (docs/middleware.md), and a deliberate
 * difference says so.
 */
import middy from '@middy/core'
import httpErrorHandler from '@middy/http-error-handler'
import { createError } from '@middy/util'
import { describe, expect, it } from 'vitest'
import { cors, type CorsOptions } from '../src/index.js'
import { header, lambdaContext, restEvent, type RequestHeaders } from './support/events.js'

type Invoke = (event: unknown, context: unknown) => Promise<Record<string, unknown>>
const source = (file: string, name: string) => `expressjs/cors test/${file}: ${name}`

function app(options: CorsOptions, business: () => Promise<unknown>): Invoke {
  return middy(business).use(cors(options)).use(httpErrorHandler({ logger: false, fallbackMessage: 'Error: nope' })) as unknown as Invoke
}

describe('expressjs/cors vectors', () => {
  // error-response.js: app.use(cors()) (any origin), routes that fail.
  const anyOrigin: CorsOptions = { origins: '*' }
  it.each([
    ['500', async () => { throw new Error('nope') }, 500],
    ['401', async () => { throw createError(401, 'unauthorized') }, 401],
    ['404', async () => { throw createError(404, 'Not Found') }, 404],
  ])(source('error-response.js', '%s'), async (_, business, status) => {
    const response = await app(anyOrigin, business)(restEvent('POST', {}), lambdaContext())
    expect(response.statusCode).toBe(status)
    expect(header(response, 'Access-Control-Allow-Origin')).toBe('*')
  })

  // issue-2.js: origin reflected, methods ['POST'], credentials, maxAge 3600.
  const login: CorsOptions = { origins: ['http://example.com'], methods: ['POST'], credentials: true, maxAge: 3600, dangerouslyAllowInsecureOriginsWithCredentials: true }
  const loginRoute = async () => ({ statusCode: 200, body: 'LOGIN' })

  it(source('issue-2.js', 'OPTIONS works') + ' (as a real preflight, with Access-Control-Request-Method)', async () => {
    const preflight: RequestHeaders = { Origin: 'http://example.com', 'Access-Control-Request-Method': 'POST' }
    const response = await app(login, loginRoute)(restEvent('OPTIONS', preflight), lambdaContext())
    expect(response.statusCode).toBe(204)
    expect(header(response, 'Access-Control-Allow-Origin')).toBe('http://example.com')
    expect(header(response, 'Access-Control-Allow-Credentials')).toBe('true')
    expect(header(response, 'Access-Control-Allow-Methods')).toBe('POST')
    expect(header(response, 'Access-Control-Max-Age')).toBe('3600')
  })

  it(source('issue-2.js', 'OPTIONS works') + ' (deliberate difference: an OPTIONS without Access-Control-Request-Method is not a preflight; the route answers it)', async () => {
    const response = await app(login, loginRoute)(restEvent('OPTIONS', { Origin: 'http://example.com' }), lambdaContext())
    expect(response).toMatchObject({ statusCode: 200, body: 'LOGIN' })
    expect(header(response, 'Access-Control-Allow-Origin')).toBe('http://example.com')
    expect(header(response, 'Access-Control-Allow-Methods')).toBeUndefined()
  })

  it(source('issue-2.js', 'POST works'), async () => {
    const response = await app(login, loginRoute)(restEvent('POST', { Origin: 'http://example.com' }), lambdaContext())
    expect(response).toMatchObject({ statusCode: 200, body: 'LOGIN' })
    expect(header(response, 'Access-Control-Allow-Origin')).toBe('http://example.com')
  })

  it(source('basic-auth.js', 'POST works') + ' (authentication before cors, as there; a 401 still gets the headers when cors is used first)', async () => {
    const requireAuth = {
      before: async (request: { event: { headers: Record<string, string | undefined> } }) => {
        if (request.event.headers.Authorization !== `Basic ${Buffer.from('username:password').toString('base64')}`) throw createError(401, 'Unauthorized')
      },
    }
    type Chain = Invoke & { use: (middleware: unknown) => Chain }
    const handler = (middy(async () => ({ statusCode: 200, body: 'hello world' })) as unknown as Chain)
      .use(cors(anyOrigin)).use(requireAuth).use(httpErrorHandler({ logger: false }))
    const signedIn = await handler(restEvent('POST', { Authorization: `Basic ${Buffer.from('username:password').toString('base64')}` }), lambdaContext())
    expect(signedIn).toMatchObject({ statusCode: 200, body: 'hello world' })
    expect(header(signedIn, 'Access-Control-Allow-Origin')).toBe('*')
    const refused = await handler(restEvent('POST', {}), lambdaContext())
    expect(refused.statusCode).toBe(401)
    expect(header(refused, 'Access-Control-Allow-Origin')).toBe('*')
  })
})
