/**
 * withCors(handler, options) answers exactly as
 * middy(handler).use(cors(options)) does: compared response for response on
 * generated requests, results and policies, plus the paths that differ in
 * mechanism (a thrown error, a preflight that never reaches the handler).
 * The shared behaviour suites (middleware.test.ts, events.test.ts) run
 * against both as well.
 */
import middy from '@middy/core'
import fc from 'fast-check'
import { describe, expect, it, vi } from 'vitest'
import { cors, CorsConfigError, withCors, type CorsOptions, type CorsRefusal } from '../src/index.js'
import {
  albEvent, albMultiValueEvent, functionUrlEvent, header, httpApiEvent, lambdaContext, latticeV1Event, latticeV2Event, restEvent,
  type RequestHeaders,
} from './support/events.js'

const APP = 'https://app.example.com'
const RUNS = Number(process.env.FC_RUNS ?? 150)

type Handler = (event: unknown, context: unknown) => Promise<unknown>
const viaMiddy = (business: Handler, options: CorsOptions): Handler => middy(business).use(cors(options)) as unknown as Handler
const viaWithCors = (business: Handler, options: CorsOptions): Handler => withCors(business, options)

const SHAPES = [restEvent, httpApiEvent, functionUrlEvent, albEvent, albMultiValueEvent, latticeV1Event, latticeV2Event] as const

describe('withCors matches middy with the middleware, response for response', () => {
  const policies: CorsOptions[] = [
    { origins: [APP, 'https://*.example.com', 'http://localhost:*'], credentials: true, exposedHeaders: ['X-Request-Id'] },
    { origins: '*', exposedHeaders: ['X-Request-Id'], cacheControl: 'public, max-age=600' },
    { origins: [APP], methods: ['GET', 'PATCH'], allowedHeaders: ['Content-Type'], maxAge: -1, optionsSuccessStatus: 200 },
    { origins: [APP], preflightContinue: true, privateNetwork: true },
    { origins: [async (origin: string) => origin.endsWith('.example.com')] },
  ]
  const origin = fc.constantFrom(APP, 'https://a.example.com', 'https://evil.test', 'null', 'http://localhost:5173', 'not an origin')
  const headers: fc.Arbitrary<RequestHeaders> = fc.record({
    Origin: origin,
    'Access-Control-Request-Method': fc.constantFrom('PUT', 'PATCH', 'patch', 'GET', ''),
    'Access-Control-Request-Headers': fc.constantFrom('content-type', 'x-other', 'content-type, authorization', ''),
    'Access-Control-Request-Private-Network': fc.constant('true'),
    Vary: fc.constant('Accept-Encoding'),
  }, { requiredKeys: [] })
  const result = fc.oneof(
    fc.constant({ statusCode: 200, headers: { 'Content-Type': 'application/json', 'X-Request-Id': 'r-1' }, body: '{}' }),
    fc.constant({ statusCode: 500, headers: { 'access-control-allow-origin': '*', vary: 'Cookie' }, body: 'failed' }),
    fc.constant({ statusCode: 404, multiValueHeaders: { 'Set-Cookie': ['a=1', 'b=2'] }, body: '' }),
    fc.constant({ items: [1, 2] }),
    fc.constant('plain'),
    fc.constant(undefined),
  )

  it('on generated events of every shape, results and policies', async () => {
    await fc.assert(fc.asyncProperty(
      fc.constantFrom(...SHAPES), fc.constantFrom('GET', 'OPTIONS', 'POST', 'options'), headers, result, fc.nat(policies.length - 1),
      async (shape, method, requestHeaders, returned, policyIndex) => {
        const options = policies[policyIndex] as CorsOptions
        const calls: [unknown[], unknown[]] = [[], []]
        const build = (via: typeof viaMiddy, into: unknown[]) => via(async (event) => {
          into.push(event)
          return structuredClone(returned)
        }, options)
        const a = await build(viaMiddy, calls[0])(shape(method, requestHeaders), lambdaContext())
        const b = await build(viaWithCors, calls[1])(shape(method, requestHeaders), lambdaContext())
        expect(b).toEqual(a)
        expect(calls[1].length).toBe(calls[0].length)
      }), { numRuns: RUNS, seed: 6 })
  })

  it('leaves non-HTTP events and their results alone', async () => {
    const business = async () => ({ batchItemFailures: [] })
    const event = { Records: [{ eventSource: 'aws:sqs', body: '{}' }] }
    expect(await viaWithCors(business, { origins: [APP] })(event, lambdaContext()))
      .toEqual(await viaMiddy(business, { origins: [APP] })(event, lambdaContext()))
  })
})

describe('withCors: the paths that differ in mechanism', () => {
  it('answers a preflight without calling the handler', async () => {
    const business = vi.fn(async () => ({ statusCode: 200, body: 'business' }))
    const response = await withCors(business, { origins: [APP] })(restEvent('OPTIONS', { Origin: APP, 'Access-Control-Request-Method': 'PUT' }), lambdaContext())
    expect(business).not.toHaveBeenCalled()
    expect(response).toMatchObject({ statusCode: 204, body: '' })
    expect(header(response, 'Access-Control-Allow-Origin')).toBe(APP)
  })

  it('passes the event and context to the handler, as middy does', async () => {
    const business = vi.fn(async () => ({ statusCode: 200, body: '' }))
    const event = restEvent('GET', { Origin: APP })
    const context = lambdaContext()
    await withCors(business, { origins: [APP] })(event, context)
    expect(business).toHaveBeenCalledWith(event, context)
  })

  it('a thrown error propagates unchanged, as under middy without an error handler, and the logger hears the same', async () => {
    for (const via of [viaMiddy, viaWithCors]) {
      const thrown = new Error('database down')
      const records: CorsRefusal[] = []
      const handler = via(async () => { throw thrown }, { origins: [APP], logger: (record) => records.push(record) })
      await expect(handler(restEvent('GET', { Origin: APP }), lambdaContext())).rejects.toBe(thrown)
      await expect(handler(restEvent('GET', { Origin: 'https://evil.test' }), lambdaContext())).rejects.toBe(thrown)
      expect(records.map((r) => r.reason)).toEqual(['origin-not-allowed'])
    }
  })

  it('gives an error response the handler returns the CORS headers', async () => {
    const handler = withCors(async () => ({ statusCode: 401, body: 'Sign in first' }), { origins: [APP], credentials: true })
    const response = await handler(restEvent('GET', { Origin: APP }), lambdaContext())
    expect(response).toMatchObject({ statusCode: 401, body: 'Sign in first' })
    expect(header(response, 'Access-Control-Allow-Origin')).toBe(APP)
    expect(header(response, 'Access-Control-Allow-Credentials')).toBe('true')
  })

  it('validates the options when wrapping, not per request', () => {
    expect(() => withCors(async () => ({}), { origins: 'https://app.example.com,http://localhost:5173' })).toThrow(CorsConfigError)
    expect(() => withCors(undefined as never, { origins: [APP] })).toThrow('withCors(handler, options): handler must be a function (event, context) => response.')
  })
})

describe('cacheControl, on both stacks', () => {
  const preflight = { Origin: APP, 'Access-Control-Request-Method': 'PUT' }
  it.each([['middy', viaMiddy], ['withCors', viaWithCors]] as const)('%s: on preflight answers only, in the map the integration reads', async (_, via) => {
    const options: CorsOptions = { origins: [APP], cacheControl: 'public,  max-age=600' }
    const business = async () => ({ statusCode: 200, body: 'ok' })
    const handler = via(business, options)
    const rest = await handler(restEvent('OPTIONS', preflight), lambdaContext()) as { headers: Record<string, string> }
    expect(rest.headers['Cache-Control']).toBe('public, max-age=600')
    const alb = await handler(albMultiValueEvent('OPTIONS', preflight), lambdaContext()) as { multiValueHeaders: Record<string, string[]> }
    expect(alb.multiValueHeaders['Cache-Control']).toEqual(['public, max-age=600'])
    const refused = await handler(restEvent('OPTIONS', { ...preflight, Origin: 'https://evil.test' }), lambdaContext())
    expect(header(refused, 'Cache-Control')).toBe('public, max-age=600')
    const actual = await handler(restEvent('GET', { Origin: APP }), lambdaContext())
    expect(header(actual, 'Cache-Control')).toBeUndefined()
    const continued = await via(business, { ...options, preflightContinue: true })(restEvent('OPTIONS', preflight), lambdaContext())
    expect(header(continued, 'Cache-Control')).toBeUndefined()
  })
})
