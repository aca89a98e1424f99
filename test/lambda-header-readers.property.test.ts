/**
 * The request headers are read by two readers: the fast path's
 * allocation-free scan (src/lambda/header-scan.ts) and the general path's
 * `readCorsRequest` (src/lambda/event.ts), which collects every list. A
 * request must get the same answer whichever path takes it, so on every
 * generated pair of header maps (names in any case and twice in other case,
 * arrays, blank and non-string values, null prototypes, inherited names,
 * arrays used as maps, `__proto__`, Unicode look-alikes such as the Kelvin
 * sign, control characters where a letter's case bit would be) the scan must say what
 * `readCorsRequest` says: the Origin (none, one, or two distinct values),
 * the preflight's method, and the Private Network Access flag.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { AMBIGUOUS, isHeaderName, scanHeaders, type PreflightScan } from '../src/lambda/header-scan.js'
import { readCorsRequest } from '../src/lambda/event.js'

const SEED = 20_261_130
const RUNS = Number(process.env.FC_RUNS ?? 400)

type Fields = Record<string, unknown>

const NAMES = [
  'Origin', 'origin', 'ORIGIN', 'oRiGiN', 'Origin ', 'Orig\u0131n',
  'Access-Control-Request-Method', 'access-control-request-method', 'ACCESS-CONTROL-REQUEST-METHOD',
  'Access-Control-Request-Headers', 'access-control-request-headers',
  'Access-Control-Request-Private-Network', 'access-control-request-private-network',
  // Same length as the names above, other letters: the length test must not be enough.
  'Oregon', 'Access-Control-Request-Methox', 'Access-Control-Request-Private-Networx',
  // U+212A KELVIN SIGN lower-cases to k, so both readers take this for the
  // Private Network Access header, as toLowerCase does; U+0131 (dotless i) does not become i.
  'Access-Control-Request-Private-Networ\u212a',
  // The same with every other letter already lower-case: the Kelvin sign is then the only difference to fold.
  'access-control-request-private-networ\u212a',
  // CR is '-' minus 0x20, as 'A' is 'a' minus 0x20: only letters have a case, so these are other names.
  'Access\rControl\rRequest\rMethod', 'access\rcontrol-request-method',
  '__proto__', 'Content-Type', 'Host',
]

const value = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('https://app.example.com', 'https://evil.example', 'null', 'PUT', ' put ', 'GET', '', '   ', 'true', 'TRUE', ' true ', 'false', 'content-type') },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(undefined, null, 42, true, { toString: () => 'https://app.example.com' }) },
)
const headerValue = fc.oneof({ weight: 3, arbitrary: value }, { weight: 2, arbitrary: fc.array(value, { maxLength: 4 }) })

const entries = fc.array(fc.tuple(fc.constantFrom(...NAMES), headerValue), { maxLength: 6 })

/** Own, enumerable properties, with define semantics: `__proto__` is an own header, as JSON.parse makes it. */
function define(out: object, from: readonly (readonly [string, unknown])[]): void {
  for (const [name, item] of from) Object.defineProperty(out, name, { value: item, writable: true, enumerable: true, configurable: true })
}

const map = fc.option(
  fc.record({
    own: entries,
    // A plain object, one without a prototype, an array (an object too, whose
    // named properties both readers read), or an object whose prototype has
    // enumerable header names: for...in visits those, and neither reader may take them.
    base: fc.constantFrom('plain', 'null-prototype', 'array', 'inherited'),
    inherited: entries,
  }).map(({ own, base, inherited }) => {
    let out: object
    if (base === 'null-prototype') out = Object.create(null) as object
    else if (base === 'array') out = []
    else if (base === 'inherited') {
      const prototype = {}
      define(prototype, inherited)
      out = Object.create(prototype) as object
    } else out = {}
    define(out, own)
    return out
  }),
  { nil: undefined, freq: 4 },
)

const event = fc.tuple(map, map).map(([headers, multiValueHeaders]): Fields => ({
  httpMethod: 'OPTIONS', path: '/', headers, multiValueHeaders, requestContext: {},
}))

describe('the fast header scan and readCorsRequest agree', () => {
  it('on the Origin, the preflight method and the Private Network Access flag', () => {
    fc.assert(
      fc.property(event, (generated) => {
        const general = readCorsRequest(generated)
        expect(general).toBeDefined()
        if (general === undefined) return
        const scan: PreflightScan = { method: 'stale', privateNetwork: true }
        const origin = scanHeaders(generated, scan, true)
        const expectedOrigin = general.origins.length === 0 ? undefined : general.origins.length === 1 ? general.origins[0] : AMBIGUOUS
        expect(origin).toBe(expectedOrigin)
        expect(scan.method).toBe(general.requestMethods.find((item) => item.trim() !== '')?.trim() ?? '')
        expect(scan.privateNetwork).toBe(general.privateNetwork)
        // Without a preflight record, only the Origin is read, to the same answer.
        expect(scanHeaders(generated)).toBe(expectedOrigin)
      }),
      { seed: SEED, numRuns: RUNS * 5 },
    )
  })

  it('reads the Private Network Access header only when asked to', () => {
    const generated = { httpMethod: 'OPTIONS', headers: { Origin: 'https://app.example.com', 'Access-Control-Request-Private-Network': 'true' }, requestContext: {} }
    const scan: PreflightScan = { method: '', privateNetwork: false }
    scanHeaders(generated, scan, false)
    expect(scan.privateNetwork).toBe(false)
    scanHeaders(generated, scan, true)
    expect(scan.privateNetwork).toBe(true)
    // Not asking is asking not to: the default reads it as false as well.
    scanHeaders(generated, scan)
    expect(scan.privateNetwork).toBe(false)
  })
})

describe('isHeaderName', () => {
  it('is name.toLowerCase() === lower, for every generated name', () => {
    const lowerNames = ['origin', 'access-control-request-method', 'access-control-request-private-network']
    fc.assert(
      fc.property(
        fc.oneof(fc.constantFrom(...NAMES), fc.string({ maxLength: 40 }), fc.constantFrom(...lowerNames).chain((lower) => fc.array(fc.boolean(), { minLength: lower.length, maxLength: lower.length }).map((upper) => [...lower].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join('')))),
        fc.constantFrom(...lowerNames),
        (name, lower) => {
          expect(isHeaderName(name, lower)).toBe(name.toLowerCase() === lower)
        },
      ),
      { seed: SEED, numRuns: RUNS * 5 },
    )
  })

  it('is name.toLowerCase() === lower for every UTF-16 code unit against every character of a lower-case header name', () => {
    // Header names are tokens: besides letters, characters below 'a' ('-',
    // digits) and past 'z' ('|', '~') have no case, so the character 0x20
    // below them ('\r' for '-', '\\' for '|') is another character, not its upper case.
    const TOKEN_LOWER = "abcdefghijklmnopqrstuvwxyz0123456789!#$%&'*+-.^_`|~"
    const lowered: string[] = []
    for (let c = 0; c <= 0xffff; c++) lowered.push(String.fromCharCode(c).toLowerCase())
    const disagreements: string[] = []
    for (const lower of TOKEN_LOWER) {
      for (let c = 0; c <= 0xffff; c++) {
        if (isHeaderName(String.fromCharCode(c), lower) !== (lowered[c] === lower)) disagreements.push(`U+${c.toString(16)} for ${lower}`)
      }
    }
    expect(disagreements).toEqual([])
  })

  it('relies on a fact of Unicode that holds for every code point: past ASCII, only the Kelvin sign lower-cases to ASCII at the same length', () => {
    // isHeaderName folds code unit by code unit: a code point whose lower
    // case kept its length and held an ASCII character would be missed.
    // U+0130 (I with a dot) lower-cases to i and a combining dot, a longer
    // string, so a name holding it is never lower-case ASCII.
    const folding: number[] = []
    for (let code = 0x80; code <= 0x10ffff; code++) {
      const char = String.fromCodePoint(code)
      const lowered = char.toLowerCase()
      if (lowered.length === char.length && /[\0-\x7f]/.test(lowered)) folding.push(code)
    }
    expect(folding).toEqual([0x212a])
  })
})
