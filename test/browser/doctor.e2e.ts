import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Flavor } from '../../demo/api/mounts.js'
import { flavorNames } from '../../demo/api/mounts.js'
import { demoPolicies } from '../../demo/api/policies.js'
import { scenarios, type FetchStep, type ScenarioSpec } from '../../demo/scenarios.js'
import { main } from '../../src/cli/main.js'
import { explain, type CorsExplanation, type ExplainRequest } from '../../src/index.js'
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
  // Chromium reaches api.example.test through its host-resolver rules; the check connects the same way.
  const mapped = /MAP api\.example\.test:443 (127\.0\.0\.1:\d+)/.exec(harness.demo.hostResolverRules ?? '')
  if (mapped === null) throw new Error(`no API mapping in ${harness.demo.hostResolverRules}`)
  apiAddress = mapped[1] as string
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
  const args = ['check', request.url ?? '', '--origin', request.origin, '--method', request.method, '--insecure', '--connect-to', apiAddress, '--json']
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

  const explained = requests.map((request) => explain(demoPolicies[scenario.policy], request))
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
