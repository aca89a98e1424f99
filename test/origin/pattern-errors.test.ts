import { describe, expect, it } from 'vitest'
import { CorsConfigError, createOriginMatcher, type CorsConfigProblem, type OriginMatcherOptions } from '../../src/index.js'
import { problemsOf } from '../support/problems.js'
import { glob } from '../../src/glob.js'

/** Brace patterns are globs, written with glob(). */
const written = (pattern: string) => (pattern.includes('{') ? glob(pattern) : pattern)

type Patterns = Parameters<typeof createOriginMatcher>[0]

function onlyProblem(patterns: Patterns, options?: OriginMatcherOptions): CorsConfigProblem {
  const problems = problemsOf(() => createOriginMatcher(patterns, options))
  expect(problems, JSON.stringify(problems)).toHaveLength(1)
  return problems[0] as CorsConfigProblem
}

/** The first `scheme://...` string a fix names, if any. */
function suggestedOrigin(fix: string): string | undefined {
  return /"([a-z][a-z0-9+.-]*:\/\/[^"]*)"/.exec(fix)?.[1]
}

// [pattern, reason fragment, fix fragment]
const REFUSED: readonly (readonly [string, string, string])[] = [
  // path, query, fragment, userinfo, whitespace, trailing slash
  ['https://app.example.com/', 'a trailing slash', 'browsers send "https://app.example.com"'],
  ['https://app.example.com/path', 'a path', 'browsers send "https://app.example.com"'],
  ['https://app.example.com/index.html?x=1', 'a path', 'browsers send "https://app.example.com"'],
  ['https://app.example.com/app.js?v=1.2', 'a path', 'browsers send "https://app.example.com"'],
  ['https://app.example.com?x=1', 'a query', 'browsers send "https://app.example.com"'],
  ['https://app.example.com#top', 'a fragment', 'browsers send "https://app.example.com"'],
  ['http://localhost:3000/', 'a trailing slash', 'browsers send "http://localhost:3000"'],
  ['https://user@app.example.com', 'userinfo', '"https://app.example.com"'],
  ['https://user:secret@app.example.com', 'userinfo', '"https://app.example.com"'],
  [' https://app.example.com', 'whitespace', '"https://app.example.com"'],
  ['https://app.example.com\n', 'whitespace', '"https://app.example.com"'],
  ['https://app. example.com', 'whitespace', '"https://app.example.com"'],
  // scheme
  ['app.example.com', 'scheme is missing', '"https://app.example.com"'],
  ['localhost:3000', 'scheme is missing', '"https://localhost:3000"'],
  ['https:/app.example.com', 'scheme is missing', '"https://app.example.com"'],
  ['https:app.example.com', 'scheme is missing', '"https://app.example.com"'],
  // the fix keeps the host and port only, so that it is itself an origin
  ['app.example.com/', 'scheme is missing', '"https://app.example.com"'],
  ['app.example.com/index.html?x=1#top', 'scheme is missing', '"https://app.example.com"'],
  ['localhost:3000/', 'scheme is missing', '"https://localhost:3000"'],
  ['//[fe80::1]', 'scheme is missing', '"https://[fe80::1]"'],
  ['1http://app.example.com', 'is not a URL scheme', "'https'"],
  ['ht_tp://app.example.com', 'is not a URL scheme', "'https'"],
  ['://app.example.com', 'is not a URL scheme', "'https'"],
  ['file:///home/me/index.html', "opaque origin 'null'", 'serve the page over http(s)'],
  ['file://localhost', "opaque origin 'null'", 'serve the page over http(s)'],
  ['FILE://localhost', "opaque origin 'null'", 'serve the page over http(s)'],
  // host
  ['https://', 'the host is empty', "'https://app.example.com'"],
  ['https://:3000', 'the host is empty', "'https://app.example.com'"],
  ['https://a..example.com', 'empty label', 'remove the extra dot'],
  ['https://.example.com', 'empty label', 'remove the extra dot'],
  // Browsers do send the dotted form, from pages at the dotted address: the reason says so.
  ['https://example.com.', 'A browser sends "https://example.com." only from a page whose address has the dot', '"https://example.com"'],
  ['https://exa$mple.com', 'cannot have', 'letters, digits and hyphens'],
  ['https://exa%2emple.com', 'cannot have', 'letters, digits and hyphens'],
  ['https://a\uFDD0b.example.com', 'is not a valid host name', 'Unicode names are converted to punycode'],
  ['http://[::1', 'no closing bracket', "'http://[::1]:3000'"],
  ['http://[::1]x', 'unexpected text after the IPv6 address', "'http://[::1]:3000'"],
  ['http://[zz::1]', 'not a valid IPv6 address', "'[::1]'"],
  // port
  ['http://localhost:0', '"0" is not a port', "':3000'"],
  ['http://localhost:65536', '"65536" is not a port', "':*' for any port"],
  ['http://localhost:03000', '"03000" is not a port', "':3000'"],
  ['http://localhost:abc', '"abc" is not a port', "':3000'"],
  ['http://localhost:-1', '"-1" is not a port', "':3000'"],
  ['http://localhost:', 'the port is empty', '"http://localhost"'],
  ['http://[::1]:', 'the port is empty', '"http://[::1]"'],
  // wildcards
  ['https://*example.com', 'could match a domain someone else registers', '"https://*.example.com"'],
  ['https://example*.com', 'could match a domain someone else registers', '"https://*.example.com"'],
  ['https://app.*example.com', 'could match a domain someone else registers', '"https://*.example.com"'],
  ['https://a.*.example.com', 'only allowed as the leftmost label', '"https://*.example.com"'],
  ['https://a.*.com', 'only allowed as the leftmost label', 'leftmost label of a domain you own, such as "https://*.example.com"'],
  // the fix never suggests a wildcard over labels that would be refused themselves
  ['https://a.*.pr-*.example.com', 'only allowed as the leftmost label', 'such as "https://*.example.com"'],
  ['https://a.*.xn--a.example.com', 'only allowed as the leftmost label', 'such as "https://*.example.com"'],
  ['https://*.*', 'only allowed as the leftmost label', 'leftmost label of a domain you own'],
  // a second whole `*` label, wherever it stands
  ['https://*.*.example.com', 'only allowed as the leftmost label', '"https://*.example.com"'],
  ['https://*.*.github.io', 'only allowed as the leftmost label', 'leftmost label of a domain you own'],
  ['https://*.*.co.uk', 'only allowed as the leftmost label', 'leftmost label of a domain you own'],
  ['https://*.a.*.example.com', 'only allowed as the leftmost label', '"https://*.example.com"'],
  // more than one `*` in a label: matching must stay linear
  ['https://*-*-*-*-*.example.com', 'more than one *', '"https://*.example.com"'],
  ['https://*-*.example.com', 'more than one *', '"https://*.example.com"'],
  ['https://pr-*-x-*.preview.example.com:8443', 'more than one *', '"https://pr-*.preview.example.com:8443"'],
  ['https://*.a*b*c.example.com', 'more than one *', '"https://*.a*c.example.com"'],
  ['https://*.*-*.example.com', 'more than one *', 'keep one * per label'],
  ['https://**.example.com', '** would cross dots', "'*.'"],
  ['https://*', 'a bare * host allows every site', "origins: '*'"],
  ['https://app*', 'a wildcard in the last label could match any top-level domain', "'https://app.example.com'"],
  ['https://example.c*', 'a wildcard in the last label could match any top-level domain', "'https://app.example.com'"],
  // ? is not a one-character wildcard: the URL parser reads it as the start of a query
  ['https://pr-?.example.com', '? is not a wildcard', "such as 'https://pr-*.example.com'"],
  ['https://app-??.example.com', '? is not a wildcard', "such as 'https://pr-*.example.com'"],
  ['https://*.com', 'the single label "com"', '"https://*.example.com"'],
  ['https://*.dev:*', 'the single label "dev"', '"https://*.example.dev"'],
  ['http://*.0.0.1', 'IP address', 'list each address exactly'],
  ['http://*.1.2.3.4', 'IP address', 'list each address exactly'],
  ['http://10.0.*.1', 'IP address', 'list each address exactly'],
  ['http://192.168.1.*', 'IP address', 'list each address exactly'],
  ['http://192.168.1.*:3000', 'IP address', 'list each address exactly'],
  // shared suffixes
  ['https://*.github.io', 'anyone can get a name under github.io', '"https://*.your-site.github.io"'],
  ['https://*.co.uk', 'anyone can get a name under co.uk', 'list your own names exactly'],
  ['https://*.netlify.app', 'anyone can get a name under netlify.app', 'list your own names exactly'],
  ['https://*.vercel.app', 'anyone can get a name under vercel.app', 'list your own names exactly'],
  ['https://*.execute-api.us-east-1.amazonaws.com', 'anyone can get a name under execute-api.us-east-1.amazonaws.com', 'list your own names exactly'],
  ['https://*.lambda-url.eu-west-1.on.aws', 'anyone can get a name under lambda-url.eu-west-1.on.aws', 'list your own names exactly'],
  ['https://*.GitHub.IO', 'anyone can get a name under github.io', 'list your own names exactly'],
  // the whole Public Suffix List, private section included, and PSL wildcard rules
  ['https://*.deno.dev', 'anyone can get a name under deno.dev', '"https://*.your-site.deno.dev"'],
  ['https://*.repl.co', 'anyone can get a name under repl.co', 'list your own names exactly'],
  ['https://*.ac.jp', 'anyone can get a name under ac.jp', 'list your own names exactly'],
  ['https://*.kawasaki.jp', 'anyone can get a name under kawasaki.jp', 'list your own names exactly'],
  ['https://*.anything.kawasaki.jp', 'anyone can get a name under anything.kawasaki.jp', '"https://*.your-site.anything.kawasaki.jp"'],
  ['https://*.foo.ck', 'anyone can get a name under foo.ck', '"https://*.your-site.foo.ck"'],
  ['https://*.ck:*', 'the single label "ck"', 'such as "https://*.example.com"'],
  ['https://*.ck', 'the single label "ck"', 'such as "https://*.example.com"'],
  // our own additions, which the PSL does not cover
  ['https://*.us-east-1.elb.amazonaws.com', 'anyone can get a name under us-east-1.elb.amazonaws.com', 'list your own names exactly'],
  ['https://*.wordpress.com', 'anyone can get a name under wordpress.com', 'list your own names exactly'],
  // every wildcard form: globs inside labels and brace expansions too
  ['https://pr-*.github.io', 'anyone can get a name under github.io', '"https://pr-1.github.io"'],
  ['https://deploy-preview-*--site.netlify.app', 'anyone can get a name under netlify.app', '"https://deploy-preview-1--site.netlify.app"'],
  ['https://*.pr-*.vercel.app', 'anyone can get a name under vercel.app', 'list your own names exactly, such as "https://www.pr-1.vercel.app"'],
  ['https://pr-*.co.uk', 'anyone can get a name under co.uk', 'list your own names exactly'],
  ['https://{app,*}.github.io', 'anyone can get a name under github.io', '"https://*.your-site.github.io"'],
  ['https://{*.,}github.io', 'anyone can get a name under github.io', '"https://*.your-site.github.io"'],
  // patterns that could only match origins longer than any request considered
  [`https://${'a'.repeat(400)}.com`, 'the host has 404 characters', 'write the host name the browser shows'],
  [`https://${'a.'.repeat(150)}example.com`, 'the host has 311 characters', 'write the host name the browser shows'],
  [`${'x'.repeat(80)}://${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.com:65535`, 'a request Origin longer than 320 is refused unread', 'write the origin the browser sends'],
  [`https://*.${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.example.com`, `more than 253 characters`, 'shorten the fixed part'],
  [`https://pr-*.${'a'.repeat(62)}.${'b'.repeat(62)}.${'c'.repeat(62)}.${'d'.repeat(62)}.com`, `more than 253 characters`, 'shorten the fixed part'],
  [`${'x'.repeat(80)}://*.${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(57)}.com`, `more than 320 characters`, 'shorten the fixed part'],
  // hosts as the URL standard reads them
  ['http://127.1:3999', 'as the IPv4 address "127.0.0.1"', 'write "http://127.0.0.1:3999"'],
  ['http://1:6060', 'as the IPv4 address "0.0.0.1"', 'write "http://0.0.0.1:6060"'],
  ['http://0x7f.0.0.1', 'as the IPv4 address "127.0.0.1"', 'write "http://127.0.0.1"'],
  ['http://127.000.000.001:*', 'as the IPv4 address "127.0.0.1"', 'write "http://127.0.0.1:*"'],
  ['http://foo.bar.255:6060', 'is not a valid host', 'four numbers from 0 to 255'],
  ['http://127.0.0.1.1', 'is not a valid host', 'four numbers from 0 to 255'],
  ['http://256.0.0.1', 'is not a valid host', 'four numbers from 0 to 255'],
  ['http://xn--f', 'not a valid host: an xn-- label', 'write the name in Unicode'],
  ['https://app.xn--a.example.com', 'not a valid host: an xn-- label', 'write the name in Unicode'],
  ['https://*.xn--a.example.com', 'not a valid host: an xn-- label', 'write the name in Unicode'],
  ['http://[::1:]', 'not a valid IPv6 address', "'[::1]'"],
  ['data://example.com', 'browsers never send a "data:" origin', "'https://app.example.com'"],
  // null
  ['null', 'sandboxed iframes, file: pages and cross-origin redirects', 'dangerouslyAllowNullOrigin: true'],
  ['NULL', 'sandboxed iframes, file: pages and cross-origin redirects', 'dangerouslyAllowNullOrigin: true'],
  // braces
  ['https://{1..300}.example.com', 'between 1 and 256 origins', "'https://{app,admin}.example.com'"],
  ['https://{a,b.example.com', 'unbalanced braces', "'https://{app,admin}.example.com'"],
]

describe('every refused pattern names the option, the value, the reason and the fix', () => {
  it.each(REFUSED)('%j', (pattern, reason, fix) => {
    const problem = onlyProblem([written(pattern)])
    expect(problem.option).toBe('patterns[0]')
    expect(problem.value).toBe(JSON.stringify(pattern))
    expect(problem.reason).toContain(reason)
    expect(problem.fix).toContain(fix)
  })

  it('a single pattern (not a list) is named "patterns"', () => {
    expect(onlyProblem('https://app.example.com/').option).toBe('patterns')
  })

  it('refuses a pattern that is neither a string, a RegExp nor a function', () => {
    for (const value of [42, null, undefined, { origin: 'https://a.com' }, ['https://a.com']]) {
      const problem = onlyProblem([value] as unknown as Patterns)
      expect(problem.option).toBe('patterns[0]')
      expect(problem.reason).toContain('must be a string, a RegExp or a function')
      expect(problem.fix).toBe("write the origin as a string such as 'https://app.example.com'.")
    }
  })

  it('refuses an empty allowlist', () => {
    const problem = onlyProblem([])
    expect(problem.option).toBe('patterns')
    expect(problem.value).toBe('[]')
    expect(problem.reason).toContain('an empty allowlist allows nothing')
  })

  it("refuses '*' next to other entries", () => {
    const problem = onlyProblem(['*', 'https://app.example.com'])
    expect(problem.reason).toContain("'*' allows every origin")
    expect(problem.fix).toContain("use '*' alone")
  })
})

describe('the fixes are themselves right', () => {
  // A fix that names an origin must name one the matcher accepts; otherwise following it fails again.
  it.each(REFUSED.filter(([pattern]) => pattern !== 'null' && pattern !== 'NULL'))('the origin suggested for %j is accepted', (pattern) => {
    const { fix } = onlyProblem([written(pattern)])
    const suggestion = suggestedOrigin(fix)
    if (suggestion === undefined) return
    // glob() accepts every pattern a string does, and globs too.
    expect(() => createOriginMatcher(glob(suggestion)), `fix for ${pattern}: ${fix}`).not.toThrow()
  })

  // "browsers send X": X must be what the URL standard serializes the origin as.
  it.each([
    'https://app.example.com/',
    'https://App.Example.COM/',
    'HTTPS://app.example.com/path',
    'https://example.com:443/',
    'http://localhost:80/',
    'https://bücher.example/',
  ])('the origin a browser sends for %j', (pattern) => {
    const { fix } = onlyProblem([written(pattern)])
    expect(fix).toContain(`browsers send ${JSON.stringify(new URL(pattern).origin)}`)
  })

  it('a protocol-relative URL gets an https fix with two slashes', () => {
    const { reason, fix } = onlyProblem(['//app.example.com'])
    expect(reason).toContain('scheme is missing')
    expect(suggestedOrigin(fix)).toBe('https://app.example.com')
  })
})

describe('RegExp patterns', () => {
  it.each([
    [/^https:\/\/a\.example\.com$/g, '/^https:\\/\\/a\\.example\\.com$/'],
    [/^https:\/\/a\.example\.com$/y, '/^https:\\/\\/a\\.example\\.com$/'],
    [/^https:\/\/a\.example\.com$/giy, '/^https:\\/\\/a\\.example\\.com$/i'],
  ])('refuses the stateful flags of %s and suggests %s', (regexp, fixed) => {
    const problem = onlyProblem([regexp])
    expect(problem.option).toBe('patterns[0]')
    expect(problem.value).toBe(String(regexp))
    expect(problem.reason).toContain('the g and y flags make RegExp.test() stateful')
    expect(problem.fix).toContain(fixed)
  })

  it.each([
    /https:\/\/a\.example\.com$/,
    /^https:\/\/a\.example\.com/,
    /a\.example\.com/,
    /^https:\/\/a\.example\.com\$/,
    /^https:\/\/a\.example\.com$|evil/,
    /evil|^https:\/\/a\.example\.com$/,
  ])('refuses the unanchored %s', (regexp) => {
    const problem = onlyProblem([regexp])
    expect(problem.reason).toContain('an unanchored RegExp also matches origins that merely contain the allowed one')
    expect(problem.fix).toContain('anchor it at both ends')
  })

  it('reports both problems of an unanchored global RegExp', () => {
    const problems = problemsOf(() => createOriginMatcher([/example\.com/g]))
    expect(problems.map((p) => p.reason)).toEqual([
      expect.stringContaining('the g and y flags'),
      expect.stringContaining('an unanchored RegExp'),
    ])
  })
})

describe('null and the dangerous opt-in', () => {
  it('accepts null only with dangerouslyAllowNullOrigin', () => {
    const isAllowed = createOriginMatcher(['null', 'https://app.example.com'], { dangerouslyAllowNullOrigin: true })
    expect(isAllowed('null')).toBe(true)
    expect(isAllowed('https://app.example.com')).toBe(true)
    expect(isAllowed('NULL')).toBe(false)
  })

  it('the opt-in alone does not allow null', () => {
    const isAllowed = createOriginMatcher(['https://app.example.com'], { dangerouslyAllowNullOrigin: true })
    expect(isAllowed('null')).toBe(false)
  })

  it("'*' does not allow null", () => {
    expect(createOriginMatcher('*')('null')).toBe(false)
  })

  it('a RegExp or a predicate cannot allow null without the opt-in', () => {
    let called = false
    const isAllowed = createOriginMatcher([/^null$/, () => { called = true; return true }])
    expect(isAllowed('null')).toBe(false)
    expect(called).toBe(false)
  })
})

describe('with credentials', () => {
  const credentials = { credentials: true } as const

  it("refuses '*'", () => {
    const problem = onlyProblem('*', credentials)
    expect(problem.option).toBe('patterns')
    expect(problem.reason).toContain('with credentials')
    expect(problem.fix).toContain('list the origins')
  })

  it.each([
    ['http://app.example.com', 'https://app.example.com'],
    ['http://app.example.com:8080', 'https://app.example.com:8080'],
    ['http://*.example.com', 'https://*.example.com'],
    ['http://staging.example.com:*', 'https://staging.example.com'],
    ['http://192.168.1.10:3000', 'https://192.168.1.10:3000'],
    ['http://localhost.evil.net', 'https://localhost.evil.net'],
    ['http://127.0.0.1.nip.io', 'https://127.0.0.1.nip.io'],
  ])('refuses the plain-http, non-loopback %s and suggests %s', (pattern, https) => {
    const problem = onlyProblem([pattern], credentials)
    expect(problem.reason).toContain('plain-http origin')
    expect(problem.fix).toContain(JSON.stringify(https))
    expect(problem.fix).toContain('dangerouslyAllowInsecureOriginsWithCredentials: true')
  })

  it('accepts loopback over http', () => {
    const loopback = ['http://localhost', 'http://localhost:3000', 'http://localhost:*', 'http://127.0.0.1:8080', 'http://127.1.2.3', 'http://[::1]:3000', 'http://app.localhost:5173', 'http://*.localhost']
    const isAllowed = createOriginMatcher(loopback, credentials)
    expect(isAllowed('http://localhost:3000')).toBe(true)
    expect(isAllowed('http://[::1]:3000')).toBe(true)
    expect(isAllowed('http://127.0.0.1:8080')).toBe(true)
  })

  it('accepts https and non-http schemes', () => {
    expect(() => createOriginMatcher(['https://app.example.com', 'capacitor://localhost', 'https://*.example.com'], credentials)).not.toThrow()
  })

  it('accepts plain http with dangerouslyAllowInsecureOriginsWithCredentials', () => {
    const isAllowed = createOriginMatcher(['http://app.example.com'], { credentials: true, dangerouslyAllowInsecureOriginsWithCredentials: true })
    expect(isAllowed('http://app.example.com')).toBe(true)
  })

  it('accepts plain http without credentials', () => {
    expect(createOriginMatcher('http://app.example.com')('http://app.example.com')).toBe(true)
  })
})

describe('every problem at once', () => {
  it('lists one problem per bad pattern, in order, and skips the good ones', () => {
    const patterns = [
      'https://good.example.com',
      'https://app.example.com/',
      'app.example.com',
      'file:///index.html',
      'https://a..example.com',
      'http://localhost:0',
      'https://*example.com',
      'https://*.com',
      'https://*.github.io',
      'null',
      'https://good.example.org',
      /unanchored/,
      /^https:\/\/x\.example\.com$/g,
      'http://plain.example.com',
      '*',
    ]
    const problems = problemsOf(() => createOriginMatcher(patterns, { credentials: true }))
    expect(problems.map((p) => p.option)).toEqual([
      'patterns[1]', 'patterns[2]', 'patterns[3]', 'patterns[4]', 'patterns[5]', 'patterns[6]', 'patterns[7]',
      'patterns[8]', 'patterns[9]', 'patterns[11]', 'patterns[12]', 'patterns[13]', 'patterns[14]',
    ])
  })

  it('the error message lists every problem with its fix', () => {
    let error: unknown
    try {
      createOriginMatcher(['https://a.example.com/', 'https://*.com'])
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(CorsConfigError)
    const { message, name, problems } = error as CorsConfigError
    expect(name).toBe('CorsConfigError')
    expect(message).toContain('2 problems')
    for (const problem of problems) {
      expect(message).toContain(problem.option)
      expect(message).toContain(problem.reason)
      expect(message).toContain(problem.fix)
    }
  })

  it('the problem list cannot be changed afterwards', () => {
    const problems = problemsOf(() => createOriginMatcher(['https://a.example.com/']))
    expect(Object.isFrozen(problems)).toBe(true)
  })
})
