import { describe, expect, it } from 'vitest'
import {
  FORBIDDEN_METHODS,
  FORBIDDEN_RESPONSE_HEADERS,
  NORMALIZED_METHODS,
  isForbiddenRequestHeader,
  isToken,
} from '../../src/policy/http-grammar.js'

// RFC 9110 section 5.6.2: tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA
const TCHAR = new Set([..."!#$%&'*+-.^_`|~", ...'0123456789', ...'abcdefghijklmnopqrstuvwxyz', ...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'])

describe('isToken', () => {
  it('accepts exactly the RFC 9110 tchar set, one character at a time', () => {
    for (let code = 0; code < 0x180; code++) {
      const c = String.fromCharCode(code)
      expect(isToken(c), `U+${code.toString(16)}`).toBe(TCHAR.has(c))
    }
  })

  it('refuses the empty string and accepts longer tokens', () => {
    expect(isToken('')).toBe(false)
    expect(isToken('X-Request-Id')).toBe(true)
    expect(isToken('X Request')).toBe(false)
    expect(isToken('X-A\n')).toBe(false)
  })
})

describe('the Fetch standard lists', () => {
  it('normalises DELETE, GET, HEAD, OPTIONS, POST and PUT (Fetch: normalize a method)', () => {
    expect([...NORMALIZED_METHODS].sort()).toEqual(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT'])
  })

  it('forbids CONNECT, TRACE and TRACK', () => {
    expect([...FORBIDDEN_METHODS].sort()).toEqual(['CONNECT', 'TRACE', 'TRACK'])
  })

  it.each([
    'accept-charset', 'accept-encoding', 'access-control-request-headers', 'access-control-request-method', 'connection',
    'content-length', 'cookie', 'cookie2', 'date', 'dnt', 'expect', 'host', 'keep-alive', 'origin', 'referer',
    'set-cookie', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'via', 'proxy-authorization', 'proxy-', 'sec-fetch-site', 'sec-',
  ])('forbids the request header %s (Fetch: forbidden request-header)', (name) => {
    expect(isForbiddenRequestHeader(name)).toBe(true)
  })

  it.each(['content-type', 'authorization', 'x-api-key', 'accept', 'security', 'proxy', 'x-sec-foo', 'hosts', 'x-origin'])('allows the request header %s', (name) => {
    expect(isForbiddenRequestHeader(name)).toBe(false)
  })

  it('forbids reading Set-Cookie and Set-Cookie2', () => {
    expect([...FORBIDDEN_RESPONSE_HEADERS].sort()).toEqual(['set-cookie', 'set-cookie2'])
  })
})
