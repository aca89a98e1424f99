import httpCors from '@middy/http-cors'
import type { APIGatewayProxyEvent, Context } from 'aws-lambda'
import { shippedLambdaCors, type LambdaCors } from '../harness/shipped-build.js'
import { lambdaContext } from '../fixtures/context.js'
import { listMixes, lookups, originList, probes, type ListMix, type Lookup } from '../fixtures/origin-lists.js'
import { withOrigins } from '../fixtures/policy.js'
import { actualRequest } from '../fixtures/requests.js'
import { runInterleaved, roundValues, type TimedTask } from '../harness/interleave.js'
import { invocationTask } from '../harness/invocation-task.js'
import { responseHeader } from '../harness/response.js'
import { differences, median, ratio } from '../harness/stats.js'
import type { Settings } from '../settings.js'
import { buildStack, type CorsContender, type HttpHandler } from '../stacks.js'
import { verdict, type TargetVerdict } from '../target.js'

export interface ScalingRow {
  mix: ListMix
  lookup: Lookup
  size: number
  /** lambda-cors createOriginMatcher: median ns per lookup. */
  matcherNs: number
  /** Whole-middleware cost per actual request, (stack - bare) in the same round (ns). */
  middlewareNs: Record<CorsContender, number>
}

export interface ScalingSeries {
  mix: ListMix
  lookup: Lookup
  /** Cost at the largest list / cost at one origin. */
  matcherGrowth: number | null
  middlewareGrowth: Record<CorsContender, number | null>
}

export interface BuildRow {
  mix: ListMix
  size: number
  /** Median ms to build from the list: createOriginMatcher, cors(), httpCors(). */
  matcherMs: number
  middlewareMs: Record<CorsContender, number>
}

export interface ScalingResult {
  rows: ScalingRow[]
  series: ScalingSeries[]
  builds: BuildRow[]
  target: TargetVerdict
}

const bareId = 'scaling bare'

/**
 * Case 2: the origin decision against allowlists of 1 to 10,000 entries.
 * lambda-cors's matcher is timed on its own; since @middy/http-cors has no
 * separate matcher, both middlewares are also timed whole (actual request,
 * stack - bare), which is the comparable number for the incumbent.
 */
export async function measureScaling(settings: Settings): Promise<ScalingResult> {
  const { sizes } = settings.scaling
  const { createOriginMatcher } = await shippedLambdaCors()
  const context = lambdaContext()
  const tasks: TimedTask[] = []

  const bare = await buildStack('bare', withOrigins(originList('exact', 1)), 'scaling')
  const bareEvents = probes('exact', 'allowed', 1).map((origin) => actualRequest(origin))
  tasks.push(invocationTask(bareId, bare, bareEvents, context, settings.scaling.invocationBatch))

  for (const mix of listMixes) {
    for (const size of sizes) {
      const list = originList(mix, size)
      const matcher = createOriginMatcher(list)
      const stacks = {
        'lambda-cors': await buildStack('lambda-cors', withOrigins(list), `scaling/${mix}/${size}`),
        'http-cors': await buildStack('http-cors', withOrigins(list), `scaling/${mix}/${size}`),
      }
      for (const lookup of lookups) {
        const origins = probes(mix, lookup, size)
        const events = origins.map((origin) => actualRequest(origin))
        for (const origin of origins) {
          if (matcher(origin) !== (lookup === 'allowed')) {
            throw new Error(`createOriginMatcher(${mix} x${size})(${origin}) should be ${lookup}`)
          }
        }
        for (const [contender, stack] of Object.entries(stacks)) {
          await assertDecision(`${contender} ${mix} x${size}`, stack, events, lookup, context)
          tasks.push(invocationTask(id('middleware', mix, lookup, size, contender), stack, events, context, settings.scaling.invocationBatch))
        }
        tasks.push(matcherTask(id('matcher', mix, lookup, size), matcher, origins, settings.scaling.matcherBatch))
      }
    }
  }

  const rounds = await runInterleaved(tasks, settings.scaling)
  const bareRounds = roundValues(rounds, bareId)
  const middleware = (mix: ListMix, lookup: Lookup, size: number, contender: CorsContender): number =>
    median(differences(roundValues(rounds, id('middleware', mix, lookup, size, contender)), bareRounds))

  const rows: ScalingRow[] = []
  const series: ScalingSeries[] = []
  for (const mix of listMixes) {
    for (const lookup of lookups) {
      for (const size of sizes) {
        rows.push({
          mix,
          lookup,
          size,
          matcherNs: median(roundValues(rounds, id('matcher', mix, lookup, size))),
          middlewareNs: {
            'lambda-cors': middleware(mix, lookup, size, 'lambda-cors'),
            'http-cors': middleware(mix, lookup, size, 'http-cors'),
          },
        })
      }
      const smallest = rows.find((r) => r.mix === mix && r.lookup === lookup && r.size === sizes[0])!
      const largest = rows.find((r) => r.mix === mix && r.lookup === lookup && r.size === sizes[sizes.length - 1])!
      series.push({
        mix,
        lookup,
        matcherGrowth: ratio(largest.matcherNs, smallest.matcherNs),
        middlewareGrowth: {
          'lambda-cors': ratio(largest.middlewareNs['lambda-cors'], smallest.middlewareNs['lambda-cors']),
          'http-cors': ratio(largest.middlewareNs['http-cors'], smallest.middlewareNs['http-cors']),
        },
      })
    }
  }

  const worst = Math.max(...series.map((s) => s.matcherGrowth ?? Number.POSITIVE_INFINITY))
  return {
    rows,
    series,
    builds: measureBuilds(await shippedLambdaCors(), sizes, settings.scaling.buildRepetitions),
    target: verdict('lambda-cors matcher at 10,000 origins within 2x of 1 origin (worst of the four series)', worst, 'x', 2),
  }
}

/** How long it takes to turn each list into a matcher or a middleware (a cold-start cost that grows with the list). */
function measureBuilds({ cors, createOriginMatcher }: LambdaCors, sizes: readonly number[], repetitions: number): BuildRow[] {
  const timeMs = (build: () => unknown): number => {
    const samples: number[] = []
    for (let i = 0; i < repetitions; i++) {
      const start = performance.now()
      build()
      samples.push(performance.now() - start)
    }
    return median(samples)
  }
  return listMixes.flatMap((mix) =>
    sizes.map((size) => {
      const list = originList(mix, size)
      const policies = withOrigins(list)
      return {
        mix,
        size,
        matcherMs: timeMs(() => createOriginMatcher(list)),
        middlewareMs: { 'lambda-cors': timeMs(() => cors(policies.lambdaCors)), 'http-cors': timeMs(() => httpCors(policies.httpCors)) },
      }
    }),
  )
}

function matcherTask(taskId: string, matcher: (origin: string) => boolean, origins: string[], batch: number): TimedTask {
  let next = 0
  let matched = 0
  return {
    id: taskId,
    batch,
    kind: 'sync',
    run: () => {
      // Count the answers so the call's result is used.
      if (matcher(origins[next++ % origins.length]!)) matched++
    },
  }
}

async function assertDecision(
  label: string,
  stack: HttpHandler,
  events: APIGatewayProxyEvent[],
  lookup: Lookup,
  context: Context,
): Promise<void> {
  for (const event of events) {
    const allowOrigin = responseHeader(await stack(event, context), 'Access-Control-Allow-Origin')
    if ((allowOrigin !== null) !== (lookup === 'allowed')) {
      throw new Error(`${label}: ${event.headers['Origin']} answered Access-Control-Allow-Origin ${String(allowOrigin)}, expected ${lookup}`)
    }
  }
}

function id(kind: 'matcher' | 'middleware', mix: ListMix, lookup: Lookup, size: number, contender = 'lambda-cors'): string {
  return `scaling ${kind} ${contender} ${mix} ${lookup} ${size}`
}
