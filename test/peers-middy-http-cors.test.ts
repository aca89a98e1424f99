/**
 * Vectors from @middy/http-cors's own test suite (middyjs/middy,
 * packages/http-cors/index.test.js), replayed through lambda-cors with the
 * nearest equivalent options and the same events (minimal events included,
 * as that suite writes them). Each case is named after the test it comes
 * from; the expectation is lambda-cors's documented behaviour. Where it
 * differs from @middy/http-cors on purpose, the case says so, and
 * docs/middleware.md ("Differences from @middy/http-cors") lists it.
 */
import middy from '@middy/core'
import { describe, expect, it } from 'vitest'
import { CorsConfigError, cors, type CorsOptions } from '../src/index.js'
import { restEvent } from './support/events.js'

type Fields = Record<string, unknown>
const context = { getRemainingTimeInMillis: () => 1000 }

async function run(options: CorsOptions, event: unknown, business: () => unknown = () => ({ statusCode: 200 }), onError?: (request: { response: unknown }) => void) {
  let ran = 0
  const handler = middy(async () => { ran++; return business() }).use(cors(options))
  if (onError !== undefined) handler.onError(onError as never)
  const response = await (handler as unknown as (e: unknown, c: unknown) => Promise<Fields>)(event, context)
  return { response, ran }
}

const source = (name: string) => `@middy/http-cors index.test.js: ${name}`
const PREFLIGHT_VARY = 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers'
const DEFAULT_ALLOW_METHODS = 'GET, HEAD, PUT, PATCH, POST, DELETE'
const DEFAULT_ALLOW_HEADERS = 'Content-Type, X-Amz-Date, Authorization, X-Api-Key, X-Amz-Security-Token, X-Amz-User-Agent'

describe('@middy/http-cors vectors: same outcome', () => {
  it(source('It should exclude `Access-Control-Allow-Origin` if no match in origins (static)'), async () => {
    const { response } = await run({ origins: ['https://example.com', 'https://another-example.com'] }, { httpMethod: 'OPTIONS', headers: { Origin: 'https://unknown.com' } })
    // An OPTIONS without Access-Control-Request-Method is not a preflight: the handler answers.
    expect(response).toEqual({ statusCode: 200, headers: { Vary: 'Origin' } })
  })

  it(source('It should return whitelisted origin (dynamic sub-domain)'), async () => {
    const { response } = await run(
      { origins: ['https://example.com', 'https://*.example.com'] },
      { httpMethod: 'OPTIONS', headers: { Origin: 'https://subdomain.example.com', 'Access-Control-Request-Method': 'GET' } },
    )
    expect(response).toEqual({
      statusCode: 204,
      body: '',
      headers: {
        'Access-Control-Allow-Origin': 'https://subdomain.example.com',
        'Access-Control-Allow-Methods': DEFAULT_ALLOW_METHODS,
        'Access-Control-Allow-Headers': DEFAULT_ALLOW_HEADERS,
        'Access-Control-Max-Age': '600',
        Vary: PREFLIGHT_VARY,
      },
    })
  })

  it(source('It should use change credentials as specified in options (true) with lowercase header'), async () => {
    // The header name's case does not matter; `origins: ['*']` with credentials is refused (below), so a list here.
    const { response } = await run({ origins: ['https://example-lowercase.com'], credentials: true }, { httpMethod: 'GET', headers: { origin: 'https://example-lowercase.com' } })
    expect(response).toEqual({
      statusCode: 200,
      headers: { 'Access-Control-Allow-Origin': 'https://example-lowercase.com', 'Access-Control-Allow-Credentials': 'true', Vary: 'Origin' },
    })
  })

  it(source('It should append Origin to existing Vary header from response'), async () => {
    const { response } = await run(
      { origins: ['https://example.com', 'https://example.org'] },
      { httpMethod: 'GET', headers: { Origin: 'https://example.com' } },
      () => ({ statusCode: 200, headers: { 'Content-Type': 'application/json', Vary: 'Accept-Encoding' } }),
    )
    expect(response).toEqual({
      statusCode: 200,
      headers: { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': 'https://example.com', Vary: 'Accept-Encoding, Origin' },
    })
  })

  it(source('It should handle vary option with empty string header'), async () => {
    const { response } = await run({ origins: ['https://example.com'] }, { httpMethod: 'GET', headers: {} }, () => ({ statusCode: 200, headers: { Vary: '' } }))
    expect((response.headers as Fields).Vary).toBe('Origin')
  })

  it(source('It should not match origins with unescaped dots (e.g. example.com should not match exampleXcom)'), async () => {
    const { response } = await run({ origins: ['https://example.com'] }, { httpMethod: 'OPTIONS', headers: { Origin: 'https://exampleXcom', 'Access-Control-Request-Method': 'GET' } })
    expect(response).toEqual({ statusCode: 204, body: '', headers: { Vary: PREFLIGHT_VARY } })
  })

  it(source('It should properly escape regex metacharacters in origin patterns'), async () => {
    const { response } = await run({ origins: ['https://*.example.com'] }, { httpMethod: 'OPTIONS', headers: { Origin: 'https://subdomainXexampleYcom', 'Access-Control-Request-Method': 'GET' } })
    expect(response).toEqual({ statusCode: 204, body: '', headers: { Vary: PREFLIGHT_VARY } })
  })

  it(source('It should run handler when { disableBeforePreflightResponse: true }'), async () => {
    const { response, ran } = await run({ origins: ['https://example.com'], preflightContinue: true }, { httpMethod: 'OPTIONS', headers: {} })
    expect(ran).toBe(1)
    expect(response).toEqual({ statusCode: 200, headers: { Vary: 'Origin' } })
  })

  it(source('It should not swallow errors'), async () => {
    const error = new Error('handler')
    const handler = middy(async () => { throw error }).use(cors({ origins: ['https://example.com'] }))
    await expect((handler as unknown as (e: unknown, c: unknown) => Promise<unknown>)(restEvent('GET', { Origin: 'https://example.com' }), context)).rejects.toBe(error)
  })

  it(source('it should not throw when not a http event'), async () => {
    const { response } = await run({ origins: ['https://example.com'] }, {}, () => undefined)
    expect(response).toBeUndefined()
  })

  it(source('Should return correct origin on subsequent calls'), async () => {
    const shared = { 'Content-Type': 'application/json' }
    const handler = middy(async () => ({ statusCode: 200, headers: shared })).use(cors({ origins: ['https://localhost:3000', 'https://example.org'] }))
    const invoke = handler as unknown as (e: unknown, c: unknown) => Promise<Fields>
    for (const origin of ['https://localhost:3000', 'https://example.org']) {
      const response = await invoke(restEvent('GET', { Origin: origin }), context)
      expect(response.headers).toEqual({ 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': origin, Vary: 'Origin' })
    }
    expect(shared).toEqual({ 'Content-Type': 'application/json' }) // the shared headers object is never written to
  })
})

describe('@middy/http-cors vectors: deliberate differences', () => {
  it(source('Should return default headers when { }') + ' (origins is required; no Origin means no Access-Control-* but Vary: Origin)', async () => {
    expect(() => cors({} as CorsOptions)).toThrow(CorsConfigError)
    const { response } = await run({ origins: ['https://example.com'] }, { httpMethod: 'OPTIONS', headers: {} })
    expect(response).toEqual({ statusCode: 200, headers: { Vary: 'Origin' } })
  })

  it(source('It should respond during `before` when { disableBeforePreflightResponse: false }') + ' (only a real preflight is answered in before)', async () => {
    const { response, ran } = await run({ origins: ['https://example.com'] }, { httpMethod: 'OPTIONS', headers: {} })
    expect(ran).toBe(1)
    expect(response.statusCode).toBe(200)
  })

  it(source('It should add headers even onError') + ' (no Allow-Origin without a request Origin)', async () => {
    const { response } = await run(
      { origins: ['https://example.com'] },
      { httpMethod: 'OPTIONS', headers: {} },
      () => { throw new Error('handler') },
      (request) => { request.response = { statusCode: 500 } },
    )
    expect(response).toEqual({ statusCode: 500, headers: { Vary: 'Origin' } })
    const allowed = await run(
      { origins: ['https://example.com'] },
      { httpMethod: 'GET', headers: { Origin: 'https://example.com' } },
      () => { throw new Error('handler') },
      (request) => { request.response = { statusCode: 500 } },
    )
    expect(allowed.response).toEqual({ statusCode: 500, headers: { 'Access-Control-Allow-Origin': 'https://example.com', Vary: 'Origin' } })
  })

  it(source('It should not override response Access-Control-Allow-Origin header when { "origin": "https://default.com" }') + ' (the policy owns Access-Control-*)', async () => {
    const { response } = await run(
      { origins: ['https://default.com'] },
      { httpMethod: 'GET', headers: { Origin: 'https://evil.test' } },
      () => ({ statusCode: 200, headers: { 'Access-Control-Allow-Origin': 'https://example.com' } }),
    )
    expect(response).toEqual({ statusCode: 200, headers: { Vary: 'Origin' } })
  })

  it(source('It should add Vary: Origin when newOrigin is * and credentials set via response headers') + " (a handler's credentials header is removed)", async () => {
    const { response } = await run({ origins: '*' }, { httpMethod: 'GET', headers: {} }, () => ({ statusCode: 200, headers: { 'Access-Control-Allow-Credentials': 'true' } }))
    expect(response).toEqual({ statusCode: 200, headers: { 'Access-Control-Allow-Origin': '*' } })
  })

  it(source('It should use change credentials as specified in options (true) w/ origin:*') + ' (refused at configuration)', () => {
    expect(() => cors({ origins: '*', credentials: true })).toThrow(CorsConfigError)
    expect(() => cors({ origins: ['*'], credentials: true })).toThrow(CorsConfigError)
  })

  it(source('It should not allow wildcard to match dots in subdomain patterns') + ' (a * label covers subdomains at any depth)', async () => {
    const { response } = await run({ origins: ['https://*.example.com'] }, { httpMethod: 'GET', headers: { Origin: 'https://nested.sub.example.com' } })
    expect((response.headers as Fields)['Access-Control-Allow-Origin']).toBe('https://nested.sub.example.com')
  })

  it(source('It should handle origins containing parentheses and pipes') + ' (not an origin a browser sends: refused at configuration)', () => {
    expect(() => cors({ origins: ['https://app(1).example.com'] })).toThrow(CorsConfigError)
    expect(() => cors({ origins: ['https://app[1].example.com'] })).toThrow(CorsConfigError)
  })

  it(source('It should handle v2.0 event format for OPTIONS request') + ' (no Access-Control-Request-Method: not a preflight, the handler answers)', async () => {
    const event = { version: '2.0', requestContext: { http: { method: 'OPTIONS' } }, headers: { Origin: 'https://example.com' } }
    const { response, ran } = await run({ origins: ['https://example.com', 'https://other.com'] }, event)
    expect(ran).toBe(1)
    expect(response).toEqual({ statusCode: 200, headers: { 'Access-Control-Allow-Origin': 'https://example.com', Vary: 'Origin' } })
  })

  it(source('It should reject preflight when requestMethods does not match Access-Control-Request-Method') + ' (the answer names the allowed methods, so the console names the refused one)', async () => {
    const { response } = await run({ origins: '*', methods: ['GET'] }, { httpMethod: 'OPTIONS', headers: { Origin: 'https://example.com', 'Access-Control-Request-Method': 'POST' } })
    expect(response).toMatchObject({ statusCode: 204, headers: { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Methods': 'GET' } })
  })

  it(source('it should set Cache-Control header if present in config and http method OPTIONS') + ' (no Cache-Control on preflight answers; Access-Control-Max-Age says how long)', async () => {
    const { response } = await run({ origins: ['https://example.com'] }, { httpMethod: 'OPTIONS', headers: { Origin: 'https://example.com', 'Access-Control-Request-Method': 'GET' } })
    expect(Object.keys(response.headers as Fields).map((name) => name.toLowerCase())).not.toContain('cache-control')
    expect((response.headers as Fields)['Access-Control-Max-Age']).toBe('600')
  })

  it(source('Should return correct origin on subsequent calls') + ' (an event without a method is not an HTTP event: left alone)', async () => {
    const result = { statusCode: 200, headers: { 'Content-Type': 'application/json' } }
    const { response } = await run({ origins: ['https://localhost:3000'] }, { headers: { Origin: 'https://localhost:3000' } }, () => result)
    expect(response).toBe(result)
  })
})
