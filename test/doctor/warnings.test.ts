import { describe, expect, it } from 'vitest'
import { diagnose } from '../../src/doctor/diagnose.js'
import { corsActual, corsPreflight, fromCloudFrontCache } from '../support/gateway-answers.js'

// The warnings: what each says was seen, why it matters and what to change,
// on answers a deployment really sends.

const APP = 'https://app.example.com'
const URL_ = 'https://abc123.execute-api.eu-west-1.amazonaws.com/prod/orders'
const put = { url: URL_, origin: APP, method: 'PUT', headers: { 'Content-Type': 'application/json' } }

function withoutVary(lines: Array<[string, string]>): Array<[string, string]> {
  return lines.filter(([name]) => name !== 'Vary')
}

describe('warnings', () => {
  it('missing-vary-origin names the step (the preflight, or the method of the actual request) and the echoed origin', () => {
    const preflight = corsPreflight(APP)
    const actual = corsActual(APP)
    const result = diagnose(put, {
      preflight: { ...preflight, headerLines: withoutVary(preflight.headerLines) },
      actual: { ...actual, headerLines: withoutVary(actual.headerLines) },
    })
    expect(result.verdict).toBe('allowed')
    expect(result.problems.map((problem) => [problem.code, problem.severity, problem.step, problem.message])).toEqual([
      ['missing-vary-origin', 'warning', 'preflight', `The preflight answer echoes the origin ${APP} without Vary: Origin.`],
      ['missing-vary-origin', 'warning', 'actual', `The PUT answer echoes the origin ${APP} without Vary: Origin.`],
    ])
    for (const problem of result.problems) {
      expect(problem.cause).toMatch(/^A cache \(CloudFront, a proxy, the browser\) may store this answer and serve it to another origin/)
      expect(problem.fix).toMatch(/^Serve the answer through `cors\(\)`, which adds Vary: Origin .*do not strip Vary in gateway or CDN settings\.$/)
    }
  })

  it('authorization-covered-by-wildcard says the Fetch standard and Chromium disagree, and to list Authorization', () => {
    const request = { url: URL_, origin: APP, method: 'GET', headers: { Authorization: 'Bearer eyJhbGciOiJSUzI1NiJ9' } }
    const [problem, ...others] = diagnose(request, { preflight: corsPreflight(APP, { headers: '*' }), actual: corsActual(APP) }).problems
    expect(others).toEqual([])
    expect(problem).toMatchObject({
      code: 'authorization-covered-by-wildcard', severity: 'warning', step: 'preflight',
      message: 'The preflight answer allows Authorization only through Access-Control-Allow-Headers: *.',
    })
    expect(problem?.cause).toMatch(/^By the Fetch standard a wildcard never covers Authorization.*Chromium still allows it/)
    expect(problem?.fix).toMatch(/^List 'Authorization' in `allowedHeaders` next to '\*'/)
  })

  it('preflight-cached-by-cdn names X-Cache, the cache key that mixes origins up, and the cache policy to change', () => {
    const [problem, ...others] = diagnose(put, { preflight: fromCloudFrontCache(corsPreflight(APP)), actual: corsActual(APP) }).problems
    expect(others).toEqual([])
    expect(problem).toMatchObject({
      code: 'preflight-cached-by-cdn', severity: 'warning', step: 'preflight',
      message: 'CloudFront answered the preflight from its cache (X-Cache: Hit from cloudfront).',
    })
    expect(problem?.cause).toMatch(/^A cached preflight answer is replayed .*one origin gets another origin's answer\.$/)
    expect(problem?.fix).toMatch(/^In the CloudFront cache policy for OPTIONS, include Origin, Access-Control-Request-Method and Access-Control-Request-Headers in the cache key/)
  })
})
