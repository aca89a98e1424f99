/**
 * Origin patterns in corners found by mutation testing: a refused entry gives
 * no rule at all (the documented contract of parseOriginPattern), the length
 * bounds of wildcard and exact patterns taken at exactly the limit (and the
 * port counted only when the origin carries one), the brace-expansion bound,
 * brace and glob patterns written without glob(), glob() given something
 * other than a string, a glob label beside a Unicode label, names whose labels
 * start with digits, and a RegExp with an escaped $ before its final anchor.
 */
import { describe, expect, it } from 'vitest'
import { createOriginMatcher, type CorsConfigProblem } from '../../src/index.js'
import { glob } from '../../src/glob.js'
import { parseOriginPattern, type PatternContext } from '../../src/origin/pattern.js'
import { ProblemList } from '../../src/policy/problems.js'
import { problemsOf } from '../support/problems.js'

const NO_CREDENTIALS: PatternContext = { credentials: false, dangerouslyAllowNullOrigin: false, dangerouslyAllowInsecureOriginsWithCredentials: false }
const CREDENTIALS: PatternContext = { ...NO_CREDENTIALS, credentials: true }

/** A host name of exactly `length` characters (191 to 253), in labels of at most 61. */
function nameOfLength(length: number): string {
  return `${'a'.repeat(length - 190)}.${'b'.repeat(61)}.${'c'.repeat(61)}.${'d'.repeat(61)}.com`
}

/** A URL scheme of `length` letters: long schemes reach the 320-character origin bound with a host a DNS name can have. */
const scheme = (length: number): string => 'x'.repeat(length)

function onlyProblem(patterns: Parameters<typeof createOriginMatcher>[0]): CorsConfigProblem {
  const problems = problemsOf(() => createOriginMatcher(patterns))
  expect(problems, JSON.stringify(problems)).toHaveLength(1)
  return problems[0] as CorsConfigProblem
}

describe('parseOriginPattern returns no rule for a refused entry', () => {
  // The caller indexes whatever comes back: a refused entry must contribute nothing, whatever the reason.
  it.each([
    ['a g flag on an anchored RegExp', /^https:\/\/app\.example\.com$/g, NO_CREDENTIALS],
    ['an unanchored RegExp', /^https:\/\/app\.example\.com/, NO_CREDENTIALS],
    ['a number', 42, NO_CREDENTIALS],
    ['glob() of a number', glob(42 as unknown as string), NO_CREDENTIALS],
    ["'*' with credentials", '*', CREDENTIALS],
    ['null without the opt-in', 'null', NO_CREDENTIALS],
    ['whitespace', 'https://app.example.com ', NO_CREDENTIALS],
    ['braces without glob()', 'https://{app,admin}.example.com', NO_CREDENTIALS],
    ['too many brace expansions', glob('https://a{1..300}.example.com'), NO_CREDENTIALS],
    ['unbalanced braces', glob('https://{app,admin.example.com'), NO_CREDENTIALS],
    ['a path', 'https://app.example.com/', NO_CREDENTIALS],
  ] as const)('%s', (_, pattern, context) => {
    const problems = new ProblemList()
    expect(parseOriginPattern(pattern, 'origins', context, problems)).toEqual([])
    expect(problems.items).toHaveLength(1)
  })

  it('a brace glob gives one rule per alternative, and nothing else', () => {
    const problems = new ProblemList()
    expect(parseOriginPattern(glob('http://localhost:{3000,5173}'), 'origins', NO_CREDENTIALS, problems)).toEqual([
      { kind: 'exact', origin: 'http://localhost:3000' },
      { kind: 'exact', origin: 'http://localhost:5173' },
    ])
    expect(problems.items).toEqual([])
  })
})

describe('length bounds are taken at exactly the limit', () => {
  // 320 characters is the longest request Origin read at all; a pattern whose shortest
  // origin is exactly that long can still match, and must be accepted.
  it('an exact origin of 320 characters', () => {
    const origin = `${scheme(58)}://${nameOfLength(253)}:65535`
    expect(origin).toHaveLength(320)
    expect(createOriginMatcher(origin)(origin)).toBe(true)
  })

  it('a subdomain wildcard whose shortest origin has 320 characters, without a port', () => {
    const shortest = `${scheme(64)}://a.${nameOfLength(251)}`
    expect(shortest).toHaveLength(320)
    expect(createOriginMatcher(`${scheme(64)}://*.${nameOfLength(251)}`)(shortest)).toBe(true)
  })

  it('a port wildcard adds nothing to the shortest origin: a request may carry no port', () => {
    const shortest = `${scheme(64)}://a.${nameOfLength(251)}`
    expect(createOriginMatcher(`${scheme(64)}://*.${nameOfLength(251)}:*`)(shortest)).toBe(true)
  })

  it('a fixed port counts, with its colon', () => {
    const shortest = `${scheme(62)}://a.${nameOfLength(251)}:1`
    expect(shortest).toHaveLength(320)
    expect(createOriginMatcher(`${scheme(62)}://*.${nameOfLength(251)}:1`)(shortest)).toBe(true)
    expect(onlyProblem(`${scheme(63)}://*.${nameOfLength(251)}:1`).reason).toContain('more than 320 characters')
  })

  it('a * inside a label may match nothing, so the shortest host leaves it out', () => {
    // pr-*.<249 characters>: the shortest host, pr-.<249>, has exactly 253 characters.
    const shortest = `https://pr-.${nameOfLength(249)}`
    expect(createOriginMatcher(glob(`https://pr-*.${nameOfLength(249)}`))(shortest)).toBe(true)
  })

  it('a whole * label stands for at least one character', () => {
    // *.<252 characters>: the shortest host, a.<252>, has 254 characters, one more than a DNS name.
    expect(onlyProblem(`https://*.${nameOfLength(252)}`).reason).toContain('more than 253 characters')
  })
})

describe('brace expansions', () => {
  it('256 alternatives are accepted', () => {
    const isAllowed = createOriginMatcher(glob('https://a{1..256}.example.com'))
    expect(isAllowed('https://a1.example.com')).toBe(true)
    expect(isAllowed('https://a256.example.com')).toBe(true)
    expect(isAllowed('https://a257.example.com')).toBe(false)
  })

  it('more than 256 alternatives from ranges that are each within the limit are refused', () => {
    // Each range is short enough for the engine; only their product is too many.
    const problem = onlyProblem(glob('https://{a,b}{1..200}.example.com'))
    expect(problem.reason).toBe('a brace pattern must expand to between 1 and 256 origins.')
  })
})

describe('globs written without glob()', () => {
  it('braces in a plain string are refused, with the glob() to write', () => {
    const problem = onlyProblem('https://{app,admin}.example.com')
    expect(problem.reason).toBe('braces list alternatives in a glob, and globs are marked so that they stand out.')
    expect(problem.fix).toContain("write glob('https://{app,admin}.example.com')")
  })

  it('a * inside a label in a plain string is refused, with the glob() to write', () => {
    const problem = onlyProblem('https://pr-*.preview.example.com')
    expect(problem.reason).toBe('a * inside a label is a glob, and globs are marked so that they stand out.')
    expect(problem.fix).toContain("write glob('https://pr-*.preview.example.com')")
  })

  it('glob() given something other than a string is refused, not a crash', () => {
    const problem = onlyProblem(glob(42 as unknown as string))
    expect(problem.reason).toBe('glob() takes the pattern as a string.')
    expect(problem.fix).toBe("write glob('https://{app,admin}.example.com').")
  })
})

describe('hosts the wildcard checks must not misread', () => {
  it('a glob label beside a Unicode label: the glob stays, the Unicode label becomes punycode', () => {
    const isAllowed = createOriginMatcher(glob('https://pr-*.bücher.example'))
    expect(isAllowed('https://pr-7.xn--bcher-kva.example')).toBe(true)
    expect(isAllowed('https://pr-7.bucher.example')).toBe(false)
  })

  it('labels that merely start with digits are a name, not an IP address', () => {
    // Only a host whose labels are all numbers (or wildcards) is an address.
    const isAllowed = createOriginMatcher('https://*.7eleven.3m')
    expect(isAllowed('https://shop.7eleven.3m')).toBe(true)
    expect(isAllowed('https://7eleven.3m')).toBe(false)
  })
})

describe('RegExp anchors', () => {
  it('an escaped $ inside the source does not make the final $ look escaped', () => {
    const isAllowed = createOriginMatcher(/^https:\/\/(?:app|\$legacy)\.example\.com$/)
    expect(isAllowed('https://app.example.com')).toBe(true)
    expect(isAllowed('https://app.example.com.evil.net')).toBe(false)
  })
})

describe('the example a refused platform glob suggests', () => {
  // The fix shows one name the user could list instead: the glob's * filled
  // with a digit, and a whole * label with www, the subdomain people expect.
  // Either way the example must be a name the refused pattern was meant to reach.
  it.each([
    ['https://*.pr-*.netlify.app', 'https://www.pr-1.netlify.app'],
    ['https://pr-*--site.netlify.app', 'https://pr-1--site.netlify.app'],
  ])('%s suggests %s', (pattern, example) => {
    const problem = onlyProblem([glob(pattern)])
    expect(problem.fix).toContain(JSON.stringify(example))
    const unrestricted = createOriginMatcher([glob(pattern.replace('netlify.app', 'example.com'))])
    expect(unrestricted(example.replace('netlify.app', 'example.com'))).toBe(true)
  })
})

describe('a trailing dot: a different origin for a domain name, the same address for IPv4', () => {
  // A page at https://example.com./ has the origin "https://example.com.", a
  // different origin, so such a pattern is refused as a trailing dot. The URL
  // standard drops one trailing dot before it asks whether a host ends in a
  // number, so "1.2.3.4." is the IPv4 address 1.2.3.4: browsers serialize it
  // without the dot, and the refusal says that and gives the dotless form.
  it.each(['https://example.com.', 'http://app.localhost.:3000', 'http://1.2.3..'])('%s is refused as a trailing dot', (pattern) => {
    expect(onlyProblem([pattern]).reason).toMatch(/^the host ends with a dot\./)
  })

  it.each([
    ['http://1.2.3.4.', 'http://1.2.3.4'],
    ['http://127.0.0.1.:3000', 'http://127.0.0.1:3000'],
    ['http://0x7f.1.', 'http://127.0.0.1'],
  ])('%s is refused with the form browsers send, %s', (pattern, sent) => {
    const problem = onlyProblem([pattern])
    expect(problem.reason).toMatch(/as the IPv4 address/)
    expect(problem.fix).toBe(`write ${JSON.stringify(sent)}.`)
    expect(new URL(`${pattern}/`).origin).toBe(sent)
    expect(createOriginMatcher([sent])(sent)).toBe(true)
  })

  it('a host whose last label before the dot is a number but is no IPv4 address is refused as the URL standard refuses it', () => {
    expect(() => new URL('http://a.1./')).toThrow()
    expect(onlyProblem(['http://a.1.']).reason).toMatch(/is read as an IPv4 address, and this one is not one/)
  })

  it.each(['https://xn--f.com.', 'https://xn--f..'])('an invalid xn-- label in %s is reported as invalid punycode, not as an IPv4 address', (pattern) => {
    // Only one trailing dot is dropped: an empty label before it is not a number either.
    expect(onlyProblem([pattern]).reason).toMatch(/an xn-- label must be the punycode of a valid Unicode label/)
  })
})
