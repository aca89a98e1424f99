/**
 * The demo's scenarios: every one runs in `npm run demo` (every role has an
 * origin of its own, on *.localhost names), no two rows are the same test,
 * and each row's origin is the one the policies treat as the row says.
 */
import { describe, expect, it } from 'vitest'
import { demoPolicies } from '../demo/api/policies.js'
import { demoPlan, originRoles, type OriginRole } from '../demo/origins.js'
import { scenarios } from '../demo/scenarios.js'
import { createOriginMatcher } from '../src/index.js'

const plan = demoPlan({ api: 8787, page: 8788, otherPage: 8789 })

describe('the demo scenarios', () => {
  it('every role has its own origin, on a *.localhost name (or localhost), distinct from the API', () => {
    const origins = Object.values(plan.pages)
    expect(new Set(origins).size).toBe(Object.keys(originRoles).length)
    for (const origin of [...origins, plan.api]) expect(new URL(origin).hostname).toMatch(/(^|\.)localhost$/)
    expect(origins).not.toContain(plan.api)
  })

  it('no two rows are the same test', () => {
    const keys = scenarios.map((s) => JSON.stringify([s.from, s.sandboxed ?? false, s.policy, s.steps]))
    expect(new Set(keys).size).toBe(scenarios.length)
    expect(new Set(scenarios.map((s) => s.id)).size).toBe(scenarios.length)
    expect(new Set(scenarios.map((s) => s.title)).size).toBe(scenarios.length)
  })

  it('each simple-GET row expects what the policy decides for the origin it really sends from', () => {
    const policies = demoPolicies(8788)
    for (const scenario of scenarios.filter((s) => !s.sandboxed && s.steps.length === 1 && s.steps[0]?.route === 'items' && s.steps[0].headers === undefined)) {
      const policy = policies[scenario.policy]
      const matcher = createOriginMatcher(policy.origins as string[], { credentials: policy.credentials ?? false })
      const allowed = matcher(plan.pages[scenario.from as OriginRole]) as boolean
      expect(allowed ? 'readable' : 'blocked', scenario.id).toBe(scenario.expect)
    }
  })

  it('rows carry no numbering from elsewhere: only what the page shows', () => {
    for (const scenario of scenarios) expect(Object.keys(scenario).sort()).not.toContain('issue')
  })
})
