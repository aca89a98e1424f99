import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Flavor } from '../../demo/api/mounts.js'
import { flavorNames } from '../../demo/api/mounts.js'
import type { SeenRequest } from '../../demo/gateway/request-log.js'
import type { StepObservation } from '../../demo/scenarios.js'
import type { Harness, ScenarioRun } from './support/harness.js'
import { runScenario, startHarness } from './support/harness.js'
import { onlyRequest, requestsWithMethod, responseHeaderValues, variesOnOrigin } from './support/server-view.js'

// The demo's scenarios, each run in headless Chromium from the origin it
// names (*.localhost names, which Chromium resolves to loopback itself). The
// describe.each runs every scenario through the REST 1.0 route, the HTTP API
// 2.0 route, and the REST route whose OPTIONS go to the standalone
// preflightHandler.

let harness: Harness

beforeAll(async () => {
  harness = await startHarness()
})

afterAll(async () => {
  await harness?.close()
})

function lastStep(run: ScenarioRun): StepObservation {
  const step = run.observation.steps.at(-1)
  if (!step) throw new Error('the scenario made no request')
  return step
}

/** The console line(s) Chromium printed for a block, for asserting it names the real cause. */
function corsConsoleLine(run: ScenarioRun): string {
  return run.console.filter((message) => message.includes('blocked by CORS policy')).join('\n')
}

function expectReadable(run: ScenarioRun, step: StepObservation, status: number): void {
  const why = `page JavaScript should read the response, got ${step.error ?? ''}\n${corsConsoleLine(run)}`
  expect(step, why).toMatchObject({ outcome: 'readable', status })
}

/** Blocked by the browser's CORS check (not, say, a connection failure): fetch rejects and Chromium says why. */
function expectBlockedByCors(run: ScenarioRun, step: StepObservation = lastStep(run)): void {
  expect(step.outcome).toBe('blocked')
  expect(step.error).toMatch(/^TypeError: /)
  expect(run.console.join('\n')).toMatch(/has been blocked by CORS policy/)
}

/** A preflight was answered by the CORS layer: the business code never saw it. */
function expectPreflightAnsweredByCors(entry: SeenRequest, flavor: Flavor): void {
  expect(entry.method).toBe('OPTIONS')
  expect(entry.businessRan).toBe(false)
  expect(entry.handler).toBe(flavor === 'split' ? 'preflightHandler' : 'middy')
}

describe.each(flavorNames)('16. through /%s', (flavor) => {
  it('1. a simple GET from an allowed origin is readable, with Vary: Origin', async () => {
    const run = await runScenario(harness, 'allowed-get', flavor)
    const step = lastStep(run)
    expectReadable(run, step, 200)
    expect(JSON.parse(step.body ?? '')).toEqual({ items: ['espresso', 'flat white', 'cortado'] })
    const get = onlyRequest(run.seen, 'GET')
    expect(get.businessRan).toBe(true)
    expect(responseHeaderValues(get, 'access-control-allow-origin')).toEqual([harness.originOf('app')])
    expect(variesOnOrigin(get)).toBe(true)
    expect(requestsWithMethod(run.seen, 'OPTIONS')).toHaveLength(0)
  })

  it('2. a simple GET from a disallowed origin is blocked', async () => {
    const run = await runScenario(harness, 'disallowed-get', flavor)
    expectBlockedByCors(run)
    const get = onlyRequest(run.seen, 'GET')
    expect(get.origin).toBe(harness.originOf('evil'))
    expect(responseHeaderValues(get, 'access-control-allow-origin')).toEqual([])
    expect(get.refusals.map(({ reason, origin }) => ({ reason, origin }))).toEqual([{ reason: 'origin-not-allowed', origin: harness.originOf('evil') }])
  })

  it('3. a wildcard subdomain is allowed at one and two levels', async () => {
    for (const id of ['subdomain', 'nested-subdomain']) {
      const run = await runScenario(harness, id, flavor)
      expectReadable(run, lastStep(run), 200)
      const get = onlyRequest(run.seen, 'GET')
      expect(responseHeaderValues(get, 'access-control-allow-origin')).toEqual([run.observation.origin])
    }
  })

  it('3. the apex domain is allowed only when listed', async () => {
    const unlisted = await runScenario(harness, 'apex-unlisted', flavor)
    expectBlockedByCors(unlisted)
    const listed = await runScenario(harness, 'apex-listed', flavor)
    expectReadable(listed, lastStep(listed), 200)
    expect(responseHeaderValues(onlyRequest(listed.seen, 'GET'), 'access-control-allow-origin')).toEqual([harness.originOf('apex')])
  })

  it('4. the allowed host on another port is blocked: the port is part of the origin', async () => {
    const run = await runScenario(harness, 'other-port', flavor)
    expectBlockedByCors(run)
    expect(onlyRequest(run.seen, 'GET').origin).toBe(harness.originOf('otherPort'))
    expect(harness.originOf('otherPort')).not.toBe(harness.originOf('app'))
    expect(new URL(harness.originOf('otherPort')).hostname).toBe(new URL(harness.originOf('app')).hostname)
  })

  it('5. lookalike origins are blocked', async () => {
    for (const [id, origin] of [
      ['lookalike-suffix', harness.originOf('lookalikeSuffix')],
      ['lookalike-glued', harness.originOf('lookalikeGlued')],
    ] as const) {
      const run = await runScenario(harness, id, flavor)
      expectBlockedByCors(run)
      const get = onlyRequest(run.seen, 'GET')
      expect(get.origin).toBe(origin)
      expect(responseHeaderValues(get, 'access-control-allow-origin')).toEqual([])
    }
  })

  it('6. a localhost dev origin on an arbitrary port is allowed by http://localhost:*', async () => {
    const run = await runScenario(harness, 'localhost-port', flavor)
    expect(run.observation.origin).toMatch(/^http:\/\/localhost:\d+$/)
    expectReadable(run, lastStep(run), 200)
    expect(responseHeaderValues(onlyRequest(run.seen, 'GET'), 'access-control-allow-origin')).toEqual([run.observation.origin])
  })

  it('7. Origin: null from a sandboxed iframe is blocked', async () => {
    const run = await runScenario(harness, 'null-origin', flavor)
    expect(run.observation.origin).toBe('null')
    expectBlockedByCors(run)
    const get = onlyRequest(run.seen, 'GET')
    expect(get.origin).toBe('null')
    expect(responseHeaderValues(get, 'access-control-allow-origin')).toEqual([])
  })

  it('8. a PUT with JSON and a custom header: one preflight, then the PUT; the business never saw the OPTIONS', async () => {
    const run = await runScenario(harness, 'preflighted-put', flavor)
    const step = lastStep(run)
    expectReadable(run, step, 200)
    expect(JSON.parse(step.body ?? '')).toEqual({ method: 'PUT', received: { drink: 'cortado' }, xCustom: 'demo' })
    expect(run.seen.map((entry) => entry.method)).toEqual(['OPTIONS', 'PUT'])
    expectPreflightAnsweredByCors(onlyRequest(run.seen, 'OPTIONS'), flavor)
    expect(onlyRequest(run.seen, 'PUT').businessRan).toBe(true)
  })

  it('9. a preflight from a disallowed origin fails; the PUT is never sent', async () => {
    const run = await runScenario(harness, 'preflight-disallowed-origin', flavor)
    expectBlockedByCors(run)
    expect(run.seen.map((entry) => entry.method)).toEqual(['OPTIONS'])
    expectPreflightAnsweredByCors(onlyRequest(run.seen, 'OPTIONS'), flavor)
    expect(corsConsoleLine(run)).toContain(
      "Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present",
    )
    expect(onlyRequest(run.seen, 'OPTIONS').refusals.map((refusal) => refusal.reason)).toEqual(['origin-not-allowed'])
  })

  it('9. a preflight for a disallowed method fails and the console names the method', async () => {
    const run = await runScenario(harness, 'disallowed-method', flavor)
    expectBlockedByCors(run)
    expect(run.seen.map((entry) => entry.method)).toEqual(['OPTIONS'])
    expectPreflightAnsweredByCors(onlyRequest(run.seen, 'OPTIONS'), flavor)
    expect(corsConsoleLine(run)).toContain('Method PATCH is not allowed by Access-Control-Allow-Methods in preflight response.')
    expect(onlyRequest(run.seen, 'OPTIONS').refusals.map((refusal) => refusal.reason)).toEqual(['method-not-allowed'])
  })

  it('9. a preflight for a disallowed header fails and the console names the header', async () => {
    const run = await runScenario(harness, 'disallowed-header', flavor)
    expectBlockedByCors(run)
    expect(run.seen.map((entry) => entry.method)).toEqual(['OPTIONS'])
    expectPreflightAnsweredByCors(onlyRequest(run.seen, 'OPTIONS'), flavor)
    expect(corsConsoleLine(run)).toContain(
      'Request header field x-other is not allowed by Access-Control-Allow-Headers in preflight response.',
    )
    expect(onlyRequest(run.seen, 'OPTIONS').refusals.map((refusal) => refusal.reason)).toEqual(['headers-not-allowed'])
  })

  it('10. an Authorization header is allowed when listed and reaches the handler', async () => {
    const run = await runScenario(harness, 'authorization', flavor)
    expectReadable(run, lastStep(run), 200)
    expect(run.seen.map((entry) => entry.method)).toEqual(['OPTIONS', 'GET'])
    expect(onlyRequest(run.seen, 'GET').businessSaw.authorization).toBe('Bearer demo-token')
  })

  it('11. a credentialed fetch carries the cookie to the handler and is readable', async () => {
    const run = await runScenario(harness, 'cookie', flavor)
    for (const step of run.observation.steps) expectReadable(run, step, 200)
    const whoami = onlyRequest(run.seen, 'GET')
    expect(whoami.businessSaw.cookie).toMatch(/^session=[0-9a-f-]{36}$/)
    expect(JSON.parse(lastStep(run).body ?? '')).toEqual({ cookies: [whoami.businessSaw.cookie] })
    expect(responseHeaderValues(whoami, 'access-control-allow-credentials')).toEqual(['true'])
  })

  it('11. the same fetch is blocked when the policy has credentials off', async () => {
    const run = await runScenario(harness, 'cookie-policy-without-credentials', flavor)
    for (const step of run.observation.steps) expectBlockedByCors(run, step)
    expect(corsConsoleLine(run)).toContain(
      "The value of the 'Access-Control-Allow-Credentials' header in the response is '' which must be 'true' when the request's credentials mode is 'include'.",
    )
    for (const entry of run.seen) expect(responseHeaderValues(entry, 'access-control-allow-credentials')).toEqual([])
  })

  it('12. an exposed header is readable from JavaScript; an unexposed one is null', async () => {
    const run = await runScenario(harness, 'exposed-headers', flavor)
    const step = lastStep(run)
    expectReadable(run, step, 200)
    expect(step.headers).toEqual({ 'X-Request-Id': 'req-42', 'X-Internal-Trace': null })
    // The server did send both: the browser hid the unexposed one.
    const get = onlyRequest(run.seen, 'GET')
    expect(responseHeaderValues(get, 'x-internal-trace')).toEqual(['trace-7'])
  })

  it('13. a thrown error (500), a thrown 401 and a 404 are readable cross-origin', async () => {
    const expected = [
      ['thrown-500', 500, 'Internal Server Error'],
      ['http-401', 401, 'Log in first'],
      ['not-found', 404, 'No route for GET /nowhere'],
    ] as const
    for (const [id, status, body] of expected) {
      const run = await runScenario(harness, id, flavor)
      const step = lastStep(run)
      expectReadable(run, step, status)
      expect(step.body).toBe(body)
      expect(onlyRequest(run.seen, 'GET').gatewayError).toBeNull()
    }
  })

  it('14. within maxAge a second identical preflighted request sends no OPTIONS', async () => {
    const run = await runScenario(harness, 'max-age', flavor)
    for (const step of run.observation.steps) expectReadable(run, step, 200)
    expect(run.seen.map((entry) => entry.method)).toEqual(['OPTIONS', 'PUT', 'PUT'])
    expect(responseHeaderValues(onlyRequest(run.seen, 'OPTIONS'), 'access-control-max-age')).toEqual(['600'])
  })

  it('15. a handler that sets its own Access-Control-Allow-Origin still works: one header, the exact origin', async () => {
    const run = await runScenario(harness, 'own-acao', flavor)
    expectReadable(run, lastStep(run), 200)
    const get = onlyRequest(run.seen, 'GET')
    expect(get.businessRan).toBe(true)
    expect(responseHeaderValues(get, 'access-control-allow-origin')).toEqual([harness.originOf('app')])
  })
})
