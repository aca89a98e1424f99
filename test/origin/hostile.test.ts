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
