/**
 * Cost independence from the size of the allowlist, shown structurally (no
 * timing): exact, port-wildcard and subdomain-wildcard patterns live in hash
 * sets, and one request does the same number of set look-ups whether the
 * allowlist holds ten patterns or thirty thousand.
 */
import micromatch from 'micromatch'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { compilePolicy, createOriginMatcher, type OriginIndex } from '../../src/index.js'
import { matchStatic } from '../../src/origin/matcher.js'
import { glob } from '../../src/glob.js'

/** `n` distinct names: t0, t1, ... */
const names = (n: number): string[] => Array.from({ length: n }, (_, i) => `t${i}`)

function allowlistOf(n: number): string[] {
  return names(n).flatMap((name) => [
    `https://${name}.example.com`,
    `https://*.${name}.example.net`,
    `http://${name}.localhost:*`,
    `https://*.${name}.deep.example.org:*`,
  ])
}

/** Wraps a set or map so that every `has` and `get` call is counted. */
function counting<T extends ReadonlySet<string> | ReadonlyMap<string, unknown>>(collection: T, counter: { lookups: number }): T {
  return new Proxy(collection, {
    get(target, property) {
      if (property === 'has' || property === 'get') {
        return (value: string) => {
          counter.lookups++
          return (target as unknown as Record<string, (key: string) => unknown>)[property]!.call(target, value)
        }
      }
      const value: unknown = Reflect.get(target, property, target)
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value
    },
  })
}

function countingIndex(index: OriginIndex, counter: { lookups: number }): OriginIndex {
  return {
    ...index,
    exact: counting(index.exact, counter),
    anyPort: counting(index.anyPort, counter),
    subdomains: counting(index.subdomains, counter),
  }
}

const REQUESTS = [
  'https://t7.example.com',
  'https://nope.example.com',
  'https://a.b.t7.example.net',
  'https://t7.example.net',
  'http://t7.localhost:3000',
  'http://t7.localhost.evil.net:3000',
  'https://x.t7.deep.example.org:8443',
  'https://x.y.z.w.v.u.t7.deep.example.org',
  'https://evil.net',
]

describe('the index of a large allowlist', () => {
  const small = compilePolicy({ origins: allowlistOf(10) }).origins
  const large = compilePolicy({ origins: allowlistOf(10_000) }).origins

  it('holds every exact, port-wildcard and subdomain pattern in a hash table, none in a list to scan', () => {
    expect(large.exact.size).toBe(10_000)
    expect(large.anyPort.size).toBe(10_000)
    // one entry per distinct suffix: t<i>.example.net and t<i>.deep.example.org
    expect(large.subdomains.size).toBe(20_000)
    expect(large.subdomains.get('t7.example.net')).toEqual([{ scheme: 'https', port: '' }])
    expect(large.subdomains.get('t7.deep.example.org')).toEqual([{ scheme: 'https', port: '*' }])
    expect(large.globs).toHaveLength(0)
    expect(large.regexps).toHaveLength(0)
    expect(large.predicates).toHaveLength(0)
    // one depth per distinct suffix length, not per pattern
    expect(large.suffixDepths).toEqual([3, 4])
  })

  it.each(REQUESTS)('%s costs the same number of look-ups with 40 and with 40,000 patterns', (origin) => {
    const smallCounter = { lookups: 0 }
    const largeCounter = { lookups: 0 }
    const smallAnswer = matchStatic(countingIndex(small, smallCounter), origin)
    const largeAnswer = matchStatic(countingIndex(large, largeCounter), origin)
    expect(largeCounter.lookups).toBe(smallCounter.lookups)
    // at most: one exact, one port-wildcard, and two per configured suffix depth
    expect(largeCounter.lookups).toBeLessThanOrEqual(2 + large.suffixDepths.length)
    // t7 is in both lists, so both answer the same
    expect(largeAnswer).toBe(smallAnswer)
  })

  it('a refused host with many labels still costs at most one look-up per depth and set', () => {
    const counter = { lookups: 0 }
    const origin = `https://${'a.'.repeat(100)}example.net`
    expect(origin.length).toBeLessThanOrEqual(320)
    expect(matchStatic(countingIndex(large, counter), origin)).toBe('not-allowed')
    expect(counter.lookups).toBeLessThanOrEqual(2 + large.suffixDepths.length)
  })
})

describe('a matcher built from 10,000 patterns of each kind still answers correctly', () => {
  const isAllowed = createOriginMatcher(allowlistOf(10_000))

  it.each([
    ['https://t0.example.com', true],
    ['https://t9999.example.com', true],
    ['https://t10000.example.com', false],
    ['https://x.t0.example.com', false],
    ['https://a.t5000.example.net', true],
    ['https://a.b.c.t9999.example.net', true],
    ['https://t5000.example.net', false],
    ['https://a.t5000.example.net:8443', false],
    ['http://t42.localhost', true],
    ['http://t42.localhost:65535', true],
    ['http://t42.localhost:0', false],
    ['http://t42.localhost.evil.net', false],
    ['https://x.t1234.deep.example.org:9000', true],
    ['https://t1234.deep.example.org', false],
    ['https://x.t1234.deep.example.org.evil.net', false],
    ['https://evilt0.example.com', false],
  ] as const)('%s -> %s', (origin, expected) => {
    expect(isAllowed(origin)).toBe(expected)
  })
})

describe('the per-request path never compiles a pattern', () => {
  afterEach(() => {
    vi.restoreAllMocks()
  })

  it('builds globs once; matching calls no micromatch function', () => {
    const makeRe = vi.spyOn(micromatch, 'makeRe')
    const isAllowed = createOriginMatcher([glob('https://pr-*.example.com'), glob('https://{app,admin}.example.org'), 'https://*.example.net', /^https:\/\/r[0-9]\.example\.io$/])
    expect(makeRe).toHaveBeenCalled() // the spy does see the library's calls: here, at construction
    makeRe.mockClear()
    const spies = (['makeRe', 'braces', 'isMatch', 'matcher', 'match', 'contains', 'some', 'every', 'all', 'any', 'not'] as const)
      .map((name) => vi.spyOn(micromatch, name))
    const answers = ['https://pr-1.example.com', 'https://x.example.com', 'https://admin.example.org', 'https://a.example.net', 'https://r1.example.io', 'https://r12.example.io']
      .map((origin) => isAllowed(origin))
    expect(answers).toEqual([true, false, true, true, true, false])
    for (const spy of spies) expect(spy).not.toHaveBeenCalled()
  })
})
