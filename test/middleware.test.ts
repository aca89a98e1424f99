import middy from '@middy/core'
import httpErrorHandler from '@middy/http-error-handler'
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda'
import { describe, expect, it, vi } from 'vitest'
import { cors, withCors, type CorsOptions, type CorsRefusal } from '../src/index.js'
import { corsHeaderNames, header, headerValues, lambdaContext, restEvent, type RequestHeaders } from './support/events.js'

const APP = 'https://app.example.com'
const policy: CorsOptions = {
  origins: [APP, 'https://*.example.com', 'http://localhost:*'],
  credentials: true,
  exposedHeaders: ['X-Request-Id'],
}

function ok(): APIGatewayProxyResult {
  return { statusCode: 200, headers: { 'Content-Type': 'application/json', 'X-Request-Id': 'r-1' }, body: '{"ok":true}' }
}

type Business = (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult>
type Handler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>

/**
 * The two ways to serve a policy around a handler. Every behaviour below must
 * hold for both: withCors answers exactly as middy with the middleware does.
 */
const STACKS: { name: string; build: (options: CorsOptions<APIGatewayProxyEvent>, business: Business) => Handler }[] = [
  {
    name: 'middy(handler).use(cors(options))',
    build: (options, business) => middy<APIGatewayProxyEvent, APIGatewayProxyResult>(business).use(cors(options)).use(httpErrorHandler({ logger: false })),
  },
  { name: 'withCors(handler, options)', build: (options, business) => withCors(business, options) },
]

describe.each(STACKS)('$name', ({ build }) => {
function wrap(options: CorsOptions<APIGatewayProxyEvent> = policy, business: Business = async () => ok()) {
  const spy = vi.fn(business)
  const handler = build(options, spy)
  return { handler, spy }
}

const preflightHeaders = (origin: string, method = 'PUT', requested?: string | string[]) => ({
  Origin: origin,
  'Access-Control-Request-Method': method,
  ...(requested === undefined ? {} : { 'Access-Control-Request-Headers': requested }),
})

describe('actual requests', () => {
  it('gives an allowed origin its own origin, credentials, exposed headers and Vary: Origin', async () => {
    const { handler } = wrap()
    const response = await handler(restEvent('GET', { Origin: APP }), lambdaContext())
    expect(header(response, 'Access-Control-Allow-Origin')).toBe(APP)
    expect(header(response, 'Access-Control-Allow-Credentials')).toBe('true')
    expect(header(response, 'Access-Control-Expose-Headers')).toBe('X-Request-Id')
    expect(header(response, 'Vary')).toBe('Origin')
    expect(response.body).toBe('{"ok":true}')
    expect(header(response, 'Content-Type')).toBe('application/json')
  })

  it('allows wildcard subdomains at any depth and localhost on any port', async () => {
    const { handler } = wrap()
    for (const origin of ['https://api.example.com', 'https://a.b.example.com', 'http://localhost:5173', 'http://localhost']) {
      const response = await handler(restEvent('GET', { Origin: origin }), lambdaContext())
      expect(header(response, 'Access-Control-Allow-Origin'), origin).toBe(origin)
    }
  })

  it.each([
    'https://evil.test',
    'https://example.com',
    'https://evilexample.com',
    'https://example.com.evil.net',
    'http://app.example.com',
    'https://APP.example.com',
    'null',
    'https://app.example.com/',
    `https://${'a.'.repeat(5000)}example.com`,
  ])('sends no Access-Control-* header at all to %s, but still Vary: Origin', async (origin) => {
    const { handler, spy } = wrap()
    const response = await handler(restEvent('GET', { Origin: origin }), lambdaContext())
    expect(spy).toHaveBeenCalledTimes(1)
    expect(corsHeaderNames(response)).toEqual([])
    expect(header(response, 'Vary')).toBe('Origin')
  })

  it('sends no Access-Control-* header without an Origin, and Vary: Origin', async () => {
    const { handler } = wrap()
    const response = await handler(restEvent('GET'), lambdaContext())
    expect(corsHeaderNames(response)).toEqual([])
    expect(header(response, 'Vary')).toBe('Origin')
  })

  it("answers a static '*' policy with * and no Vary, whatever the origin", async () => {
    const { handler } = wrap({ origins: '*', exposedHeaders: ['X-Request-Id'] })
    for (const headers of [{ Origin: APP }, {}, { Origin: 'not an origin' }] as RequestHeaders[]) {
      const response = await handler(restEvent('GET', headers), lambdaContext())
      expect(header(response, 'Access-Control-Allow-Origin')).toBe('*')
      expect(header(response, 'Access-Control-Allow-Credentials')).toBeUndefined()
      expect(header(response, 'Access-Control-Expose-Headers')).toBe('X-Request-Id')
      expect(header(response, 'Vary')).toBeUndefined()
    }
  })

  it('refuses an origin sent twice with different values', async () => {
    const logger = vi.fn()
    const { handler } = wrap({ ...policy, logger })
    const event = restEvent('GET', { Origin: [APP, 'https://evil.test'] })
    const response = await handler(event, lambdaContext())
    expect(corsHeaderNames(response)).toEqual([])
    expect(logger.mock.calls[0]?.[0]).toMatchObject({ reason: 'origin-ambiguous', request: 'actual' })
  })

  it('reads the Origin header in any case', async () => {
    const { handler } = wrap()
    const event = restEvent('GET')
    event.headers = { ...event.headers, oRiGiN: APP }
    const response = await handler(event, lambdaContext())
    expect(header(response, 'Access-Control-Allow-Origin')).toBe(APP)
  })

  it('logs a refused origin with its reason', async () => {
    const records: CorsRefusal[] = []
    const { handler } = wrap({ ...policy, logger: (record) => records.push(record) })
    await handler(restEvent('GET', { Origin: 'https://evil.test' }), lambdaContext())
    await handler(restEvent('GET', { Origin: 'https://EVIL.test' }), lambdaContext())
    expect(records.map((r) => r.reason)).toEqual(['origin-not-allowed', 'origin-invalid'])
    expect(records[0]).toMatchObject({ request: 'actual', origin: 'https://evil.test' })
  })

  it('keeps answering when the logger throws', async () => {
    const { handler } = wrap({ ...policy, logger: () => { throw new Error('logger down') } })
    const response = await handler(restEvent('GET', { Origin: 'https://evil.test' }), lambdaContext())
    expect(response.statusCode).toBe(200)
  })
})

describe('Vary', () => {
  it.each([
    [{ Vary: 'Accept-Encoding' }, 'Accept-Encoding, Origin'],
    [{ vary: 'accept-encoding, origin' }, 'accept-encoding, origin'],
    [{ VARY: 'Origin' }, 'Origin'],
    [{ Vary: '*' }, '*'],
  ])('merges into an existing %o without duplicates', async (existing, expected) => {
    const { handler } = wrap(policy, async () => ({ statusCode: 200, headers: existing, body: '' }))
    const response = await handler(restEvent('GET', { Origin: APP }), lambdaContext())
    expect(headerValues(response, 'Vary')).toEqual([expected])
  })

  it('merges a Vary held in multiValueHeaders into one Vary in headers (REST APIs read both maps)', async () => {
    const { handler } = wrap(policy, async () => ({ statusCode: 200, multiValueHeaders: { Vary: ['Accept', 'Accept-Language'] }, body: '' }))
    const response = await handler(restEvent('GET', { Origin: APP }), lambdaContext())
    expect(response.headers?.Vary).toBe('Accept, Accept-Language, Origin')
    expect(headerValues(response, 'Vary')).toHaveLength(1)
  })
})

describe("the policy owns the CORS headers", () => {
  it("replaces a handler's own Access-Control-* headers in any case and either map", async () => {
    const { handler } = wrap(policy, async () => ({
      statusCode: 200,
      headers: { 'access-control-allow-origin': '*', 'ACCESS-CONTROL-ALLOW-CREDENTIALS': 'false' },
      multiValueHeaders: { 'Access-Control-Allow-Origin': ['https://other.test'], 'Access-Control-Max-Age': ['5'] },
      body: '',
    }))
    const response = await handler(restEvent('GET', { Origin: APP }), lambdaContext())
    expect(headerValues(response, 'Access-Control-Allow-Origin')).toEqual([APP])
    expect(headerValues(response, 'Access-Control-Allow-Credentials')).toEqual(['true'])
    expect(headerValues(response, 'Access-Control-Max-Age')).toEqual([])
    // Written to headers, which REST APIs read (merged with multiValueHeaders).
    expect(response.headers?.['Access-Control-Allow-Origin']).toBe(APP)
    expect(response.multiValueHeaders).toEqual({})
  })

  it("keeps the handler's headers that only look like CORS or Vary, in both maps", async () => {
    const lookalikes = { 'Access-Control-': 'a bare prefix', 'Accept-Encoding-Hints': 'long, starts with A', Vers: '4 letters, starts with V', Variant: 'starts with Vary' }
    const { handler } = wrap(policy, async () => ({
      statusCode: 200,
      headers: { ...lookalikes, VARY: 'Accept' },
      multiValueHeaders: { 'X-Multi': ['1'], vArY: ['Accept-Language'] },
      body: '',
    }))
    const response = await handler(restEvent('GET', { Origin: APP }), lambdaContext())
    for (const [name, value] of Object.entries(lookalikes)) expect(response.headers?.[name], name).toBe(value)
    expect(response.multiValueHeaders).toEqual({ 'X-Multi': ['1'] })
    expect(headerValues(response, 'Vary')).toEqual(['Accept, Accept-Language, Origin'])
  })

  it("removes a handler's Access-Control-Allow-Origin when the origin is refused", async () => {
    const { handler } = wrap(policy, async () => ({ statusCode: 200, headers: { 'Access-Control-Allow-Origin': '*' }, body: '' }))
    const response = await handler(restEvent('GET', { Origin: 'https://evil.test' }), lambdaContext())
    expect(corsHeaderNames(response)).toEqual([])
  })

  it('never mutates a response object the handler reuses, and leaks nothing between invocations', async () => {
    const shared = Object.freeze({ statusCode: 200, headers: Object.freeze({ 'X-Shared': 'yes' }), body: 'same' })
    const { handler } = wrap(policy, async () => shared as APIGatewayProxyResult)
    const first = await handler(restEvent('GET', { Origin: APP }), lambdaContext())
    const second = await handler(restEvent('GET', { Origin: 'https://evil.test' }), lambdaContext())
    const third = await handler(restEvent('GET', { Origin: 'https://api.example.com' }), lambdaContext())
    expect(shared.headers).toEqual({ 'X-Shared': 'yes' })
    expect(header(first, 'Access-Control-Allow-Origin')).toBe(APP)
    expect(corsHeaderNames(second)).toEqual([])
    expect(header(third, 'Access-Control-Allow-Origin')).toBe('https://api.example.com')
  })
})

describe('preflights', () => {
  it('answers a passing preflight itself, before the business code', async () => {
    const { handler, spy } = wrap({ ...policy, allowedHeaders: ['Content-Type', 'X-Custom'], maxAge: 300 })
    const response = await handler(restEvent('OPTIONS', preflightHeaders(APP, 'PUT', 'content-type,x-custom')), lambdaContext())
    expect(spy).not.toHaveBeenCalled()
    expect(response.statusCode).toBe(204)
    expect(response.body).toBe('')
    expect(header(response, 'Access-Control-Allow-Origin')).toBe(APP)
    expect(header(response, 'Access-Control-Allow-Credentials')).toBe('true')
    expect(header(response, 'Access-Control-Allow-Methods')).toBe('GET, HEAD, PUT, PATCH, POST, DELETE')
    expect(header(response, 'Access-Control-Allow-Headers')).toBe('Content-Type, X-Custom')
    expect(header(response, 'Access-Control-Max-Age')).toBe('300')
    expect(header(response, 'Access-Control-Allow-Private-Network')).toBeUndefined()
    expect(header(response, 'Vary')).toBe('Origin, Access-Control-Request-Method, Access-Control-Request-Headers')
  })

  it('honours optionsSuccessStatus', async () => {
    const { handler } = wrap({ ...policy, optionsSuccessStatus: 200 })
    const response = await handler(restEvent('OPTIONS', preflightHeaders(APP)), lambdaContext())
    expect(response.statusCode).toBe(200)
  })

  it("answers '*' without credentials with a literal *", async () => {
    const { handler } = wrap({ origins: '*', methods: '*', allowedHeaders: '*' })
    const response = await handler(restEvent('OPTIONS', preflightHeaders('https://anyone.test', 'PURGE', 'x-anything')), lambdaContext())
    expect(header(response, 'Access-Control-Allow-Origin')).toBe('*')
    expect(header(response, 'Access-Control-Allow-Methods')).toBe('*')
    // The wildcard never covers Authorization in the Fetch standard.
    expect(header(response, 'Access-Control-Allow-Headers')).toBe('*, Authorization')
  })

  it("echoes what was requested for '*' with credentials (the dangerous opt-in)", async () => {
    const { handler } = wrap({ ...policy, methods: '*', allowedHeaders: '*', dangerouslyMirrorPreflightWithCredentials: true })
    const response = await handler(restEvent('OPTIONS', preflightHeaders(APP, 'PURGE', 'X-One, x-two')), lambdaContext())
    expect(header(response, 'Access-Control-Allow-Methods')).toBe('PURGE')
    expect(header(response, 'Access-Control-Allow-Headers')).toBe('x-one, x-two')
  })

  it('gives a refused origin no Allow-Origin, still a 2xx with an empty body, and logs why', async () => {
    const logger = vi.fn()
    const { handler, spy } = wrap({ ...policy, logger })
    const response = await handler(restEvent('OPTIONS', preflightHeaders('https://evil.test')), lambdaContext())
    expect(spy).not.toHaveBeenCalled()
    expect(response.statusCode).toBe(204)
    expect(response.body).toBe('')
    expect(corsHeaderNames(response)).toEqual([])
    expect(logger).toHaveBeenCalledWith(expect.objectContaining({ reason: 'origin-not-allowed', request: 'preflight', origin: 'https://evil.test', method: 'PUT' }))
  })

  it('gives an allowed origin with a refused method Allow-Origin but not the method', async () => {
    const logger = vi.fn()
    const { handler } = wrap({ ...policy, methods: ['GET', 'POST'], logger })
    const response = await handler(restEvent('OPTIONS', preflightHeaders(APP, 'DELETE')), lambdaContext())
    expect(header(response, 'Access-Control-Allow-Origin')).toBe(APP)
    expect(header(response, 'Access-Control-Allow-Methods')).toBe('GET, POST')
    expect(logger).toHaveBeenCalledWith(expect.objectContaining({ reason: 'method-not-allowed', method: 'DELETE' }))
  })

  it('matches methods case-sensitively, as the Fetch standard does', async () => {
    const logger = vi.fn()
    const { handler } = wrap({ ...policy, methods: ['GET', 'PATCH'], logger })
    await handler(restEvent('OPTIONS', preflightHeaders(APP, 'PATCH')), lambdaContext())
    expect(logger).not.toHaveBeenCalled()
    await handler(restEvent('OPTIONS', preflightHeaders(APP, 'patch')), lambdaContext())
    expect(logger).toHaveBeenCalledWith(expect.objectContaining({ reason: 'method-not-allowed', method: 'patch' }))
  })

  it('matches header names case-insensitively and names the refused ones', async () => {
    const logger = vi.fn()
    const { handler } = wrap({ ...policy, allowedHeaders: ['Content-Type', 'X-Custom'], logger })
    const passing = await handler(restEvent('OPTIONS', preflightHeaders(APP, 'PUT', 'CONTENT-TYPE, X-custom')), lambdaContext())
    expect(header(passing, 'Access-Control-Allow-Headers')).toBe('Content-Type, X-Custom')
    expect(logger).not.toHaveBeenCalled()
    const failing = await handler(restEvent('OPTIONS', preflightHeaders(APP, 'PUT', 'content-type,x-other')), lambdaContext())
    expect(header(failing, 'Access-Control-Allow-Origin')).toBe(APP)
    expect(header(failing, 'Access-Control-Allow-Headers')).toBe('Content-Type, X-Custom')
    expect(logger).toHaveBeenCalledWith(expect.objectContaining({ reason: 'headers-not-allowed', headers: ['x-other'] }))
  })

  it('reads Access-Control-Request-Headers split over several lines, with spaces and empty elements', async () => {
    const logger = vi.fn()
    const { handler } = wrap({ ...policy, allowedHeaders: ['Content-Type', 'X-One', 'X-Two'], logger })
    await handler(restEvent('OPTIONS', preflightHeaders(APP, 'PUT', [' content-type ,, x-one', ',x-two ,'])), lambdaContext())
    expect(logger).not.toHaveBeenCalled()
    await handler(restEvent('OPTIONS', preflightHeaders(APP, 'PUT', ['content-type', 'x-three'])), lambdaContext())
    expect(logger).toHaveBeenCalledWith(expect.objectContaining({ reason: 'headers-not-allowed', headers: ['x-three'] }))
  })

  it('refuses a 1 MiB Access-Control-Request-Headers without reading it', async () => {
    const logger = vi.fn()
    const { handler } = wrap({ ...policy, logger })
    const huge = 'content-type,'.repeat(80_660)
    expect(huge.length).toBeGreaterThan(1024 * 1024)
    const response = await handler(restEvent('OPTIONS', preflightHeaders(APP, 'PUT', huge)), lambdaContext())
    expect(response.statusCode).toBe(204)
    expect(logger).toHaveBeenCalledWith(expect.objectContaining({ reason: 'request-headers-too-long' }))
  })

  it('treats OPTIONS without Access-Control-Request-Method as an ordinary request', async () => {
    const { handler, spy } = wrap()
    for (const headers of [{ Origin: APP }, { Origin: APP, 'Access-Control-Request-Method': '' }, { 'Access-Control-Request-Method': 'PUT' }] as RequestHeaders[]) {
      spy.mockClear()
      const response = await handler(restEvent('OPTIONS', headers), lambdaContext())
      expect(spy).toHaveBeenCalledTimes(1)
      expect(response.statusCode).toBe(200)
      expect(header(response, 'Access-Control-Allow-Methods')).toBeUndefined()
    }
  })

  it('lets the preflight reach the handler with preflightContinue, adding the preflight headers', async () => {
    const { handler, spy } = wrap({ ...policy, preflightContinue: true }, async () => ({ statusCode: 204, body: '' }))
    const response = await handler(restEvent('OPTIONS', preflightHeaders(APP)), lambdaContext())
    expect(spy).toHaveBeenCalledTimes(1)
    expect(header(response, 'Access-Control-Allow-Origin')).toBe(APP)
    expect(header(response, 'Access-Control-Allow-Methods')).toBe('GET, HEAD, PUT, PATCH, POST, DELETE')
  })

  it('answers Private Network Access only when enabled and requested, and varies on it', async () => {
    const pna = { ...preflightHeaders(APP), 'Access-Control-Request-Private-Network': 'true' }
    const off = await wrap().handler(restEvent('OPTIONS', pna), lambdaContext())
    expect(header(off, 'Access-Control-Allow-Private-Network')).toBeUndefined()
    const { handler } = wrap({ ...policy, privateNetwork: true })
    const on = await handler(restEvent('OPTIONS', pna), lambdaContext())
    expect(header(on, 'Access-Control-Allow-Private-Network')).toBe('true')
    expect(header(on, 'Vary')).toBe('Origin, Access-Control-Request-Method, Access-Control-Request-Headers, Access-Control-Request-Private-Network')
    const notAsked = await handler(restEvent('OPTIONS', preflightHeaders(APP)), lambdaContext())
    expect(header(notAsked, 'Access-Control-Allow-Private-Network')).toBeUndefined()
  })

  it('omits Access-Control-Max-Age when maxAge is -1', async () => {
    const response = await wrap({ ...policy, maxAge: -1 }).handler(restEvent('OPTIONS', preflightHeaders(APP)), lambdaContext())
    expect(header(response, 'Access-Control-Max-Age')).toBeUndefined()
  })
})

describe('origin predicates', () => {
  it('awaits an async predicate and passes it the event', async () => {
    const seen: string[] = []
    const predicate = async (origin: string, event: APIGatewayProxyEvent | undefined) => {
      seen.push(`${origin} ${event?.requestContext.stage}`)
      return origin === 'https://tenant.partner.test'
    }
    const { handler } = wrap({ origins: [APP, predicate] })
    const allowed = await handler(restEvent('GET', { Origin: 'https://tenant.partner.test' }), lambdaContext())
    const refused = await handler(restEvent('GET', { Origin: 'https://other.partner.test' }), lambdaContext())
    const exact = await handler(restEvent('GET', { Origin: APP }), lambdaContext())
    expect(header(allowed, 'Access-Control-Allow-Origin')).toBe('https://tenant.partner.test')
    expect(corsHeaderNames(refused)).toEqual([])
    expect(header(exact, 'Access-Control-Allow-Origin')).toBe(APP)
    // Exact matches never reach the predicate; invalid origins neither.
    expect(seen).toEqual(['https://tenant.partner.test prod', 'https://other.partner.test prod'])
  })

  it('refuses when the predicate throws or rejects', async () => {
    const { handler } = wrap({ origins: [async () => { throw new Error('table down') }] })
    const response = await handler(restEvent('GET', { Origin: APP }), lambdaContext())
    expect(corsHeaderNames(response)).toEqual([])
    expect(response.statusCode).toBe(200)
  })
})
})

describe('how the middleware names itself', () => {
  it('is named lambda-cors, and its hooks carry names middy\'s plugin hooks report', async () => {
    const middleware = cors({ origins: ['https://app.example.com'] })
    expect(middleware.name).toBe('lambda-cors')
    const names: string[] = []
    const handler = middy(async () => { throw new Error('nope') }, { beforeMiddleware: (name: string) => { names.push(name) } })
      .use(middleware)
      .use(httpErrorHandler({ logger: false }))
    await handler(restEvent('GET', { Origin: 'https://app.example.com' }) as never, lambdaContext())
    expect(names).toEqual(expect.arrayContaining(['lambdaCorsBefore', 'lambdaCorsOnError']))
  })
})
