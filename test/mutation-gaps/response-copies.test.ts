/**
 * How the handler's result is copied, in corners found by mutation testing:
 * the header map the integration does not read is passed on as it is (the
 * very object, or not at all when the result only inherits it), and the
 * fallback copy of a result with a throwing getter (kept maps, writable
 * fields, proxies that list keys they do not have). Also a 2.0 result that
 * cannot become JSON.
 */
import middy from '@middy/core'
import { describe, expect, it } from 'vitest'
import { cors, type CorsOptions } from '../../src/index.js'
import { albMultiValueEvent, header, httpApiEvent, lambdaContext, restEvent } from '../support/events.js'

const APP = 'https://app.example.com'
const policy: CorsOptions = { origins: [APP], credentials: true }

type Fields = Record<string, unknown>
function wrap(business: () => unknown): (event: unknown) => Promise<Fields> {
  const handler = middy(business as never).use(cors(policy)) as unknown as (event: unknown, context: unknown) => Promise<Fields>
  return (event) => handler(event, lambdaContext())
}

/** What Lambda sends the integration: the result as JSON. */
const sent = (response: unknown): Fields => JSON.parse(JSON.stringify(response)) as Fields

describe('the map the integration does not read', () => {
  // REST reads `headers`, a multi-value ALB `multiValueHeaders`: the other
  // map, holding no CORS header, is passed on as the handler's own object,
  // not copied on every response.
  it('REST: multiValueHeaders is the handler\'s own object', async () => {
    const multiValueHeaders = { 'Set-Cookie': ['a=1', 'b=2'] }
    const response = await wrap(() => ({ statusCode: 200, multiValueHeaders, body: 'ok' }))(restEvent('GET', { Origin: APP }))
    expect(response.multiValueHeaders).toBe(multiValueHeaders)
    expect(header(response, 'Access-Control-Allow-Origin')).toBe(APP)
  })

  it('multi-value ALB: headers is the handler\'s own object', async () => {
    const headers = { 'content-type': 'text/plain' }
    const response = await wrap(() => ({ statusCode: 200, statusDescription: '200 OK', headers, body: 'ok' }))(albMultiValueEvent('GET', { Origin: APP }))
    expect(response.headers).toBe(headers)
    expect(response.multiValueHeaders).toMatchObject({ 'Access-Control-Allow-Origin': [APP] })
  })

  // Lambda sends only a result's own fields. A class whose unread map is a
  // getter never sent that map; adding CORS headers must not start sending it.
  it.each([
    ['REST, a multiValueHeaders getter', () => restEvent('GET', { Origin: APP }), 'multiValueHeaders', 'headers'],
    ['multi-value ALB, a headers getter', () => albMultiValueEvent('GET', { Origin: APP }), 'headers', 'multiValueHeaders'],
  ])('%s on the result\'s class is still not sent', async (_, event, unread, read) => {
    class Reply {
      statusCode = 200
      body = 'ok'
      get [unread](): Record<string, string[]> { return { 'Set-Cookie': ['a=1'] } }
    }
    const response = await wrap(() => new Reply())(event())
    const json = sent(response)
    expect(Object.keys(json).sort()).toEqual(['body', read, 'statusCode'].sort())
    expect(header(json, 'Access-Control-Allow-Origin')).toBe(APP)
  })
})

describe('a result with a throwing getter, copied property by property', () => {
  // A getter CORS does not need (a lazy body) is copied as a getter, never
  // called; everything else of the result must come through as it was.
  it.each([
    ['REST keeps its multiValueHeaders', () => restEvent('GET', { Origin: APP }), 'multiValueHeaders', { 'Set-Cookie': ['a=1', 'b=2'] }],
    ['multi-value ALB keeps its headers', () => albMultiValueEvent('GET', { Origin: APP }), 'headers', { 'content-type': 'text/plain' }],
  ])('%s', async (_, event, unread, map) => {
    const result = Object.defineProperties({ statusCode: 200, [unread]: map } as Fields, {
      body: { enumerable: true, get: () => { throw new Error('lazy body') } },
    })
    const response = await wrap(() => result)(event())
    expect(response[unread]).toEqual(map)
    expect(header(response, 'Access-Control-Allow-Origin')).toBe(APP)
  })

  it('adds no map the result did not have', async () => {
    const result = Object.defineProperties({ statusCode: 200 } as Fields, {
      body: { enumerable: true, get: () => { throw new Error('lazy body') } },
    })
    const response = await wrap(() => result)(restEvent('GET', { Origin: APP }))
    expect(Object.keys(response)).toEqual(['statusCode', 'body', 'headers'])
  })

  // A frozen result is copied into an object later middlewares may still
  // change (http-response-serializer sets body, error handlers statusCode).
  it('gives a frozen result a copy whose fields can be written', async () => {
    const result = Object.freeze(Object.defineProperties({ statusCode: 200, headers: { 'content-type': 'text/plain' } } as Fields, {
      body: { enumerable: true, get: () => { throw new Error('lazy body') } },
    }))
    const response = await wrap(() => result)(restEvent('GET', { Origin: APP }))
    response.statusCode = 500
    expect(response.statusCode).toBe(500)
    expect(header(response, 'Access-Control-Allow-Origin')).toBe(APP)
  })

  // A proxy may list a key it then does not describe; the copy skips it
  // rather than give up on the CORS headers.
  it('skips a key a proxy lists but does not have', async () => {
    const target: Fields = { statusCode: 200, headers: { 'content-type': 'text/plain' }, body: 'ok' }
    const result = new Proxy(target, {
      ownKeys: (t) => [...Reflect.ownKeys(t), 'ghost'],
      get: (t, key, receiver) => {
        if (key === 'body') throw new Error('lazy body')
        return Reflect.get(t, key, receiver) as unknown
      },
    })
    const response = await wrap(() => result)(restEvent('GET', { Origin: APP }))
    expect(header(response, 'Access-Control-Allow-Origin')).toBe(APP)
    expect(Object.keys(response)).toEqual(['statusCode', 'headers', 'body'])
  })
})

describe('a 2.0 result that cannot become JSON', () => {
  // API Gateway could not serialise it either: it is left as it is, for
  // the runtime to report, rather than made to throw here.
  it.each([
    ['a cycle', () => { const data: Fields = { name: 'loop' }; data.self = data; return data }],
    ['a BigInt', () => ({ count: 10n })],
  ])('%s is returned as the same value', async (_, make) => {
    const result = make()
    await expect(wrap(() => result)(httpApiEvent('GET', { Origin: APP }))).resolves.toBe(result)
  })
})
