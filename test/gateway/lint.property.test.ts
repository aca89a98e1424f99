/**
 * Generated Serverless Framework services: one with an OPTIONS route on
 * every path and the generated gateway responses passes the lint; each trap
 * put into it is reported once, at its line.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { lintTemplate } from '../../src/gateway/lint/index.js'
import { gatewayResponses, renderServerless } from '../../src/gateway/index.js'

const RUNS = { seed: 1314, numRuns: Number(process.env.FC_RUNS ?? 40) }
const PATHS = ['/items', '/items/{id}', '/orders', '/orders/{id}/lines', '/{proxy+}']
const route = fc.record({
  path: fc.constantFrom(...PATHS),
  method: fc.constantFrom('GET', 'PUT', 'POST', 'DELETE', 'PATCH'),
  authorizer: fc.boolean(),
})
const routes = fc.uniqueArray(route, { minLength: 1, maxLength: 6, selector: (r) => `${r.method} ${r.path}` })
const GATEWAY = renderServerless(gatewayResponses({ origins: ['https://app.example.com'], credentials: true }, { types: ['DEFAULT_4XX', 'DEFAULT_5XX'] }))

interface Route { path: string; method: string; authorizer: boolean }

/** A serverless.yml, with `cors: true` on route `corsOn` and without the OPTIONS route of `noOptions`. */
function service(list: readonly Route[], corsOn?: number, noOptions?: string): { text: string; corsLine: number | undefined } {
  const lines = ['service: generated', "frameworkVersion: '3'", 'provider:', '  name: aws', 'functions:', '  api:', '    handler: src/api.handler', '    events:']
  let corsLine: number | undefined
  list.forEach((r, i) => {
    lines.push('      - http:', `          method: ${r.method}`, `          path: ${r.path}`)
    if (r.authorizer) lines.push('          authorizer: aws_iam')
    if (i === corsOn) {
      lines.push('          cors: true')
      corsLine = lines.length
    }
  })
  lines.push('  preflight:', '    handler: src/preflight.options', '    events:')
  for (const path of new Set(list.map((r) => r.path))) {
    if (path !== noOptions) lines.push('      - http:', '          method: OPTIONS', `          path: ${path}`)
  }
  if (lines.at(-1) === '    events:') lines.push('      - http: OPTIONS /unused')
  return { text: `${lines.join('\n')}\n${GATEWAY}`, corsLine }
}

describe('lint on generated services', { timeout: 30_000 }, () => {
  it('OPTIONS on every path and the generated gateway responses: nothing to report', () => {
    fc.assert(fc.property(routes, (list) => {
      expect(lintTemplate(service(list).text).findings).toEqual([])
    }), RUNS)
  })

  it('cors: true on one event: one gateway-cors-conflict, at that line', () => {
    fc.assert(fc.property(routes.chain((list) => fc.tuple(fc.constant(list), fc.nat(list.length - 1))), ([list, index]) => {
      const { text, corsLine } = service(list, index)
      const findings = lintTemplate(text).findings
      expect(findings.map((f) => `${f.code}@${f.line}`)).toEqual([`gateway-cors-conflict@${corsLine}`])
    }), RUNS)
  })

  it('a path without its OPTIONS route: one missing-options-route when a route there is preflighted', () => {
    fc.assert(fc.property(routes.chain((list) => fc.tuple(fc.constant(list), fc.constantFrom(...list.map((r) => r.path)))), ([list, path]) => {
      const preflighted = list.some((r) => r.path === path && (r.authorizer || !['GET', 'HEAD'].includes(r.method)))
      const findings = lintTemplate(service(list, undefined, path).text).findings
      expect(findings.map((f) => f.code)).toEqual(preflighted ? ['missing-options-route'] : [])
      if (preflighted) expect(findings[0]?.fix).toContain(`OPTIONS method on ${path}`)
    }), RUNS)
  })
})
