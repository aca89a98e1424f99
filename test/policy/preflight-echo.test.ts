/**
 * What a preflight answer may copy from the request, through real middy:
 * mirror mode echoes only a method token a browser could have asked for, and
 * `origins: '*'` answers `*` only to a valid serialized origin.
 */
import middy from '@middy/core'
import fc from 'fast-check'
import { describe, expect, it, vi } from 'vitest'
import { compilePolicy, cors, preflightHandler, type CorsOptions, type CorsRefusal } from '../../src/index.js'
import { MAX_MIRRORED_METHOD_LENGTH, isEchoableMethod, preflightResponseHeaders } from '../../src/headers/rules.js'
import { corsHeaderNames, header, httpApiEvent, lambdaContext, restEvent } from '../support/events.js'

const APP = 'https://app.example.com'
const SEED = 9_2026
const RUNS = Number(process.env.FC_RUNS ?? 500)

const mirror: CorsOptions = {
  origins: [APP],
  credentials: true,
  methods: '*',
  allowedHeaders: '*',
  dangerouslyMirrorPreflightWithCredentials: true,
}

function wrap(options: CorsOptions) {
  const business = vi.fn(async () => ({ statusCode: 200, body: 'business' }))
  return middy(business).use(cors(options))
}

const preflight = (origin: string, method: string) =>
  restEvent('OPTIONS', { Origin: origin, 'Access-Control-Request-Method': method })

describe('mirror mode echoes only a bounded method token', () => {
  it('echoes a method token, whatever its case', async () => {
    const handler = wrap(mirror)
    for (const method of ['PURGE', 'patch', 'PROPPATCH', 'UPDATEREDIRECTREF', 'X'.repeat(MAX_MIRRORED_METHOD_LENGTH)]) {
      const response = await handler(preflight(APP, method), lambdaContext())
      expect(header(response, 'Access-Control-Allow-Methods'), method).toBe(method)
    }
  })

  const unsafe: readonly (readonly [string, string])[] = [
    ['CR/LF (header splitting)', 'GET\r\nSet-Cookie: session=stolen'],
    ['a bare LF', 'PUT\nX-Evil: 1'],
    ['a 70 KB value', 'A'.repeat(70 * 1024)],
    [`${MAX_MIRRORED_METHOD_LENGTH + 1} characters`, 'X'.repeat(MAX_MIRRORED_METHOD_LENGTH + 1)],
    ['a comma-separated list', 'GET, DELETE'],
    ['a space', 'GET DELETE'],
    ['a NUL byte', 'GET\u0000'],
    ['non-ASCII', 'GËT'],
    ['TRACE (forbidden in fetch)', 'TRACE'],
    ['connect (forbidden in fetch, any case)', 'connect'],
  ]

  it.each(unsafe)('never echoes %s: no Allow-Methods, the refusal logged', async (_, method) => {
    const logger = vi.fn<(refusal: CorsRefusal) => void>()
    const handler = wrap({ ...mirror, logger })
    const response = await handler(preflight(APP, method), lambdaContext())
    // The origin passes, so the browser's console names the real cause: the method.
    expect(header(response, 'Access-Control-Allow-Origin')).toBe(APP)
    expect(header(response, 'Access-Control-Allow-Methods')).toBeUndefined()
    expect(logger).toHaveBeenCalledTimes(1)
    const refusal = logger.mock.calls[0]?.[0] as CorsRefusal
    expect(refusal.reason).toBe('method-not-allowed')
    expect(refusal.message).not.toContain('\n')
    expect(refusal.message.length).toBeLessThan(300)
    expect((refusal.method ?? '').length).toBeLessThanOrEqual(64)
  })

  it('the standalone preflight handler echoes the same way', async () => {
    const handler = preflightHandler(mirror)
    const good = await handler(httpApiEvent('OPTIONS', { origin: APP, 'access-control-request-method': 'PURGE' }), lambdaContext())
    expect(header(good, 'Access-Control-Allow-Methods')).toBe('PURGE')
    const bad = await handler(httpApiEvent('OPTIONS', { origin: APP, 'access-control-request-method': 'GET\r\nX: y' }), lambdaContext())
    expect(header(bad, 'Access-Control-Allow-Methods')).toBeUndefined()
  })

  it('any generated value is echoed only when it is a short token, and never with a control character', () => {
    // The header rule itself, so that many values can be tried quickly.
    const policy = compilePolicy(mirror)
    const allowed = { kind: 'allowed', origin: APP } as const
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 40 }),
          fc.string({ unit: 'binary', maxLength: 40 }),
          fc.string({ unit: fc.constantFrom('G', 'e', 'T', '-', '!', '\r', '\n', ' ', ',', ':', '\t'), maxLength: 40 }),
        ),
        (method) => {
          const answer = preflightResponseHeaders(policy, allowed, { method, requestHeaders: [], privateNetwork: false })
          const echoed = answer.set.headers['Access-Control-Allow-Methods']
          if (echoed === undefined) {
            expect(isEchoableMethod(method)).toBe(false)
            return
          }
          expect(echoed).toBe(method)
          expect(echoed).toMatch(/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,32}$/)
        },
      ),
      { numRuns: RUNS, seed: SEED },
    )
  }, 60_000)
})

describe("origins: '*' answers * only to a valid serialized origin", () => {
  const any: CorsOptions = { origins: '*', methods: ['GET', 'PUT'] }

  it('answers a preflight from a valid origin with *', async () => {
    const response = await wrap(any)(preflight('https://anyone.test', 'PUT'), lambdaContext())
    expect(header(response, 'Access-Control-Allow-Origin')).toBe('*')
  })

  const refused: readonly (readonly [string, string, CorsRefusal['reason']])[] = [
    ['Origin: null', 'null', 'origin-not-allowed'],
    ['an upper-case origin', 'HTTPS://ANYONE.TEST', 'origin-invalid'],
    ['a path', 'https://anyone.test/x', 'origin-invalid'],
    ['an IPv4 address no browser serializes', 'http://1:6060', 'origin-invalid'],
    ['an invalid IPv6 address', 'http://[::1:]', 'origin-invalid'],
    ['CR/LF', 'https://anyone.test\r\nX: y', 'origin-invalid'],
  ]

  it.each(refused)('refuses a preflight from %s, with no Allow-Origin, and logs it', async (_, origin, reason) => {
    const logger = vi.fn<(refusal: CorsRefusal) => void>()
    const response = await wrap({ ...any, logger })(preflight(origin, 'PUT'), lambdaContext())
    expect(response.statusCode).toBe(204)
    expect(corsHeaderNames(response)).toEqual([])
    expect(logger).toHaveBeenCalledWith(expect.objectContaining({ reason, request: 'preflight' }))
  })

  it('still answers actual requests with the static *, which reflects nothing (the documented behaviour)', async () => {
    const handler = wrap(any)
    for (const origin of ['https://anyone.test', 'null', 'HTTPS://ANYONE.TEST']) {
      const response = await handler(restEvent('GET', { Origin: origin }), lambdaContext())
      expect(header(response, 'Access-Control-Allow-Origin'), origin).toBe('*')
      expect(header(response, 'Vary'), origin).toBeUndefined()
    }
  })
})
