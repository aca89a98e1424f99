/**
 * How the middleware writes a response, beyond the usual one: copies that
 * stay ordinary data (serialisable, writable by later middlewares), header
 * maps the integration cannot read, odd Vary values, and preflight answers
 * in the ALB shapes.
 */
import middy from '@middy/core'
import { describe, expect, it } from 'vitest'
import { cors, type CorsOptions } from '../src/index.js'
import { albEvent, albMultiValueEvent, header, headerValues, httpApiEvent, lambdaContext, restEvent } from './support/events.js'

const APP = 'https://app.example.com'
const policy: CorsOptions = { origins: [APP], credentials: true }
const preflight = { Origin: APP, 'Access-Control-Request-Method': 'PUT' }

type Fields = Record<string | symbol, unknown>
function wrap(business: () => unknown, options: CorsOptions = policy): (event: unknown) => Promise<Fields> {
  const handler = middy(business as never).use(cors(options)) as unknown as (event: unknown, context: unknown) => Promise<Fields>
  return (event) => handler(event, lambdaContext())
}

const ORDINARY = { writable: true, enumerable: true, configurable: true }

describe('copies stay ordinary data', () => {
  it('a header named __proto__ is copied as an ordinary header: serialised, writable, redefinable', async () => {
    const result = JSON.parse('{"statusCode":200,"headers":{"__proto__":"kept","Access-Control-Max-Age":"9"},"body":""}') as Fields
    const response = await wrap(() => result)(restEvent('GET', { Origin: APP }))
    const headers = response.headers as Fields
    expect(Object.getOwnPropertyDescriptor(headers, '__proto__')).toMatchObject({ value: 'kept', ...ORDINARY })
    expect(JSON.parse(JSON.stringify(headers))).toMatchObject({ ['__proto__']: 'kept', 'Access-Control-Allow-Origin': APP })
  })

  it('a header map whose only key is __proto__ keeps it as a header', async () => {
    const result = JSON.parse('{"statusCode":200,"headers":{"__proto__":"only"},"body":""}') as Fields
    const response = await wrap(() => result)(restEvent('GET', { Origin: APP }))
    const headers = response.headers as Fields
    expect(Object.getPrototypeOf(headers)).toBe(Object.prototype)
    expect(Object.keys(headers)).toEqual(['__proto__', 'Access-Control-Allow-Origin', 'Access-Control-Allow-Credentials', 'Vary'])
  })

  it('a header map\'s inherited properties are not copied into it (the integration never saw them)', async () => {
    for (const own of [{ 'Access-Control-Max-Age': '9' }, { 'content-type': 'text/plain' }]) {
      const headers = Object.assign(Object.create({ 'X-Inherited': 'from the prototype' }) as Fields, own)
      const response = await wrap(() => ({ statusCode: 200, headers, body: '' }))(restEvent('GET', { Origin: APP }))
      expect(Object.keys(response.headers as Fields)).not.toContain('X-Inherited')
      expect('X-Inherited' in (response.headers as Fields)).toBe(false)
    }
  })

  it('a response\'s inherited properties are not copied into it', async () => {
    const result = Object.assign(Object.create({ inherited: 'from the prototype' }) as Fields, { statusCode: 200, body: '' })
    const response = await wrap(() => result)(restEvent('GET', { Origin: APP }))
    expect(Object.keys(response)).toEqual(['statusCode', 'body', 'headers'])
  })

  it('a response with a throwing getter is copied by descriptors: getters kept uncalled, hidden fields left out, the new header map ordinary', async () => {
    const result: Fields = { statusCode: 200, headers: { 'content-type': 'text/plain' } }
    Object.defineProperty(result, 'body', { enumerable: true, get: () => { throw new Error('lazy body') } })
    Object.defineProperty(result, 'hidden', { enumerable: false, value: 'internal' })
    const response = await wrap(() => result)(restEvent('GET', { Origin: APP }))
    expect(typeof Object.getOwnPropertyDescriptor(response, 'body')?.get).toBe('function')
    expect(Object.getOwnPropertyDescriptor(response, 'body')?.configurable).toBe(true)
    expect(Object.getOwnPropertyDescriptor(response, 'statusCode')).toMatchObject({ value: 200, ...ORDINARY })
    expect(Object.getOwnPropertyDescriptor(response, 'hidden')).toBeUndefined()
    expect(Object.getOwnPropertyDescriptor(response, 'headers')).toMatchObject(ORDINARY)
    expect(header(response, 'Access-Control-Allow-Origin')).toBe(APP)
    // The header map the integration reads is data a later middleware can replace.
    response.headers = { replaced: 'yes' }
    expect(response.headers).toEqual({ replaced: 'yes' })
  })

  it('on an ALB in multi-value mode, a response with a throwing getter gets an ordinary multiValueHeaders map', async () => {
    const result: Fields = { statusCode: 200, multiValueHeaders: { 'x-kept': ['1'] } }
    Object.defineProperty(result, 'body', { enumerable: true, get: () => { throw new Error('lazy body') } })
    const response = await wrap(() => result)(albMultiValueEvent('GET', { Origin: APP }))
    expect(Object.getOwnPropertyDescriptor(response, 'multiValueHeaders')).toMatchObject(ORDINARY)
    expect(response.multiValueHeaders).toMatchObject({ 'x-kept': ['1'], 'Access-Control-Allow-Origin': [APP] })
  })

  it('a response that gains its header map keeps its enumerable symbol keys, and not the others', async () => {
    const shown = Symbol('shown')
    const hidden = Symbol('hidden')
    const result: Fields = { statusCode: 204, body: '', [shown]: 'kept' }
    Object.defineProperty(result, hidden, { enumerable: false, value: 'left out' })
    const response = await wrap(() => result)(restEvent('GET', { Origin: APP }))
    expect(response[shown]).toBe('kept')
    expect(hidden in response).toBe(false)
    expect(Object.keys(response)).toEqual(['statusCode', 'body', 'headers'])
  })
})

describe('header maps the integration cannot read', () => {
  it.each([
    ['headers is a string', { statusCode: 200, headers: 'content-type: text/plain', body: '' }],
    ['multiValueHeaders is a string', { statusCode: 200, headers: {}, multiValueHeaders: 'x', body: '' }],
    ['headers is a number', { statusCode: 200, headers: 7, multiValueHeaders: {}, body: '' }],
  ])('the response is left as it is when %s', async (_, result) => {
    await expect(wrap(() => result)(restEvent('GET', { Origin: APP }))).resolves.toBe(result)
  })
})

describe('odd Vary values from the handler', () => {
  it.each([
    [5, '5, Origin'],
    [true, 'true, Origin'],
    [10n, '10, Origin'],
    ['Accept, accept, ACCEPT', 'Accept, Origin'],
    [['Accept', 'accept-language', 'Accept-Language'], 'Accept, accept-language, Origin'],
    [{ toString: () => 'Accept' }, 'Origin'],
  ])('Vary %s is merged as %s', async (vary, merged) => {
    const response = await wrap(() => ({ statusCode: 200, headers: { Vary: vary }, body: '' }))(restEvent('GET', { Origin: APP }))
    expect(headerValues(response, 'Vary')).toEqual([merged])
  })
})

describe('preflight answers in the ALB shapes', () => {
  it('single-value: a status description for every 2xx status, known or not', async () => {
    for (const [status, description] of [[204, '204 No Content'], [200, '200 OK'], [209, '209']] as const) {
      const response = await wrap(() => 'never', { ...policy, optionsSuccessStatus: status })(albEvent('OPTIONS', preflight))
      expect(response).toMatchObject({ statusCode: status, statusDescription: description, isBase64Encoded: false, body: '' })
    }
  })

  it('multi-value: every header, Vary and Cache-Control as one-element lists, and nothing in headers', async () => {
    const response = await wrap(() => 'never', { ...policy, maxAge: 600, cacheControl: 'public, max-age=600' })(albMultiValueEvent('OPTIONS', preflight))
    expect(response.headers).toBeUndefined()
    expect(response.multiValueHeaders).toEqual({
      'Access-Control-Allow-Origin': [APP],
      'Access-Control-Allow-Credentials': ['true'],
      'Access-Control-Allow-Methods': ['GET, HEAD, PUT, PATCH, POST, DELETE'],
      'Access-Control-Allow-Headers': expect.any(Array) as unknown,
      'Access-Control-Max-Age': ['600'],
      Vary: ['Origin, Access-Control-Request-Method, Access-Control-Request-Headers'],
      'Cache-Control': ['public, max-age=600'],
    })
    for (const values of Object.values(response.multiValueHeaders as Record<string, string[]>)) expect(values).toHaveLength(1)
  })

  it('multi-value without Cache-Control when the policy has none', async () => {
    const response = await wrap(() => 'never')(albMultiValueEvent('OPTIONS', preflight))
    expect(Object.keys(response.multiValueHeaders as object)).not.toContain('Cache-Control')
    expect((response.multiValueHeaders as Record<string, string[]>).Vary).toHaveLength(1)
  })
})
