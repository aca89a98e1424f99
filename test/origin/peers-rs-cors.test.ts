/**
 * Origin vectors from rs/cors's own tests (cors_test.go: the TestSpec table's
 * MatchAllOrigin, MatchAllOriginWithCredentials, AllowedOrigin,
 * WildcardOrigin, DisallowedOrigin, DisallowedWildcardOrigin, and the
 * TestWildcardOriginStructure table), read for their inputs and run through
 * real middy with our documented expectations. Each
 * case is named after the peer's; deliberate differences say so and are
 * listed in docs/origins.md ("Differences from other libraries").
 */
import middy from '@middy/core'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { cors, type CorsOptions } from '../../src/index.js'
import { header, lambdaContext, restEvent } from '../support/events.js'

const PEER = 'rs/cors cors_test.go TestSpec'

function wrap(options: CorsOptions) {
  return middy(async () => ({ statusCode: 200, body: 'bar' })).use(cors(options))
}

describe(PEER, () => {
  it('MatchAllOrigin: * answers *, and (a difference) without Vary: Origin, since the answer is the same for every origin', async () => {
    const response = await wrap({ origins: '*' })(restEvent('GET', { Origin: 'http://foobar.com' }), lambdaContext())
    expect(header(response, 'Access-Control-Allow-Origin')).toBe('*')
    expect(header(response, 'Vary')).toBeUndefined()
  })

  it('MatchAllOriginWithCredentials: (a difference) refused when the policy is built', () => {
    expect(() => cors({ origins: '*', credentials: true })).toThrow(/with credentials, '\*' would let every website/)
  })

  it('AllowedOrigin: the listed origin is reflected, with Vary: Origin', async () => {
    const response = await wrap({ origins: ['http://foobar.com'] })(restEvent('GET', { Origin: 'http://foobar.com' }), lambdaContext())
    expect(header(response, 'Access-Control-Allow-Origin')).toBe('http://foobar.com')
    expect(header(response, 'Vary')).toBe('Origin')
  })

  it('WildcardOrigin: http://*.bar.com allows http://foo.bar.com', async () => {
    const response = await wrap({ origins: ['http://*.bar.com'] })(restEvent('GET', { Origin: 'http://foo.bar.com' }), lambdaContext())
    expect(header(response, 'Access-Control-Allow-Origin')).toBe('http://foo.bar.com')
    expect(header(response, 'Vary')).toBe('Origin')
  })

  it('DisallowedOrigin: another origin gets no Allow-Origin, and Vary: Origin', async () => {
    const response = await wrap({ origins: ['http://foobar.com'] })(restEvent('GET', { Origin: 'http://barbaz.com' }), lambdaContext())
    expect(header(response, 'Access-Control-Allow-Origin')).toBeUndefined()
    expect(header(response, 'Vary')).toBe('Origin')
  })

  it('DisallowedWildcardOrigin: http://*.bar.com does not allow http://foo.baz.com', async () => {
    const response = await wrap({ origins: ['http://*.bar.com'] })(restEvent('GET', { Origin: 'http://foo.baz.com' }), lambdaContext())
    expect(header(response, 'Access-Control-Allow-Origin')).toBeUndefined()
    expect(header(response, 'Vary')).toBe('Origin')
  })

})

interface StructureCase {
  readonly name: string
  readonly pattern: string
  readonly origin: string
  /** Our answer: allowed, not allowed, or the pattern is refused when the policy is built. */
  readonly ours: 'allowed' | 'refused origin' | 'refused pattern'
  /** Where rs/cors answers otherwise, and why. */
  readonly differs?: string
}

// cors_test.go, TestWildcardOriginStructure (rs/cors allows the origin exactly in the cases marked true there).
const STRUCTURE: readonly StructureCase[] = [
  { name: 'CommaSeparated', pattern: 'https://*.example.com', origin: 'https://github.com,https://test.example.com', ours: 'refused origin' },
  { name: 'CommaSpaceSeparated', pattern: 'https://*.example.com', origin: 'https://github.com, https://test.example.com', ours: 'refused origin' },
  { name: 'SpaceSeparated', pattern: 'https://*.example.com', origin: 'https://github.com https://test.example.com', ours: 'refused origin' },
  { name: 'ThreeOrigins', pattern: 'https://*.example.com', origin: 'https://a.example.com,https://b.example.com,https://c.example.com', ours: 'refused origin' },
  { name: 'MissingScheme', pattern: '*://example.com', origin: '://example.com', ours: 'refused pattern' },
  { name: 'MissingSeparator', pattern: 'example.*', origin: 'example.com', ours: 'refused pattern' },
  { name: 'MissingAuthority', pattern: 'https://*', origin: 'https://', ours: 'refused pattern' },
  { name: 'Userinfo', pattern: 'https://*.example.com', origin: 'https://user@foo.example.com', ours: 'refused origin' },
  { name: 'Path', pattern: 'https://*.example.com', origin: 'https://other.com/foo.example.com', ours: 'refused origin' },
  { name: 'Query', pattern: 'https://*.example.com', origin: 'https://other.com?foo.example.com', ours: 'refused origin' },
  { name: 'Fragment', pattern: 'https://*.example.com', origin: 'https://other.com#foo.example.com', ours: 'refused origin' },
  { name: 'Backslash', pattern: 'https://*.example.com', origin: 'https://other.com\\foo.example.com', ours: 'refused origin' },
  { name: 'Space', pattern: 'https://*.example.com', origin: 'https://foo .example.com', ours: 'refused origin' },
  { name: 'Tab', pattern: 'https://*.example.com', origin: 'https://foo\t.example.com', ours: 'refused origin' },
  { name: 'CR', pattern: 'https://*.example.com', origin: 'https://foo\r.example.com', ours: 'refused origin' },
  { name: 'LF', pattern: 'https://*.example.com', origin: 'https://foo\n.example.com', ours: 'refused origin' },
  { name: 'FormFeed', pattern: 'https://*.example.com', origin: 'https://foo\f.example.com', ours: 'refused origin' },
  { name: 'VerticalTab', pattern: 'https://*.example.com', origin: 'https://foo\v.example.com', ours: 'refused origin' },
  { name: 'Host', pattern: 'https://*.example.com', origin: 'https://foo.example.com', ours: 'allowed' },
  { name: 'NestedHost', pattern: 'https://*.example.com', origin: 'https://foo.bar.example.com', ours: 'allowed' },
  { name: 'EmptySubstitution', pattern: 'https://foo*.example.com', origin: 'https://foo.example.com', ours: 'allowed' },
  { name: 'Case', pattern: 'HTTPS://*.EXAMPLE.COM', origin: 'HTTPS://Foo.Example.COM', ours: 'refused origin', differs: 'request values are not normalised: no browser sends upper case' },
  { name: 'Port', pattern: 'https://*.example.com:8443', origin: 'https://foo.example.com:8443', ours: 'allowed' },
  { name: 'DefaultPort', pattern: 'https://*.example.com:443', origin: 'https://foo.example.com:443', ours: 'refused origin', differs: 'no browser writes the default port' },
  { name: 'IPv4', pattern: 'http://127.*:8080', origin: 'http://127.0.0.1:8080', ours: 'refused pattern', differs: 'a wildcard on an IP address is refused' },
  { name: 'IPv6', pattern: 'http://[2001:db8::*]', origin: 'http://[2001:db8::1]', ours: 'refused pattern', differs: 'a wildcard on an IP address is refused' },
  { name: 'IPv6Port', pattern: 'http://[::1]:*', origin: 'http://[::1]:8080', ours: 'allowed' },
  { name: 'Punycode', pattern: 'https://*.example.com', origin: 'https://xn--maraa-rta.example.com', ours: 'allowed' },
  { name: 'TrailingDot', pattern: 'https://*.example.com.', origin: 'https://foo.example.com.', ours: 'refused pattern', differs: 'a trailing dot is refused' },
  { name: 'CustomScheme', pattern: 'my-app://*.example.com', origin: 'my-app://foo.example.com', ours: 'allowed' },
  { name: 'CommaHost', pattern: 'https://*.example.com', origin: 'https://foo,bar.example.com', ours: 'refused origin', differs: 'host labels are letters, digits, - and _ only' },
  { name: 'Null', pattern: 'n*', origin: 'null', ours: 'refused pattern', differs: "null is allowed only by 'null' with dangerouslyAllowNullOrigin" },
  { name: 'WrongScheme', pattern: 'https://*.example.com', origin: 'http://foo.example.com', ours: 'refused origin' },
  { name: 'WrongHost', pattern: 'https://*.example.com', origin: 'https://foo.other.com', ours: 'refused origin' },
  { name: 'WrongPort', pattern: 'https://*.example.com:8443', origin: 'https://foo.example.com:443', ours: 'refused origin' },
  { name: 'NoDefaultPortNormalization', pattern: 'https://*.example.com', origin: 'https://foo.example.com:443', ours: 'refused origin' },
  { name: 'NoTrailingDotNormalization', pattern: 'https://*.example.com', origin: 'https://foo.example.com.', ours: 'refused origin' },
  { name: 'Empty', pattern: 'https://*.example.com', origin: '', ours: 'refused origin' },
]

describe('rs/cors cors_test.go TestWildcardOriginStructure', () => {
  it.each(STRUCTURE.flatMap((c) => [[`${c.name}/credentials=false`, c, false], [`${c.name}/credentials=true`, c, true]] as const))('%s', async (_, c, credentials) => {
    let middleware: ReturnType<typeof cors>
    try {
      middleware = cors({ origins: [c.pattern], credentials })
    } catch {
      expect(c.ours).toBe('refused pattern')
      return
    }
    expect(c.ours).not.toBe('refused pattern')
    const handler = middy(async () => ({ statusCode: 200, body: 'bar' })).use(middleware)
    for (const method of ['GET', 'OPTIONS']) {
      const headers: Record<string, string> = c.origin === '' ? {} : { Origin: c.origin }
      if (method === 'OPTIONS') headers['Access-Control-Request-Method'] = 'GET'
      const response = await handler(restEvent(method, headers), lambdaContext())
      expect(header(response, 'Access-Control-Allow-Origin'), method).toBe(c.ours === 'allowed' ? c.origin : undefined)
      expect(header(response, 'Access-Control-Allow-Credentials'), method).toBe(c.ours === 'allowed' && credentials ? 'true' : undefined)
      expect(header(response, 'Vary'), method).toMatch(/^Origin/)
    }
  })
})

describe('docs/origins.md lists every deliberate difference from rs/cors', () => {
  const doc = readFileSync(new URL('../../docs/origins.md', import.meta.url), 'utf8')
  const section = doc.slice(doc.indexOf('## Differences from other libraries'), doc.indexOf('## Configuration errors'))
  it.each(['MatchAllOrigin', 'MatchAllOriginWithCredentials', ...STRUCTURE.filter((c) => c.differs !== undefined).map((c) => c.name)])('%s', (name) => {
    expect(section).toContain(`"${name}"`)
  })
})
