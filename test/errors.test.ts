import middy from '@middy/core'
import httpErrorHandler from '@middy/http-error-handler'
import { createError } from '@middy/util'
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda'
import { describe, expect, it } from 'vitest'
import { cors, type CorsOptions } from '../src/index.js'
import { corsHeaderNames, header, lambdaContext, restEvent } from './support/events.js'

const APP = 'https://app.example.com'
const policy: CorsOptions = { origins: [APP], credentials: true }
const fromApp = () => restEvent('GET', { Origin: APP })

async function failWith(error: unknown): Promise<APIGatewayProxyResult> {
  throw error
}

describe('error responses carry CORS headers', () => {
  it.each([
    ['a thrown 401', createError(401, 'Sign in first'), 401, 'Sign in first'],
    ['a thrown 404', createError(404, 'No such item'), 404, 'No such item'],
    ['a plain Error (500)', new Error('database down'), 500, undefined],
  ])('%s through http-error-handler, in the documented order', async (_, error, status, body) => {
    const handler = middy<APIGatewayProxyEvent, APIGatewayProxyResult>(() => failWith(error))
      .use(cors(policy))
      .use(httpErrorHandler({ logger: false }))
    const response = await handler(fromApp(), lambdaContext())
    expect(response.statusCode).toBe(status)
    expect(response.body).toBe(body)
    expect(header(response, 'Access-Control-Allow-Origin')).toBe(APP)
    expect(header(response, 'Access-Control-Allow-Credentials')).toBe('true')
    expect(header(response, 'Vary')).toBe('Origin')
  })

  it('also when http-error-handler is used before cors (the reverse order)', async () => {
    const handler = middy<APIGatewayProxyEvent, APIGatewayProxyResult>(() => failWith(createError(403, 'Forbidden')))
      .use(httpErrorHandler({ logger: false }))
      .use(cors(policy))
    const response = await handler(fromApp(), lambdaContext())
    expect(response.statusCode).toBe(403)
    expect(header(response, 'Access-Control-Allow-Origin')).toBe(APP)
    expect(header(response, 'Vary')).toBe('Origin')
  })

  it('gives a refused origin an error response without Access-Control-* headers', async () => {
    const handler = middy<APIGatewayProxyEvent, APIGatewayProxyResult>(() => failWith(createError(500, 'Internal')))
      .use(cors(policy))
      .use(httpErrorHandler({ logger: false }))
    const response = await handler(restEvent('GET', { Origin: 'https://evil.test' }), lambdaContext())
    expect(response.statusCode).toBe(500)
    expect(corsHeaderNames(response)).toEqual([])
  })

  it('covers an http error thrown by an earlier middleware (the auth-check pattern)', async () => {
    const auth = { before: async () => { throw createError(401, 'Token expired') } }
    const business = async (): Promise<APIGatewayProxyResult> => ({ statusCode: 200, body: 'secret' })
    const handler = middy<APIGatewayProxyEvent, APIGatewayProxyResult>(business)
      .use(cors(policy))
      .use(auth)
      .use(httpErrorHandler({ logger: false }))
    const response = await handler(fromApp(), lambdaContext())
    expect(response.statusCode).toBe(401)
    expect(response.body).toBe('Token expired')
    expect(header(response, 'Access-Control-Allow-Origin')).toBe(APP)
  })

  it('cannot reach a response another middleware returns early from before (middy skips after): documented limitation', async () => {
    // This is why docs/middleware.md says to throw an http error instead.
    const auth = { before: async () => ({ statusCode: 401, body: 'Token expired' }) }
    const handler = middy<APIGatewayProxyEvent, APIGatewayProxyResult>(async () => ({ statusCode: 200, body: '' }))
      .use(cors(policy))
      .use(auth)
    const response = await handler(fromApp(), lambdaContext())
    expect(response.statusCode).toBe(401)
    expect(corsHeaderNames(response)).toEqual([])
  })
})

describe('errors are never swallowed', () => {
  it('propagates the very same error when no error handler is used', async () => {
    const error = new Error('boom')
    const handler = middy<APIGatewayProxyEvent, APIGatewayProxyResult>(() => failWith(error)).use(cors(policy))
    await expect(handler(fromApp(), lambdaContext())).rejects.toBe(error)
  })

  it('propagates the error of a non-HTTP event unchanged', async () => {
    const error = new Error('queue message rejected')
    const handler = middy(() => failWith(error)).use(cors(policy))
    await expect(handler({ Records: [] }, lambdaContext())).rejects.toBe(error)
  })

  it('propagates a predicate-policy error too (async origin decision in onError)', async () => {
    const error = createError(500, 'boom')
    const handler = middy<APIGatewayProxyEvent, APIGatewayProxyResult>(() => failWith(error))
      .use(cors({ origins: [async (origin: string) => origin === APP] }))
    await expect(handler(fromApp(), lambdaContext())).rejects.toBe(error)
  })
})
