/**
 * gatewayResponses(): the headers API Gateway puts on its own errors are the
 * headers the middleware puts on an answer to the same origin.
 */
import middy from '@middy/core'
import httpErrorHandler from '@middy/http-error-handler'
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CorsConfigError, cors, type CorsConfigProblem, type CorsOptions } from '../../src/index.js'
import { glob } from '../../src/glob.js'
import { ALL_GATEWAY_RESPONSE_TYPES, DEFAULT_GATEWAY_RESPONSE_TYPES, REFLECTED_ORIGIN, gatewayResponses, type GatewayResponseSet } from '../../src/gateway/index.js'
import { lambdaContext, restEvent } from '../support/events.js'

const RUNS = { seed: 1313, numRuns: Number(process.env.FC_RUNS ?? 60) }

/** The CORS headers (and Vary) the middleware answers a GET from `origin` with. */
async function middlewareHeaders(options: CorsOptions, origin: string): Promise<Record<string, string>> {
  const handler = middy<APIGatewayProxyEvent, APIGatewayProxyResult>(async () => ({ statusCode: 401, body: '{"message":"Unauthorized"}' }))
    .use(cors(options))
    .use(httpErrorHandler({ logger: false }))
  const response = await handler(restEvent('GET', { Origin: origin }), lambdaContext())
  return Object.fromEntries(Object.entries(response.headers ?? {})
    .filter(([name]) => /^access-control-|^vary$/i.test(name))
    .map(([name, value]) => [name, String(value)]))
}

/** The headers a browser would receive from a gateway response, for a request from `origin`. */
function gatewayHeaders(set: GatewayResponseSet, origin: string): Record<string, string> {
  const [first] = set.responses
  if (first === undefined) throw new Error('no responses')
  return Object.fromEntries(Object.entries(first.headers).map(([name, value]) => [name, value === REFLECTED_ORIGIN ? origin : value.slice(1, -1)]))
}

const APP = 'https://app.example.com'

/** The one problem a CorsConfigError thrown by `fn` lists. */
function problemOf(fn: () => unknown): CorsConfigProblem {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(CorsConfigError)
    const { problems } = error as CorsConfigError
    expect(problems).toHaveLength(1)
    return problems[0] as CorsConfigProblem
  }
  throw new Error('nothing was thrown')
}

describe('gatewayResponses: the origin', () => {
  it('one exact origin is written as a literal, with credentials, exposed headers and Vary as the policy says', () => {
    const set = gatewayResponses({ origins: [APP], credentials: true, exposedHeaders: ['X-Request-Id', 'ETag'] })
    expect(set.origin).toBe('static')
    expect(set.responses.map((r) => r.type)).toEqual(DEFAULT_GATEWAY_RESPONSE_TYPES)
    for (const response of set.responses) {
      expect(response.headers).toEqual({
        'Access-Control-Allow-Origin': `'${APP}'`,
        'Access-Control-Allow-Credentials': "'true'",
        'Access-Control-Expose-Headers': "'X-Request-Id, ETag'",
        Vary: "'Origin'",
      })
    }
  })

  it("'*' is written as '*', without Vary (the answer is the same for every origin)", () => {
    const set = gatewayResponses({ origins: '*' }, { types: ['DEFAULT_4XX'] })
    expect(set.origin).toBe('any')
    expect(set.responses[0]?.headers).toEqual({ 'Access-Control-Allow-Origin': "'*'" })
  })

  it('an allowlist a gateway cannot check is refused without a gatewayOrigin choice, naming both choices', () => {
    for (const origins of [[APP, 'https://admin.example.com'], ['https://*.example.com'], [/^https:\/\/app\d\.example\.com$/], ['http://localhost:*']]) {
      expect(() => gatewayResponses({ origins })).toThrow(CorsConfigError)
      try {
        gatewayResponses({ origins })
      } catch (error) {
        const [problem] = (error as CorsConfigError).problems
        expect(problem?.option).toBe('gatewayOrigin')
        expect(problem?.fix).toContain("gatewayOrigin: 'reflect'")
        expect(problem?.fix).toContain("gatewayOrigin: 'omit'")
      }
    }
    expect(() => gatewayResponses({ origins: [APP, 'https://b.example.com'] }, { gatewayOrigin: 'mirror' as never })).toThrow(/must be 'reflect' or 'omit'/)
  })

  it.each<[string, CorsOptions]>([
    ["'null' (with its opt-in)", { origins: [APP, 'null'], dangerouslyAllowNullOrigin: true }],
    ['any port of a host', { origins: [APP, 'http://localhost:*'] }],
    ['subdomains', { origins: [APP, 'https://*.example.com'] }],
    ['a glob', { origins: [APP, glob('https://app-*.example.com')] }],
    ['a RegExp', { origins: [APP, /^https:\/\/app\d\.example\.com$/] }],
    ['a predicate', { origins: [APP, (origin: string) => origin.endsWith('.example.org')] }],
  ])('one exact origin beside %s is more than one origin: it needs a gatewayOrigin choice', (_kind, options) => {
    expect(problemOf(() => gatewayResponses(options)).option).toBe('gatewayOrigin')
    expect(gatewayResponses(options, { gatewayOrigin: 'reflect' }).origin).toBe('reflect')
    expect(gatewayResponses(options, { gatewayOrigin: 'omit' }).origin).toBe('omit')
  })

  it('the refusal shows the missing or wrong choice and says why a gateway needs one', () => {
    const options: CorsOptions = { origins: [APP, 'https://admin.example.com'] }
    const missing = problemOf(() => gatewayResponses(options))
    expect(missing.value).toBe('undefined')
    expect(missing.reason).toBe("choose how gateway errors name the origin: a gateway response cannot check an allowlist, and this one is more than one exact origin or '*'.")
    const wrong = problemOf(() => gatewayResponses(options, { gatewayOrigin: 'mirror' as never }))
    expect(wrong.value).toBe('"mirror"')
    expect(wrong.reason).toMatch(/^gatewayOrigin must be 'reflect' or 'omit': a gateway response cannot check an allowlist/)
    expect(wrong.fix).toBe(missing.fix)
  })

  it("'reflect' copies the request's Origin; credentials and exposed headers still follow the policy", () => {
    const set = gatewayResponses({ origins: ['https://*.example.com'], credentials: true, exposedHeaders: ['X-Request-Id'] }, { gatewayOrigin: 'reflect' })
    expect(set.origin).toBe('reflect')
    expect(set.responses[0]?.headers).toEqual({
      'Access-Control-Allow-Origin': 'method.request.header.origin',
      'Access-Control-Allow-Credentials': "'true'",
      'Access-Control-Expose-Headers': "'X-Request-Id'",
      Vary: "'Origin'",
    })
    const withoutCredentials = gatewayResponses({ origins: ['https://*.example.com'] }, { gatewayOrigin: 'reflect' })
    expect(withoutCredentials.responses[0]?.headers).toEqual({ 'Access-Control-Allow-Origin': REFLECTED_ORIGIN, Vary: "'Origin'" })
  })

  it("'omit' writes no Access-Control-Allow-Origin, only Vary, like the middleware's answer to a refused origin", async () => {
    const options: CorsOptions = { origins: ['https://*.example.com'], credentials: true, exposedHeaders: ['X-Request-Id'] }
    const set = gatewayResponses(options, { gatewayOrigin: 'omit' })
    expect(set.origin).toBe('omit')
    expect(set.responses[0]?.headers).toEqual({ Vary: "'Origin'" })
    expect(gatewayHeaders(set, 'https://evil.example.net')).toEqual(await middlewareHeaders(options, 'https://evil.example.net'))
  })

  it('gatewayOrigin is ignored when the allowlist can be written as it is', () => {
    expect(gatewayResponses({ origins: [APP] }, { gatewayOrigin: 'reflect' }).origin).toBe('static')
    expect(gatewayResponses({ origins: '*' }, { gatewayOrigin: 'omit' }).origin).toBe('any')
  })
})

describe('gatewayResponses: the same headers as the middleware', () => {
  const exposed = fc.option(fc.uniqueArray(fc.constantFrom('X-Request-Id', 'ETag', 'X-Total-Count', 'Link'), { minLength: 1, maxLength: 3 }), { nil: undefined })
  const hosts = fc.uniqueArray(fc.constantFrom('app', 'admin', 'shop', 'www'), { minLength: 1, maxLength: 3 })

  it('for every policy, a gateway error carries what the middleware answers an allowed origin', async () => {
    await fc.assert(fc.asyncProperty(hosts, fc.boolean(), exposed, fc.constantFrom('reflect', 'omit') as fc.Arbitrary<'reflect' | 'omit'>,
      async (names, credentials, exposedHeaders, gatewayOrigin) => {
        const origins = names.map((name) => `https://${name}.example.com`)
        const options: CorsOptions = { origins, credentials, ...(exposedHeaders === undefined ? {} : { exposedHeaders }) }
        const set = gatewayResponses(options, { gatewayOrigin })
        const origin = origins[0] as string
        const expected = set.origin === 'omit' ? await middlewareHeaders(options, 'https://refused.example.org') : await middlewareHeaders(options, origin)
        expect(gatewayHeaders(set, origin)).toEqual(expected)
        // Every type gets the same headers.
        expect(new Set(set.responses.map((r) => JSON.stringify(r.headers))).size).toBe(1)
      }), RUNS)
  })

  it("'*' policies: the gateway writes what the middleware answers every origin", async () => {
    await fc.assert(fc.asyncProperty(exposed, async (exposedHeaders) => {
      const options: CorsOptions = { origins: '*', ...(exposedHeaders === undefined ? {} : { exposedHeaders }) }
      expect(gatewayHeaders(gatewayResponses(options), 'https://any.example.org')).toEqual(await middlewareHeaders(options, 'https://any.example.org'))
    }), RUNS)
  })
})

describe('gatewayResponses: settings and options', () => {
  it('the types can be chosen; duplicates are dropped; unknown ones are refused', () => {
    expect(gatewayResponses({ origins: [APP] }, { types: ['DEFAULT_5XX', 'DEFAULT_4XX', 'DEFAULT_5XX'] }).responses.map((r) => r.type)).toEqual(['DEFAULT_5XX', 'DEFAULT_4XX'])
    expect(gatewayResponses({ origins: [APP] }, { types: ALL_GATEWAY_RESPONSE_TYPES }).responses).toHaveLength(21)
    expect(() => gatewayResponses({ origins: [APP] }, { types: ['DEFAULT_6XX' as never] })).toThrow(/DEFAULT_6XX/)
    expect(() => gatewayResponses({ origins: [APP] }, { types: [] })).toThrow(CorsConfigError)
  })

  it("each named type keeps API Gateway's status code; the defaults have none", () => {
    const byType = new Map(gatewayResponses({ origins: [APP] }).responses.map((r) => [r.type, r.statusCode]))
    expect(byType.get('UNAUTHORIZED')).toBe(401)
    expect(byType.get('THROTTLED')).toBe(429)
    expect(byType.get('INTEGRATION_TIMEOUT')).toBe(504)
    expect(byType.get('DEFAULT_4XX')).toBeUndefined()
  })

  it('invalid options are refused with the same problems as cors()', () => {
    const options = { origins: ['https://app.example.com/'], credentials: 'yes' } as unknown as CorsOptions
    const problems = (fn: () => unknown) => {
      try { fn() } catch (error) { return (error as CorsConfigError).problems.map((p) => p.option) }
      return []
    }
    expect(problems(() => gatewayResponses(options))).toEqual(problems(() => cors(options)))
    expect(problems(() => gatewayResponses(options)).length).toBeGreaterThan(0)
  })

  it.each<[string, unknown, string]>([
    ['a type name instead of a list', 'DEFAULT_4XX', '"DEFAULT_4XX"'],
    ['an empty list', [], '[]'],
    ['a list with unknown types (only those are shown)', ['DEFAULT_4XX', 'DEFAULT_6XX', 'UNAUTHORISED'], '["DEFAULT_6XX","UNAUTHORISED"]'],
    ['a list holding a list', [['DEFAULT_4XX']], '[["DEFAULT_4XX"]]'],
    ['a list holding a String object', [new String('DEFAULT_4XX')], '["DEFAULT_4XX"]'],
  ])('types: %s is refused, naming the offending value', (_case, types, shown) => {
    const problem = problemOf(() => gatewayResponses({ origins: [APP] }, { types: types as never }))
    expect(problem).toEqual({
      option: 'types',
      value: shown,
      reason: expect.stringContaining('non-empty list of API Gateway gateway response types') as string,
      fix: expect.stringContaining("types: ['DEFAULT_4XX', 'DEFAULT_5XX']") as string,
    })
  })

  it('a header value with a single quote cannot be written as an API Gateway literal, and is refused', () => {
    const problem = problemOf(() => gatewayResponses({ origins: [APP], exposedHeaders: ['X-Request-Id', "X-It's"] }))
    expect(problem.option).toBe('exposedHeaders')
    expect(problem.value).toBe(`"X-Request-Id, X-It's"`)
    expect(problem.reason).toMatch(/single quotes and cannot escape one inside, so Access-Control-Expose-Headers cannot be written/)
    expect(problem.fix).toMatch(/without a single quote/)
  })
})
