/**
 * Hosts of a request Origin at the edges of what a browser serializes, found
 * by mutation testing: IPv4 parts with a leading zero or a letter, hex
 * numbers with the digit `a`, last labels whose second letter is `x` (not
 * `0x`), IPv6 literals around the `::` rules (a single zero piece, a run of
 * exactly two, a later run as long as the compressed one, too many pieces),
 * and punycode on the runtimes whose URL parser does not decide alone (Node
 * 24 keeps a label that does not decode; Node before 20.16 has no
 * process.getBuiltinModule; a parser may rewrite a label). The WHATWG URL parser is the oracle: a browser
 * sends an origin exactly when it is its own serialization.
 */
import fc from 'fast-check'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createOriginMatcher } from '../../src/index.js'
import { parseSerializedOrigin, punycodeIsValid } from '../../src/origin/serialized-origin.js'
import { propertyRuns, propertyTimeout } from '../support/property-runs.js'

const RealURL = URL

/** Does the URL standard serialize `origin` as itself? Then a browser can send it. */
function browserSends(origin: string): boolean {
  try {
    return new RealURL(origin).origin === origin
  } catch {
    return false
  }
}

function accepted(origin: string): boolean {
  return parseSerializedOrigin(origin) !== undefined
}

describe('IPv4 hosts: only the four-part decimal form a browser serializes', () => {
  it.each([
    // A part with a leading zero is octal to the URL parser (127.0.0.01 is
    // sent as 127.0.0.1): the written form never arrives.
    ['http://127.0.0.01', false],
    ['http://010.0.0.1:8080', false],
    // A letter in a part before a numeric last label: the URL parser fails.
    ['http://a.b.c.4', false],
    ['http://app.v1.2', false],
    // Hex numbers whose digits include `a`, the first hex letter.
    ['http://0xa', false],
    ['http://1.2.3.0xa', false],
    ['http://a.0x', false],
    // Four digits or more in a part: above 255, or a leading zero.
    ['http://1.2.3.1000', false],
    ['http://1.2.3.0255', false],
    ['http://1.2.3.256', false],
    ['http://1.2.3.4.5', false],
    ['http://255.255.255.255', true],
    ['http://0.0.0.0:3000', true],
    ['http://10.0.0.1', true],
  ])('%s: sent by a browser %s', (origin, sent) => {
    expect(browserSends(origin), 'the case itself, by the URL parser').toBe(sent)
    expect(accepted(origin)).toBe(sent)
  })
})

describe('domain hosts whose last label merely looks like a number', () => {
  it.each([
    // The second letter is x but the first is not 0: a name, not hex.
    'https://shop.example.ax',
    'https://example.ex1',
    'https://sx',
  ])('%s is a name a browser sends', (origin) => {
    expect(browserSends(origin)).toBe(true)
    expect(accepted(origin)).toBe(true)
  })

  it('is reflected by a matcher that allows every valid origin', () => {
    // Through the public API: a predicate sees only origins a browser sends.
    const matcher = createOriginMatcher(() => true)
    expect(matcher('https://shop.example.ax')).toBe(true)
    expect(matcher('http://127.0.0.01')).toBe(false)
    expect(matcher('http://[1:2:3:4:5:6::7]')).toBe(false)
  })
})

describe('IPv6 hosts: only the canonical compressed form', () => {
  it.each([
    // A run of exactly two zero pieces must be compressed.
    ['http://[1:0:0:2:3:4:5:6]', false],
    ['http://[1::2:3:4:5:6]', true],
    // `::` standing for a single zero piece: that piece is written 0.
    ['http://[1:2:3:4:5:6::7]', false],
    ['http://[1:2:3:4:5:6:0:7]', true],
    ['http://[::2:3:4:5:6:7:8]', false],
    // `::` standing for no piece at all: nine pieces.
    ['http://[1:2:3:4:5:6:7::8]', false],
    ['http://[1:2:3:4:5:6:7:8:9]', false],
    // `::` standing for exactly two zero pieces.
    ['http://[1::4:5:6:7:8]', true],
    // A longer run elsewhere must be the one compressed.
    ['http://[1::2:0:0:0:3]', false],
    ['http://[1:0:0:2::3]', true],
    // The first of two equal runs is compressed, the later one stays.
    ['http://[0:0:1::2:3:4]', false],
    ['http://[::1:0:0:2:3:4]', true],
    ['http://[1:2::3:0:0:4]', true],
    ['http://[1:2:0:0:3::4]', false],
    // No second `::`, no embedded IPv4, no five-digit piece, no lone colon.
    ['http://[1::2::3]', false],
    ['http://[1:::2]', false],
    ['http://[::ffff:1.2.3.4]', false],
    ['http://[::ffff:102:304]', true],
    ['http://[12345::]', false],
    ['http://[:]', false],
    ['http://[1]', false],
    ['http://[::]', true],
    ['http://[::1]:3000', true],
  ])('%s: sent by a browser %s', (origin, sent) => {
    expect(browserSends(origin), 'the case itself, by the URL parser').toBe(sent)
    expect(accepted(origin)).toBe(sent)
  })
})

describe('numeric and IPv6 hosts agree with the URL parser', () => {
  // Near misses of the forms above, generated: the explicit cases cannot
  // list every way a literal can be almost canonical.
  const part = fc.oneof(
    fc.nat(300).map(String),
    fc.nat(99).map((n) => `0${n}`),
    fc.stringMatching(/^0x[0-9a-f]{0,3}$/),
    fc.stringMatching(/^[0-9a-fx]{1,4}$/),
  )
  const ipv4ish = fc.array(part, { minLength: 1, maxLength: 5 }).map((parts) => `http://${parts.join('.')}`)

  const piece = fc.oneof({ weight: 3, arbitrary: fc.constant('0') }, fc.stringMatching(/^[0-9a-f]{1,5}$/))
  const ipv6ish = fc
    .tuple(fc.array(piece, { minLength: 1, maxLength: 9 }), fc.nat(9), fc.nat(3))
    .map(([pieces, at, length]) => {
      // Either the pieces as they are, or a run of them replaced by `::`.
      const gap = at <= pieces.length && length > 0 ? [...pieces.slice(0, at), '', ...pieces.slice(at + length)] : pieces
      const text = gap.join(':')
      return `http://[${text.startsWith(':') ? `:${text}` : text.endsWith(':') ? `${text}:` : text}]`
    })
  // Every canonical form the URL parser writes must be accepted.
  const canonical = fc.array(fc.oneof(fc.constant('0'), fc.stringMatching(/^[0-9a-f]{1,4}$/)), { minLength: 8, maxLength: 8 })
    .map((pieces) => new RealURL(`http://[${pieces.join(':')}]`).origin)

  it('accepts an origin exactly when the URL parser serializes it as itself', () => {
    fc.assert(
      fc.property(fc.oneof(ipv4ish, ipv6ish, canonical), (origin) => {
        expect(accepted(origin), origin).toBe(browserSends(origin))
      }),
      propertyRuns(3000),
    )
  }, propertyTimeout(3000, 1))
})

describe('punycode labels when the URL parser does not decide alone', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
  })

  it('refuses a label that does not decode', () => {
    // Node 20 and 22's URL parser fails on xn--a; Node 24's keeps it and
    // node:url tells it apart: refused either way.
    expect(accepted('https://xn--a.example')).toBe(false)
    expect(accepted('https://app.xn--a.example')).toBe(false)
    expect(accepted('https://xn--bcher-kva.example')).toBe(true)
  })

  it('still refuses it where the URL parser keeps such a label (Node 24)', () => {
    // Node 24 (checked on 24.21) keeps xn--f in new URL(...).hostname, where
    // Node 20, 22 and browsers fail, and its domainToUnicode returns such a
    // label unchanged (Node 20 and 22 return ''). Both are emulated here, so
    // that the check that matters on Node 24 is tested on every runtime.
    const realUrlModule = process.getBuiltinModule('node:url')
    const descriptor = Object.getOwnPropertyDescriptor(process, 'getBuiltinModule')
    vi.stubGlobal('URL', class {
      readonly hostname: string
      constructor(input: string) {
        this.hostname = input.slice('http://'.length)
      }
    })
    Object.defineProperty(process, 'getBuiltinModule', {
      configurable: true,
      value: (id: string) => id === 'node:url'
        ? { domainToUnicode: (label: string) => realUrlModule.domainToUnicode(label) || label }
        : undefined,
    })
    try {
      for (const host of ['xn--f.example', 'app.xn--f.example', 'xn--bcher-kva.xn--f.example']) {
        expect(punycodeIsValid(host), host).toBe(false)
      }
      expect(punycodeIsValid('xn--bcher-kva.example')).toBe(true)
      expect(punycodeIsValid('app.xn--bcher-kva.example')).toBe(true)
    } finally {
      if (descriptor !== undefined) Object.defineProperty(process, 'getBuiltinModule', descriptor)
    }
  })

  it('refuses a host the URL parser would rewrite', () => {
    // By the letter of UTS 46's ToASCII, which the URL standard's host parser
    // applies, an xn-- label is decoded and encoded again, so xn---ls8h (a
    // non-canonical encoding of U+1F4A9) would come out as xn--ls8h; Node 20
    // to 24 keep it as written. Such a parser is stubbed here: a browser never
    // sends a host its parser rewrites.
    vi.stubGlobal('URL', class {
      readonly hostname: string
      constructor(input: string) {
        this.hostname = input.slice('http://'.length).replace('xn---ls8h', 'xn--ls8h')
      }
    })
    expect(punycodeIsValid('xn---ls8h.example')).toBe(false)
    expect(punycodeIsValid('xn--ls8h.example')).toBe(true)
  })

  it('accepts valid punycode on a Node without process.getBuiltinModule (before 20.16)', () => {
    // There the URL parser alone decides, and node:url is not loaded.
    const descriptor = Object.getOwnPropertyDescriptor(process, 'getBuiltinModule')
    Reflect.deleteProperty(process, 'getBuiltinModule')
    try {
      expect(punycodeIsValid('xn--bcher-kva.example')).toBe(true)
      expect(accepted('https://app.xn--bcher-kva.example')).toBe(true)
    } finally {
      if (descriptor !== undefined) Object.defineProperty(process, 'getBuiltinModule', descriptor)
    }
    expect(typeof process.getBuiltinModule).toBe('function')
  })
})
