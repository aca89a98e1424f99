/**
 * Option validation and compiled values in corners found by mutation
 * testing: one problem per mistake (no knock-on problems), the fixes offered
 * for numbers written as booleans, non-string names, duplicates, and the
 * request-header budget that must fit every allowed list.
 */
import middy from '@middy/core'
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda'
import { describe, expect, it } from 'vitest'
import { compilePolicy, cors, type CorsOptions } from '../../src/index.js'
import { header, lambdaContext, restEvent } from '../support/events.js'
import { problemsOf } from '../support/problems.js'

const APP = 'https://app.example.com'

function preflight(options: CorsOptions<APIGatewayProxyEvent>, requestHeaders: string, method = 'GET') {
  const handler = middy<APIGatewayProxyEvent, APIGatewayProxyResult>(async () => ({ statusCode: 200, body: '' })).use(cors(options))
  return handler(restEvent('OPTIONS', { Origin: APP, 'Access-Control-Request-Method': method, 'Access-Control-Request-Headers': requestHeaders }), lambdaContext())
}

describe('one mistake, one problem', () => {
  it('a missing allowlist with credentials is reported once, not also as a wildcard with credentials', () => {
    const problems = problemsOf(() => compilePolicy({ credentials: true } as unknown as CorsOptions))
    expect(problems.map((p) => p.option)).toEqual(['origins'])
  })

  it("a misspelt credentials value does not make '*' origins a second problem", () => {
    const problems = problemsOf(() => compilePolicy({ origins: '*', credentials: 'yes' } as unknown as CorsOptions))
    expect(problems.map((p) => p.option)).toEqual(['credentials'])
  })
})

describe('booleans written as numbers', () => {
  it.each([[1, 'true'], [0, 'false'], ['true', 'true'], ['false', 'false'], ['yes', 'true or false']])('credentials: %j is refused with the fix %s', (value, meant) => {
    const problems = problemsOf(() => compilePolicy({ origins: [APP], credentials: value } as unknown as CorsOptions))
    expect(problems).toHaveLength(1)
    expect(problems[0]?.fix).toBe(`write credentials: ${meant}.`)
  })
})

describe('header names that are not strings', () => {
  it.each(['allowedHeaders', 'exposedHeaders'])('%s: each is a problem of its own, not a crash', (option) => {
    const problems = problemsOf(() => compilePolicy({ origins: [APP], [option]: [42, null, 'X-Ok', { name: 'X' }] } as unknown as CorsOptions))
    expect(problems.map((p) => p.option)).toEqual([`${option}[0]`, `${option}[1]`, `${option}[3]`])
  })
})

describe('lists are de-duplicated as browsers compare', () => {
  it('methods: GET written three ways is listed once', async () => {
    const policy = compilePolicy({ origins: [APP], methods: ['GET', 'get', 'Get', 'PATCH', 'PATCH'] })
    expect(policy.allowMethodsValue).toBe('GET, PATCH')
  })

  it("allowedHeaders may name Set-Cookie2, which script may set (only Set-Cookie is forbidden to request)", () => {
    const policy = compilePolicy({ origins: [APP], allowedHeaders: ['Set-Cookie2'] })
    expect(policy.allowHeadersValue).toBe('Set-Cookie2')
  })
})

describe('the request-header budget fits what a browser asks for', () => {
  it('a preflight asking for every allowed header, with separators, passes', async () => {
    const names = Array.from({ length: 40 }, (_, i) => `X-Application-Header-Number-${String(i).padStart(3, '0')}`)
    const refusals: unknown[] = []
    const response = await preflight({ origins: [APP], allowedHeaders: names, logger: (record) => refusals.push(record) }, names.map((name) => name.toLowerCase()).join(', '))
    expect(refusals).toEqual([])
    expect(header(response, 'Access-Control-Allow-Headers')).toBe(names.join(', '))
    expect(header(response, 'Access-Control-Allow-Origin')).toBe(APP)
  })

  it('mirror mode echoes a list far longer than the default budget', async () => {
    const names = Array.from({ length: 30 }, (_, i) => `x-custom-header-${i}`)
    const response = await preflight({ origins: [APP], credentials: true, allowedHeaders: '*', dangerouslyMirrorPreflightWithCredentials: true }, names.join(','))
    expect(names.join(',').length).toBeGreaterThan(400)
    expect(header(response, 'Access-Control-Allow-Headers')).toBe(names.join(', '))
  })
})
