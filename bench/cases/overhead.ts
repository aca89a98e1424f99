import { lambdaContext } from '../fixtures/context.js'
import { httpCorsPolicy, lambdaCorsPolicy } from '../fixtures/policy.js'
import { expectations, scenarioEvent, scenarios, type Scenario } from '../fixtures/requests.js'
import { runInterleaved, roundValues, type TimedTask } from '../harness/interleave.js'
import { invocationTask } from '../harness/invocation-task.js'
import { assertExpected, summarize, type ResponseSummary } from '../harness/response.js'
import { differences, median, ratio, sums } from '../harness/stats.js'
import type { Settings } from '../settings.js'
import { buildStack, contenders, type Contender } from '../stacks.js'
import { verdict, type TargetVerdict } from '../target.js'

export interface OverheadRow {
  scenario: Scenario | 'mix'
  /** Median time of one whole invocation, per contender (ns). */
  invocationNs: Record<Contender, number>
  /** Median over rounds of (stack - bare) in the same round (ns). */
  overheadNs: { 'lambda-cors': number; 'http-cors': number }
  /** lambda-cors overhead / http-cors overhead (n/a when the incumbent's is not positive). */
  ratio: number | null
  /** lambda-cors stack / http-cors stack, whole invocations: meaningful even when overheads are negative. */
  stackRatio: number | null
}

export interface OverheadResult {
  rows: OverheadRow[]
  /** What each stack answered, checked against the scenario's expectation before timing. */
  responses: Record<Scenario, Record<Contender, ResponseSummary>>
  target: TargetVerdict
}

/**
 * Case 1: what a CORS middleware adds to one invocation through real
 * @middy/core, for each request kind, as (stack - bare stack) measured in the
 * same round. The "mix" row weighs the four request kinds equally.
 */
export async function measureOverhead(settings: Settings): Promise<OverheadResult> {
  const context = lambdaContext()
  const policies = { lambdaCors: lambdaCorsPolicy, httpCors: httpCorsPolicy }
  const tasks: TimedTask[] = []
  const responses = {} as Record<Scenario, Record<Contender, ResponseSummary>>
  for (const scenario of scenarios) {
    const event = scenarioEvent(scenario)
    responses[scenario] = {} as Record<Contender, ResponseSummary>
    for (const contender of contenders) {
      const handler = await buildStack(contender, policies, `overhead/${scenario}`)
      const response = await handler(event, context)
      if (contender !== 'bare') assertExpected(`${contender} ${scenario}`, response, expectations[scenario])
      responses[scenario][contender] = summarize(response)
      tasks.push(invocationTask(taskId(scenario, contender), handler, [event], context, settings.overhead.batch))
    }
  }

  const rounds = await runInterleaved(tasks, settings.overhead)
  const perRound = (scenario: Scenario, contender: Contender): number[] => roundValues(rounds, taskId(scenario, contender))
  const overheadPerRound = (scenario: Scenario, contender: 'lambda-cors' | 'http-cors'): number[] =>
    differences(perRound(scenario, contender), perRound(scenario, 'bare'))

  const rows: OverheadRow[] = scenarios.map((scenario) =>
    row(
      scenario,
      (contender) => perRound(scenario, contender),
      (contender) => overheadPerRound(scenario, contender),
    ),
  )
  const mix = row(
    'mix',
    (contender) => sums(scenarios.map((scenario) => perRound(scenario, contender))),
    (contender) => sums(scenarios.map((scenario) => overheadPerRound(scenario, contender))),
  )
  rows.push(mix)
  return {
    rows,
    responses,
    target: verdict('Per-invocation overhead (the four requests, equally mixed) at most 0.5x @middy/http-cors', mix.ratio, 'x', 0.5),
  }
}

function row(
  scenario: Scenario | 'mix',
  invocations: (contender: Contender) => number[],
  overheads: (contender: 'lambda-cors' | 'http-cors') => number[],
): OverheadRow {
  const lambdaCors = median(overheads('lambda-cors'))
  const httpCors = median(overheads('http-cors'))
  const invocationNs = {
    bare: median(invocations('bare')),
    'lambda-cors': median(invocations('lambda-cors')),
    'http-cors': median(invocations('http-cors')),
  }
  return {
    scenario,
    invocationNs,
    overheadNs: { 'lambda-cors': lambdaCors, 'http-cors': httpCors },
    ratio: ratio(lambdaCors, httpCors),
    stackRatio: ratio(invocationNs['lambda-cors'], invocationNs['http-cors']),
  }
}

function taskId(scenario: Scenario, contender: Contender): string {
  return `overhead ${scenario} ${contender}`
}
