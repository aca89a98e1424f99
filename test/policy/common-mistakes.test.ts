/**
 * The configuration mistakes new users really make, and the fix each error
 * names, word for word: an allowlist read from an environment variable as
 * one string, comma-separated header and method lists (@middy/http-cors's
 * form), @middy/http-cors option names, and lower-case custom methods.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { compilePolicy, type CorsConfigProblem, type CorsOptions } from '../../src/index.js'
import { problemsOf } from '../support/problems.js'

const APP = 'https://app.example.com'
const problems = (options: unknown): readonly CorsConfigProblem[] => problemsOf(() => compilePolicy(options as CorsOptions))
const fixes = (options: unknown): string[] => problems(options).map((p) => `${p.option}: ${p.fix}`)

describe('an allowlist from an environment variable, passed as it is', () => {
  it('a comma-separated string: split it, with the list written out', () => {
    expect(fixes({ origins: 'https://app.example.com,http://localhost:5173' })).toEqual([
      "origins: split it into a list: origins: ['https://app.example.com', 'http://localhost:5173']; originsFromEnv('CORS_ORIGINS') reads and splits an environment variable.",
    ])
  })

  it('with a space after the comma: the same fix, not a fix that leads to another error', () => {
    const fix = fixes({ origins: 'https://app.example.com, http://localhost:5173' })
    expect(fix).toEqual(fixes({ origins: 'https://app.example.com,http://localhost:5173' }))
    const list = ['https://app.example.com', 'http://localhost:5173']
    expect(() => compilePolicy({ origins: list, credentials: true })).not.toThrow()
  })

  it('an entry of a list that is itself a list', () => {
    expect(fixes({ origins: ['https://app.example.com https://admin.example.com', 'https://ok.example.com'] })).toEqual([
      "origins[0]: split it into separate entries: 'https://app.example.com', 'https://admin.example.com'; originsFromEnv('CORS_ORIGINS') reads and splits an environment variable.",
    ])
  })

  it.each(['', '  ', ','])('%j: the variable is probably unset', (origins) => {
    expect(problems({ origins })).toEqual([{
      option: 'origins',
      value: JSON.stringify(origins),
      reason: 'an empty string is not an origin: when it comes from an environment variable, the variable is probably unset or empty.',
      fix: "set the variable to the allowed origins, or read it with originsFromEnv('CORS_ORIGINS'), which names the variable that is missing.",
    }])
  })

  it('a comma inside braces is a brace pattern, not a list: the fix is glob()', () => {
    const fix = fixes({ origins: 'https://{app,admin}.example.com' })
    expect(fix).toHaveLength(1)
    expect(fix[0]).toContain("glob('https://{app,admin}.example.com')")
    expect(fixes({ origins: 'https://{app,admin}.example.com,https://ok.example.com' })).toEqual([
      "origins: split it into a list: origins: ['https://{app,admin}.example.com', 'https://ok.example.com']; originsFromEnv('CORS_ORIGINS') reads and splits an environment variable.",
    ])
  })

  it('one origin with stray spaces still gets the trimmed origin', () => {
    expect(fixes({ origins: ' https://app.example.com ' })).toEqual(['origins: write "https://app.example.com".'])
  })
})

describe('lists written as one string (the @middy/http-cors form)', () => {
  it.each([
    [{ allowedHeaders: 'Content-Type,Authorization' }, "allowedHeaders: write allowedHeaders: ['Content-Type', 'Authorization']."],
    [{ allowedHeaders: 'X-Trace-Id' }, "allowedHeaders: write allowedHeaders: ['X-Trace-Id']."],
    [{ exposedHeaders: 'X-Request-Id, X-Trace-Id' }, "exposedHeaders: write exposedHeaders: ['X-Request-Id', 'X-Trace-Id']."],
    [{ methods: 'get,post, patch' }, "methods: write methods: ['GET', 'POST', 'PATCH']."],
    [{ allowedHeaders: 42 }, "allowedHeaders: write allowedHeaders: ['Content-Type', 'Authorization']."],
    [{ maxAge: '600' }, 'maxAge: write maxAge: 600, a number, not a string.'],
  ])('%j', (extra, fix) => {
    expect(fixes({ origins: [APP], ...extra })).toEqual([fix])
  })
})

describe('methods outside the six fetch upper-cases', () => {
  it("methods: ['get', 'post', 'patch'] is refused: a browser's PATCH preflight would fail", () => {
    expect(problems({ origins: [APP], methods: ['get', 'post', 'patch'] })).toEqual([{
      option: 'methods[2]',
      value: '"patch"',
      reason: "browsers upper-case only DELETE, GET, HEAD, OPTIONS, POST and PUT, and match other methods case-sensitively: 'patch' would not allow a 'PATCH' request.",
      fix: "write 'PATCH'.",
    }])
  })

  it('the six are upper-cased as fetch does, and upper-case custom methods are kept', () => {
    expect([...compilePolicy({ origins: [APP], methods: ['get', 'post', 'PATCH', 'PROPFIND'] }).methods]).toEqual(['GET', 'POST', 'PATCH', 'PROPFIND'])
  })
})

describe('every @middy/http-cors option name gets a precise fix', () => {
  const source = readFileSync(join(process.cwd(), 'node_modules', '@middy', 'http-cors', 'index.js'), 'utf8')
  const types = readFileSync(join(process.cwd(), 'node_modules', '@middy', 'http-cors', 'index.d.ts'), 'utf8')
  const defaults = /const defaults = \{([^}]*)\}/.exec(source)?.[1] ?? ''
  const interfaceBody = /interface Options \{([^}]*)\}/.exec(types)?.[1] ?? ''
  const names = new Set([
    ...[...defaults.matchAll(/^\s*(\w+):/gm)].map((m) => m[1] as string),
    ...[...interfaceBody.matchAll(/^\s*(\w+)\?:/gm)].map((m) => m[1] as string),
  ])

  it('reads the option names from @middy/http-cors itself', () => {
    for (const name of ['origin', 'origins', 'credentials', 'headers', 'exposeHeaders', 'maxAge', 'requestHeaders', 'requestMethods', 'cacheControl', 'getOrigin', 'disableBeforePreflightResponse', 'methods']) {
      expect(names, name).toContain(name)
    }
  })

  it('no http-cors option gets the generic "remove it" fix', () => {
    for (const name of names) {
      if (name === 'origins' || name === 'credentials' || name === 'methods' || name === 'maxAge' || name === 'cacheControl') continue
      const found = problems({ origins: [APP], [name]: true }).find((p) => p.option === name)
      expect(found, name).toBeDefined()
      expect(found?.fix, name).not.toContain('docs/options.md lists every option')
    }
  })

  it.each([
    ['origin', APP, 'call it origins.'],
    ['headers', 'Content-Type,Authorization', "call it allowedHeaders, as a list: allowedHeaders: ['Content-Type', 'Authorization']."],
    ['requestHeaders', 'X-Api-Key', "call it allowedHeaders, as a list: allowedHeaders: ['X-Api-Key']."],
    ['requestMethods', 'GET,POST', "call it methods, as a list: methods: ['GET', 'POST']."],
    ['exposeHeaders', 'X-Request-Id', "call it exposedHeaders, as a list: exposedHeaders: ['X-Request-Id']."],
    ['disableBeforePreflightResponse', true, 'call it preflightContinue: true.'],
    ['disableBeforePreflightResponse', false, 'remove it: lambda-cors answers preflights before the handler by default (preflightContinue: false).'],
    ['getOrigin', () => APP, "remove it and say which origins are allowed in origins: exact origins, patterns such as 'https://*.example.com', or a predicate (origin, event) => boolean; lambda-cors writes the header."],
    ['vary', 'Accept-Encoding', "remove it: lambda-cors adds Vary: Origin whenever the answer depends on the origin and merges it into any Vary your handler returns; set other Vary values in the handler's response."],
  ])('%s: %j', (name, value, fix) => {
    expect(problems({ origins: [APP], [name]: value })).toEqual([expect.objectContaining({ option: name, fix })])
  })
})
