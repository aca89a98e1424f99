import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Flavor } from '../../demo/api/mounts.js'
import { flavorNames } from '../../demo/api/mounts.js'
import { demoPolicies } from '../../demo/api/policies.js'
import { hosts } from '../../demo/origins.js'
import { scenarios, type FetchStep, type ScenarioSpec } from '../../demo/scenarios.js'
import { main } from '../../src/cli/main.js'
import { explain, type CorsExplanation, type ExplainRequest } from '../../src/doctor/index.js'
import {
  authorizerUnauthorized,
  corsActual,
  corsPreflight,
  gatewayInternalError,
  missingAuthenticationToken,
  type CannedAnswer,
} from '../support/gateway-answers.js'
import { startAnsweringServer, type AnsweringServer, type ReceivedRequest } from '../cli/support/answering-server.js'
import type { Harness, ScenarioRun } from './support/harness.js'
import { runScenario, startHarness } from './support/harness.js'

// The doctor against Chromium: for every scenario of the demo, explain()
// (offline, from the policy) and `lambda-cors check` (over the network,
// against the same API) predict what Chromium did (allowed or blocked, and
// at which step), and the console line they predict is the one Chromium
// printed, URL and origin included.

let harness: Harness
let apiAddress: string

beforeAll(async () => {
  harness = await startHarness()
  // Chromium resolves api.example.localhost to loopback by itself; Node's
  // resolver need not, so the check connects to the API's port on 127.0.0.1
  // (keeping the Host header, as Chromium sends it).
  apiAddress = `127.0.0.1:${new URL(harness.demo.apiUrl).port}`
})

afterAll(async () => {
  await harness?.close()
})

const CORS_LINE = /has been blocked by CORS policy/

function requestOf(run: ScenarioRun, step: FetchStep, index: number): ExplainRequest {
  const observed = run.observation.steps[index]
  if (observed === undefined) throw new Error(`step ${index} was not observed`)
  return {
    url: observed.url,
    origin: run.observation.origin,
    method: step.method,
    headers: step.headers ?? {},
    credentials: step.credentials === 'include',
  }
}

/** `lambda-cors check --json` for one request, in-process, to the demo API. */
async function check(request: ExplainRequest): Promise<CorsExplanation> {
  const args = ['check', request.url ?? '', '--origin', request.origin, '--method', request.method, '--connect-to', apiAddress, '--json']
  for (const [name, value] of Object.entries(request.headers ?? {})) args.push('--header', `${name}: ${value}`)
  if (request.credentials === true) args.push('--credentials')
  let stdout = ''
  let stderr = ''
  const code = await main(args, { stdout: (text) => { stdout += text }, stderr: (text) => { stderr += text }, isTTY: false, env: {}, cwd: process.cwd() })
  expect(stderr).toBe('')
  const result = JSON.parse(stdout) as CorsExplanation
  expect(code).toBe(result.verdict === 'allowed' ? 0 : 1)
  return result
}

/**
 * The requests Chromium sends for the steps, given each step's prediction:
 * a preflight when needed (unless an identical one already passed: the
 * preflight cache), then the request unless the preflight failed.
 */
function predictedRequests(steps: readonly FetchStep[], predictions: readonly CorsExplanation[]): string[] {
  const cached = new Set<string>()
  const methods: string[] = []
  steps.forEach((step, index) => {
    const prediction = predictions[index] as CorsExplanation
    const key = JSON.stringify([step.route, step.method, step.headers ?? {}, step.credentials ?? 'same-origin'])
    if (prediction.preflight.needed && !cached.has(key)) {
      methods.push('OPTIONS')
      if (prediction.blockedAt !== 'preflight') cached.add(key)
    }
    if (prediction.blockedAt !== 'preflight') methods.push(step.method)
  })
  return methods
}

function predictedConsoleLines(predictions: readonly CorsExplanation[]): string[] {
  return predictions.flatMap((prediction) => prediction.problems.filter((problem) => problem.severity === 'error').map((problem) => problem.message))
}

async function expectPredictionsMatchChromium(scenario: ScenarioSpec, flavor: Flavor): Promise<void> {
  const run = await runScenario(harness, scenario.id, flavor)
  const seenMethods = run.seen.map((entry) => entry.method)
  const chromiumLines = run.console.filter((line) => CORS_LINE.test(line))
  const requests = scenario.steps.map((step, index) => requestOf(run, step, index))

  const policy = demoPolicies(Number(new URL(harness.demo.pageUrl).port))[scenario.policy]
  const explained = requests.map((request) => explain(policy, request))
  const checked: CorsExplanation[] = []
  for (const request of requests) checked.push(await check(request))

  for (const [source, predictions] of [['explain()', explained], ['check', checked]] as const) {
    const why = `${source} for ${scenario.id} via ${flavor}`
    expect(predictions.map((prediction) => prediction.verdict), why).toEqual(
      run.observation.steps.map((step) => (step.outcome === 'readable' ? 'allowed' : 'blocked')),
    )
    expect(predictedRequests(scenario.steps, predictions), why).toEqual(seenMethods)
    expect(predictedConsoleLines(predictions), why).toEqual(chromiumLines)
  }
}

describe.each(flavorNames)('doctor vs Chromium through /%s', (flavor) => {
  it.each(scenarios.map((scenario) => [scenario.id, scenario] as const))('%s', async (_id, scenario) => {
    await expectPredictionsMatchChromium(scenario, flavor)
  })
})

// Answers only a deployment gives (API Gateway's own errors, two CORS
// layers, hand-written headers): Chromium fetches them from the app origin,
// and `lambda-cors check` must say what Chromium said, word for word.

interface DeployedCase {
  name: string
  code: string | null
  /** A warning the check must add. */
  warning?: string
  init: { method: string; headers?: Record<string, string>; credentials?: 'include' }
  /** How the deployment answers, given the page origin Chromium sends (the demo's app page). */
  answer: (app: string) => (request: ReceivedRequest) => CannedAnswer
}

function answers(preflight: CannedAnswer, actual: CannedAnswer) {
  return (request: ReceivedRequest): CannedAnswer => (request.method === 'OPTIONS' ? preflight : actual)
}

const deployedCases: DeployedCase[] = [
  { name: 'API Gateway REST without an OPTIONS method', code: 'preflight-not-routed', init: { method: 'DELETE' }, answer: (app) => answers(missingAuthenticationToken(), corsActual(app)) },
  { name: 'an authorizer 401', code: 'error-without-cors', init: { method: 'GET' }, answer: (app) => answers(corsPreflight(app), authorizerUnauthorized()) },
  { name: 'an integration 502', code: 'error-without-cors', init: { method: 'GET' }, answer: (app) => answers(corsPreflight(app), gatewayInternalError()) },
  {
    name: 'the gateway and the function both answer', code: 'duplicate-allow-origin', init: { method: 'GET' },
    answer: (app) => answers(corsPreflight(app), { ...corsActual(app), headerLines: [...corsActual(app).headerLines, ['Access-Control-Allow-Origin', '*']] }),
  },
  { name: 'a hard-coded origin', code: 'allow-origin-mismatch', init: { method: 'GET' }, answer: (app) => answers(corsPreflight(app), corsActual(`http://admin.${hosts.apex}:${new URL(app).port}`)) },
  { name: 'a host without a scheme', code: 'allow-origin-mismatch', init: { method: 'GET' }, answer: (app) => answers(corsPreflight(app), corsActual(new URL(app).host)) },
  { name: '* with credentials', code: 'wildcard-with-credentials', init: { method: 'GET', credentials: 'include' }, answer: (app) => answers(corsPreflight(app), corsActual('*')) },
  {
    name: 'Allow-Credentials: True on the preflight', code: 'missing-allow-credentials', init: { method: 'PUT', credentials: 'include' },
    answer: (app) => answers({ ...corsPreflight(app), headerLines: [...corsPreflight(app).headerLines, ['Access-Control-Allow-Credentials', 'True']] }, corsActual(app, { credentials: true })),
  },
  { name: 'a 404 preflight with CORS headers', code: 'preflight-status', init: { method: 'PUT' }, answer: (app) => answers({ ...corsPreflight(app), status: 404 }, corsActual(app)) },
  {
    name: 'a redirected preflight', code: 'preflight-redirect', init: { method: 'PUT' },
    answer: (app) => answers({ status: 301, headerLines: [['Location', '/elsewhere'], ['Access-Control-Allow-Origin', app]], body: '' }, corsActual(app)),
  },
  {
    // Only 301, 302, 303, 307 and 308 with a Location are redirects: other
    // 3xx answers, and a redirect status without a target, fail as not ok.
    name: 'a 302 preflight with an empty Location', code: 'preflight-status', init: { method: 'PUT' },
    answer: (app) => answers({ status: 302, headerLines: [['Location', ''], ['Access-Control-Allow-Origin', app]], body: '' }, corsActual(app)),
  },
  {
    name: 'a 300 preflight with a Location', code: 'preflight-status', init: { method: 'PUT' },
    answer: (app) => answers({ status: 300, headerLines: [['Location', '/elsewhere'], ['Access-Control-Allow-Origin', app]], body: '' }, corsActual(app)),
  },
  {
    // The Fetch standard lets page script set User-Agent (so a preflight would
    // be needed for it); Chromium drops it and sends its own, without one.
    name: 'a User-Agent set by page script', code: null, init: { method: 'GET', headers: { 'User-Agent': 'orders-app/2.1' } },
    answer: (app) => answers(corsPreflight(app), corsActual(app)),
  },
  { name: 'an unparsable Allow-Methods', code: 'invalid-allow-list', init: { method: 'PUT' }, answer: (app) => answers(corsPreflight(app, { methods: 'GET; PUT' }), corsActual(app)) },
  {
    // Chromium allows it (the standard does not): the doctor says allowed, and warns.
    name: "Authorization under a literal '*'", code: null, warning: 'authorization-covered-by-wildcard', init: { method: 'GET', headers: { Authorization: 'Bearer t' } },
    answer: (app) => answers(corsPreflight(app, { headers: '*' }), corsActual(app)),
  },
  {
    name: "'*' for headers without credentials", code: null, init: { method: 'GET', headers: { 'X-Anything': '1' } },
    answer: (app) => answers(corsPreflight(app, { headers: '*' }), corsActual(app)),
  },
]

describe('doctor vs Chromium on answers only a deployment gives', () => {
  let server: AnsweringServer
  let caDir: string
  let caFile: string

  beforeAll(async () => {
    server = await startAnsweringServer(true)
    caDir = mkdtempSync(join(tmpdir(), 'lambda-cors-e2e-ca-'))
    caFile = join(caDir, 'server.pem')
    writeFileSync(caFile, server.certificatePem ?? '')
  })
  afterAll(async () => {
    await server?.close()
    if (caDir !== undefined) rmSync(caDir, { recursive: true, force: true })
  })

  it.each(deployedCases.map((entry) => [entry.name, entry] as const))('%s', async (_name, entry) => {
    const appOrigin = harness.originOf('app')
    server.answer(entry.answer(appOrigin))
    const url = `${server.origin}/prod/orders?case=${encodeURIComponent(entry.name)}`

    server.received.length = 0
    const context = await harness.newContext()
    const lines: string[] = []
    let outcome: string
    try {
      const page = await context.newPage()
      page.on('console', (message) => lines.push(message.text()))
      await page.goto(`${appOrigin}/`)
      outcome = await page.evaluate(async ([target, init]) => {
        try {
          await fetch(target, init as RequestInit)
          return 'allowed'
        } catch {
          return 'blocked'
        }
      }, [url, entry.init] as const)
      for (let waited = 0; outcome === 'blocked' && waited < 2_000 && !lines.some((line) => CORS_LINE.test(line)); waited += 50) {
        await page.waitForTimeout(50)
      }
    } finally {
      await context.close()
    }
    const chromiumSent = server.received.map((request) => request.method)

    server.received.length = 0
    const result = await checkDeployed({ url, origin: appOrigin, method: entry.init.method, headers: entry.init.headers ?? {}, credentials: entry.init.credentials === 'include' }, caFile)
    expect(result.verdict).toBe(outcome)
    expect(server.received.map((request) => request.method)).toEqual(chromiumSent)
    const errors = result.problems.filter((problem) => problem.severity === 'error')
    expect(errors.map((problem) => problem.code)).toEqual(entry.code === null ? [] : [entry.code])
    expect(errors.map((problem) => problem.message)).toEqual(lines.filter((line) => CORS_LINE.test(line)))
    if (entry.warning !== undefined) expect(result.problems.map((problem) => problem.code)).toContain(entry.warning)
  })
})

/**
 * `lambda-cors check --json` straight to a URL (no address mapping), over
 * TLS verified against the server's own certificate (`--ca`).
 */
async function checkDeployed(request: ExplainRequest, caFile: string): Promise<CorsExplanation> {
  const args = ['check', request.url ?? '', '--origin', request.origin, '--method', request.method, '--ca', caFile, '--json']
  for (const [name, value] of Object.entries(request.headers ?? {})) args.push('--header', `${name}: ${value}`)
  if (request.credentials === true) args.push('--credentials')
  let stdout = ''
  const code = await main(args, { stdout: (text) => { stdout += text }, stderr: () => undefined, isTTY: false, env: {}, cwd: process.cwd() })
  const result = JSON.parse(stdout) as CorsExplanation
  expect(code).toBe(result.verdict === 'allowed' ? 0 : 1)
  return result
}
