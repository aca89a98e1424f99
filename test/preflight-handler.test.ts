import middy from '@middy/core'
import { describe, expect, it, vi } from 'vitest'
import { cors, preflightHandler, type CorsOptions } from '../src/index.js'
import {
  albMultiValueEvent,
  corsHeaderNames,
  fixture,
  header,
  httpApiEvent,
  lambdaContext,
  latticeV2Event,
  restEvent,
  type RequestHeaders,
} from './support/events.js'

const APP = 'https://app.example.com'
const policy: CorsOptions = {
  origins: [APP, 'https://*.example.com'],
  credentials: true,
  allowedHeaders: ['Content-Type', 'Authorization'],
  methods: ['GET', 'PUT'],
  privateNetwork: true,
}

const scenarios: [string, RequestHeaders][] = [
  ['passing', { Origin: APP, 'Access-Control-Request-Method': 'PUT', 'Access-Control-Request-Headers': 'content-type,authorization' }],
  ['wildcard subdomain', { Origin: 'https://preview.example.com', 'Access-Control-Request-Method': 'GET' }],
  ['refused origin', { Origin: 'https://evil.test', 'Access-Control-Request-Method': 'PUT' }],
  ['refused method', { Origin: APP, 'Access-Control-Request-Method': 'DELETE' }],
  ['refused header', { Origin: APP, 'Access-Control-Request-Method': 'PUT', 'Access-Control-Request-Headers': 'x-other' }],
  ['private network', { Origin: APP, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Private-Network': 'true' }],
]

describe('preflightHandler answers exactly as the middleware would', () => {
  const business = vi.fn(async () => ({ statusCode: 200, body: '' }))
  const middleware = middy(business).use(cors(policy))
  const standalone = preflightHandler(policy)

  it.each(scenarios)('%s (REST)', async (_, headers) => {
    const viaMiddleware = await middleware(restEvent('OPTIONS', headers), lambdaContext())
    const viaHandler = await standalone(restEvent('OPTIONS', headers), lambdaContext())
    expect(viaHandler).toEqual(viaMiddleware)
    expect(business).not.toHaveBeenCalled()
  })

  it.each(scenarios)('%s (HTTP API 2.0, ALB multi-value, VPC Lattice v2)', async (_, headers) => {
    for (const makeEvent of [httpApiEvent, albMultiValueEvent, latticeV2Event]) {
      const event = makeEvent('OPTIONS', headers)
      expect(await standalone(event, lambdaContext())).toEqual(await middleware(event, lambdaContext()))
    }
  })

  it('logs refusals the same way', async () => {
    const logger = vi.fn()
    await preflightHandler({ ...policy, logger })(restEvent('OPTIONS', { Origin: APP, 'Access-Control-Request-Method': 'DELETE' }))
    expect(logger).toHaveBeenCalledWith(expect.objectContaining({ reason: 'method-not-allowed', request: 'preflight' }))
  })
})

describe('preflightHandler with requests that are not preflights', () => {
  const standalone = preflightHandler(policy)

  it('answers OPTIONS without Access-Control-Request-Method with a 400 that says why', async () => {
    const response = await standalone(restEvent('OPTIONS', { Origin: APP }))
    expect(response.statusCode).toBe(400)
    expect(response.body).toMatch(/Access-Control-Request-Method/)
    // The browser may read the reason: the actual-response headers are there.
    expect(header(response, 'Access-Control-Allow-Origin')).toBe(APP)
  })

  it('answers another method with a 405 and Allow: OPTIONS', async () => {
    const response = await standalone(httpApiEvent('GET', { Origin: 'https://evil.test' }))
    expect(response.statusCode).toBe(405)
    expect(header(response, 'Allow')).toBe('OPTIONS')
    expect(corsHeaderNames(response)).toEqual([])
  })

  it('answers a non-HTTP event with a 400 instead of throwing', async () => {
    await expect(standalone(fixture('sqs'))).resolves.toMatchObject({ statusCode: 400 })
    await expect(standalone(null)).resolves.toMatchObject({ statusCode: 400 })
  })

  it('validates its options when built', () => {
    expect(() => preflightHandler({ origins: ['https://app.example.com/'] })).toThrow(/browsers send "https:\/\/app.example.com"/)
  })
})
