import { lambdaContext } from '../fixtures/context.js'
import { hostileCases } from '../fixtures/hostile.js'
import { httpCorsPolicy, lambdaCorsPolicy } from '../fixtures/policy.js'
import { runInterleaved, roundValues, type TimedTask } from '../harness/interleave.js'
import { invocationTask } from '../harness/invocation-task.js'
import { summarize, type ResponseSummary } from '../harness/response.js'
import { median } from '../harness/stats.js'
import type { Settings } from '../settings.js'
import { buildStack, type CorsContender } from '../stacks.js'
import { verdict, type TargetVerdict } from '../target.js'

const corsContenders: readonly CorsContender[] = ['lambda-cors', 'http-cors']

export interface HostileMeasurement {
  /** Median over rounds of the per-round median time of one whole invocation (ms). */
  medianMs: number
  /** Highest per-round p99 (ms): how bad the tail got. */
  worstP99Ms: number
  /** What the middleware answered (status, and whether the origin was allowed). */
  response: ResponseSummary
}

export interface HostileRow {
  id: string
  description: string
  results: Record<CorsContender, HostileMeasurement>
}

export interface HostileResult {
  rows: HostileRow[]
  target: TargetVerdict
}

/**
 * Case 3: adversarial preflights through the whole stack (middy + CORS +
 * error handler), timed per invocation. The target is absolute: the answer,
 * whatever it is, must come back in under 1 ms.
 */
export async function measureHostile(settings: Settings): Promise<HostileResult> {
  const context = lambdaContext()
  const policies = { lambdaCors: lambdaCorsPolicy, httpCors: httpCorsPolicy }
  const cases = hostileCases()
  const tasks: TimedTask[] = []
  const responses = new Map<string, ResponseSummary>()
  for (const hostile of cases) {
    for (const contender of corsContenders) {
      const handler = await buildStack(contender, hostile.policies ?? policies, `hostile/${hostile.id}`)
      responses.set(taskId(hostile.id, contender), summarize(await handler(hostile.event, context)))
      tasks.push(invocationTask(taskId(hostile.id, contender), handler, [hostile.event], context, 1))
    }
  }

  const rounds = await runInterleaved(tasks, settings.hostile)
  const rows: HostileRow[] = cases.map((hostile) => {
    const results = {} as Record<CorsContender, HostileMeasurement>
    for (const contender of corsContenders) {
      const id = taskId(hostile.id, contender)
      results[contender] = {
        medianMs: median(roundValues(rounds, id)) / 1e6,
        worstP99Ms: Math.max(...roundValues(rounds, id, 'p99')) / 1e6,
        response: responses.get(id)!,
      }
    }
    return { id: hostile.id, description: hostile.description, results }
  })

  const worst = Math.max(...rows.map((row) => row.results['lambda-cors'].medianMs))
  return {
    rows,
    target: verdict('Every hostile preflight answered by lambda-cors in under 1 ms (median, slowest case)', worst, 'ms', 1, true),
  }
}

function taskId(hostileId: string, contender: CorsContender): string {
  return `hostile ${hostileId} ${contender}`
}
