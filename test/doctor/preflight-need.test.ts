import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  corsUnsafeRequestHeaderNames,
  isCorsSafelistedRequestHeader,
  preflightNeed,
  settableHeaders,
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

  it('property: HTTP whitespace around values, and a User-Agent of any value, change nothing about the preflight', () => {
    // fetch strips the whitespace around every value, and Chromium drops a
    // script-set User-Agent, so neither can make or unmake a preflight.
    const name = fc.constantFrom('Accept', 'Content-Type', 'X-Custom', 'Authorization', 'Range', 'Content-Language', 'X-HTTP-Method-Override')
    const value = fc.constantFrom('text/plain', 'application/json', 'bytes=0-', 'en', 'TRACE', 'a'.repeat(128), 'x{y', '')
    const padding = fc.string({ unit: fc.constantFrom(' ', '\t', '\r', '\n'), maxLength: 3 })
    fc.assert(
      fc.property(fc.dictionary(name, value), padding, padding, fc.string({ maxLength: 300 }), fc.constantFrom('GET', 'POST', 'PUT'), (headers, before, after, agent, method) => {
        const padded = Object.fromEntries(Object.entries(headers).map(([key, item]) => [key, `${before}${item}${after}`]))
        const expected = preflightNeed({ method, headers })
        expect(preflightNeed({ method, headers: padded })).toEqual(expected)
        expect(preflightNeed({ method, headers: { ...headers, 'User-Agent': agent } })).toEqual(expected)
      }),
      { seed: 13, numRuns: FC_RUNS },
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

/** The bytes 0x00 to 0xFF, as the one-character strings of a header value (isomorphic decoding). */
function everyByte(): string[] {
  return Array.from({ length: 256 }, (_, code) => String.fromCharCode(code))
}

/** https://fetch.spec.whatwg.org/#cors-unsafe-request-header-byte, transcribed from the standard's list. */
function isUnsafeByteBySpec(code: number): boolean {
  return (code < 0x20 && code !== 0x09)
    || [0x22, 0x28, 0x29, 0x3a, 0x3c, 0x3e, 0x3f, 0x40, 0x5b, 0x5c, 0x5d, 0x7b, 0x7d, 0x7f].includes(code)
}

const hex = (byte: string) => `0x${byte.charCodeAt(0).toString(16).padStart(2, '0')}`

describe('the CORS-unsafe request-header bytes (Accept and Content-Type)', () => {
  it('Accept is safelisted unless one of its bytes is CORS-unsafe; a tab, , / ; = * and bytes from 0x80 up are fine', () => {
    const refused = everyByte().filter((byte) => !isCorsSafelistedRequestHeader('Accept', `text/html${byte}q=1`))
    expect(refused.map(hex)).toEqual(everyByte().filter((byte) => isUnsafeByteBySpec(byte.charCodeAt(0))).map(hex))
  })

  it('Content-Type: the same bytes are refused anywhere in the value, parameters included', () => {
    for (const byte of everyByte()) {
      expect(isCorsSafelistedRequestHeader('Content-Type', `text/plain; charset=${byte}utf-8`), hex(byte)).toBe(!isUnsafeByteBySpec(byte.charCodeAt(0)))
    }
  })
})

describe('Accept-Language and Content-Language bytes', () => {
  const allowed = (code: number) =>
    (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)
    || [0x20, 0x2a, 0x2c, 0x2d, 0x2e, 0x3b, 0x3d].includes(code)

  it.each(['Accept-Language', 'content-language'])('%s allows exactly 0-9, A-Z, a-z, space and * , - . ; =', (name) => {
    const accepted = everyByte().filter((byte) => isCorsSafelistedRequestHeader(name, `en${byte}GB`))
    expect(accepted.map(hex)).toEqual(everyByte().filter((byte) => allowed(byte.charCodeAt(0))).map(hex))
  })

  it.each([
    ['', true],
    ['fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5', true],
    ['_en', false],
    ['en_', false],
    ['en-GB (UK)', false],
  ])('Accept-Language: %j is safelisted: %s', (value, safelisted) => {
    expect(isCorsSafelistedRequestHeader('Accept-Language', value)).toBe(safelisted)
  })
})

describe('Content-Type: the essence of the parsed MIME type', () => {
  it.each([
    ['text/plain;charset=UTF-8', true],
    ['Text/Plain', true],
    ['application/x-www-form-urlencoded;charset=UTF-8', true],
    ['MULTIPART/FORM-DATA; boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW', true],
    // The parser drops HTTP whitespace around the essence (tab and space; CR and LF are unsafe bytes).
    ['  text/plain', true],
    ['\t text/plain \t; charset=utf-8', true],
    ['text/plain  ', true],
    // Inside the essence, whitespace makes the type or subtype a non-token.
    ['text /plain', false],
    ['text/ plain', false],
    ['te xt/plain', false],
    ['text/pla in', false],
    ['x text/plain', false],
    ['text/plain x', false],
    ['text/plain, application/json', false],
    ['text/plain/json', false],
    [';text/plain', false],
    ['text/plainx', false],
    ['xtext/plain', false],
    ['text/', false],
    ['/plain', false],
    ['text', false],
    ['application/json; charset=utf-8', false],
    ['application/x-www-form-urlencoded2', false],
    ['multipart/mixed', false],
  ])('%j is safelisted: %s', (value, safelisted) => {
    expect(isCorsSafelistedRequestHeader('Content-Type', value)).toBe(safelisted)
  })
})

describe('Range: a single byte range with a start', () => {
  it.each([
    ['bytes=500-', true],
    ['bytes=0-0', true],
    ['bytes=9007199254740993-9007199254740993', true],
    ['bytes=9007199254740993-9007199254740992', false],
    ['Bytes=0-499', false],
    ['xbytes=0-499', false],
    ['bytes=0-499x', false],
    ['bytes=0-499 ', false],
    ['bytes=a-', false],
    ['bytes=', false],
  ])('%j is safelisted: %s', (value, safelisted) => {
    expect(isCorsSafelistedRequestHeader('Range', value)).toBe(safelisted)
  })
})

describe('the 128-byte limit applies to every safelisted name', () => {
  const longest: Array<[string, string]> = [
    ['Accept', `text/html;q=${'9'.repeat(116)}`],
    ['Accept-Language', `en;q=${'9'.repeat(123)}`],
    ['Content-Language', `de;q=${'9'.repeat(123)}`],
    ['Content-Type', `text/plain; boundary=${'x'.repeat(107)}`],
    ['Range', `bytes=0-${'9'.repeat(120)}`],
  ]

  it.each(longest)('%s: 128 bytes are safelisted, one more byte is not', (name, value) => {
    expect(value).toHaveLength(128)
    expect(isCorsSafelistedRequestHeader(name, value)).toBe(true)
    const need = preflightNeed({ method: 'GET', headers: { [name]: `${value}9` } })
    expect(need).toEqual({ needed: true, why: `${name} is longer than 128 bytes`, method: 'GET', headerNames: [name.toLowerCase()] })
  })

  it('a 128-byte value refused for what it says is reported for that, not for its length', () => {
    const json = `application/json; x=${'a'.repeat(108)}`
    expect(json).toHaveLength(128)
    expect(preflightNeed({ method: 'POST', headers: { 'Content-Type': json } }).why)
      .toBe(`Content-Type: ${json} is not CORS-safelisted (only text/plain, multipart/form-data and application/x-www-form-urlencoded are)`)
  })
})

describe('preflightNeed: why, in words', () => {
  it.each([
    [{ Authorization: 'Bearer t' }, 'Authorization is not a CORS-safelisted request header'],
    [{ 'x-api-key': 'k' }, 'x-api-key is not a CORS-safelisted request header'],
    [{ 'Content-Type': 'application/json' }, 'Content-Type: application/json is not CORS-safelisted (only text/plain, multipart/form-data and application/x-www-form-urlencoded are)'],
    [{ Accept: 'application/json{' }, 'Accept: application/json{ is not a CORS-safelisted value'],
    [{ 'Accept-Language': 'en_GB' }, 'Accept-Language: en_GB is not a CORS-safelisted value'],
    [{ 'content-language': 'de_DE' }, 'content-language: de_DE is not a CORS-safelisted value'],
    [{ Range: 'bytes=-500' }, 'Range: bytes=-500 is not a CORS-safelisted value'],
  ])('%j: %s', (headers, why) => {
    expect(preflightNeed({ method: 'GET', headers })).toEqual({ needed: true, why, method: 'GET', headerNames: Object.keys(headers).map((name) => name.toLowerCase()) })
  })

  it('gives the method first, then each unsafe header in the order of Access-Control-Request-Headers, named as page script wrote it', () => {
    const need = preflightNeed({ method: 'delete', headers: { 'X-Zeta': '1', 'Content-Type': 'application/json', authorization: 'Bearer t', Accept: 'text/plain' } })
    expect(need).toEqual({
      needed: true,
      method: 'DELETE',
      headerNames: ['authorization', 'content-type', 'x-zeta'],
      why: 'DELETE is not a CORS-safelisted method (GET, HEAD, POST); authorization is not a CORS-safelisted request header; '
        + 'Content-Type: application/json is not CORS-safelisted (only text/plain, multipart/form-data and application/x-www-form-urlencoded are); '
        + 'X-Zeta is not a CORS-safelisted request header',
    })
  })
})

describe('the methods fetch normalizes', () => {
  it.each(['delete', 'Get', 'head', 'options', 'Post', 'put'])('%s is sent upper-cased', (method) => {
    expect(preflightNeed({ method, headers: {} }).method).toBe(method.toUpperCase())
  })

  it.each(['patch', 'Patch', 'purge', 'MKCOL'])('%s is sent as written', (method) => {
    expect(preflightNeed({ method, headers: {} })).toMatchObject({ needed: true, method, why: `${method} is not a CORS-safelisted method (GET, HEAD, POST)` })
  })
})

describe('forbidden request headers: fetch drops them, so they never cause a preflight', () => {
  it.each([
    'Accept-Charset', 'Accept-Encoding', 'Access-Control-Request-Headers', 'Access-Control-Request-Method',
    'Connection', 'Content-Length', 'Cookie', 'Cookie2', 'Date', 'DNT', 'Expect', 'Host', 'Keep-Alive',
    'Origin', 'Referer', 'Set-Cookie', 'TE', 'Trailer', 'Transfer-Encoding', 'Upgrade', 'Via',
    'Proxy-Authorization', 'proxy-connection', 'Sec-Fetch-Site', 'sec-ch-ua',
  ])('%s', (name) => {
    expect(preflightNeed({ method: 'GET', headers: { [name]: 'x{y}' } })).toEqual({ needed: false, method: 'GET', headerNames: [] })
    expect(settableHeaders({ [name]: 'x', 'X-Kept': '1' })).toEqual([['X-Kept', '1']])
  })

  it.each(['Proxy', 'Secret', 'X-Sec-Token', 'X-Forwarded-For'])('%s is not forbidden, and is CORS-unsafe', (name) => {
    expect(preflightNeed({ method: 'GET', headers: { [name]: 'x' } })).toMatchObject({ needed: true, headerNames: [name.toLowerCase()] })
  })
})

describe('User-Agent: the standard lets page script set it, Chromium drops it', () => {
  // The Fetch standard removed User-Agent from the forbidden request headers,
  // so a script-set one would be CORS-unsafe and need a preflight. Chromium
  // sends its own instead and asks nothing (the browser suite checks this
  // against Chromium), and the model predicts Chromium.
  it.each(['User-Agent', 'user-agent', 'USER-AGENT'])('%s never causes a preflight and is not sent', (name) => {
    expect(preflightNeed({ method: 'GET', headers: { [name]: 'orders-app/2.1' } })).toEqual({ needed: false, method: 'GET', headerNames: [] })
    expect(settableHeaders({ [name]: 'orders-app/2.1', 'X-Kept': '1' })).toEqual([['X-Kept', '1']])
  })

  it('a preflight for another header does not name it', () => {
    expect(preflightNeed({ method: 'GET', headers: { 'User-Agent': 'orders-app/2.1', 'X-Api-Key': 'k' } })).toMatchObject({ needed: true, headerNames: ['x-api-key'] })
  })
})

describe('method-override headers naming a forbidden method are forbidden too', () => {
  it.each([
    ['X-HTTP-Method-Override', 'TRACE'],
    ['x-http-method', 'connect'],
    ['X-Method-Override', 'Track'],
    ['X-HTTP-Method-Override', 'GET,TRACE'],
    ['X-HTTP-Method-Override', 'PUT , \ttrace\t'],
    ['X-HTTP-Method-Override', 'TRACE \t, PUT'],
  ])('%s: %s is dropped', (name, value) => {
    expect(preflightNeed({ method: 'POST', headers: { [name]: value } })).toEqual({ needed: false, method: 'POST', headerNames: [] })
    expect(settableHeaders({ [name]: value })).toEqual([])
  })

  it.each([
    ['X-HTTP-Method-Override', 'PUT'],
    ['X-HTTP-Method-Override', 'DELETE, PATCH'],
    ['X-HTTP-Method-Override', 'TRACES'],
    ['X-HTTP-Method-Override', '"TRACE"'],
    ['X-HTTP-Method-Override', 'TR ACE, PUT'],
    ['X-Method', 'TRACE'],
  ])('%s: %s is sent, and is CORS-unsafe', (name, value) => {
    expect(preflightNeed({ method: 'POST', headers: { [name]: value } })).toMatchObject({ needed: true, headerNames: [name.toLowerCase()] })
  })
})

describe('header values as fetch stores them', () => {
  it('drops the HTTP whitespace around each value before joining names that differ only in case', () => {
    expect(settableHeaders({ Accept: ' text/html\t', accept: '\r\napplication/json ', 'X-Trace': '\t a b \n' }))
      .toEqual([['Accept', 'text/html, application/json'], ['X-Trace', 'a b']])
  })

  it('so whitespace around a safelisted value neither adds bytes nor makes it unsafe', () => {
    expect(preflightNeed({
      method: 'GET',
      headers: { Range: ' bytes=0-499 ', 'Content-Type': 'text/plain\r\n', 'Accept-Language': `\t${'a'.repeat(128)}\t`, Accept: '\n*/*' },
    })).toEqual({ needed: false, method: 'GET', headerNames: [] })
  })
})
