/**
 * Reading Lambda events, in corners found by mutation testing: the shape
 * each integration's event is told as, payloads that carry only part of an
 * HTTP shape, a method of the length of OPTIONS, header names a map only
 * inherits or spells twice, the Access-Control-Request-Headers budget at its
 * exact boundary, and what withCors and preflightHandler do with events that
 * are not HTTP or cannot be read.
 */
import middy from '@middy/core'
import { describe, expect, it, vi } from 'vitest'
import { compilePolicy, cors, preflightHandler, withCors, type CorsOptions, type HttpEventShape } from '../../src/index.js'
import { detectShape, readCorsRequest } from '../../src/lambda/event.js'
import {
  albEvent, albMultiValueEvent, functionUrlEvent, header, httpApiEvent, lambdaContext, latticeV1Event, latticeV2Event, restEvent,
} from '../support/events.js'

const APP = 'https://app.example.com'
const policy: CorsOptions = { origins: [APP], credentials: true }

type Handler = (event: unknown, context: unknown) => Promise<unknown>
const STACKS: { name: string; build: (business: Handler, options: CorsOptions) => Handler }[] = [
  { name: 'middy(handler).use(cors(options))', build: (business, options) => middy(business).use(cors(options)) as unknown as Handler },
  { name: 'withCors(handler, options)', build: (business, options) => withCors(business, options) },
]

describe('each integration\'s event is told as its own shape', () => {
  // The shape picks the map CORS headers are written to and the preflight's
  // response fields; every recogniser must name its own.
  it.each([
    ['api-gateway-v1', () => restEvent('GET')],
    ['api-gateway-v2', () => httpApiEvent('GET')],
    ['api-gateway-v2', () => functionUrlEvent('GET')],
    ['alb', () => albEvent('GET')],
    ['alb-multi-value', () => albMultiValueEvent('GET')],
    ['vpc-lattice-v1', () => latticeV1Event('GET')],
    ['vpc-lattice-v2', () => latticeV2Event('GET')],
  ] as [HttpEventShape, () => unknown][])('%s', (shape, make) => {
    expect(detectShape(make())).toBe(shape)
    expect(readCorsRequest(make())?.shape).toBe(shape)
  })
})

describe('a payload with only part of the VPC Lattice v1 shape is not an HTTP request', () => {
  // A direct invocation may well carry a `method` (JSON-RPC style) or a
  // path; only both together, as strings, make a Lattice v1 event.
  const payloads: [string, Record<string, unknown>][] = [
    ['a method without raw_path', { method: 'refresh', headers: { origin: APP } }],
    ['a raw_path without method', { raw_path: '/jobs/refresh', headers: { origin: APP } }],
    ['a raw_path with a non-string method', { method: 7, raw_path: '/jobs/refresh', headers: { origin: APP } }],
  ]

  it.each(payloads)('%s has no shape', (_, payload) => {
    expect(detectShape(payload)).toBeUndefined()
  })

  describe.each(STACKS)('$name', ({ build }) => {
    it.each(payloads)('%s: the result is returned as the handler gave it', async (_, payload) => {
      const result = { statusCode: 200, body: 'done' }
      const handler = build(async () => result, policy)
      await expect(handler(payload, lambdaContext())).resolves.toBe(result)
    })
  })
})

describe('a method that is not a string', () => {
  // An ALB event is recognised without a method; the request then has none,
  // which CorsRequest documents as ''.
  it('reads as the empty method', () => {
    const event = albEvent('GET', { Origin: APP }) as unknown as Record<string, unknown>
    delete event.httpMethod
    expect(readCorsRequest(event)?.method).toBe('')
  })
})

describe('a method of seven characters other than OPTIONS', () => {
  // OPTIONS is tested by length first; any other method of that length
  // (CONNECT) must still not be taken for a preflight.
  const preflightHeaders = { Origin: APP, 'Access-Control-Request-Method': 'PUT' }

  it.each(STACKS)('reaches the handler under $name', async ({ build }) => {
    const business = vi.fn(async () => ({ statusCode: 200, body: 'business' }))
    const response = await build(business, policy)(restEvent('CONNECT', preflightHeaders), lambdaContext())
    expect(business).toHaveBeenCalledTimes(1)
    expect(response).toMatchObject({ statusCode: 200, body: 'business' })
  })

  it('is refused by preflightHandler as another method', async () => {
    const response = await preflightHandler(policy)(restEvent('CONNECT', preflightHeaders))
    expect(response).toMatchObject({ statusCode: 405, headers: { Allow: 'OPTIONS' } })
  })
})

describe('request headers are the map\'s own', () => {
  // A header map whose prototype carries `origin` (a polluted or class-built
  // map) does not make a request cross-origin.
  it('an Origin the map only inherits is no Origin, so an OPTIONS request is no preflight', async () => {
    const event = restEvent('OPTIONS') as unknown as Record<string, unknown>
    event.multiValueHeaders = {}
    event.headers = Object.assign(Object.create({ origin: APP }) as Record<string, string>, { 'access-control-request-method': 'PUT' })
    expect(readCorsRequest(event)?.origins).toEqual([])
    const response = await preflightHandler(policy)(event)
    expect(response.statusCode).toBe(400)
    expect(header(response, 'Access-Control-Allow-Origin')).toBeUndefined()
  })
})

describe('Access-Control-Request-Method spelled twice in one map', () => {
  // Two spellings of the name in one map (a REST map keeps the client's
  // case): the first value decides, as it does among the values of one
  // name, and the other spelling's values are then not read at all, however
  // many a hostile request sends.
  it('the first spelling decides what a mirroring policy echoes, and the second is not read', async () => {
    const mirror: CorsOptions = { origins: [APP], credentials: true, methods: '*', dangerouslyMirrorPreflightWithCredentials: true }
    const reads = { count: 0 }
    const others = new Proxy(Array.from({ length: 10_000 }, (_, i) => `M${i}`), {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads.count++
        return Reflect.get(target, key, receiver) as unknown
      },
    })
    const event = restEvent('OPTIONS', { Origin: APP })
    event.multiValueHeaders = { ...event.multiValueHeaders, 'Access-Control-Request-Method': ['PUT'], 'access-control-request-method': others }
    const response = await preflightHandler(mirror)(event)
    expect(response.statusCode).toBe(204)
    expect(header(response, 'Access-Control-Allow-Methods')).toBe('PUT')
    expect(reads.count).toBeLessThanOrEqual(1)
  })
})

describe('the Access-Control-Request-Headers budget, at its exact boundary', () => {
  // Collecting may stop only once the values read are past the budget: a
  // first value exactly as long as the budget, followed by another, makes a
  // list that is too long.
  it('a list one value past a first value of exactly the budget is refused as too long', async () => {
    const options: CorsOptions = { origins: [APP], allowedHeaders: ['X-Custom'] }
    const budget = compilePolicy(options).requestHeadersBudget
    let first = 'x-custom'
    while (first.length + ', x-custom'.length <= budget) first += ', x-custom'
    first = first.padEnd(budget, ',') // empty elements are tolerated
    expect(first.length).toBe(budget)

    const logger = vi.fn()
    const event = restEvent('OPTIONS', { Origin: APP, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': [first, 'x-custom'] })
    const response = await preflightHandler({ ...options, logger })(event)
    expect(header(response, 'Access-Control-Allow-Origin')).toBe(APP)
    expect(logger).toHaveBeenCalledTimes(1)
    expect(logger).toHaveBeenCalledWith(expect.objectContaining({ reason: 'request-headers-too-long' }))

    // The first value alone is within the budget and allowed.
    logger.mockClear()
    await preflightHandler({ ...options, logger })(restEvent('OPTIONS', { Origin: APP, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': first }))
    expect(logger).not.toHaveBeenCalled()
  })
})

describe('withCors on an event that is not HTTP', () => {
  // Under middy a failing handler's error goes on unchanged whatever the
  // event; withCors must not replace it while judging an origin there is none of.
  it.each([
    ['an SQS-like record batch', { Records: [{ body: 'x' }] }],
    ['null', null],
  ])('rethrows the handler\'s own error for %s', async (_, event) => {
    const error = new Error('business failed')
    const handler = withCors(async () => { throw error }, policy)
    await expect(handler(event, lambdaContext())).rejects.toBe(error)
  })
})

describe('preflightHandler on an event it cannot read', () => {
  // A field that throws when read makes the event unreadable, not the handler broken.
  it('answers 400, not an HTTP event', async () => {
    const event = restEvent('OPTIONS', { Origin: APP, 'Access-Control-Request-Method': 'PUT' }) as unknown as Record<string, unknown>
    Object.defineProperty(event, 'headers', { enumerable: true, get: () => { throw new Error('odd event') } })
    const response = await preflightHandler(policy)(event)
    expect(response).toMatchObject({ statusCode: 400, body: 'lambda-cors preflightHandler: not an HTTP event.' })
  })
})
