/**
 * What docs/options.md says of the newer options is what the code does:
 * cacheControl's documented fix is the real one, and privateNetwork is
 * described as the browsers treat it today (Local Network Access in Chrome).
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { compilePolicy } from '../../src/index.js'
import { problemsOf } from '../support/problems.js'

const doc = readFileSync(new URL('../../docs/options.md', import.meta.url), 'utf8')
const section = (name: string): string => doc.slice(doc.indexOf(`### \`${name}\``)).split('\n### ')[0] as string

describe('docs/options.md', () => {
  it('cacheControl: the documented fix is the one CorsConfigError gives, for each refused value it names', () => {
    const text = section('cacheControl').replace(/\s+/g, ' ')
    for (const value of ['', 600, 'max age=600', 'only-if-cached']) {
      const [problem] = problemsOf(() => compilePolicy({ origins: ['https://app.example.com'], cacheControl: value as string }))
      expect(text).toContain(`\`${problem?.fix}\``)
    }
    for (const accepted of ['max-age=600', 'public, s-maxage=3600', 'no-store']) {
      expect(text).toContain(`'${accepted}'`)
      expect(compilePolicy({ origins: ['https://app.example.com'], cacheControl: accepted }).preflightCacheControl).toBe(accepted)
    }
  })

  it('privateNetwork: says where browsers stand (Chromium only, replaced by Local Network Access)', () => {
    const text = section('privateNetwork').replace(/\s+/g, ' ')
    expect(text).toContain('Local Network Access')
    expect(text).toContain('Firefox and Safari send neither')
    expect(text).toContain('No response header grants that permission')
  })

  it('methods: the documented fix for a lower-case custom method is the real one', () => {
    const [problem] = problemsOf(() => compilePolicy({ origins: ['https://app.example.com'], methods: ['patch'] }))
    expect(section('methods').replace(/\s+/g, ' ')).toContain(`\`${problem?.fix}\``)
  })
})
