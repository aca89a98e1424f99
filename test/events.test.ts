import middy from '@middy/core'
import type { Context } from 'aws-lambda'
import { describe, expect, it, vi } from 'vitest'
import { cors, withCors, type CorsOptions } from '../src/index.js'
import {
  albEvent,
  albMultiValueEvent,
  fixture,
  functionUrlEvent,
  header,
  httpApiEvent,
  lambdaContext,
  latticeV1Event,
  latticeV2Event,
  restEvent,
  type RequestHeaders,
} from './support/events.js'

const APP = 'https://app.example.com'
const policy: CorsOptions = { origins: [APP], credentials: true }
const preflight: RequestHeaders = { Origin: APP, 'Access-Control-Request-Method': 'PUT', 'Access-Control-Request-Headers': 'content-type' }

type Handler = (event: never, context: Context) => Promise<unknown>
type Business = () => Promise<unknown>

/** Every event shape, through middy with the middleware and through withCors alike. */
const STACKS: { name: string; build: (business: Business, options: CorsOptions) => Handler }[] = [
  { name: 'middy(handler).use(cors(options))', build: (business, options) => middy(business).use(cors(options)) as unknown as Handler },
  { name: 'withCors(handler, options)', build: (business, options) => withCors(business, options) as unknown as Handler },
]

describe.each(STACKS)('$name', ({ build }) => {
function wrap(result: unknown, options: CorsOptions = policy) {
  const spy = vi.fn(async () => result)
  const handler = build(spy, options)
  return { handler: (event: unknown) => handler(event as never, lambdaContext()), spy }
}

describe('API Gateway REST (payload 1.0)', () => {
  it('writes into headers by default and keeps multiValueHeaders', async () => {
    const { handler } = wrap({ statusCode: 200, multiValueHeaders: { 'Set-Cookie': ['a=1', 'b=2'] }, body: 'x' })
    const response = await handler(restEvent('GET', { Origin: APP })) as Record<string, Record<string, unknown>>
    expect(response.headers?.['Access-Control-Allow-Origin']).toBe(APP)
    expect(response.multiValueHeaders).toEqual({ 'Set-Cookie': ['a=1', 'b=2'] })
  })

  it('answers a preflight with an API Gateway proxy response', async () => {
    const { handler, spy } = wrap({ statusCode: 200, body: '' })
    const response = await handler(restEvent('OPTIONS', preflight))
    expect(spy).not.toHaveBeenCalled()
    expect(response).toMatchObject({ statusCode: 204, body: '', headers: { 'Access-Control-Allow-Origin': APP } })
  })
})

describe.each([
  ['HTTP API (payload 2.0)', httpApiEvent],
  ['Function URL', functionUrlEvent],
])('%s', (_, makeEvent) => {
  it('reads lower-case headers', async () => {
    const { handler } = wrap({ statusCode: 200, body: '' })
    const response = await handler(makeEvent('GET', { Origin: APP }))
    expect(header(response, 'access-control-allow-origin')).toBe(APP)
  })

  it('wraps a bare string result as API Gateway would: 200, body as is', async () => {
    const { handler } = wrap('hello')
    const response = await handler(makeEvent('GET', { Origin: APP }))
    expect(response).toMatchObject({ statusCode: 200, body: 'hello' })
    expect(header(response, 'content-type')).toBe('application/json')
    expect(header(response, 'Access-Control-Allow-Origin')).toBe(APP)
  })

  it('wraps an object without statusCode as a 200 JSON body', async () => {
    const { handler } = wrap({ items: [1, 2], cookies: 'not special without statusCode' })
    const response = await handler(makeEvent('GET', { Origin: APP })) as { statusCode: number; body: string }
    expect(response.statusCode).toBe(200)
    expect(JSON.parse(response.body)).toEqual({ items: [1, 2], cookies: 'not special without statusCode' })
    expect(header(response, 'Access-Control-Allow-Origin')).toBe(APP)
  })

  it('keeps cookies of a structured response', async () => {
    const { handler } = wrap({ statusCode: 201, cookies: ['session=s1; Secure; HttpOnly'], body: '' })
    const response = await handler(makeEvent('POST', { Origin: APP }))
    expect(response).toMatchObject({ statusCode: 201, cookies: ['session=s1; Secure; HttpOnly'] })
    expect(header(response, 'Access-Control-Allow-Credentials')).toBe('true')
  })

  it('answers a preflight', async () => {
    const { handler, spy } = wrap('never')
    const response = await handler(makeEvent('OPTIONS', preflight))
    expect(spy).not.toHaveBeenCalled()
    expect(response).toMatchObject({ statusCode: 204, body: '' })
    expect(header(response, 'Access-Control-Allow-Methods')).toBe('GET, HEAD, PUT, PATCH, POST, DELETE')
  })

  it('leaves an undefined result alone without throwing', async () => {
    const { handler } = wrap(undefined)
    await expect(handler(makeEvent('GET', { Origin: APP }))).resolves.toBeUndefined()
  })

  it('wraps every other JSON value as API Gateway would: arrays, numbers, booleans, null-prototype objects, a null body field', async () => {
    const dictionary = Object.assign(Object.create(null) as Record<string, unknown>, { id: 7 })
    for (const result of [[1, 2], 42, false, dictionary, { message: 'no body', body: null }]) {
      const { handler } = wrap(result)
      const response = await handler(makeEvent('GET', { Origin: APP })) as { statusCode: number; body: string }
      expect(response.statusCode, JSON.stringify(result)).toBe(200)
      expect(JSON.parse(response.body)).toEqual(JSON.parse(JSON.stringify(result)))
      expect(header(response, 'content-type')).toBe('application/json')
      expect(header(response, 'Access-Control-Allow-Origin')).toBe(APP)
    }
  })

  it('leaves results that are not JSON alone: null, a function, a symbol', async () => {
    for (const result of [null, () => 'not data', Symbol('not data')]) {
      const { handler } = wrap(result)
      await expect(handler(makeEvent('GET', { Origin: APP }))).resolves.toBe(result)
    }
  })
})

describe('ALB', () => {
  it('answers in headers when the request used single-value headers, keeping statusDescription', async () => {
    const { handler } = wrap({ statusCode: 200, statusDescription: '200 OK', headers: { 'content-type': 'text/plain' }, body: 'x' })
    const response = await handler(albEvent('GET', { Origin: APP }))
    expect(response).toMatchObject({ statusCode: 200, statusDescription: '200 OK', headers: { 'Access-Control-Allow-Origin': APP, 'content-type': 'text/plain' } })
    expect(response).not.toHaveProperty('multiValueHeaders')
  })

  it('answers in multiValueHeaders when the request came in multi-value mode', async () => {
    const { handler } = wrap({ statusCode: 200, statusDescription: '200 OK', multiValueHeaders: { 'content-type': ['text/plain'] }, body: 'x' })
    const response = await handler(albMultiValueEvent('GET', { Origin: APP }))
    expect(response).toMatchObject({
      statusDescription: '200 OK',
      multiValueHeaders: { 'Access-Control-Allow-Origin': [APP], 'Access-Control-Allow-Credentials': ['true'], Vary: ['Origin'], 'content-type': ['text/plain'] },
    })
    expect(response).not.toHaveProperty('headers')
  })

  it.each([
    ['single-value', albEvent, 'headers'],
    ['multi-value', albMultiValueEvent, 'multiValueHeaders'],
  ])('answers a %s preflight with a statusDescription', async (_, makeEvent, map) => {
    const { handler, spy } = wrap({ statusCode: 200 })
    const response = await handler(makeEvent('OPTIONS', preflight)) as Record<string, unknown>
    expect(spy).not.toHaveBeenCalled()
    expect(response).toMatchObject({ statusCode: 204, statusDescription: '204 No Content', body: '', isBase64Encoded: false })
    expect(response[map]).toHaveProperty('Access-Control-Allow-Origin')
  })
})

describe.each([
  ['VPC Lattice v1', latticeV1Event],
  ['VPC Lattice v2', latticeV2Event],
])('%s', (_, makeEvent) => {
  it('reads array-valued headers and adds CORS headers', async () => {
    const { handler } = wrap({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{}', isBase64Encoded: false })
    const response = await handler(makeEvent('GET', { Origin: APP }))
    expect(header(response, 'Access-Control-Allow-Origin')).toBe(APP)
    expect(header(response, 'Vary')).toBe('Origin')
  })

  it('answers a preflight', async () => {
    const { handler, spy } = wrap({ statusCode: 200 })
    const response = await handler(makeEvent('OPTIONS', preflight))
    expect(spy).not.toHaveBeenCalled()
    expect(response).toMatchObject({ statusCode: 204, body: '', isBase64Encoded: false })
    expect(header(response, 'Access-Control-Allow-Origin')).toBe(APP)
  })
})

describe('anything else is left untouched', () => {
  it.each(['sqs', 's3', 'scheduled'])('a %s event and its result', async (name) => {
    const result = { statusCode: 200, headers: { 'x-kept': 'yes' }, body: 'x' }
    const { handler, spy } = wrap(result)
    const response = await handler(fixture(name))
    expect(spy).toHaveBeenCalledTimes(1)
    expect(response).toBe(result)
  })

  it.each(['sqs', 's3', 'scheduled'])('a %s event whose handler fails, and the error response another middleware sets', async (name) => {
    const failing = async () => { throw new Error('nope') }
    for (const handler of [
      // The error response set before cors() runs in onError, and after it.
      middy(failing).use(cors(policy)).use({ onError: (request) => { request.response = { statusCode: 500, body: 'x' } } }),
      middy(failing).use({ onError: (request) => { request.response = { statusCode: 500, body: 'x' } } }).use(cors(policy)),
    ]) {
      const response = await (handler as unknown as (e: unknown, c: Context) => Promise<unknown>)(fixture(name), lambdaContext())
      expect(response).toEqual({ statusCode: 500, body: 'x' })
    }
  })

  it.each([
    ['a direct invocation', { action: 'rebuild-index' }],
    ['a string', 'payload'],
    ['null', null],
  ])('%s', async (_, event) => {
    const result = { done: true }
    const { handler } = wrap(result)
    await expect(handler(event)).resolves.toBe(result)
  })
})

describe('odd values never throw', () => {
  const withOdd = (patch: Record<string, unknown>) => ({ ...restEvent('GET', { Origin: APP }), ...patch })
  it.each([
    ['headers: null', withOdd({ headers: null, multiValueHeaders: null })],
    ['no requestContext', withOdd({ requestContext: undefined })],
    ['non-string header values', withOdd({ headers: { Origin: 42, 'Access-Control-Request-Method': { x: 1 } }, multiValueHeaders: { Origin: [null, 7] } })],
    ['an Origin array with a non-string', withOdd({ multiValueHeaders: { Origin: [APP, undefined] } })],
    ['a numeric httpMethod on a 2.0 event', { version: '2.0', requestContext: { http: { method: 7 } }, headers: { origin: APP } }],
  ])('%s', async (_, event) => {
    const { handler } = wrap({ statusCode: 200, body: '' })
    await expect(handler(event)).resolves.toMatchObject({ statusCode: 200 })
  })

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['a number', 42],
    ['a non-numeric statusCode', { statusCode: '200', body: '' }],
  ])('a handler result of %s is returned unchanged', async (_, result) => {
    const { handler } = wrap(result)
    await expect(handler(restEvent('GET', { Origin: APP }))).resolves.toBe(result)
  })

  it.each([
    ['headers: null', { statusCode: 200, headers: null, body: '' }, 'Origin'],
    ['a non-string Vary', { statusCode: 200, headers: { Vary: 5 }, body: '' }, '5, Origin'],
  ])('a handler result with %s still gets its headers', async (_, result, vary) => {
    const { handler } = wrap(result)
    const response = await handler(restEvent('GET', { Origin: APP }))
    expect(header(response, 'Access-Control-Allow-Origin')).toBe(APP)
    expect(header(response, 'Vary')).toBe(vary)
  })

  it('returns a REST result it cannot read unchanged', async () => {
    const result = { body: 'no status code' }
    const { handler } = wrap(result)
    await expect(handler(restEvent('GET', { Origin: APP }))).resolves.toBe(result)
  })
})
})

describe('the OPTIONS method, in any case', () => {
  it('answers a preflight whose method is written in lower or mixed case, and lets other methods through', async () => {
    for (const method of ['options', 'Options', 'oPTIONs']) {
      const response = await middy(async () => ({ statusCode: 200, body: 'business' })).use(cors(policy))(restEvent(method, preflight) as never, lambdaContext())
      expect(response, method).toMatchObject({ statusCode: 204, body: '' })
      expect(header(response, 'Access-Control-Allow-Origin'), method).toBe(APP)
    }
    for (const method of ['OPTION', 'OPTIONSS', 'GET', '']) {
      const response = await middy(async () => ({ statusCode: 200, body: 'business' })).use(cors(policy))(restEvent(method, preflight) as never, lambdaContext())
      expect(response, method).toMatchObject({ statusCode: 200, body: 'business' })
    }
  })

  // Upper-casing maps each code point on its own, so a method of another
  // length could only become OPTIONS through a mapping that changes length
  // and is itself part of OPTIONS (ß becomes SS, which is not).
  it('needs no upper-casing of methods of another length: no length-changing case mapping is part of OPTIONS', () => {
    const offending: string[] = []
    for (let codePoint = 0; codePoint <= 0x10ffff; codePoint++) {
      if (codePoint >= 0xd800 && codePoint <= 0xdfff) continue
      const char = String.fromCodePoint(codePoint)
      const upper = char.toUpperCase()
      if (upper.length !== char.length && 'OPTIONS'.includes(upper)) offending.push(`U+${codePoint.toString(16)}`)
    }
    expect(offending).toEqual([])
  })
})
