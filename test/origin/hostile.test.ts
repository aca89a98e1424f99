import { describe, expect, it } from 'vitest'
import { compilePolicy, createAsyncOriginMatcher, createOriginMatcher } from '../../src/index.js'
import { judgeOrigin } from '../../src/origin/verdict.js'

/** Allowlists as permissive as the pattern language gets, each form at least once. */
const ALLOWLISTS = {
  exact: ['https://app.example.com', 'http://localhost:3000'],
  wildcards: ['https://*.example.com', 'https://*.example.com:*', 'http://localhost:*', 'http://*.localhost:*'],
  globs: ['https://{app,admin}.example.com', 'https://pr-*.example.com'],
  regexp: [/^https?:\/\/.*$/],
  predicate: [() => true],
  any: ['*'],
} as const

const hugeLabel = 'a'.repeat(1024 * 1024)

/** Values a browser never sends, each close to something allowed. */
const HOSTILE: readonly (readonly [string, string])[] = [
  ['1 MiB origin', `https://${hugeLabel}.example.com`],
  ['1 MiB of dots', `https://${'.'.repeat(1024 * 1024)}example.com`],
  ['10,000-label host', `https://${'a.'.repeat(10_000)}example.com`],
  ['10,000 labels of a lookalike', `https://${'example.com.'.repeat(10_000)}evil.net`],
  ['upper-case host', 'https://APP.example.com'],
  ['upper-case scheme', 'HTTPS://app.example.com'],
  ['mixed case', 'https://App.Example.Com'],
  ['trailing slash', 'https://app.example.com/'],
  ['path', 'https://app.example.com/admin'],
  ['query', 'https://app.example.com?x'],
  ['fragment', 'https://app.example.com#x'],
  ['userinfo', 'https://evil.net@app.example.com'],
  ['userinfo with port', 'http://user:pass@localhost:3000'],
  ['leading whitespace', ' https://app.example.com'],
  ['trailing whitespace', 'https://app.example.com\t'],
  ['CRLF injection', 'https://app.example.com\r\nSet-Cookie: a=b'],
  ['NUL byte', 'https://app.example.com\u0000.evil.net'],
  ['null (not listed)', 'null'],
  ['port 0', 'http://localhost:0'],
  ['port 65536', 'http://localhost:65536'],
  ['port with a leading zero', 'http://localhost:03000'],
  ['port 00080', 'http://localhost:00080'],
  ['non-numeric port', 'http://localhost:abc'],
  ['empty port', 'http://localhost:'],
  ['trailing dot', 'https://app.example.com.'],
  ['empty label', 'https://a..example.com'],
  ['leading dot', 'https://.example.com'],
  ['Unicode host', 'https://аpp.example.com'], // Cyrillic а
  ['empty string', ''],
  ['just a scheme', 'https://'],
  ['no scheme', 'app.example.com'],
  ['backslash', 'https:\\\\app.example.com'],
  ['a list of origins', 'https://app.example.com, https://evil.net'],
  ['a lone surrogate', 'https://app.example.com\ud800'],
  // Hosts the URL standard refuses or rewrites: a browser never sends them.
  ['invalid IPv6', 'http://[::1:]'],
  ['uncompressed IPv6', 'http://[0:0:0:0:0:0:0:1]'],
  ['IPv6 with embedded IPv4', 'http://[::ffff:1.2.3.4]'],
  ['single-number IPv4', 'http://1:6060'],
  ['short IPv4', 'http://127.1:3000'],
  ['IPv4 octet over 255', 'http://256.0.0.1'],
  ['five-part IPv4', 'http://127.0.0.1.1'],
  ['hex IPv4', 'http://0x7f.0.0.1'],
  ['number as the last label', 'http://foo.bar.255:6060'],
  ['invalid punycode', 'https://xn--f.example.com'],
  ['default port written out', 'https://app.example.com:443'],
  ['file: origin', 'file://app.example.com'],
]

const NOT_STRINGS: readonly unknown[] = [undefined, null, 0, 42, true, {}, [], ['https://app.example.com'], Symbol('origin'), { toString: () => 'https://app.example.com' }, new String('https://app.example.com')]

describe.each(Object.entries(ALLOWLISTS))('hostile request origins against the %s allowlist', (_, patterns) => {
  const isAllowed = createOriginMatcher(patterns)
  const isAllowedAsync = createAsyncOriginMatcher(patterns)

  it.each(HOSTILE)('%s is refused (sync)', (_, origin) => {
    expect(isAllowed(origin)).toBe(false)
  })

  it.each(HOSTILE)('%s is refused (async)', async (_, origin) => {
    await expect(isAllowedAsync(origin)).resolves.toBe(false)
  })

  it('values that are not strings are refused, never thrown on', async () => {
    for (const value of NOT_STRINGS) {
      expect(isAllowed(value as unknown as string)).toBe(false)
      await expect(isAllowedAsync(value as unknown as string)).resolves.toBe(false)
    }
  })
})

describe('the verdict of the middleware never reflects a hostile origin', () => {
  const policy = compilePolicy({ origins: [...ALLOWLISTS.wildcards, ...ALLOWLISTS.exact, 'https://pr-*.example.com'] })

  it.each(HOSTILE.filter(([, origin]) => origin !== 'null'))('%s is refused as invalid', async (_, origin) => {
    const verdict = await judgeOrigin(policy.origins, [origin], undefined)
    expect(verdict).toEqual({ kind: 'refused', origin, reason: 'origin-invalid' })
  })

  it('null that is not listed is refused as not allowed', async () => {
    expect(await judgeOrigin(policy.origins, ['null'], undefined)).toEqual({ kind: 'refused', origin: 'null', reason: 'origin-not-allowed' })
  })

  it('a valid origin outside the list is refused as not allowed', async () => {
    expect(await judgeOrigin(policy.origins, ['https://evilexample.com'], undefined)).toEqual({ kind: 'refused', origin: 'https://evilexample.com', reason: 'origin-not-allowed' })
  })

  it('two different Origin values are refused as ambiguous, even when both are allowed', async () => {
    const verdict = await judgeOrigin(policy.origins, ['https://app.example.com', 'https://a.example.com'], undefined)
    expect(verdict).toEqual({ kind: 'refused', origin: 'https://app.example.com', reason: 'origin-ambiguous' })
  })

  it('the same value repeated is one origin', async () => {
    expect(await judgeOrigin(policy.origins, ['https://app.example.com', 'https://app.example.com'], undefined)).toEqual({ kind: 'allowed', origin: 'https://app.example.com' })
  })

  it('no Origin is absent', async () => {
    expect(await judgeOrigin(policy.origins, [], undefined)).toEqual({ kind: 'absent' })
  })

  it('answers synchronously unless a predicate must run', () => {
    expect(judgeOrigin(policy.origins, ['https://a.example.com'], undefined)).not.toBeInstanceOf(Promise)
    expect(judgeOrigin(policy.origins, ['https://evil.net'], undefined)).not.toBeInstanceOf(Promise)
    const withPredicate = compilePolicy({ origins: [async (origin: string) => origin === 'https://p.example'] })
    const pending = judgeOrigin(withPredicate.origins, ['https://p.example'], undefined)
    expect(pending).toBeInstanceOf(Promise)
    return expect(pending).resolves.toEqual({ kind: 'allowed', origin: 'https://p.example' })
  })

  it('passes the event to predicates', async () => {
    const event = { tenant: 'acme' }
    const seen: unknown[] = []
    const withPredicate = compilePolicy({ origins: [(_origin: string, e: unknown) => { seen.push(e); return true }] })
    await judgeOrigin(withPredicate.origins, ['https://p.example'], event)
    expect(seen).toEqual([event])
  })
})

describe('glob matching stays linear in the length of the Origin', () => {
  // The costliest glob accepted: a leftmost * and one * in each other label.
  const worst = 'https://*.a*a.a*a.a*a.a*a.example.com'
  const nearMisses = [
    `https://b.${Array.from({ length: 4 }, () => 'a'.repeat(66)).join('.')}.example.co`,
    `https://b.${'a'.repeat(290)}b.a.a.a.example.com`.slice(0, 320),
    `https://${'a-'.repeat(150)}a.example.com`.slice(0, 320),
  ]

  it('patterns with more than one * in a label, which backtrack catastrophically, are refused', () => {
    for (const pattern of ['https://*-*-*-*-*.example.com', 'https://a*a*a*a.example.com', 'https://*.*-*.example.com']) {
      expect(() => createOriginMatcher(pattern), pattern).toThrow(/more than one \*/)
    }
  })

  it('the costliest accepted glob answers 3,000 near-misses of up to 320 characters well within a second', () => {
    const isAllowed = createOriginMatcher(worst)
    const started = performance.now()
    for (let i = 0; i < 1000; i++) for (const origin of nearMisses) expect(isAllowed(origin)).toBe(false)
    // Tens of microseconds each; a backtracking matcher takes seconds for one.
    expect(performance.now() - started).toBeLessThan(1000)
  })
})
