/**
 * Vectors from jub0bs/cors's own tests of its origin language
 * (internal/origins/origins_test.go, pattern_test.go, corpus_test.go), read
 * for their inputs and written here with our documented expectations. Each
 * case is named after the peer's test case. Where we deliberately answer
 * differently, the case says so in `differs`, and docs/origins.md
 * ("Differences from other libraries") lists it.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { CorsConfigError, createOriginMatcher, type CorsConfigProblem } from '../../src/index.js'
import { parseSerializedOrigin } from '../../src/origin/serialized-origin.js'

/** The problems of a configuration, none when it is accepted. */
function problemsOf(run: () => unknown): readonly CorsConfigProblem[] {
  try {
    run()
    return []
  } catch (error) {
    if (error instanceof CorsConfigError) return error.problems
    throw error
  }
}

const PEER = 'jub0bs/cors internal/origins'

/** A 251-character host of 60-character labels (the peer's validHostOf251chars). */
const host251 = [1, 2, 3, 4].map(() => `a${'2345678901234567890123456789012345678901234567890'}1234567890`).join('.') + '.a234567'
if (host251.length !== 251) throw new Error('host251 must have 251 characters')

interface RequestCase {
  readonly name: string
  readonly origin: string
  /** Do we take this Origin header for a serialized origin a browser sends? */
  readonly valid: boolean
  readonly differs?: string
}

// origins_test.go, TestParse: the peer's parser of request origins.
const PARSE: readonly RequestCase[] = [
  { name: 'null origin', origin: 'null', valid: false },
  { name: 'domain without port', origin: 'https://example.com', valid: true },
  { name: 'invalid scheme', origin: '1ab://example.com', valid: false, differs: 'a scheme starts with a letter; the peer parses it and lets no pattern match' },
  { name: 'short input without scheme-host delimiter', origin: 'ab', valid: false },
  { name: 'short input with colon but without double slash', origin: 'ab:', valid: false },
  { name: 'empty hostport', origin: 'https://', valid: false },
  { name: 'non-HTTP scheme', origin: 'connector://localhost', valid: true },
  { name: 'brackets containing non-IPv6 chars (example)', origin: 'http://[example]:90', valid: false, differs: 'not an IPv6 address' },
  { name: 'unmatched left bracket', origin: 'http://[::1:90', valid: false },
  { name: 'brackets containing non-IPv6 chars (::1:)', origin: 'http://[::1:]', valid: false, differs: 'not an IPv6 address: never reaches predicates' },
  { name: 'brackets containing non-IPv6 chars (::)', origin: 'http://[::]', valid: true },
  { name: 'valid compressed IPv6', origin: 'http://[::1]:90', valid: true },
  { name: 'valid compressed IPv6 followed by a trailing full stop', origin: 'http://[::1].:90', valid: false },
  { name: 'domain with colon but no port', origin: 'https://example.com:', valid: false },
  { name: 'IPV6 with colon but no port', origin: 'http://[::1]:', valid: false },
  { name: 'domain with 0 port', origin: 'https://example.com:0', valid: false },
  { name: 'domain with a leading full stop', origin: 'https://.example.com', valid: false, differs: 'an empty label is not a host a browser sends' },
  { name: 'domain with illegal char after host', origin: 'https://example.com^8080', valid: false, differs: 'not a host character' },
  { name: 'domain followed by character other than colon', origin: 'https://example.com?', valid: false, differs: 'an origin has no query' },
  { name: 'domain with colon but with non-numeric port', origin: 'https://example.com:abcd', valid: false },
  { name: 'domain with colon but with non-numeric port starting with digits', origin: 'https://example.com:123ab', valid: false },
  { name: 'domain port', origin: 'https://example.com:6060', valid: true },
  { name: 'IP host with colon but no port', origin: 'http://127.0.0.1:', valid: false },
  { name: 'IP host with 0 port', origin: 'http://127.0.0.1:0', valid: false },
  { name: 'ipv4 port', origin: 'http://127.0.0.1:6060', valid: true },
  { name: 'single-digit host', origin: 'http://1:6060', valid: false, differs: 'browsers serialize it as http://0.0.0.1:6060' },
  { name: 'ipv4 with trailing full stop', origin: 'http://127.0.0.1.', valid: false, differs: 'browsers serialize it as http://127.0.0.1' },
  { name: 'malformed ipv4 with one too many octets', origin: 'http://127.0.0.1.1', valid: false, differs: 'not a valid host by the URL standard' },
  { name: 'ipv4 with overflowing octet', origin: 'http://256.0.0.1', valid: false, differs: 'not a valid host by the URL standard' },
  { name: 'ipv4 with trailing full stop and port', origin: 'http://127.0.0.1.:6060', valid: false, differs: 'browsers serialize it as http://127.0.0.1:6060' },
  { name: 'invalid TLD', origin: 'http://foo.bar.255:6060', valid: false, differs: 'not a valid host by the URL standard' },
  { name: 'longer invalid TLD', origin: 'http://foo.bar.baz.012345678901234567890123456789:6060', valid: false, differs: 'not a valid host by the URL standard' },
  { name: 'valid domain with all-numeric label in the middle', origin: 'http://foo.bar.baz.012345678901234567890123456789.ab:6060', valid: true },
  { name: 'ipv6 with port (uncompressed)', origin: 'http://[2001:0db8:85a3:0000:0000:8a2e:0370:7334]:6060', valid: false, differs: 'browsers send the compressed form http://[2001:db8:85a3::8a2e:370:7334]:6060' },
  {
    name: 'deep_subdomain',
    origin: `http://${'foo.bar.baz.qux.quux.corge.grault.garply.waldo.fred.'.repeat(8)}example.com:6060`,
    valid: false,
  },
]

describe(`${PEER} origins_test.go TestParse: which Origin values are serialized origins`, () => {
  it.each(PARSE)('$name', ({ origin, valid }) => {
    expect(parseSerializedOrigin(origin) !== undefined).toBe(valid)
    // Whatever the allowlist, an invalid value is never allowed.
    if (!valid) expect(createOriginMatcher('*')(origin)).toBe(false)
  })
})

interface PatternCase {
  readonly name: string
  readonly pattern: string
  /** `true`: accepted as written; `false`: refused; a string: accepted, normalised to this origin. */
  readonly accepted: boolean | string
  readonly differs?: string
}

// pattern_test.go, TestParsePattern: the peer's parser of allowlist entries.
const PATTERNS: readonly PatternCase[] = [
  { name: 'wildcard character sequence followed by 252 chars', pattern: `https://*.a${host251}`, accepted: false },
  { name: 'wildcard character sequence followed by 251 chars', pattern: `https://*.${host251}`, accepted: true },
  { name: 'null origin', pattern: 'null', accepted: false },
  { name: 'userinfo', pattern: 'https://user:password@example.com:6060', accepted: false },
  { name: 'path', pattern: 'https://example.com:6060/foo', accepted: false },
  { name: 'querystring delimiter with empty querystring', pattern: 'https://example.com:6060?', accepted: false },
  { name: 'querystring', pattern: 'https://example.com:6060?foo=bar', accepted: false },
  { name: 'fragment', pattern: 'https://example.com:6060#nav', accepted: false },
  { name: 'short input without scheme-host delimiter', pattern: 'ab', accepted: false },
  { name: 'short input with colon but without double slash', pattern: 'ab:', accepted: false },
  { name: 'whitespace', pattern: ' http://example.com:6060 ', accepted: false },
  { name: 'non-HTTP scheme', pattern: 'connector://foo', accepted: true },
  { name: 'file scheme', pattern: 'file:///foo', accepted: false },
  { name: 'invalid first char in scheme', pattern: '42-chrome-extension://foo', accepted: false },
  { name: 'invalid later char in scheme', pattern: 'chrome-extension*://foo', accepted: false },
  { name: 'http with explicit port 80', pattern: 'http://foo:80', accepted: 'http://foo', differs: 'the default port is normalised away, not refused' },
  { name: 'https with explicit port 443', pattern: 'https://foo:443', accepted: 'https://foo', differs: 'the default port is normalised away, not refused' },
  { name: 'invalid host char', pattern: 'https://^foo', accepted: false },
  { name: 'single-digit host', pattern: 'http://1:6060', accepted: false },
  { name: 'host containing non-ASCII chars', pattern: 'https://résumé.com', accepted: 'https://xn--rsum-bpad.com', differs: 'Unicode hosts are normalised to punycode, as browsers send them' },
  { name: 'invalid host char after label sep', pattern: 'https://foo.^bar', accepted: false },
  { name: 'domain with colon but no port', pattern: 'https://foo:', accepted: false },
  { name: 'domain with negative port', pattern: 'https://foo:-1', accepted: false },
  { name: 'domain with 0 port', pattern: 'https://foo:0', accepted: false },
  { name: 'non-numeric port', pattern: 'https://foo:abc', accepted: false },
  { name: 'leading nonzero digit in port', pattern: 'https://foo:06060', accepted: false },
  { name: '5-digit port followed by junk', pattern: 'https://foo:12345foo', accepted: false },
  { name: 'port longer than five digits', pattern: 'https://foo:123456', accepted: false },
  { name: 'overflow port', pattern: 'https://foo:65536', accepted: false },
  { name: 'valid port followed by junk', pattern: 'https://foo:12390abc', accepted: false },
  { name: 'invalid TLD', pattern: 'http://foo.bar.255:6060', accepted: false },
  { name: 'longer invalid TLD', pattern: 'http://foo.bar.baz.012345678901234567890123456789:6060', accepted: false },
  { name: 'invalid IP address', pattern: 'http://[::1]1:6060', accepted: false },
  { name: 'IP host with colon but no port', pattern: 'http://127.0.0.1:', accepted: false },
  { name: 'IP with negative port', pattern: 'http://127.0.0.1:-1', accepted: false },
  { name: 'IP with 0 port', pattern: 'http://127.0.0.1:0', accepted: false },
  { name: 'https scheme with IPv4 host', pattern: 'https://127.0.0.1:90', accepted: true },
  { name: 'IPv4 host with trailing full stop', pattern: 'https://127.0.0.1.:90', accepted: false },
  { name: 'malformed ipv4 with one too many octets', pattern: 'http://127.0.0.1.1', accepted: false },
  { name: 'non-loopback IPv4', pattern: 'http://69.254.169.254', accepted: true },
  { name: 'loopback IPv4', pattern: 'http://127.0.0.1:90', accepted: true },
  { name: 'https scheme with IPv6 host', pattern: 'https://[::1]:90', accepted: true },
  { name: 'junk in brackets', pattern: 'http://[example]:90', accepted: false },
  { name: 'too brackets around IPv6', pattern: 'https://::1:90', accepted: false },
  { name: 'missing closing bracket in IPv6', pattern: 'http://[::1:90', accepted: false },
  { name: 'missing opening bracket in IPv6', pattern: 'https://::1]:90', accepted: false },
  { name: 'IPv6 preceded by junk', pattern: 'https://abc[::1]:90', accepted: false },
  { name: 'IPv6 followed by junk', pattern: 'https://[::1]abc:90', accepted: false },
  { name: 'non-loopback IPv6 with hexadecimal chars', pattern: 'http://[2001:db8:aaaa:1111::100]:9090', accepted: true },
  { name: 'loopback IPv6 address with port', pattern: 'http://[::1]:90', accepted: true },
  { name: 'loopback IPv4 in non-standard form', pattern: 'http://127.1:3999', accepted: false },
  { name: 'too many colons in IPv6', pattern: 'http://[::::::::::::::::1]:90', accepted: false },
  { name: 'uncompressed IPv6', pattern: 'http://[2001:4860:4860:0000:0000:0000:0000:8888]:90', accepted: 'http://[2001:4860:4860::8888]:90', differs: 'IPv6 addresses are normalised to the compressed form browsers send' },
  { name: 'IPv6 with a zone', pattern: 'http://[fe80::1ff:fe23:4567:890a%eth2]:90', accepted: false },
  { name: 'IPv4-mapped IPv6', pattern: 'http://[::ffff:7f7f:7f7f]:90', accepted: true, differs: 'a browser can load a page from this address and sends it in this form, so it may be listed' },
  { name: 'host contains uppercase letters', pattern: 'http://exAmplE.coM:3999', accepted: 'http://example.com:3999', differs: 'case is normalised, not refused' },
  { name: 'host contains underscores and hyphens', pattern: 'http://ex_am-ple.com:3999', accepted: true },
  { name: 'trailing full stop in host', pattern: 'http://example.com.:3999', accepted: false, differs: 'a trailing dot is refused; the peer accepts it' },
  { name: 'multiple trailing full stops in host', pattern: 'http://example.com..:3999', accepted: false },
  { name: 'empty label', pattern: 'http://example..com:3999', accepted: false },
  { name: 'host contains invalid Punycode label', pattern: 'http://xn--f', accepted: false },
  { name: 'arbitrary subdomains', pattern: 'http://*.example.com:3999', accepted: true },
  { name: 'arbitrary subdomains and arbitrary ports', pattern: 'http://*.example.com:*', accepted: true },
  { name: 'leading double asterisk', pattern: 'http://**.example.com:3999', accepted: false },
  { name: 'out-of-place wildcard', pattern: 'http://fooo.*.example.com:3999', accepted: false },
  { name: 'wildcard not followed by a full stop', pattern: 'http://*example.com:3999', accepted: false },
  { name: 'wildcard character sequence with IPv6', pattern: 'http://*.[::1]:3999', accepted: false },
  { name: 'wildcard character sequence with IPv4', pattern: 'http://*.127.0.0.1:3999', accepted: false },
]

describe(`${PEER} pattern_test.go TestParsePattern: which allowlist entries are accepted`, () => {
  it.each(PATTERNS)('$name', ({ pattern, accepted }) => {
    const problems = problemsOf(() => createOriginMatcher([pattern]))
    expect(problems.length === 0, JSON.stringify(problems)).toBe(accepted !== false)
    if (typeof accepted === 'string') expect(createOriginMatcher([pattern])(accepted)).toBe(true)
    if (accepted === true && !pattern.includes('*')) expect(createOriginMatcher([pattern])(pattern)).toBe(true)
  })
})

// pattern_test.go, TestIsDeemedInsecure: what a credentialed policy refuses.
const INSECURE: readonly (readonly [string, boolean])[] = [
  ['https://example.com', false],
  ['https://*.example.com', false],
  ['http://example.com', true],
  ['http://*.example.com', true],
  ['http://127.0.0.1', false],
  ['http://127.127.127.127', false],
  ['http://169.254.169.254:90', true],
  ['http://[::1]:90', false],
  ['http://[2001:db8:aaaa:1111::100]:9090', true],
]

describe(`${PEER} pattern_test.go TestIsDeemedInsecure: plain-http origins with credentials`, () => {
  it.each(INSECURE)('%s', (pattern, insecure) => {
    expect(problemsOf(() => createOriginMatcher([pattern], { credentials: true })).length > 0).toBe(insecure)
    expect(problemsOf(() => createOriginMatcher([pattern], { credentials: true, dangerouslyAllowInsecureOriginsWithCredentials: true }))).toEqual([])
  })
})

// pattern_test.go, TestHostIsEffectiveTLD: wildcards directly under a public suffix.
describe(`${PEER} pattern_test.go TestHostIsEffectiveTLD: wildcards over public suffixes`, () => {
  it.each([['https://*.com', true], ['https://*.github.io', true], ['https://*.example.com', false]] as const)('%s', (pattern, refused) => {
    expect(problemsOf(() => createOriginMatcher([pattern])).length > 0).toBe(refused)
  })
})

// corpus_test.go, TestCorpus: what a set of patterns allows.
const CORPUS = [
  {
    name: 'one discrete origin',
    patterns: ['https://example.com'],
    accepts: ['https://example.com'],
    rejects: ['http://example.com', 'https://example.com:8080', 'https://example.org', 'https://foo.example.com'],
  },
  {
    name: 'two discrete origins',
    patterns: ['https://example.org', 'https://example.com'],
    accepts: ['https://example.org', 'https://example.com'],
    rejects: ['http://example.org', 'https://example.org:8080', 'https://foo.example.org', 'http://example.com', 'https://example.com:8080', 'https://foo.example.com'],
  },
  {
    name: 'one discrete origin and one wildcard origin pattern',
    patterns: ['https://*.example.org', 'https://example.com'],
    accepts: ['https://foo.example.org', 'https://foo.bar.example.org', 'https://example.com'],
    rejects: [
      'https://example.org', 'http://foo.example.org', 'http://foo.bar.example.org', 'https://example.org:8080', 'http://foo.example.org:8080',
      'http://foo.bar.example.org:8080', 'http://example.com', 'https://example.com:8080', 'https://foo.example.com',
    ],
  },
] as const

describe(`${PEER} corpus_test.go TestCorpus: what an allowlist allows`, () => {
  it.each(CORPUS)('$name', ({ patterns, accepts, rejects }) => {
    const isAllowed = createOriginMatcher([...patterns])
    for (const origin of accepts) expect(isAllowed(origin), origin).toBe(true)
    for (const origin of rejects) expect(isAllowed(origin), origin).toBe(false)
  })
})




describe('docs/origins.md lists every deliberate difference from jub0bs/cors', () => {
  const doc = readFileSync(new URL('../../docs/origins.md', import.meta.url), 'utf8')
  const section = doc.slice(doc.indexOf('## Differences from other libraries'), doc.indexOf('## Configuration errors'))
  const differing = [...PARSE, ...PATTERNS].filter((c) => c.differs !== undefined)

  it.each(differing.map((c) => [c.name.replace(/ \(.*\)$/, ''), 'origin' in c ? c.origin : c.pattern] as const))('%s', (name, input) => {
    expect(section).toContain(`"${name}"`)
    expect(section).toContain(`\`${input}\``)
  })
})
