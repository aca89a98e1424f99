/**
 * The indexed allowlist in corners found by mutation testing: the entries a
 * port or subdomain wildcard adds to the index hold exactly the schemes and
 * ports listed (nothing else), the empty allowlist's fix, and IPv6 origins
 * beside subdomain wildcards.
 */
import { describe, expect, it } from 'vitest'
import { compilePolicy, createOriginMatcher } from '../../src/index.js'
import { problemsOf } from '../support/problems.js'

describe('the index of port and subdomain wildcards', () => {
  it('lists, per host or suffix, exactly the schemes and ports written', () => {
    // OriginIndex is public (policy.origins): tools read it to show what an allowlist allows.
    const { origins } = compilePolicy({
      origins: ['http://localhost:*', 'https://localhost:*', 'https://*.example.com', 'https://*.example.com:8443', 'https://*.preview.example.net:*'],
    })
    expect([...origins.anyPort]).toEqual([['localhost', ['http', 'https']]])
    expect([...origins.subdomains]).toEqual([
      ['example.com', [{ scheme: 'https', port: '' }, { scheme: 'https', port: '8443' }]],
      ['preview.example.net', [{ scheme: 'https', port: '*' }]],
    ])
    expect(origins.suffixDepths).toEqual([2, 3])
  })
})

describe('an empty allowlist', () => {
  it.each([
    ['createOriginMatcher', () => createOriginMatcher([]), 'patterns'],
    ['compilePolicy', () => compilePolicy({ origins: [] }), 'origins'],
  ])('%s: refused with a fix that names an origin to list', (_, build, option) => {
    expect(problemsOf(build)).toEqual([{
      option,
      value: '[]',
      reason: 'an empty allowlist allows nothing.',
      fix: "list at least one origin, such as 'https://app.example.com'.",
    }])
  })
})

describe('IPv6 origins beside subdomain wildcards', () => {
  it('match only their own entries, never a wildcard suffix', () => {
    // A bracketed host has no dot, so no suffix of it is ever looked up.
    const isAllowed = createOriginMatcher(['https://*.example.com', 'http://[::1]:*', 'https://[2001:db8::1]'])
    expect(isAllowed('http://[::1]:5173')).toBe(true)
    expect(isAllowed('https://[2001:db8::1]')).toBe(true)
    expect(isAllowed('https://[2001:db8::2]')).toBe(false)
    expect(isAllowed('https://api.example.com')).toBe(true)
  })
})
