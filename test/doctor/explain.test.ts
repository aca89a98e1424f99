import { describe, expect, it } from 'vitest'
import { demoPolicies } from '../../demo/api/policies.js'
import { demoPlan } from '../../demo/origins.js'
import { scenarios } from '../../demo/scenarios.js'
import { CorsConfigError, type CorsOptions } from '../../src/index.js'
import { explain, explainAsync, type DoctorProblemCode } from '../../src/doctor/index.js'

const APP = 'https://app.example.com'
const URL_ = 'https://api.example.com/orders?page=2'
const policy: CorsOptions = {
  origins: [APP, 'https://*.example.com'],
  credentials: true,
  methods: ['GET', 'POST', 'PUT'],
  allowedHeaders: ['Content-Type', 'X-Api-Key'],
  exposedHeaders: ['X-Request-Id'],
}

function codes(options: CorsOptions, request: Parameters<typeof explain>[1]): DoctorProblemCode[] {
  return explain(options, request).problems.map((problem) => problem.code)
}

describe('explain(): allowed requests', () => {
  it('a simple GET needs no preflight and gets the exact origin, credentials and Vary: Origin', () => {
    expect(explain(policy, { origin: APP, method: 'GET', credentials: true, url: URL_ })).toEqual({
      verdict: 'allowed',
      preflight: { needed: false },
      actual: {
        status: 200,
        headers: {
          'content-type': 'application/json',
          'access-control-allow-origin': APP,
          'access-control-allow-credentials': 'true',
          'access-control-expose-headers': 'X-Request-Id',
          vary: 'Origin',
        },
      },
      problems: [],
    })
  })

  it('a PUT with JSON is preflighted, and the policy answers the preflight with the lists and max-age', () => {
    const result = explain(policy, { origin: 'https://shop.example.com', method: 'PUT', headers: { 'Content-Type': 'application/json' }, url: URL_ })
    expect(result.verdict).toBe('allowed')
    expect(result.preflight).toMatchObject({
      needed: true,
      status: 204,
      headers: {
        'access-control-allow-origin': 'https://shop.example.com',
        'access-control-allow-methods': 'GET, POST, PUT',
        'access-control-allow-headers': 'Content-Type, X-Api-Key',
        'access-control-max-age': '600',
      },
    })
    expect(result.preflight.why).toContain('PUT is not a CORS-safelisted method')
  })

  it('Content-Type: text/plain needs no preflight; application/json does', () => {
    expect(explain(policy, { origin: APP, method: 'POST', headers: { 'Content-Type': 'text/plain' } }).preflight.needed).toBe(false)
    expect(explain(policy, { origin: APP, method: 'POST', headers: { 'Content-Type': 'application/json' } }).preflight.needed).toBe(true)
  })

  it('has no side effects: the policy logger is not called', () => {
    const records: unknown[] = []
    explain({ ...policy, logger: (refusal) => records.push(refusal) }, { origin: 'https://evil.test', method: 'GET' })
    expect(records).toEqual([])
  })
})

describe('explain(): every problem a policy can cause', () => {
  it('missing-allow-origin, on the actual request', () => {
    const result = explain(policy, { origin: 'https://evil.test', method: 'GET', url: URL_ })
    expect(result).toMatchObject({ verdict: 'blocked', blockedAt: 'actual', actual: { status: 200, headers: { vary: 'Origin' } } })
    expect(result.problems).toEqual([{
      code: 'missing-allow-origin',
      severity: 'error',
      step: 'actual',
      message: "Access to fetch at 'https://api.example.com/orders?page=2' from origin 'https://evil.test' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.",
      cause: expect.stringContaining('https://evil.test is not allowed') as string,
      fix: "Add 'https://evil.test' (or a pattern that covers it, such as 'https://*.example.com') to `origins`.",
    }])
  })

  it('missing-allow-origin, on the preflight: the actual request is never sent', () => {
    const result = explain(policy, { origin: 'https://evil.test', method: 'PUT', url: URL_ })
    expect(result).toMatchObject({ verdict: 'blocked', blockedAt: 'preflight', actual: {} })
    expect(result.problems[0]?.message).toContain("Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header")
  })

  it("missing-allow-origin for Origin: null names the danger, not a fix that would allow everyone", () => {
    const [problem] = explain(policy, { origin: 'null', method: 'GET' }).problems
    expect(problem?.message).toContain("from origin 'null'")
    expect(problem?.fix).toContain('dangerouslyAllowNullOrigin')
  })

  it('wildcard-with-credentials', () => {
    const result = explain({ origins: '*' }, { origin: APP, method: 'GET', credentials: true })
    expect(result.problems.map((problem) => [problem.code, problem.step])).toEqual([['wildcard-with-credentials', 'actual']])
    expect(result.problems[0]?.message).toContain("must not be the wildcard '*' when the request's credentials mode is 'include'.")
    expect(result.problems[0]?.fix).toContain('`credentials: true`')
  })

  it('missing-allow-credentials, on the preflight and on the actual request', () => {
    const withoutCredentials = { ...policy, credentials: false }
    expect(explain(withoutCredentials, { origin: APP, method: 'GET', credentials: true }).problems).toMatchObject([{
      code: 'missing-allow-credentials', step: 'actual',
      message: expect.stringContaining("The value of the 'Access-Control-Allow-Credentials' header in the response is '' which must be 'true'") as string,
    }])
    expect(codes(withoutCredentials, { origin: APP, method: 'PUT', credentials: true })).toEqual(['missing-allow-credentials'])
  })

  it('method-not-allowed', () => {
    expect(explain(policy, { origin: APP, method: 'PATCH' }).problems).toMatchObject([{
      code: 'method-not-allowed', step: 'preflight',
      message: expect.stringMatching(/blocked by CORS policy: Method PATCH is not allowed by Access-Control-Allow-Methods in preflight response\.$/) as string,
      fix: "Add 'PATCH' to `methods`.",
    }])
  })

  it('header-not-allowed, naming the first refused header in lower case', () => {
    expect(explain(policy, { origin: APP, method: 'GET', headers: { 'X-Trace': '1', 'X-Other': '2' } }).problems).toMatchObject([{
      code: 'header-not-allowed', step: 'preflight',
      message: expect.stringMatching(/Request header field x-other is not allowed by Access-Control-Allow-Headers in preflight response\.$/) as string,
      fix: "Add 'x-other' to `allowedHeaders`.",
    }])
  })

  it("allowedHeaders: '*' answers '*, Authorization', since a wildcard alone never covers Authorization", () => {
    const result = explain({ origins: [APP], allowedHeaders: '*' }, { origin: APP, method: 'GET', headers: { Authorization: 'Bearer t', 'X-Any': '1' } })
    expect(result.verdict).toBe('allowed')
    expect(result.preflight.headers?.['access-control-allow-headers']).toBe('*, Authorization')
  })
})

describe('explain(): errors', () => {
  it('throws CorsConfigError for an invalid policy, as cors() does', () => {
    expect(() => explain({ origins: '*', credentials: true }, { origin: APP, method: 'GET' })).toThrow(CorsConfigError)
  })

  it('asks for explainAsync() when an origin predicate is asynchronous', async () => {
    const asyncPolicy: CorsOptions = { origins: async (origin: string) => origin === APP }
    expect(() => explain(asyncPolicy, { origin: APP, method: 'GET' })).toThrow(/explainAsync/)
    expect((await explainAsync(asyncPolicy, { origin: APP, method: 'GET' })).verdict).toBe('allowed')
    expect((await explainAsync(asyncPolicy, { origin: 'https://evil.test', method: 'PUT' })).problems.map((problem) => problem.code)).toEqual(['missing-allow-origin'])
  })
})

describe('explain(): origin predicates', () => {
  async function methodsSeen(request: Parameters<typeof explain>[1]): Promise<string[]> {
    const seen: string[] = []
    const predicate = (_origin: string, event: unknown): boolean => {
      seen.push(((event as { requestContext: { http: { method: string } } }).requestContext.http.method))
      return true
    }
    expect((await explainAsync({ origins: [predicate], methods: ['GET', 'PUT'] }, request)).verdict).toBe('allowed')
    return seen.sort()
  }

  it('an origin predicate gets the events of the requests the browser sends: no preflight for a simple GET', async () => {
    expect(await methodsSeen({ origin: APP, method: 'GET' })).toEqual(['GET'])
    expect(await methodsSeen({ origin: APP, method: 'PUT' })).toEqual(['OPTIONS', 'PUT'])
  })

  it('explain() asks for explainAsync() whenever the answer depends on a predicate, even a synchronous one', () => {
    const syncPredicate: CorsOptions = { origins: [APP, (origin: string) => origin.endsWith('.partner.example')] }
    expect(() => explain(syncPredicate, { origin: 'https://shop.partner.example', method: 'GET' })).toThrow(/depends on an origin predicate, which cors\(\) awaits \(even a synchronous one\); use explainAsync\(\)/)
    // A static pattern that matches decides without the predicate.
    expect(explain(syncPredicate, { origin: APP, method: 'GET' }).verdict).toBe('allowed')
  })

  it('explainAsync() waits for an async predicate on both steps', async () => {
    const asyncPolicy: CorsOptions = { origins: async (origin: string) => origin === APP, allowedHeaders: ['Content-Type'] }
    const result = await explainAsync(asyncPolicy, { origin: APP, method: 'PUT', headers: { 'Content-Type': 'application/json' } })
    expect(result).toMatchObject({
      verdict: 'allowed',
      preflight: { needed: true, status: 204, headers: { 'access-control-allow-origin': APP, 'access-control-allow-headers': 'Content-Type' } },
      actual: { status: 200, headers: { 'content-type': 'application/json', 'access-control-allow-origin': APP, vary: 'Origin' } },
      problems: [],
    })
  })

  it('a predicate that throws or rejects refuses the origin, as cors() does', async () => {
    const failing: CorsOptions = { origins: async () => { throw new Error('allowlist table unavailable') } }
    expect(() => explain(failing, { origin: APP, method: 'PUT' })).toThrow(TypeError)
    const result = await explainAsync(failing, { origin: APP, method: 'PUT' })
    expect(result).toMatchObject({ verdict: 'blocked', blockedAt: 'preflight', problems: [{ code: 'missing-allow-origin' }] })
  })
})

describe('explain() predicts every scenario of the demo', () => {
  const ports = { api: 8081, page: 8080, otherPage: 8082 }
  const plan = demoPlan(ports)
  const policies = demoPolicies(ports.page)
  const cases = scenarios.flatMap((scenario) => scenario.steps.map((step, index) => ({ scenario, step, last: index === scenario.steps.length - 1 })))
  it.each(cases.map((entry) => [`${entry.scenario.id} ${entry.step.method} ${entry.step.route}`, entry] as const))('%s', (_name, { scenario, step, last }) => {
    const origin = scenario.sandboxed ? 'null' : plan.pages[scenario.from]
    if (origin === null) throw new Error(`no origin for ${scenario.from}`)
    const result = explain(policies[scenario.policy], {
      url: `${plan.api}/rest/${scenario.policy}/${step.route}`,
      origin,
      method: step.method,
      headers: step.headers,
      credentials: step.credentials === 'include',
    })
    // Every step of a scenario ends like its last one in the demo.
    if (last) expect(result.verdict).toBe(scenario.expect === 'readable' ? 'allowed' : 'blocked')
    expect(result.problems.filter((problem) => problem.severity === 'error')).toHaveLength(result.verdict === 'blocked' ? 1 : 0)
  })
})
