/**
 * The configuration-time shortcut for the usual allowlist entries
 * (`usualEntryRule`: a plain `https://` origin, `https://*.` over a plain
 * host, `http://localhost:*`, taken without the full parser's checks) must
 * never accept what the full parser
 * refuses or normalises: on every generated entry it either declines, or
 * gives exactly the full parser's single rule with no problem, under every
 * setting that changes what patterns are accepted.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parsePatternInFull, usualEntryRule, type PatternContext } from '../../src/origin/pattern.js'
import { ProblemList } from '../../src/policy/problems.js'

const SEED = 20_261_130
const RUNS = Number(process.env.FC_RUNS ?? 400)

const CONTEXTS: readonly PatternContext[] = [
  { credentials: false, dangerouslyAllowNullOrigin: false, dangerouslyAllowInsecureOriginsWithCredentials: false },
  { credentials: true, dangerouslyAllowNullOrigin: false, dangerouslyAllowInsecureOriginsWithCredentials: false },
  { credentials: true, dangerouslyAllowNullOrigin: true, dangerouslyAllowInsecureOriginsWithCredentials: true },
]

/** Labels near the shortcut's edges: digits, `0x`, `xn--`, `_`, hyphens, upper case, Unicode, glob characters. */
const label = fc.oneof(
  fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/),
  fc.stringMatching(/^[0-9]{1,4}$/),
  fc.stringMatching(/^0x[0-9a-f]{0,3}$/),
  fc.stringMatching(/^xn--[a-z0-9-]{1,8}$/),
  fc.stringMatching(/^[a-z0-9_*?!{},-]{1,6}$/),
  fc.constantFrom('A', 'Example', 'ex\u00e4mple', '\u212a', '', 'localhost', '-', '_', '127', '255', 'a'.repeat(63), 'b'.repeat(64)),
  // Public suffixes and the names around them.
  fc.constantFrom('com', 'example', 'github', 'io', 'co', 'uk', 'ac', 'jp', 'netlify', 'app', 'deno', 'dev', 'ck', 'www', 'kawasaki', 'city', 'amazonaws', 'on', 'aws', 'wordpress'),
)
const host = fc.array(label, { minLength: 1, maxLength: 5 }).map((labels) => labels.join('.'))
const entry = fc.oneof(
  { weight: 4, arbitrary: host.map((name) => `https://${name}`) },
  { weight: 4, arbitrary: host.map((name) => `https://*.${name}`) },
  fc.tuple(fc.constantFrom('https://', 'http://', 'HTTPS://', 'https:/', 'wss://', '', 'https://*.', 'https://*', 'http://*.', 'https://*.*.'), host, fc.constantFrom('', '.', ':443', ':8443', ':*', '/', '?', '#x', ' '))
    .map(([scheme, name, tail]) => `${scheme}${name}${tail}`),
  // Long hosts around the 253-character host bound and the 320-character origin bound.
  fc.tuple(fc.constantFrom('https://', 'https://*.'), fc.integer({ min: 240, max: 330 })).map(([start, length]) => `${start}${'a.'.repeat(Math.floor(length / 2))}com`),
  fc.constantFrom('http://localhost:*', 'http://LOCALHOST:*', 'http://localhost:*/', 'https://localhost:*', 'http://localhost:3000', 'http://127.0.0.1:*'),
)

describe('usualEntryRule (the shortcut for the usual allowlist entries)', () => {
  it('declines, or gives exactly the full parser\'s rule without a problem, in every context', () => {
    fc.assert(
      fc.property(entry, (raw) => {
        const shortcut = usualEntryRule(raw)
        if (shortcut === undefined) return
        for (const context of CONTEXTS) {
          const problems = new ProblemList()
          expect(parsePatternInFull(raw, 'origins', context, problems), raw).toEqual([shortcut])
          expect(problems.items, raw).toEqual([])
        }
      }),
      { seed: SEED, numRuns: RUNS * 5 },
    )
  })

  it('takes the usual entries, so the property above is not vacuous', () => {
    for (const raw of ['https://app.example.com', 'https://partner7.example.org', 'https://a_b.example.co.uk', 'https://intranet', `https://${'a.'.repeat(124)}com`]) {
      expect(usualEntryRule(raw), raw).toEqual({ kind: 'exact', origin: raw })
    }
    for (const suffix of ['example.com', 'preview.example.co.uk', 'my-site.netlify.app']) {
      expect(usualEntryRule(`https://*.${suffix}`), suffix).toEqual({ kind: 'subdomains', scheme: 'https', suffix, port: '' })
    }
    expect(usualEntryRule('http://localhost:*')).toEqual({ kind: 'any-port', schemeHost: 'http://localhost' })
  })

  it('leaves every other form to the full parser', () => {
    const declined = [
      'http://app.example.com', 'https://App.example.com', 'https://app.example.com.', 'https://app.example.com:8443',
      'https://127.0.0.1', 'https://example.0x1f', 'https://xn--nxasmq6b.example.com',
      'https://*.github.io', 'https://*.co.uk', 'https://*.com', 'https://*.localhost', 'https://*.*.example.com', 'https://*.example.com:8443',
      'http://localhost:3000', 'http://127.0.0.1:*', 'https://app..example.com', 'https://ex\u00e4mple.com', `https://${'a.'.repeat(126)}com`, `https://${'a'.repeat(313)}`,
    ]
    for (const raw of declined) expect(usualEntryRule(raw), raw).toBeUndefined()
  })
})
