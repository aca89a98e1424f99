/**
 * Every guide names the same things the same way, so that samples from two
 * guides fit together: the policy module `cors-policy.ts` exports
 * `corsPolicy`, and a module that builds the preflight handler exports it as
 * `options` (the name the Serverless, SAM and CDK samples route OPTIONS to).
 */
import { describe, expect, it } from 'vitest'
import { GUIDES, guideFile, samplesOf } from './samples.js'

describe.each(GUIDES.map((guide) => [guideFile(guide), guide]))('%s', (_, guide) => {
  const samples = [...samplesOf(guide).entries()]

  it('cors-policy.ts exports corsPolicy', () => {
    for (const [name, block] of samples.filter(([n]) => n === 'cors-policy.ts')) {
      expect(block.code, name).toMatch(/export const corsPolicy\b/)
    }
  })

  it('a module that builds a preflight handler exports it as options', () => {
    for (const [name, block] of samples) {
      for (const match of block.code.matchAll(/export const (\w+)\s*=\s*preflightHandler\(/g)) expect(match[1], name).toBe('options')
    }
  })

  it('imports the policy module by its one name', () => {
    for (const [name, block] of samples) {
      for (const match of block.code.matchAll(/import \{ ([^}]+) \} from '\.\/cors-policy\.js'/g)) expect(match[1], name).toBe('corsPolicy')
    }
  })
})
