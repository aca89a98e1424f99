import { domainToASCII } from 'node:url'
import { describe, expect, it } from 'vitest'
import { compilePolicy, createOriginMatcher } from '../../src/index.js'

/**
 * Patterns are normalised once, at configuration time, to the form browsers
 * send; request origins are never normalised (browsers already send the
 * lower-case ASCII form, so anything else is refused).
 */
describe('normalisation of patterns', () => {
  it('lower-cases the scheme and the host', () => {
    const isAllowed = createOriginMatcher(['HTTPS://APP.Example.COM', 'Http://LocalHost:*', 'HTTPS://*.Example.Org'])
    expect(isAllowed('https://app.example.com')).toBe(true)
    expect(isAllowed('http://localhost:3000')).toBe(true)
    expect(isAllowed('https://a.example.org')).toBe(true)
  })

  it('stores the normalised form in the index', () => {
    const { origins } = compilePolicy({ origins: ['HTTPS://APP.Example.COM', 'https://example.com:443', 'http://example.net:80'] })
    expect([...origins.exact].sort()).toEqual(['http://example.net', 'https://app.example.com', 'https://example.com'])
  })

  it('does not normalise request origins: an upper-case Origin is refused', () => {
    const isAllowed = createOriginMatcher('https://app.example.com')
    expect(isAllowed('https://API.example.com')).toBe(false)
    expect(isAllowed('https://APP.EXAMPLE.COM')).toBe(false)
    expect(isAllowed('HTTPS://app.example.com')).toBe(false)
  })

  it('converts a Unicode host to punycode', () => {
    const isAllowed = createOriginMatcher('https://bücher.example')
    expect(isAllowed('https://xn--bcher-kva.example')).toBe(true)
    // the request side must be the ASCII form browsers send
    expect(isAllowed('https://bücher.example')).toBe(false)
  })

  it('converts each Unicode label the way the URL standard does', () => {
    const hosts = ['münchen.example', 'пример.испытание', 'BÜCHER.example', 'a.例え.jp']
    const isAllowed = createOriginMatcher(hosts.map((host) => `https://${host}`))
    for (const host of hosts) {
      const ascii = new URL(`https://${host}`).host
      expect(ascii).toBe(domainToASCII(host))
      expect(isAllowed(`https://${ascii}`), ascii).toBe(true)
    }
  })

  it('converts Unicode in a subdomain wildcard suffix', () => {
    const isAllowed = createOriginMatcher('https://*.bücher.example')
    expect(isAllowed('https://shop.xn--bcher-kva.example')).toBe(true)
    expect(isAllowed('https://xn--bcher-kva.example')).toBe(false)
  })

  it.each([
    ['https://example.com:443', 'https://example.com'],
    ['http://example.com:80', 'http://example.com'],
    ['wss://example.com:443', 'wss://example.com'],
    ['ws://example.com:80', 'ws://example.com'],
  ])('removes the default port: %s matches %s', (pattern, origin) => {
    const isAllowed = createOriginMatcher(pattern)
    expect(isAllowed(origin)).toBe(true)
    // browsers never send the default port, so the request form with it is refused
    expect(isAllowed(pattern)).toBe(false)
  })

  it('keeps a port that is the default of another scheme', () => {
    const isAllowed = createOriginMatcher(['https://example.com:80', 'http://example.com:443'])
    expect(isAllowed('https://example.com:80')).toBe(true)
    expect(isAllowed('http://example.com:443')).toBe(true)
    expect(isAllowed('https://example.com')).toBe(false)
    expect(isAllowed('http://example.com')).toBe(false)
  })

  it('removes the default port from a subdomain wildcard', () => {
    const isAllowed = createOriginMatcher('https://*.example.com:443')
    expect(isAllowed('https://a.example.com')).toBe(true)
  })

  it('normalises a non-canonical IPv6 literal to the form browsers send (or refuses it)', () => {
    // Browsers serialize [0:0:0:0:0:0:0:1] as [::1]; a pattern kept as written could never match.
    const pattern = 'http://[0:0:0:0:0:0:0:1]:3000'
    const browserForm = new URL(pattern).origin
    expect(browserForm).toBe('http://[::1]:3000')
    let isAllowed: ((origin: string) => boolean) | undefined
    try {
      isAllowed = createOriginMatcher(pattern)
    } catch {
      return // refusing it, with a fix, is a correct answer too
    }
    expect(isAllowed(browserForm)).toBe(true)
  })
})
