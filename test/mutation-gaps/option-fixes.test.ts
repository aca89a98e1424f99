/**
 * The fixes offered for mistaken option values, in corners found by mutation
 * testing: option names of other libraries given values that are not what
 * their fix assumes (a blank string, '*', a non-boolean, a number where a
 * string was expected), a value that is null, maxAge written as a string that
 * is not a valid number of seconds, and a blank cacheControl. A fix must
 * never lead to a second error, and an odd value must never crash the
 * compiler instead of being reported.
 */
import middy from '@middy/core'
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda'
import { describe, expect, it } from 'vitest'
import { compilePolicy, cors, type CorsConfigProblem, type CorsOptions } from '../../src/index.js'
import { header, lambdaContext, restEvent } from '../support/events.js'
import { problemsOf } from '../support/problems.js'

const APP = 'https://app.example.com'
const problems = (options: unknown): readonly CorsConfigProblem[] => problemsOf(() => compilePolicy(options as CorsOptions))
const fixOf = (name: string, value: unknown): string | undefined =>
  problems({ origins: [APP], [name]: value }).find((p) => p.option === name)?.fix

describe('option names of other libraries, with values their usual fix does not fit', () => {
  it.each([
    // '*' is one value, not a list: the fix is the rename alone (allowedHeaders: '*'), not a list holding '*'.
    ['allowHeaders', '*', 'call it allowedHeaders.'],
    // The same when the variable it came from had spaces around it.
    ['allowHeaders', ' * ', 'call it allowedHeaders.'],
    ['allowMethods', '*', 'call it methods.'],
    // A blank string lists nothing: offering `allowedHeaders: []` would allow no header at all.
    ['allowHeaders', '', 'call it allowedHeaders.'],
    ['exposeHeaders', ' , ', 'call it exposedHeaders.'],
    // An unset variable (undefined) or a string is not `true`: it must not become preflightContinue: true.
    ['disableBeforePreflightResponse', undefined, 'call it preflightContinue.'],
    ['disableBeforePreflightResponse', 'true', 'call it preflightContinue.'],
    ['optionsSuccessStatusCode', 200, 'call it optionsSuccessStatus.'],
    // maxAge from an environment variable: the number it stands for, spaces trimmed.
    ['maxAgeSeconds', '600', 'call it maxAge, as a number: maxAge: 600.'],
    ['preflightMaxAge', ' 7200 ', 'call it maxAge, as a number: maxAge: 7200.'],
    // Already a number (including one that is not a whole number): the rename alone.
    ['maxAgeSeconds', 600, 'call it maxAge.'],
    ['maxAgeSeconds', 600.5, 'call it maxAge.'],
    // Strings that are not a valid number of seconds: no number is offered.
    ['maxAgeSeconds', '600.5', 'call it maxAge.'],
    ['maxAgeSeconds', '10 minutes', 'call it maxAge.'],
    ['maxAgeSeconds', '86401', 'call it maxAge.'],
    // A string of digits under another name is not a maxAge.
    ['allowCredentials', '1', 'call it credentials.'],
    ['allowOrigin', '1', 'call it origins.'],
  ])('%s: %j -> %j', (name, value, fix) => {
    expect(fixOf(name, value)).toBe(fix)
  })
})

describe('a number offered for maxAge is always a valid maxAge', () => {
  // The fix is followed literally: a suggestion the compiler then refuses
  // sends the user round in circles.
  const offered = (fix: string | undefined): number | undefined => {
    const match = /maxAge: (\S+?),? a number|maxAge, as a number: maxAge: (\S+?)\.$/.exec(fix ?? '')
    return match === null ? undefined : Number(match[1] ?? match[2])
  }

  it.each(['0', '600', ' 600 ', '86400', '86401', '600.5', '6e2', '-1', '0x10', ' ', '99999999999999999999'])('%j', (value) => {
    for (const fix of [fixOf('maxAge', value), fixOf('maxAgeSeconds', value)]) {
      const seconds = offered(fix)
      if (seconds !== undefined) expect(() => compilePolicy({ origins: [APP], maxAge: seconds })).not.toThrow()
      else expect(fix).toMatch(/^(write maxAge: 600, or -1 to leave the header out\.|call it maxAge\.)$/)
    }
  })

  it.each([['600', 600], [' 600 ', 600], ['86400', 86400], ['0', 0]])('the digits %j are offered as %d', (value, seconds) => {
    expect(offered(fixOf('maxAge', value))).toBe(seconds)
    expect(offered(fixOf('maxAgeSeconds', value))).toBe(seconds)
  })
})

describe('null where a list belongs is reported with an example, not a crash', () => {
  // null arrives from JSON configuration and YAML; it must be a CorsConfigError with a usable fix.
  it.each([
    ['methods', "write methods: ['GET', 'POST']."],
    ['allowedHeaders', "write allowedHeaders: ['Content-Type', 'Authorization']."],
    ['exposedHeaders', "write exposedHeaders: ['X-Request-Id']."],
  ])('%s: null', (name, fix) => {
    expect(problems({ origins: [APP], [name]: null })).toEqual([expect.objectContaining({ option: name, fix })])
  })

  it('exposedHeaders: a number gets the example of a response header, not of request headers', () => {
    expect(fixOf('exposedHeaders', 42)).toBe("write exposedHeaders: ['X-Request-Id'].")
  })
})

describe('cacheControl that is blank', () => {
  // A blank value (an unset variable with spaces) is named as what it is, not as a bad directive "".
  it.each(['', '   '])('%j', (cacheControl) => {
    expect(problems({ origins: [APP], cacheControl })).toEqual([{
      option: 'cacheControl',
      value: JSON.stringify(cacheControl),
      reason: "cacheControl must be a Cache-Control header value, such as 'public, max-age=600'.",
      fix: "write cacheControl: 'public, max-age=600' (or leave it out).",
    }])
  })

  it('a valid value reaches the preflight answer as written', async () => {
    const handler = middy<APIGatewayProxyEvent, APIGatewayProxyResult>(async () => ({ statusCode: 200, body: '' }))
      .use(cors({ origins: [APP], cacheControl: 'public,max-age=600' }))
    const response = await handler(restEvent('OPTIONS', { Origin: APP, 'Access-Control-Request-Method': 'GET' }), lambdaContext())
    expect(header(response, 'Cache-Control')).toBe('public, max-age=600')
  })
})
