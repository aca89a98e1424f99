/**
 * A response must never break: the middleware's behaviour on bodies it must
 * not touch, on header maps the integration does not read, on loggers that
 * reject, on `__proto__` headers, frozen results, and on values that cannot
 * become strings. Each block is one hole that was found from outside.
 */
import middy from '@middy/core'
import httpErrorHandler from '@middy/http-error-handler'
import { Readable } from 'node:stream'
import { ReadableStream } from 'node:stream/web'
import { describe, expect, it, vi } from 'vitest'
import { cors, preflightHandler, type CorsOptions } from '../src/index.js'
import { readCorsRequest } from '../src/lambda/event.js'
import {
  albEvent,
  albMultiValueEvent,
  functionUrlEvent,
  header,
  httpApiEvent,
  lambdaContext,
  latticeV1Event,
  latticeV2Event,
  restEvent,
} from './support/events.js'

const APP = 'https://app.example.com'
const policy: CorsOptions = { origins: [APP], credentials: true, exposedHeaders: ['X-Request-Id'] }

type Invoke = (event: unknown) => Promise<unknown>
function wrap(business: () => unknown, options: CorsOptions = policy): Invoke {
  const handler = middy(business as never).use(cors(options)) as unknown as (event: unknown, context: unknown) => Promise<unknown>
  return (event) => handler(event, lambdaContext())
}

describe('multi-value request headers: bounded work whatever the map holds', () => {
  const many = (count: number, make: (i: number) => string) => Array.from({ length: count }, (_, i) => make(i))

  it('keeps at most two Origin values (the first, and the first that differs)', () => {
    const event = restEvent('GET')
    event.multiValueHeaders = { Origin: many(100_000, (i) => `https://a${i}.example.com`) }
    const request = readCorsRequest(event)
    expect(request?.origins).toEqual(['https://a0.example.com', 'https://a1.example.com'])
  })

  it('keeps only the first non-blank Access-Control-Request-Method', () => {
    const event = restEvent('OPTIONS')
    event.multiValueHeaders = { Origin: [APP], 'Access-Control-Request-Method': ['', ' ', ...many(100_000, (i) => `M${i}`)] }
    expect(readCorsRequest(event)?.requestMethods).toEqual(['M0'])
  })

  it('reads a header that REST repeats in both maps once, from multiValueHeaders', () => {
    const event = restEvent('OPTIONS', { Origin: APP, 'Access-Control-Request-Method': 'PUT', 'Access-Control-Request-Headers': ['a', 'b'] })
    expect(readCorsRequest(event)).toMatchObject({ origins: [APP], requestMethods: ['PUT'], requestHeaders: ['a', 'b'] })
  })

  /** A 100,000-item list that counts how many of its items are read. */
  function counted(make: (i: number) => string) {
    const items = many(100_000, make)
    const reads = { count: 0 }
    const list = new Proxy(items, {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads.count++
        return Reflect.get(target, key, receiver) as unknown
      },
    })
    return { list, reads }
  }

  it.each([
    ['Origin', (i: number) => `https://a${i}.example.com`],
    ['Access-Control-Request-Method', (i: number) => `M${i}`],
    ['Access-Control-Request-Headers', (i: number) => `x-h${i}`],
    ['Access-Control-Request-Private-Network', (i: number) => `v${i}`],
  ])('answers a preflight with 100,000 distinct %s values after reading a bounded number of them', async (name, make) => {
    const handler = preflightHandler(policy)
    const event = restEvent('OPTIONS', { Origin: APP, 'Access-Control-Request-Method': 'GET' })
    const { list, reads } = counted(make)
    event.multiValueHeaders = { ...event.multiValueHeaders, [name]: list as string[] }
    await expect(handler(event)).resolves.toMatchObject({ statusCode: 204 })
    // De-duplicating every value with includes() read them all (quadratic work).
    expect(reads.count).toBeLessThan(1_000)
  })

  it('stops collecting Access-Control-Request-Headers past the policy budget, and still refuses the list', async () => {
    const logger = vi.fn()
    const handler = preflightHandler({ ...policy, logger })
    const event = restEvent('OPTIONS', { Origin: APP, 'Access-Control-Request-Method': 'GET' })
    event.multiValueHeaders = { ...event.multiValueHeaders, 'Access-Control-Request-Headers': many(100_000, () => 'content-type') }
    const response = await handler(event)
    expect(header(response, 'Access-Control-Allow-Origin')).toBe(APP)
    expect(logger).toHaveBeenCalledWith(expect.objectContaining({ reason: 'request-headers-too-long' }))
  })
})

describe('bodies that are not JSON data are never wrapped or re-encoded', () => {
  const bodies: [string, () => unknown][] = [
    ['a Node Readable', () => Readable.from(['a', 'b'])],
    ['a web ReadableStream', () => new ReadableStream({ start: (controller) => { controller.enqueue('x'); controller.close() } })],
    ['a Buffer', () => Buffer.from('bytes')],
    ['a Uint8Array', () => new Uint8Array([1, 2, 3])],
    ['a class instance', () => new (class Payload { value = 1 })()],
    ['a plain object whose body is a stream', () => ({ body: Readable.from(['a']) })],
  ]
  it.each(bodies)('returns %s from a 2.0 handler as the same value', async (_, make) => {
    for (const event of [httpApiEvent('GET', { Origin: APP }), functionUrlEvent('GET', { Origin: APP })]) {
      const body = make()
      const response = await wrap(() => body)(event)
      expect(response).toBe(body)
    }
  })

  it('adds headers to { statusCode, headers, body: stream } and keeps the stream itself', async () => {
    const stream = Readable.from(['chunk'])
    const result = { statusCode: 200, headers: { 'content-type': 'text/plain' }, body: stream }
    const response = (await wrap(() => result)(functionUrlEvent('GET', { Origin: APP }))) as typeof result
    expect(response.body).toBe(stream)
    expect(header(response, 'Access-Control-Allow-Origin')).toBe(APP)
    expect(result.headers).toEqual({ 'content-type': 'text/plain' })
  })

  it('leaves a result whose statusCode is not a number alone', async () => {
    const result = { statusCode: '200', body: 'x' }
    await expect(wrap(() => result)(httpApiEvent('GET', { Origin: APP }))).resolves.toBe(result)
  })

  it('still wraps plain JSON data on 2.0, as API Gateway would', async () => {
    const response = await wrap(() => ({ items: [1, 2] }))(httpApiEvent('GET', { Origin: APP }))
    expect(response).toMatchObject({ statusCode: 200, body: '{"items":[1,2]}' })
    expect(header(response, 'Access-Control-Allow-Origin')).toBe(APP)
  })
})

describe('CORS headers go to the map the integration reads', () => {
  const handlerResult = () => ({
    statusCode: 200,
    statusDescription: '200 OK',
    multiValueHeaders: { 'content-type': ['text/plain'], Vary: ['Accept'], 'access-control-allow-origin': ['*'] },
    body: 'x',
  })
  it.each([
    ['HTTP API 2.0', () => httpApiEvent('GET', { Origin: APP })],
    ['Function URL', () => functionUrlEvent('GET', { Origin: APP })],
    ['ALB single-value', () => albEvent('GET', { Origin: APP })],
    ['VPC Lattice v1', () => latticeV1Event('GET', { Origin: APP })],
    ['VPC Lattice v2', () => latticeV2Event('GET', { Origin: APP })],
    ['REST (reads both maps)', () => restEvent('GET', { Origin: APP })],
  ])('%s: headers, even when the handler used multiValueHeaders', async (_, event) => {
    const response = (await wrap(handlerResult)(event())) as { headers: Record<string, unknown>; multiValueHeaders: Record<string, unknown> }
    expect(response.headers).toEqual({
      'Access-Control-Allow-Origin': APP,
      'Access-Control-Allow-Credentials': 'true',
      'Access-Control-Expose-Headers': 'X-Request-Id',
      Vary: 'Accept, Origin',
    })
    // The handler's own Access-Control-* and Vary are gone from the map that is not read.
    expect(response.multiValueHeaders).toEqual({ 'content-type': ['text/plain'] })
  })

  it('ALB multi-value: multiValueHeaders, even when the handler used headers', async () => {
    const result = { statusCode: 200, headers: { 'content-type': 'text/plain', vary: 'Accept', 'Access-Control-Max-Age': '5' }, body: 'x' }
    const response = (await wrap(() => result)(albMultiValueEvent('GET', { Origin: APP }))) as { headers: unknown; multiValueHeaders: unknown }
    expect(response.multiValueHeaders).toEqual({
      'Access-Control-Allow-Origin': [APP],
      'Access-Control-Allow-Credentials': ['true'],
      'Access-Control-Expose-Headers': ['X-Request-Id'],
      Vary: ['Accept, Origin'],
    })
    expect(response.headers).toEqual({ 'content-type': 'text/plain' })
  })
})

describe('an async logger that rejects', () => {
  it('causes no unhandled rejection', async () => {
    const unhandled: unknown[] = []
    const listener = (reason: unknown) => unhandled.push(reason)
    process.on('unhandledRejection', listener)
    try {
      // A plain async function: vi.fn would observe the rejection itself.
      let calls = 0
      const logger = async () => { calls++; throw new Error('log sink down') }
      const response = await wrap(() => ({ statusCode: 200, body: '' }), { origins: [APP], logger })(restEvent('GET', { Origin: 'https://evil.test' }))
      expect(calls).toBe(1)
      expect(header(response, 'Vary')).toBe('Origin')
      await new Promise((resolve) => setTimeout(resolve, 20))
      expect(unhandled).toEqual([])
    } finally {
      process.off('unhandledRejection', listener)
    }
  })

  it('causes no unhandled rejection from a thenable whose then throws', async () => {
    const logger = () => ({ then: () => { throw new Error('odd thenable') } }) as unknown as void
    await expect(wrap(() => ({ statusCode: 200, body: '' }), { origins: [APP], logger })(restEvent('GET', { Origin: 'https://evil.test' })))
      .resolves.toMatchObject({ statusCode: 200 })
  })
})

describe('__proto__ headers and frozen results', () => {
  it('keeps a header named __proto__ (as JSON.parse makes it) as a header', async () => {
    const result = JSON.parse('{"statusCode":200,"headers":{"__proto__":{"x":"y"},"content-type":"text/plain"},"body":"ok"}') as Record<string, unknown>
    const response = (await wrap(() => result)(restEvent('GET', { Origin: APP }))) as { headers: Record<string, unknown> }
    expect(Object.getPrototypeOf(response.headers)).toBe(Object.prototype)
    expect(Object.prototype.hasOwnProperty.call(response.headers, '__proto__')).toBe(true)
    expect(Object.keys(response.headers)).toContain('__proto__')
    expect(header(response, 'Access-Control-Allow-Origin')).toBe(APP)
  })

  it('keeps a response field named __proto__ as a field', async () => {
    const result = JSON.parse('{"statusCode":200,"__proto__":{"Vary":"x"},"body":"ok"}') as Record<string, unknown>
    const response = (await wrap(() => result)(restEvent('GET', { Origin: APP }))) as Record<string, unknown>
    expect(Object.getPrototypeOf(response)).toBe(Object.prototype)
    expect(Object.keys(response)).toContain('__proto__')
  })

  it('keeps a response field named __proto__, and symbol keys, when the headers it has are replaced', async () => {
    const tag = Symbol('tag')
    const result = JSON.parse('{"statusCode":200,"__proto__":{"Vary":"x"},"headers":{"content-type":"text/plain"},"body":"ok"}') as Record<string | symbol, unknown>
    result[tag] = 'kept'
    for (const event of [restEvent('GET', { Origin: APP }), httpApiEvent('GET', { Origin: APP })]) {
      const response = (await wrap(() => result)(event)) as Record<string | symbol, unknown>
      expect(Object.getPrototypeOf(response)).toBe(Object.prototype)
      expect(Object.keys(response)).toEqual(['statusCode', '__proto__', 'headers', 'body'])
      expect(response[tag]).toBe('kept')
      expect(header(response, 'Access-Control-Allow-Origin')).toBe(APP)
      expect(result.headers).toEqual({ 'content-type': 'text/plain' })
    }
  })

  it('works on a deeply frozen result with a frozen __proto__ header, and does not touch it', async () => {
    const headers = JSON.parse('{"__proto__":{"Vary":"Accept"},"Vary":"Accept"}') as Record<string, unknown>
    Object.freeze(headers.__proto__)
    const result = Object.freeze({ statusCode: 200, headers: Object.freeze(headers), body: 'ok' })
    const response = await wrap(() => result)(restEvent('GET', { Origin: APP }))
    expect(header(response, 'Access-Control-Allow-Origin')).toBe(APP)
    expect(header(response, 'Vary')).toBe('Accept, Origin')
    expect(result.headers).toBe(headers)
    expect(Object.keys(headers)).toEqual(['__proto__', 'Vary'])
  })

  it('works on a sealed result', async () => {
    const result = Object.seal({ statusCode: 200, headers: Object.seal({ 'content-type': 'text/plain' }), body: 'ok' })
    const response = await wrap(() => result)(httpApiEvent('GET', { Origin: APP }))
    expect(header(response, 'Access-Control-Allow-Origin')).toBe(APP)
    expect(result.headers).toEqual({ 'content-type': 'text/plain' })
  })
})

describe('values that cannot become strings, and throwing getters', () => {
  const unprintable = () => Object.create(null) as object
  const throwing = () => ({ toString: () => { throw new Error('no string') }, [Symbol.toPrimitive]: () => { throw new Error('no primitive') } })

  it.each([
    ['a null-prototype object', unprintable],
    ['an object whose toString throws', throwing],
  ])('an ALB httpMethod that is %s breaks no hook', async (_, odd) => {
    for (const method of ['OPTIONS', 'GET']) {
      const event = albEvent(method, { Origin: APP, 'Access-Control-Request-Method': 'PUT' }) as unknown as Record<string, unknown>
      event.httpMethod = odd()
      const response = await wrap(() => ({ statusCode: 200, body: 'ok' }))(event)
      expect(response).toMatchObject({ statusCode: 200, body: 'ok' })
      await expect(preflightHandler(policy)(event)).resolves.toMatchObject({ statusCode: expect.any(Number) })
    }
  })

  it.each([
    ['a null-prototype object', unprintable],
    ['an object whose toString throws', throwing],
  ])('a response Vary that is %s breaks no hook', async (_, odd) => {
    const response = await wrap(() => ({ statusCode: 200, headers: { Vary: odd() }, multiValueHeaders: { Vary: [odd(), 'Accept'] }, body: 'ok' }))(restEvent('GET', { Origin: APP }))
    expect(header(response, 'Access-Control-Allow-Origin')).toBe(APP)
    expect(header(response, 'Vary')).toBe('Accept, Origin')
  })

  it('onError never replaces the handler error, whatever the event holds', async () => {
    const error = new Error('business failed')
    const event = albEvent('GET', { Origin: APP }) as unknown as Record<string, unknown>
    event.httpMethod = unprintable()
    Object.defineProperty(event, 'headers', { enumerable: true, get: () => { throw new Error('odd event') } })
    await expect(wrap(() => { throw error })(event)).rejects.toBe(error)
  })

  it('onError leaves an error response it cannot read as it is', async () => {
    const odd = Object.freeze({ statusCode: 500, get headers(): never { throw new Error('odd') }, body: '' })
    const handler = middy(async () => { throw new Error('nope') })
      .use(cors(policy))
      .use({ onError: (request) => { request.response = odd as never } })
    const response = await (handler as unknown as (e: unknown, c: unknown) => Promise<unknown>)(restEvent('GET', { Origin: APP }), lambdaContext())
    expect(response).toBe(odd)
  })

  it('an error response set later by an error handler used before cors() is decorated, or kept when unreadable', async () => {
    const business = async () => { throw Object.assign(new Error('nope'), { statusCode: 401, expose: true }) }
    const run = (handler: unknown) => (handler as (e: unknown, c: unknown) => Promise<unknown>)(restEvent('GET', { Origin: APP }), lambdaContext())
    const decorated = await run(middy(business).use(httpErrorHandler({ logger: false })).use(cors(policy)))
    expect(decorated).toMatchObject({ statusCode: 401 })
    expect(header(decorated, 'Access-Control-Allow-Origin')).toBe(APP)
    const odd = { statusCode: 401, get headers(): never { throw new Error('odd') }, body: '' }
    const kept = await run(middy(business).use({ onError: (request) => { request.response = odd as never } }).use(cors(policy)))
    expect(kept).toBe(odd)
  })

  it('an error response set later is decorated also when a middleware before cors() in onError set the response to null', async () => {
    const business = async () => { throw new Error('nope') }
    const handler = middy(business)
      // An error handler of its own, used first so it runs last in onError, that answers whatever is there.
      .use({ onError: (request) => { request.response = { statusCode: 403, body: 'forbidden' } as never } })
      .use(cors(policy))
      // Runs first in onError (middy runs them in reverse order) and leaves null.
      .use({ onError: (request) => { request.response = null as never } })
    const response = await (handler as unknown as (e: unknown, c: unknown) => Promise<unknown>)(restEvent('GET', { Origin: APP }), lambdaContext())
    expect(response).toMatchObject({ statusCode: 403 })
    expect(header(response, 'Access-Control-Allow-Origin')).toBe(APP)
  })

  it('keeps request.response an ordinary property while it waits for a later error response: enumerable, and redefinable by another middleware', async () => {
    const business = async () => { throw Object.assign(new Error('nope'), { statusCode: 409, expose: true }) }
    const seen: { enumerable?: boolean; configurable?: boolean; keys?: string[] } = {}
    const handler = middy(business)
      .use(httpErrorHandler({ logger: false }))
      // Runs after cors() in onError: another middleware that looks at the request and redefines the response.
      .use({
        onError: (request) => {
          const descriptor = Object.getOwnPropertyDescriptor(request, 'response')
          Object.assign(seen, { enumerable: descriptor?.enumerable, configurable: descriptor?.configurable, keys: Object.keys(request) })
          Object.defineProperty(request, 'response', { value: undefined, writable: true, enumerable: true, configurable: true })
        },
      })
      .use(cors(policy))
    const response = await (handler as unknown as (e: unknown, c: unknown) => Promise<unknown>)(restEvent('GET', { Origin: APP }), lambdaContext())
    expect(seen).toMatchObject({ enumerable: true, configurable: true })
    expect(seen.keys).toContain('response')
    // Redefined as plain data, the response the error handler sets then carries no CORS headers: the other middleware's choice.
    expect(response).toMatchObject({ statusCode: 409 })
  })

  it('before leaves an event whose fields throw when read to the handler', async () => {
    const event = restEvent('OPTIONS', { Origin: APP, 'Access-Control-Request-Method': 'PUT' }) as unknown as Record<string, unknown>
    Object.defineProperty(event, 'multiValueHeaders', { enumerable: true, get: () => { throw new Error('odd event') } })
    const business = vi.fn(async () => ({ statusCode: 200, body: 'business' }))
    const handler = middy(business).use(cors(policy)) as unknown as (e: unknown, c: unknown) => Promise<unknown>
    await expect(handler(event, lambdaContext())).resolves.toMatchObject({ statusCode: 200, body: 'business' })
    expect(business).toHaveBeenCalledTimes(1)
  })

  it('a throwing getter on a field CORS does not need leaves after intact', async () => {
    const result = { statusCode: 200, headers: { 'content-type': 'text/plain' }, get body(): string { throw new Error('lazy body') } }
    const response = (await wrap(() => result)(restEvent('GET', { Origin: APP }))) as Record<string, unknown>
    expect(header(response, 'Access-Control-Allow-Origin')).toBe(APP)
    // Copied as the getter, never called.
    expect(typeof Object.getOwnPropertyDescriptor(response, 'body')?.get).toBe('function')
  })

  it('a throwing getter on headers leaves the response as it is', async () => {
    const result = { statusCode: 200, get headers(): never { throw new Error('odd') }, body: 'x' }
    await expect(wrap(() => result)(restEvent('GET', { Origin: APP }))).resolves.toBe(result)
  })
})
