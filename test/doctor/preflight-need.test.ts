import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  corsUnsafeRequestHeaderNames,
  isCorsSafelistedRequestHeader,
  preflightNeed,
} from '../../src/browser/safelist.js'

// The Fetch standard's CORS-safelisted methods and request headers:
// https://fetch.spec.whatwg.org/#cors-safelisted-method
// https://fetch.spec.whatwg.org/#cors-safelisted-request-header

const FC_RUNS = Number(process.env.FC_RUNS ?? 200)

describe('preflightNeed: methods', () => {
  it.each(['GET', 'HEAD', 'POST', 'get', 'post', 'Head'])('%s needs no preflight (fetch upper-cases it)', (method) => {
    expect(preflightNeed({ method, headers: {} })).toEqual({ needed: false, method: method.toUpperCase(), headerNames: [] })
  })

  it.each(['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'put'])('%s needs one', (method) => {
    const need = preflightNeed({ method, headers: {} })
    expect(need.needed).toBe(true)
    expect(need.why).toContain('is not a CORS-safelisted method')
  })

  it('sends patch as written: only DELETE, GET, HEAD, OPTIONS, POST and PUT are normalized', () => {
    expect(preflightNeed({ method: 'patch', headers: {} }).method).toBe('patch')
  })
})

describe('preflightNeed: Content-Type values', () => {
  it.each([
    'text/plain',
    'text/plain; charset=utf-8',
    'TEXT/PLAIN',
    'multipart/form-data; boundary=----x',
    'application/x-www-form-urlencoded',
  ])('%s is safelisted', (value) => {
    expect(preflightNeed({ method: 'POST', headers: { 'Content-Type': value } }).needed).toBe(false)
  })

  it.each([
    'application/json',
    'text/html',
    'text/plain; charset="utf-8"', // a double quote is a CORS-unsafe request-header byte
    'text/plain:',
    'text',
    '',
  ])('%j needs a preflight', (value) => {
    const need = preflightNeed({ method: 'POST', headers: { 'Content-Type': value } })
    expect(need).toMatchObject({ needed: true, headerNames: ['content-type'] })
    expect(need.why).toContain('Content-Type')
  })
})

describe('the 128-byte limit on a safelisted value', () => {
  it('a 128-byte Accept is safelisted, a 129-byte one is not', () => {
    expect(isCorsSafelistedRequestHeader('Accept', 'a'.repeat(128))).toBe(true)
    expect(isCorsSafelistedRequestHeader('Accept', 'a'.repeat(129))).toBe(false)
    const need = preflightNeed({ method: 'GET', headers: { Accept: `text/html;q=${'9'.repeat(124)}` } })
    expect(need).toMatchObject({ needed: true, headerNames: ['accept'] })
    expect(need.why).toContain('longer than 128 bytes')
  })

  it('applies to Content-Type too', () => {
    expect(isCorsSafelistedRequestHeader('content-type', `text/plain; x=${'a'.repeat(114)}`)).toBe(true)
    expect(isCorsSafelistedRequestHeader('content-type', `text/plain; x=${'a'.repeat(115)}`)).toBe(false)
  })
})

describe('the other safelisted headers', () => {
  it('Accept-Language and Content-Language allow only letters, digits, space and *,-.;=', () => {
    expect(isCorsSafelistedRequestHeader('Accept-Language', 'en-GB,en;q=0.9')).toBe(true)
    expect(isCorsSafelistedRequestHeader('Content-Language', 'de-DE')).toBe(true)
    expect(isCorsSafelistedRequestHeader('Accept-Language', 'en_GB')).toBe(false)
  })

  it('Accept refuses the CORS-unsafe bytes', () => {
    expect(isCorsSafelistedRequestHeader('Accept', 'application/json')).toBe(true)
    expect(isCorsSafelistedRequestHeader('Accept', 'application/json{')).toBe(false)
  })

  it.each([
    ['bytes=0-', true],
    ['bytes=0-499', true],
    ['bytes=500-500', true],
    ['bytes=500-499', false],
    ['bytes=-500', false],
    ['bytes=0-1,5-6', false],
    ['bytes = 0-1', false],
    ['items=0-1', false],
  ])('Range: %s is safelisted: %s', (value, safelisted) => {
    expect(isCorsSafelistedRequestHeader('Range', value)).toBe(safelisted)
  })

  it('any other name, such as Authorization or X-Api-Key, is not', () => {
    expect(isCorsSafelistedRequestHeader('Authorization', 'Bearer x')).toBe(false)
    expect(isCorsSafelistedRequestHeader('X-Api-Key', 'k')).toBe(false)
  })
})

describe('Access-Control-Request-Headers', () => {
  it('lists the unsafe names lower-cased and sorted; safelisted and forbidden ones are left out', () => {
    expect(corsUnsafeRequestHeaderNames({
      'X-Zeta': '1', Authorization: 'Bearer t', 'Content-Type': 'application/json', Accept: 'text/plain',
      Cookie: 'a=b', 'Sec-Fetch-Mode': 'cors', 'Proxy-Authorization': 'x',
    })).toEqual(['authorization', 'content-type', 'x-zeta'])
  })

  it('forbidden headers never cause a preflight: fetch drops them', () => {
    expect(preflightNeed({ method: 'GET', headers: { Cookie: 'a=b', Origin: 'https://x.test', 'Sec-Foo': '1' } }).needed).toBe(false)
  })

  it('property: the names are lower-case, sorted, distinct, and empty exactly when no preflight is needed for a GET', () => {
    const name = fc.constantFrom('Accept', 'Content-Type', 'X-Custom', 'x-custom', 'Authorization', 'Range', 'Accept-Language', 'Cookie')
    const value = fc.constantFrom('text/plain', 'application/json', 'bytes=0-', 'en', 'a'.repeat(130), 'x{y', '')
    fc.assert(
      fc.property(fc.dictionary(name, value), (headers) => {
        const names = corsUnsafeRequestHeaderNames(headers)
        expect(names).toEqual([...new Set(names.map((item) => item.toLowerCase()))].sort())
        expect(preflightNeed({ method: 'GET', headers }).needed).toBe(names.length > 0)
      }),
      { seed: 12, numRuns: FC_RUNS },
    )
  })
})

describe('names that differ only in case', () => {
  it('are one header to fetch: the values are joined, and the join is what the 128-byte limit sees', () => {
    expect(preflightNeed({ method: 'GET', headers: { Accept: 'a'.repeat(64), accept: 'b'.repeat(64) } })).toMatchObject({
      needed: true, headerNames: ['accept'],
    })
  })
})
