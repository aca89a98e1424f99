/**
 * The middleware answers most requests on a fast path (src/lambda/responder.ts:
 * a header scan without lists, header sets remembered per origin) and falls
 * back to the general path (src/lambda/answers.ts: readCorsRequest, the
 * origin verdict, the header rules) for everything else. The fast path only
 * saves work: on every generated request, policy and handler result, the
 * middleware's answer, first and again once the origin is remembered, must
 * be exactly what the general path computes from the same event.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { cors, type CorsOptions } from '../src/index.js'
import { compilePolicy } from '../src/policy/compile.js'
import { answerPreflight, decideHeaders, withCorsHeaders } from '../src/lambda/answers.js'
import { isPreflight, readCorsRequest } from '../src/lambda/event.js'
import {
  albEvent, albMultiValueEvent, functionUrlEvent, httpApiEvent, latticeV1Event, latticeV2Event, restEvent, type RequestHeaders,
} from './support/events.js'

const SEED = 20_261_130
const RUNS = Number(process.env.FC_RUNS ?? 400)

const BUILDERS = [restEvent, httpApiEvent, functionUrlEvent, albEvent, albMultiValueEvent, latticeV1Event, latticeV2Event] as const

/** Policies whose origins the static rules judge, so both paths answer at once. */
const POLICIES: readonly CorsOptions[] = [
  { origins: ['https://app.example.com', 'https://*.example.org', 'http://localhost:*'], credentials: true, exposedHeaders: ['X-Request-Id'], maxAge: 600 },
  { origins: ['https://app.example.com'], methods: ['GET', 'PUT'], allowedHeaders: ['Content-Type'] },
  { origins: '*' },
  { origins: '*', methods: '*', allowedHeaders: '*' },
  { origins: ['https://app.example.com', /^https:\/\/[a-z]+\.example\.net$/], privateNetwork: true, optionsSuccessStatus: 200, cacheControl: 'max-age=60' },
  { origins: ['https://app.example.com'], credentials: true, methods: '*', allowedHeaders: '*', dangerouslyMirrorPreflightWithCredentials: true },
  // Mirroring only the method, or only the header list: either makes the preflight depend on the request.
  { origins: ['https://app.example.com', 'https://*.example.org'], credentials: true, methods: '*', allowedHeaders: ['Content-Type'], dangerouslyMirrorPreflightWithCredentials: true },
  { origins: ['https://app.example.com'], credentials: true, methods: ['GET', 'PUT'], allowedHeaders: '*', dangerouslyMirrorPreflightWithCredentials: true },
]

const ORIGINS = ['https://app.example.com', 'https://a.example.org', 'http://localhost:5173', 'https://shop.example.net', 'https://evil.example', 'null', 'https://APP.example.com', 'not an origin', '']
const originHeader = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...ORIGINS) },
  { weight: 1, arbitrary: fc.array(fc.constantFrom(...ORIGINS), { minLength: 1, maxLength: 3 }) },
)

const requestHeaders: fc.Arbitrary<RequestHeaders> = fc.record({
  origin: fc.option(originHeader, { nil: undefined, freq: 6 }),
  originName: fc.constantFrom('Origin', 'origin', 'ORIGIN'),
  method: fc.option(fc.constantFrom('PUT', 'GET', ' put ', '', 'DELETE', 'X\r\nY'), { nil: undefined, freq: 3 }),
  headers: fc.option(fc.constantFrom('content-type', 'Content-Type, X-Other', 'authorization', ''), { nil: undefined }),
  privateNetwork: fc.option(fc.constantFrom('true', 'false', ' TRUE '), { nil: undefined, freq: 4 }),
}).map(({ origin, originName, method, headers, privateNetwork }) => {
  const out: RequestHeaders = {}
  if (origin !== undefined) out[originName] = origin
  if (method !== undefined) out['Access-Control-Request-Method'] = method
  if (headers !== undefined) out['Access-Control-Request-Headers'] = headers
  if (privateNetwork !== undefined) out['Access-Control-Request-Private-Network'] = privateNetwork
  return out
})

/** Handler results: maps with and without CORS headers and Vary, in either map, and results that are not responses. */
const result = fc.constantFrom<() => unknown>(
  () => ({ statusCode: 200, headers: { 'Content-Type': 'application/json' }, body: '{}' }),
  () => ({ statusCode: 201, headers: { Vary: 'Accept', 'access-control-allow-origin': '*' }, body: '' }),
  () => ({ statusCode: 404, multiValueHeaders: { vary: ['Accept-Encoding'], 'X-Id': ['1'] }, body: 'no' }),
  () => ({ statusCode: 500, body: 'error' }),
  () => ({ statusCode: 200, headers: { Vary: '*' }, multiValueHeaders: { 'Access-Control-Max-Age': ['5'] }, body: '' }),
  () => 'a bare string',
  () => ({ id: 42 }),
  () => undefined,
)

interface Outcome { answered: unknown; response: unknown }

/** What the general path does with one request, composed from its parts. */
function generalPath(options: CorsOptions, event: Record<string, unknown>, handlerResult: unknown): Outcome {
  const policy = compilePolicy(options)
  const request = readCorsRequest(event, policy.requestHeadersBudget)
  if (request === undefined) return { answered: undefined, response: handlerResult }
  if (!policy.preflightContinue && isPreflight(request)) return { answered: answerPreflight(policy, request, event), response: undefined }
  const set = decideHeaders(policy, request, event)
  if (set instanceof Promise) throw new Error('these policies decide at once')
  return { answered: undefined, response: withCorsHeaders(handlerResult, request, set) }
}

/** What the middleware does with it: before, then (unless answered) the handler's result through after. */
function middlewarePath(middleware: ReturnType<typeof cors>, event: Record<string, unknown>, handlerResult: unknown): Outcome {
  const request = { event, response: undefined as unknown, error: undefined }
  const answered = middleware.before(request as never)
  if (answered !== undefined) return { answered, response: undefined }
  request.response = handlerResult
  middleware.after(request as never)
  return { answered: undefined, response: request.response }
}

describe('the fast path gives the general path\'s answers', () => {
  it('on every event shape, request, policy and handler result, in sequences through one middleware, first and once origins are remembered', () => {
    const request = fc.tuple(fc.constantFrom(...BUILDERS), fc.constantFrom('GET', 'OPTIONS', 'options', 'POST'), requestHeaders, result)
    fc.assert(
      fc.property(fc.constantFrom(...POLICIES), fc.array(request, { minLength: 1, maxLength: 4 }), (options, sequence) => {
        const middleware = cors(options)
        for (let round = 0; round < 2; round++) {
          for (const [build, method, headers, makeResult] of sequence) {
            const expected = generalPath(options, build(method, headers) as unknown as Record<string, unknown>, makeResult())
            expect(middlewarePath(middleware, build(method, headers) as unknown as Record<string, unknown>, makeResult())).toEqual(expected)
          }
        }
      }),
      { seed: SEED, numRuns: RUNS * 3 },
    )
  // Over four seconds alone on a busy two-core machine: the default five would fail it for being slow.
  }, 60_000)
})
