import { describe, expect, it } from 'vitest'
import { createOriginMatcher } from '../../src/index.js'

/** Asserts which of `origins` the allowlist admits and which it refuses. */
function expectMatches(
  patterns: Parameters<typeof createOriginMatcher>[0],
  allowed: readonly string[],
  refused: readonly string[],
): void {
  const isAllowed = createOriginMatcher(patterns)
  for (const origin of allowed) expect(isAllowed(origin), `${origin} should be allowed`).toBe(true)
  for (const origin of refused) expect(isAllowed(origin), `${origin} should be refused`).toBe(false)
}

describe('the example of the issue', () => {
  it('allows api.example.com and refuses evilexample.com', () => {
    const isAllowed = createOriginMatcher(['https://app.example.com', 'https://*.example.com', 'http://localhost:*'])
    expect(isAllowed('https://api.example.com')).toBe(true)
    expect(isAllowed('https://evilexample.com')).toBe(false)
  })
})

describe('exact origins', () => {
  it('https://app.example.com', () => {
    expectMatches('https://app.example.com', ['https://app.example.com'], [
      'http://app.example.com', 'https://app.example.com:8443', 'https://example.com', 'https://a.app.example.com',
      'https://app.example.com.evil.net', 'https://evilapp.example.com', 'https://app.example.co', 'https://APP.example.com',
      'https://app.example.com/', 'null',
    ])
  })

  it('http://localhost:3000', () => {
    expectMatches('http://localhost:3000', ['http://localhost:3000'], [
      'http://localhost', 'http://localhost:3001', 'http://localhost:30000', 'https://localhost:3000',
      'http://localhost:3000.evil.net', 'http://127.0.0.1:3000',
    ])
  })

  it('https://example.com:8443 (a non-default port)', () => {
    expectMatches('https://example.com:8443', ['https://example.com:8443'], [
      'https://example.com', 'https://example.com:443', 'https://example.com:8444', 'http://example.com:8443',
    ])
  })

  it('capacitor://localhost', () => {
    expectMatches('capacitor://localhost', ['capacitor://localhost'], [
      'http://localhost', 'https://localhost', 'capacitor://localhost:3000', 'ionic://localhost',
    ])
  })

  it('chrome-extension://<id>', () => {
    const id = 'abcdefghijklmnopabcdefghijklmnop'
    expectMatches(`chrome-extension://${id}`, [`chrome-extension://${id}`], [
      `chrome-extension://${id.slice(1)}a`, `moz-extension://${id}`, `https://${id}`,
    ])
  })

  it('IPv4 and IPv6 loopback', () => {
    expectMatches(['http://127.0.0.1:8080', 'http://[::1]:3000'], ['http://127.0.0.1:8080', 'http://[::1]:3000'], [
      'http://127.0.0.1', 'http://127.0.0.2:8080', 'http://[::1]', 'http://[::2]:3000',
    ])
  })

  it('a single string and a list behave the same', () => {
    const single = createOriginMatcher('https://app.example.com')
    const list = createOriginMatcher(['https://app.example.com'])
    for (const origin of ['https://app.example.com', 'https://example.com']) expect(single(origin)).toBe(list(origin))
  })
})

describe("subdomain wildcard 'https://*.example.com'", () => {
  it('matches one and two (and more) labels', () => {
    expectMatches('https://*.example.com', ['https://a.example.com', 'https://a.b.example.com', 'https://x.y.z.example.com', 'https://api-1.example.com'], [])
  })

  it('never matches the apex, lookalikes or an empty label', () => {
    expectMatches('https://*.example.com', [], [
      'https://example.com',
      'https://evilexample.com',
      'https://example.com.evil.net',
      'https://a.example.com.evil.net',
      'https://.example.com',
      'https://a..example.com',
      'https://a.example.co',
      'https://a.example.com.',
      'https://a.xexample.com',
      'http://a.example.com',
      'https://a.example.com:8443',
      'https://A.example.com',
    ])
  })

  it('keeps a fixed port', () => {
    expectMatches('https://*.example.com:8443', ['https://a.example.com:8443', 'https://a.b.example.com:8443'], [
      'https://a.example.com', 'https://a.example.com:8444', 'https://example.com:8443',
    ])
  })

  it('combines with a port wildcard', () => {
    expectMatches('https://*.example.com:*', ['https://a.example.com', 'https://a.example.com:1', 'https://a.b.example.com:65535'], [
      'https://example.com', 'https://example.com:443', 'https://a.example.com:0', 'https://a.example.com:65536', 'http://a.example.com',
    ])
  })

  it('allows *.localhost (loopback)', () => {
    expectMatches('http://*.localhost:3000', ['http://app.localhost:3000', 'http://a.b.localhost:3000'], [
      'http://localhost:3000', 'http://app.localhost:3001', 'http://applocalhost:3000',
    ])
  })

  it('wildcards at different depths do not mask one another', () => {
    expectMatches(['https://*.example.com', 'https://*.deep.other.org', 'https://*.b.c.d.e.net'], [
      'https://a.example.com', 'https://a.deep.other.org', 'https://x.b.c.d.e.net',
    ], [
      'https://deep.other.org', 'https://a.other.org', 'https://b.c.d.e.net', 'https://a.c.d.e.net', 'https://a.example.org',
    ])
  })
})

describe("port wildcard 'http://localhost:*'", () => {
  it('matches every valid port and no port', () => {
    expectMatches('http://localhost:*', ['http://localhost', 'http://localhost:1', 'http://localhost:3000', 'http://localhost:65535'], [])
  })

  it('never matches the default port written out, which no browser sends', () => {
    expectMatches(['http://localhost:*', 'https://*.example.com:*'], [], ['http://localhost:80', 'https://a.example.com:443'])
  })

  it('never matches another host, a bad port, or another scheme', () => {
    expectMatches('http://localhost:*', [], [
      'http://localhost.evil.net',
      'http://localhost:3000.evil.net',
      'http://localhost:abc',
      'http://localhost:0',
      'http://localhost:65536',
      'http://localhost:03000',
      'http://localhost:',
      'http://a.localhost:3000',
      'http://evillocalhost:3000',
      'https://localhost:3000',
      'http://localhost:3000/',
      'http://user@localhost:3000',
      'http://127.0.0.1:3000',
    ])
  })

  it('works for IP hosts', () => {
    expectMatches(['http://127.0.0.1:*', 'http://[::1]:*'], ['http://127.0.0.1', 'http://127.0.0.1:5173', 'http://[::1]:8080', 'http://[::1]'], [
      'http://127.0.0.10:5173', 'http://[::2]:8080',
    ])
  })
})

describe('globs (micromatch, compiled once)', () => {
  it('braces', () => {
    expectMatches('https://{app,admin}.example.com', ['https://app.example.com', 'https://admin.example.com'], [
      'https://example.com', 'https://apps.example.com', 'https://{app,admin}.example.com', 'https://x.app.example.com',
    ])
  })

  it('braces that expand to a subdomain wildcard and an exact origin', () => {
    expectMatches('https://{*.,}example.com', ['https://example.com', 'https://a.example.com', 'https://a.b.example.com'], [
      'https://evilexample.com',
    ])
  })

  it('braces over ports', () => {
    expectMatches('http://localhost:{3000,5173}', ['http://localhost:3000', 'http://localhost:5173'], ['http://localhost:3001', 'http://localhost'])
  })

  it('a * inside one label never crosses a dot', () => {
    expectMatches('https://deploy-preview-*--site.preview.example.com', [
      'https://deploy-preview-1--site.preview.example.com',
      'https://deploy-preview-1234--site.preview.example.com',
      'https://deploy-preview---site.preview.example.com',
    ], [
      'https://deploy-preview-1.evil--site.preview.example.com',
      'https://deploy-preview-1--site.evil.preview.example.com',
      'https://x.deploy-preview-1--site.preview.example.com',
      'https://deploy-preview-1--site.preview.example.com.evil.net',
      'https://deploy-preview-1--site2.preview.example.com',
      'https://deploy-preview-1--site.preview.example.com:8443',
    ])
  })

  it('a * at the start or the end of a label', () => {
    expectMatches(['https://pr-*.preview.example.com', 'https://*-beta.example.com'], [
      'https://pr-1.preview.example.com', 'https://pr-.preview.example.com', 'https://x-beta.example.com', 'https://-beta.example.com',
    ], [
      'https://pr-1.x.preview.example.com', 'https://a.b-beta.example.com', 'https://pr1.preview.example.com', 'https://x-beta.example.com.evil.net',
    ])
  })

  it('a leftmost * label followed by a glob label covers exactly two labels', () => {
    expectMatches('https://*.pr-*.example.com', ['https://a.pr-1.example.com'], [
      'https://pr-1.example.com', 'https://a.b.pr-1.example.com', 'https://a.pr-1.x.example.com',
    ])
  })

  it('a glob with a port wildcard', () => {
    expectMatches('http://app-*.example.test:*', ['http://app-1.example.test', 'http://app-1.example.test:8080'], [
      'http://app-1.example.test:0', 'https://app-1.example.test', 'http://app.1.example.test',
    ])
  })

  it('never lets a glob label start a negation: "!app" is not "anything but app"', () => {
    // micromatch reads a leading "!" as "not": the pattern must not become "every host but app.example.com".
    let isAllowed: ((origin: string) => boolean) | undefined
    try {
      isAllowed = createOriginMatcher('https://!app.example.com')
    } catch {
      return // refusing the pattern is a correct answer too
    }
    for (const origin of ['https://evil.com', 'https://attacker.example.net', 'https://x.example.com']) {
      expect(isAllowed(origin), origin).toBe(false)
    }
  })

  it('never lets a brace alternative start a negation', () => {
    let isAllowed: ((origin: string) => boolean) | undefined
    try {
      isAllowed = createOriginMatcher('https://{!a,b}.example.com')
    } catch {
      return
    }
    expect(isAllowed('https://evil.com')).toBe(false)
    expect(isAllowed('https://c.example.com')).toBe(false)
  })

  it('a character class inside a label never crosses a dot', () => {
    // [--z] is the range "-" to "z", which contains "." and "/".
    let isAllowed: ((origin: string) => boolean) | undefined
    try {
      isAllowed = createOriginMatcher('https://a[--z]b.example.com')
    } catch {
      return
    }
    expect(isAllowed('https://a.b.example.com')).toBe(false)
  })
})

describe("'*': any origin", () => {
  it('allows every valid serialized origin', () => {
    expectMatches('*', ['https://anything.example', 'http://localhost:1', 'capacitor://localhost', 'http://[::1]:3000'], [])
  })

  it('still refuses what a browser never sends, and null', () => {
    expectMatches('*', [], ['null', 'https://API.example.com', 'https://a.com/', '', 'not an origin', 'https://a.com:0'])
  })
})

describe('RegExp', () => {
  it('an anchored RegExp matches whole origins', () => {
    expectMatches(/^https:\/\/[a-z]+\.example\.com$/, ['https://app.example.com', 'https://x.example.com'], [
      'https://a.b.example.com', 'https://app.example.com.evil.net', 'https://app1.example.com', 'http://app.example.com',
    ])
  })

  it('a top-level alternation cannot escape the anchors', () => {
    // Taken as written, the second alternative (evil\.com$) is anchored only at the end and matches https://evil.com.
    expectMatches(/^https:\/\/a\.example\.com$|evil\.com$/, ['https://a.example.com'], [
      'https://evil.com', 'https://www.evil.com', 'https://a.example.com.evil.com',
    ])
  })

  it('an alternation on the left cannot escape either', () => {
    expectMatches(/^https:\/\/x|https:\/\/a\.example\.com$/, ['https://a.example.com'], ['https://x.evil.com', 'https://xyz.example.com'])
  })

  it('a RegExp cannot allow what a browser never sends', () => {
    expectMatches(/^.*$/, ['https://a.example.com'], ['https://a.example.com/', 'HTTPS://A.EXAMPLE.COM', 'null', 'https://a.com:0'])
  })

  it('answers the same on consecutive calls (no lastIndex state)', () => {
    const isAllowed = createOriginMatcher(/^https:\/\/a\.example\.com$/)
    expect([1, 2, 3].map(() => isAllowed('https://a.example.com'))).toEqual([true, true, true])
  })

  it('a backslash-escaped backslash before the final $ still anchors', () => {
    // The source ends in \\$: a literal backslash, then the anchor.
    expect(() => createOriginMatcher(/^https:\/\/a\.example\.com\\$/)).not.toThrow()
  })
})

describe('mixed allowlists', () => {
  it('each form keeps its own meaning', () => {
    expectMatches(
      ['https://app.example.com', 'https://*.example.org', 'http://localhost:*', 'https://pr-*.preview.example.net', /^https:\/\/tenant-[0-9]+\.example\.io$/, (origin) => origin === 'https://from-table.example'],
      ['https://app.example.com', 'https://a.example.org', 'http://localhost:4200', 'https://pr-7.preview.example.net', 'https://tenant-42.example.io', 'https://from-table.example'],
      ['https://example.org', 'https://api.example.com', 'http://localhost.evil.net', 'https://pr-7.x.preview.example.net', 'https://tenant-x.example.io', 'https://from-table.example.evil'],
    )
  })
})
