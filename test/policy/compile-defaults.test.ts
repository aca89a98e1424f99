import { describe, expect, it } from 'vitest'
import {
  compilePolicy,
  DEFAULT_ALLOWED_HEADERS,
  DEFAULT_MAX_AGE,
  DEFAULT_METHODS,
  type CorsLogger,
  type CorsOptions,
} from '../../src/index.js'
import { glob } from '../../src/glob.js'

const APP = 'https://app.example.com'

/** The defaults as the issue specifies them. */
const SPEC_METHODS = ['GET', 'HEAD', 'PUT', 'PATCH', 'POST', 'DELETE']
const SPEC_HEADERS = ['Content-Type', 'X-Amz-Date', 'Authorization', 'X-Api-Key', 'X-Amz-Security-Token', 'X-Amz-User-Agent']

describe('the exported defaults', () => {
  it('are the ones the issue names, and frozen', () => {
    expect(DEFAULT_METHODS).toEqual(SPEC_METHODS)
    expect(DEFAULT_ALLOWED_HEADERS).toEqual(SPEC_HEADERS)
    expect(DEFAULT_MAX_AGE).toBe(600)
    expect(Object.isFrozen(DEFAULT_METHODS)).toBe(true)
    expect(Object.isFrozen(DEFAULT_ALLOWED_HEADERS)).toBe(true)
  })
})

describe('compilePolicy with only origins', () => {
  const policy = compilePolicy({ origins: [APP] })

  it('uses the documented defaults', () => {
    expect(policy.credentials).toBe(false)
    expect(policy.anyOrigin).toBe(false)
    expect([...policy.methods]).toEqual(SPEC_METHODS)
    expect(policy.anyMethod).toBe(false)
    expect([...policy.allowedHeaders]).toEqual(SPEC_HEADERS.map((name) => name.toLowerCase()))
    expect(policy.anyHeader).toBe(false)
    expect(policy.mirrorMethods).toBe(false)
    expect(policy.mirrorHeaders).toBe(false)
    expect(policy.exposeHeadersValue).toBeUndefined()
    expect(policy.maxAgeValue).toBe('600')
    expect(policy.privateNetwork).toBe(false)
    expect(policy.optionsSuccessStatus).toBe(204)
    expect(policy.preflightContinue).toBe(false)
    expect(policy.logger).toBeUndefined()
  })

  it('precomputes the header values', () => {
    expect(policy.allowMethodsValue).toBe(SPEC_METHODS.join(', '))
    expect(policy.allowHeadersValue).toBe(SPEC_HEADERS.join(', '))
  })

  it('indexes the allowlist', () => {
    expect(policy.origins.exact.has(APP)).toBe(true)
    expect(policy.origins.any).toBe(false)
    expect(policy.origins.allowsNull).toBe(false)
  })

  it('leaves room in the request-header budget for every allowed header at once', () => {
    const everything = [...policy.allowedHeaders].join(', ')
    expect(policy.requestHeadersBudget).toBeGreaterThanOrEqual(everything.length)
    expect(Number.isFinite(policy.requestHeadersBudget)).toBe(true)
  })
})

describe('the policy is immutable', () => {
  const policy = compilePolicy({ origins: [APP, 'https://*.example.org', glob('https://pr-*.example.net'), /^https:\/\/x\.example\.io$/, () => false] })

  it('is frozen, and so is its origin index and its lists', () => {
    expect(Object.isFrozen(policy)).toBe(true)
    expect(Object.isFrozen(policy.origins)).toBe(true)
    expect(Object.isFrozen(policy.origins.globs)).toBe(true)
    expect(Object.isFrozen(policy.origins.regexps)).toBe(true)
    expect(Object.isFrozen(policy.origins.predicates)).toBe(true)
    expect(Object.isFrozen(policy.origins.suffixDepths)).toBe(true)
  })

  it('refuses assignments (strict mode throws)', () => {
    const writable = policy as unknown as Record<string, unknown>
    expect(() => { writable.credentials = true }).toThrow(TypeError)
    expect(() => { writable.maxAgeValue = '86400' }).toThrow(TypeError)
    expect(() => { (policy.origins as unknown as Record<string, unknown>).any = true }).toThrow(TypeError)
    expect(policy.credentials).toBe(false)
    expect(policy.origins.any).toBe(false)
  })

  it('its sets cannot be changed at run time either', () => {
    // ReadonlySet is a compile-time promise only; an immutable policy must not
    // let anyone holding it add an origin, a method or a header.
    const attempts: (() => unknown)[] = [
      () => (policy.origins.exact as Set<string>).add('https://evil.example'),
      () => (policy.methods as Set<string>).add('CONNECT'),
      () => (policy.allowedHeaders as Set<string>).add('cookie'),
    ]
    for (const attempt of attempts) {
      try {
        attempt()
      } catch {
        // refusing with an error is fine
      }
    }
    expect(policy.origins.exact.has('https://evil.example')).toBe(false)
    expect(policy.methods.has('CONNECT')).toBe(false)
    expect(policy.allowedHeaders.has('cookie')).toBe(false)
  })

  it('does not change when the options are changed afterwards', () => {
    const origins = [APP]
    const methods = ['GET']
    const allowedHeaders = ['X-Trace']
    const exposedHeaders = ['X-Request-Id']
    const options = { origins, methods, allowedHeaders, exposedHeaders }
    const compiled = compilePolicy(options)
    origins.push('https://evil.example')
    methods.push('PUT')
    allowedHeaders.push('X-Other')
    exposedHeaders.push('X-Secret')
    expect(compiled.origins.exact.has('https://evil.example')).toBe(false)
    expect([...compiled.methods]).toEqual(['GET'])
    expect(compiled.allowMethodsValue).toBe('GET')
    expect([...compiled.allowedHeaders]).toEqual(['x-trace'])
    expect(compiled.exposeHeadersValue).toBe('X-Request-Id')
  })

  it('does not modify the options it was given', () => {
    const options = { origins: ['HTTPS://APP.EXAMPLE.COM'], methods: ['get', 'PATCH'], allowedHeaders: ['X-A', 'x-a'] }
    const copy = structuredClone(options)
    compilePolicy(options)
    expect(options).toEqual(copy)
  })
})

describe('methods', () => {
  it('upper-cases the six methods fetch normalises and keeps the others as written', () => {
    const policy = compilePolicy({ origins: [APP], methods: ['get', 'Head', 'post', 'pUt', 'delete', 'options', 'PATCH', 'PURGE', 'PROPFIND'] })
    expect([...policy.methods]).toEqual(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'PURGE', 'PROPFIND'])
    expect(policy.allowMethodsValue).toBe('GET, HEAD, POST, PUT, DELETE, OPTIONS, PATCH, PURGE, PROPFIND')
  })

  it('refuses a method outside those six unless it is upper case: a browser sends PATCH as written', () => {
    for (const method of ['patch', 'Patch', 'purge', 'propFind']) {
      expect(() => compilePolicy({ origins: [APP], methods: [method] }), method).toThrow(`Fix: write '${method.toUpperCase()}'.`)
    }
  })

  it('drops duplicates after normalisation', () => {
    const policy = compilePolicy({ origins: [APP], methods: ['GET', 'get', 'Get', 'PATCH', 'PATCH'] })
    expect([...policy.methods]).toEqual(['GET', 'PATCH'])
  })

  it("'*' and ['*'] allow any method without credentials", () => {
    for (const methods of ['*', ['*']] as const) {
      const policy = compilePolicy({ origins: [APP], methods })
      expect(policy.anyMethod).toBe(true)
      expect(policy.mirrorMethods).toBe(false)
      expect(policy.methods.size).toBe(0)
      expect(policy.allowMethodsValue).toBe('*')
    }
  })

  it("'*' with credentials and the dangerous opt-in mirrors the preflight", () => {
    const policy = compilePolicy({ origins: [APP], credentials: true, methods: '*', dangerouslyMirrorPreflightWithCredentials: true })
    expect(policy.anyMethod).toBe(true)
    expect(policy.mirrorMethods).toBe(true)
  })
})

describe('allowed and exposed headers', () => {
  it('keeps the first spelling, drops case-insensitive duplicates, and matches in lower case', () => {
    const policy = compilePolicy({ origins: [APP], allowedHeaders: ['X-Trace-Id', 'x-trace-id', 'Content-Type', 'CONTENT-TYPE'] })
    expect(policy.allowHeadersValue).toBe('X-Trace-Id, Content-Type')
    expect([...policy.allowedHeaders]).toEqual(['x-trace-id', 'content-type'])
  })

  it("'*' allows any header and names Authorization too (a wildcard never covers it)", () => {
    for (const allowedHeaders of ['*', ['*']] as const) {
      const policy = compilePolicy({ origins: [APP], allowedHeaders })
      expect(policy.anyHeader).toBe(true)
      expect(policy.mirrorHeaders).toBe(false)
      expect(policy.allowedHeaders.size).toBe(0)
      expect(policy.allowHeadersValue.split(', ')).toEqual(['*', 'Authorization'])
    }
  })

  it("'*' with credentials and the dangerous opt-in mirrors the preflight", () => {
    const policy = compilePolicy({ origins: [APP], credentials: true, allowedHeaders: '*', dangerouslyMirrorPreflightWithCredentials: true })
    expect(policy.anyHeader).toBe(true)
    expect(policy.mirrorHeaders).toBe(true)
  })

  it('an empty list allows no request header', () => {
    const policy = compilePolicy({ origins: [APP], allowedHeaders: [] })
    expect(policy.allowedHeaders.size).toBe(0)
    expect(policy.allowHeadersValue).toBe('')
  })

  it('exposes the listed headers, deduplicated', () => {
    const policy = compilePolicy({ origins: [APP], exposedHeaders: ['X-Request-Id', 'ETag', 'x-request-id'] })
    expect(policy.exposeHeadersValue).toBe('X-Request-Id, ETag')
  })

  it('an empty exposed list sends no header', () => {
    expect(compilePolicy({ origins: [APP], exposedHeaders: [] }).exposeHeadersValue).toBeUndefined()
  })

  it("exposes '*' without credentials", () => {
    expect(compilePolicy({ origins: [APP], exposedHeaders: '*' }).exposeHeadersValue).toBe('*')
  })

  it('forbidden request headers may still be exposed (they are response headers there)', () => {
    const policy = compilePolicy({ origins: [APP], exposedHeaders: ['Content-Length', 'Date'] })
    expect(policy.exposeHeadersValue).toBe('Content-Length, Date')
  })
})

describe('maxAge, status, flags and logger', () => {
  it.each([
    [-1, undefined],
    [0, '0'],
    [5, '5'],
    [7200, '7200'],
    [86400, '86400'],
  ])('maxAge %s gives Access-Control-Max-Age %s', (maxAge, value) => {
    expect(compilePolicy({ origins: [APP], maxAge }).maxAgeValue).toBe(value)
  })

  it.each([200, 204, 299])('optionsSuccessStatus %s is kept', (status) => {
    expect(compilePolicy({ origins: [APP], optionsSuccessStatus: status }).optionsSuccessStatus).toBe(status)
  })

  it('passes the flags and the logger through', () => {
    const logger: CorsLogger = () => {}
    const policy = compilePolicy({ origins: [APP], credentials: true, privateNetwork: true, preflightContinue: true, logger })
    expect(policy.credentials).toBe(true)
    expect(policy.privateNetwork).toBe(true)
    expect(policy.preflightContinue).toBe(true)
    expect(policy.logger).toBe(logger)
  })

  it('explicit false is the same as leaving a flag out', () => {
    const explicit = compilePolicy({ origins: [APP], credentials: false, privateNetwork: false, preflightContinue: false, dangerouslyAllowNullOrigin: false })
    const implicit = compilePolicy({ origins: [APP] })
    expect({ ...explicit, origins: undefined }).toEqual({ ...implicit, origins: undefined })
  })
})

describe('origins in the policy', () => {
  it("'*' without credentials is anyOrigin", () => {
    const policy = compilePolicy({ origins: '*' })
    expect(policy.anyOrigin).toBe(true)
    expect(policy.origins.any).toBe(true)
  })

  it('a single pattern (not a list) is accepted', () => {
    expect(compilePolicy({ origins: APP }).origins.exact.has(APP)).toBe(true)
  })

  it('null with the dangerous opt-in', () => {
    expect(compilePolicy({ origins: ['null'], dangerouslyAllowNullOrigin: true }).origins.allowsNull).toBe(true)
  })

  it('plain http with credentials and the dangerous opt-in', () => {
    const policy = compilePolicy({ origins: ['http://intranet.example'], credentials: true, dangerouslyAllowInsecureOriginsWithCredentials: true })
    expect(policy.origins.exact.has('http://intranet.example')).toBe(true)
  })

  it('accepts an event-typed predicate', () => {
    interface Event { readonly headers: Record<string, string> }
    const options: CorsOptions<Event> = { origins: [(origin, event) => origin === event?.headers.tenant] }
    expect(compilePolicy(options).origins.predicates).toHaveLength(1)
  })
})
