/**
 * Our Public Suffix List lookup (src/origin/public-suffix.ts over the
 * generated public-suffix-data.ts) against tldts, an independent PSL engine
 * over the same list: every rule of the list, under and beside it.
 */
import { getPublicSuffix } from 'tldts'
import { describe, expect, it } from 'vitest'
import { PUBLIC_SUFFIX_RULES, PUBLIC_SUFFIX_RULE_COUNT } from '../../src/origin/public-suffix-data.js'
import { isPublicSuffix, publicSuffixOf } from '../../src/origin/public-suffix.js'

const TLDTS = { allowPrivateDomains: true, extractHostname: false, validateHostname: false, detectIp: false } as const
const OWN = /(^|\.)(amazonaws\.com|on\.aws)$/

const rules = PUBLIC_SUFFIX_RULES.trim().split(' ').flatMap((group) => {
  const [parent, firsts] = group.split(':') as [string, string]
  return firsts.split(',').map((first) => `${first}.${parent}`)
})

describe('the generated list', () => {
  it('holds the number of rules it says, ICANN and private, with PSL wildcards and exceptions', () => {
    expect(rules).toHaveLength(PUBLIC_SUFFIX_RULE_COUNT)
    expect(new Set(rules).size).toBe(rules.length)
    for (const rule of ['co.uk', 'ac.jp', 'github.io', 'deno.dev', 'repl.co', '*.ck', '!www.ck', '*.kawasaki.jp', '!city.kawasaki.jp', '1.azurestaticapps.net']) {
      expect(rules, rule).toContain(rule)
    }
    // Every label is ASCII: request hosts are punycode.
    for (const rule of rules) expect(rule, rule).toMatch(/^!?(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)+$|^\*\.[a-z0-9-]+$/)
  })

  it('is imported as one string, not parsed at import', async () => {
    const module = await import('../../src/origin/public-suffix-data.js')
    expect(Object.keys(module).sort()).toEqual(['PUBLIC_SUFFIX_RULES', 'PUBLIC_SUFFIX_RULE_COUNT'])
    expect(typeof module.PUBLIC_SUFFIX_RULES).toBe('string')
  })
})

type PublicSuffixModule = typeof import('../../src/origin/public-suffix.js')
let instances = 0
/**
 * A new instance of the module, its look-up count and set not yet built, as
 * on a cold start. A query in the specifier makes a separate instance without
 * clearing the module registry: vi.resetModules() would make the next file of
 * the same worker evaluate the whole library again inside its first test,
 * which hides module-level constants from mutation testing's static check.
 */
async function freshInstance(): Promise<PublicSuffixModule> {
  instances++
  const specifier = `../../src/origin/public-suffix.js?instance=${instances}`
  return (await import(/* @vite-ignore */ specifier)) as PublicSuffixModule
}

describe('publicSuffixOf agrees with tldts on every rule of the list', () => {
  const hosts = rules.flatMap((rule) => {
    const name = rule.replace(/^!/, '').replace(/^\*\./, 'any.')
    return [name, `x.${name}`, `a.b.${name}`, name.slice(name.indexOf('.') + 1)]
  })

  it(`on ${hosts.length} hosts derived from the rules`, () => {
    for (const host of hosts) {
      if (OWN.test(host)) continue
      const expected = getPublicSuffix(host, TLDTS)
      const ours = publicSuffixOf(host)
      // wordpress.com is our own addition, beyond the list.
      if (host === 'wordpress.com' || host.endsWith('.wordpress.com')) continue
      expect(ours, host).toBe(expected)
    }
  })

  it('finds the first and the last group of the literal by searching it, before any set is built', async () => {
    const fresh = await freshInstance()
    const groups = PUBLIC_SUFFIX_RULES.trim().split(' ')
    for (const group of [groups[0], groups.at(-1)] as string[]) {
      const [parent, firsts] = group.split(':') as [string, string]
      for (const first of firsts.split(',')) {
        const name = `${first}.${parent}`.replace(/^!/, '').replace(/^\*\./, 'any.')
        expect(fresh.publicSuffixOf(`x.${name}`), name).toBe(getPublicSuffix(`x.${name}`, TLDTS))
      }
    }
  })

  it('counts our additions as shared on a cold start too, while it still searches the literal', async () => {
    // None of them is in the literal: the search must add wordpress.com as
    // the set does, or a cold start with a few wildcard patterns would accept
    // https://*.wordpress.com that a warm one refuses. A fresh import also
    // makes the module's own lists part of this test.
    const fresh = await freshInstance()
    expect(fresh.isPublicSuffix('wordpress.com')).toBe(true)
    expect(fresh.publicSuffixOf('blog.wordpress.com')).toBe('wordpress.com')
    expect(fresh.isPublicSuffix('abc.execute-api.us-east-1.amazonaws.com')).toBe(true)
    expect(fresh.isPublicSuffix('x.lambda-url.eu-west-1.on.aws')).toBe(true)
  })

  it('answers alike once the set replaces the search, from a fresh import', async () => {
    // The set is built on a module instance's 257th look-up: a fresh import
    // makes that build part of this test, and the later hosts are answered by it.
    const fresh = await freshInstance()
    const sample = hosts.filter((host, i) => i % 50 === 0 && !OWN.test(host) && !/(^|\.)wordpress\.com$/.test(host))
    for (const host of sample) expect(fresh.publicSuffixOf(host), host).toBe(getPublicSuffix(host, TLDTS))
    expect(fresh.isPublicSuffix('wordpress.com')).toBe(true)
  })

  it('applies PSL wildcard and exception rules', () => {
    expect(publicSuffixOf('a.foo.ck')).toBe('foo.ck')
    expect(publicSuffixOf('a.www.ck')).toBe('ck')
    expect(isPublicSuffix('www.ck')).toBe(false)
    expect(isPublicSuffix('foo.kawasaki.jp')).toBe(true)
    expect(isPublicSuffix('city.kawasaki.jp')).toBe(false)
    expect(publicSuffixOf('example.unknowntld')).toBe('unknowntld')
  })

  it('counts every name under amazonaws.com and on.aws, and wordpress.com, as shared (our additions)', () => {
    for (const name of ['amazonaws.com', 'us-east-1.elb.amazonaws.com', 'abc.execute-api.us-east-1.amazonaws.com', 'on.aws', 'x.lambda-url.eu-west-1.on.aws', 'wordpress.com']) {
      expect(isPublicSuffix(name), name).toBe(true)
    }
    expect(publicSuffixOf('blog.wordpress.com')).toBe('wordpress.com')
    expect(isPublicSuffix('example.com')).toBe(false)
  })
})
