import type { APIGatewayProxyResult } from 'aws-lambda'
import { lambdaContext } from '../fixtures/context.js'
import { httpCorsPolicy, lambdaCorsPolicy } from '../fixtures/policy.js'
import {
  kindRequests,
  mixRequests,
  preflightKinds,
  requestKinds,
  requestMixes,
  type KindRequest,
  type RequestKind,
} from '../fixtures/request-kinds.js'
import { middyMajors, type MiddyMajor } from '../harness/isolated-middy.js'
import { runInterleaved, roundValues, type TimedTask } from '../harness/interleave.js'
import { invocationTask } from '../harness/invocation-task.js'
import { assertExpected } from '../harness/response.js'
import { assertSameAnswer } from '../harness/same-answer.js'
import { differences, median, ratio } from '../harness/stats.js'
import type { Settings } from '../settings.js'
import { buildStack, overheadContenders, type Contender } from '../stacks.js'
import { formatRatioRange } from '../report/format.js'
import { verdict, type TargetVerdict } from '../target.js'

/** The middlewares whose logic is measured against the no-op floor. */
export type LogicContender = 'lambda-cors' | 'lambda-cors copy' | 'http-cors' | 'limit'

export interface OverheadRow {
  middy: MiddyMajor
  /** A request kind, or the name of a request mix. */
  stream: string
  kind: 'actual' | 'preflight' | 'mix'
  /** Median time of one whole invocation per stack (ns). */
  invocationNs: Record<Contender, number>
  /** The hook floor: (no-op stack - bare stack), same round (ns). */
  floorNs: number
  /** Logic cost: (stack - no-op stack), same round, median over rounds (ns per request). */
  logicNs: Record<LogicContender, number>
  /** lambda-cors logic / http-cors logic. */
  ratioToHttpCors: number | null
  /** lambda-cors logic / limit logic. */
  ratioToLimit: number | null
  /** lambda-cors logic / the logic of its copy: 1 but for the run's own noise. */
  ratioToCopy: number | null
  /** The limit's logic / http-cors logic: where the hand-written limit stands against the same thresholds. */
  limitToHttpCors: number | null
}

export interface OverheadResult {
  rows: OverheadRow[]
  mixes: { name: string; description: string; weights: Record<string, number> }[]
  targets: TargetVerdict[]
}

interface Stream {
  name: string
  kind: OverheadRow['kind']
  requests: KindRequest[]
}

/**
 * Case 1: the logic cost of each middleware per request, through real
 * @middy/core 6 and 7. Logic = (middy + middleware + error handler) -
 * (middy + no-op middleware + error handler), in the same round, so middy's
 * cost of calling three hooks is not counted. Every request kind has its own
 * stack per contender; every request mix is a stream of mixed kinds sent
 * through one stack, as production traffic is.
 */
export async function measureOverhead(settings: Settings, majors: readonly MiddyMajor[] = middyMajors): Promise<OverheadResult> {
  const context = lambdaContext()
  const policies = { lambdaCors: lambdaCorsPolicy, httpCors: httpCorsPolicy }
  const streams: Stream[] = [
    ...requestKinds.map((kind): Stream => ({ name: kind, kind: preflightKinds.has(kind) ? 'preflight' : 'actual', requests: kindRequests(kind) })),
    ...requestMixes.map((mix): Stream => ({ name: mix.name, kind: 'mix', requests: mixRequests(mix) })),
  ]
  const tasks: TimedTask[] = []
  for (const major of majors) {
    for (const stream of streams) {
      const events = stream.requests.map((request) => request.event)
      const handlers = new Map<Contender, Awaited<ReturnType<typeof buildStack>>>()
      for (const contender of overheadContenders) {
        const handler = await buildStack(contender, policies, `overhead/${major}/${stream.name}`, major)
        handlers.set(contender, handler)
        tasks.push(invocationTask(taskId(major, stream.name, contender), handler, events, context, settings.overhead.batch))
      }
      await checkAnswers(major, stream, handlers, context)
    }
  }

  const rounds = await runInterleaved(tasks, settings.overhead)
  const perRound = (major: MiddyMajor, stream: string, contender: Contender): number[] => roundValues(rounds, taskId(major, stream, contender))

  const rows: OverheadRow[] = []
  for (const major of majors) {
    for (const stream of streams) {
      const noop = perRound(major, stream.name, 'no-op')
      const logic = (contender: LogicContender): number => median(differences(perRound(major, stream.name, contender), noop))
      const logicNs = { 'lambda-cors': logic('lambda-cors'), 'lambda-cors copy': logic('lambda-cors copy'), 'http-cors': logic('http-cors'), limit: logic('limit') }
      const invocationNs = Object.fromEntries(
        overheadContenders.map((contender) => [contender, median(perRound(major, stream.name, contender))]),
      ) as Record<Contender, number>
      rows.push({
        middy: major,
        stream: stream.name,
        kind: stream.kind,
        invocationNs,
        floorNs: median(differences(noop, perRound(major, stream.name, 'bare'))),
        logicNs,
        ratioToHttpCors: ratio(logicNs['lambda-cors'], logicNs['http-cors']),
        ratioToLimit: ratio(logicNs['lambda-cors'], logicNs.limit),
        ratioToCopy: ratio(logicNs['lambda-cors'], logicNs['lambda-cors copy']),
        limitToHttpCors: ratio(logicNs.limit, logicNs['http-cors']),
      })
    }
  }
  return {
    rows,
    mixes: requestMixes.map((mix) => ({ name: mix.name, description: mix.description, weights: { ...mix.weights } as Record<string, number> })),
    targets: majors.flatMap((major) => targetsFor(major, rows.filter((row) => row.middy === major))),
  }
}

/** The worst row of each group against its threshold. */
function targetsFor(major: MiddyMajor, rows: readonly OverheadRow[]): TargetVerdict[] {
  const worst = (selected: readonly OverheadRow[], value: (row: OverheadRow) => number | null): number | null => {
    const values = selected.map(value)
    return values.some((v) => v === null) ? null : Math.max(...(values as number[]))
  }
  const of = (kind: OverheadRow['kind']): OverheadRow[] => rows.filter((row) => row.kind === kind)
  const limitContext = (selected: readonly OverheadRow[]): string => `limit: ${formatRatioRange(selected.map((r) => r.limitToHttpCors))}`
  // How far apart two copies of the same code measured in this run: the resolution any one row has.
  const copyContext = `lambda-cors vs its copy: ${formatRatioRange(rows.map((r) => r.ratioToCopy))}`
  return [
    verdict(`middy ${major}: logic cost of every request mix, at most 0.45x @middy/http-cors (worst mix)`, worst(of('mix'), (r) => r.ratioToHttpCors), 'x', 0.45, false, limitContext(of('mix'))),
    verdict(`middy ${major}: logic cost of every actual-request kind, at most 0.5x @middy/http-cors (worst kind)`, worst(of('actual'), (r) => r.ratioToHttpCors), 'x', 0.5, false, limitContext(of('actual'))),
    verdict(`middy ${major}: logic cost of preflights, at most 1.5x @middy/http-cors (worst kind)`, worst(of('preflight'), (r) => r.ratioToHttpCors), 'x', 1.5, false, limitContext(of('preflight'))),
    verdict(`middy ${major}: logic cost of every kind and mix within 1.5x of the limit (worst)`, worst(rows, (r) => r.ratioToLimit), 'x', 1.5, false, copyContext),
  ]
}


/**
 * Before anything is timed: lambda-cors and http-cors allow exactly the
 * origins they should, and the limit answers exactly what lambda-cors does
 * (whole response), request by request. Timing a middleware that answers
 * something else would measure nothing useful.
 */
async function checkAnswers(
  major: MiddyMajor,
  stream: Stream,
  handlers: ReadonlyMap<Contender, (event: KindRequest['event'], context: ReturnType<typeof lambdaContext>) => Promise<APIGatewayProxyResult>>,
  context: ReturnType<typeof lambdaContext>,
): Promise<void> {
  for (const [index, request] of stream.requests.entries()) {
    const label = (contender: string): string => `middy ${major}, ${stream.name} #${index}, ${contender}`
    const fresh = (): KindRequest['event'] => structuredClone(request.event)
    const reference = await handlers.get('lambda-cors')!(fresh(), context)
    assertExpected(label('lambda-cors'), reference, request.expected)
    assertExpected(label('http-cors'), await handlers.get('http-cors')!(fresh(), context), request.expected)
    const limit = await handlers.get('limit')!(fresh(), context)
    assertSameAnswer(label('limit'), limit, reference)
    assertSameAnswer(label('lambda-cors copy'), await handlers.get('lambda-cors copy')!(fresh(), context), reference)
  }
}

function taskId(major: MiddyMajor, stream: string, contender: Contender): string {
  return `overhead middy${major} ${stream} ${contender}`
}

export type { RequestKind }
