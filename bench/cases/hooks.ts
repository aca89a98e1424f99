import httpErrorHandler from '@middy/http-error-handler'
import { createError } from '@middy/util'
import { httpCorsPolicy, lambdaCorsPolicy } from '../fixtures/policy.js'
import { kindRequests, preflightKinds, requestKinds, type RequestKind } from '../fixtures/request-kinds.js'
import { runInterleaved, roundValues, type TimedTask } from '../harness/interleave.js'
import { median, ratio } from '../harness/stats.js'
import type { Settings } from '../settings.js'
import { isolatedMiddleware } from '../stacks.js'

/** The middlewares whose hooks are timed alone; *lambda-cors copy* is the same control as in the logic-cost case. */
export const hookContenders = ['lambda-cors', 'lambda-cors copy', 'http-cors', 'limit'] as const
export type HookContender = (typeof hookContenders)[number]

export interface HooksRow {
  kind: RequestKind
  /** Median over rounds of the time the hooks of one invocation take (ns). */
  hooksNs: Record<HookContender, number>
  ratioToHttpCors: number | null
  ratioToLimit: number | null
  /** lambda-cors / its copy: 1 but for this case's own noise. */
  ratioToCopy: number | null
}

export interface HooksResult {
  rows: HooksRow[]
}

/** What middy hands a hook: the parts these middlewares read and write. */
interface HookRequest {
  event: unknown
  response: unknown
  error: unknown
}

/** One prepared invocation: the request, and the result the handler (or the error handler) will set. */
interface Invocation {
  request: HookRequest
  result: Record<string, unknown>
}

interface Hooks {
  before?: (request: HookRequest) => unknown
  after?: (request: HookRequest) => unknown
  onError?: (request: HookRequest) => unknown
}

/**
 * The result the business handler builds, and the response
 * @middy/http-error-handler sets for the error kind (for the business
 * handler's 404): fresh for every invocation, as in a stack
 * (@middy/http-cors writes into it).
 */
const okResult = (): Record<string, unknown> => ({
  statusCode: 200,
  headers: { 'Content-Type': 'application/json', 'X-Request-Id': 'req-42' },
  body: '{"id":"42","status":"shipped"}',
})
const errorHandler = httpErrorHandler({ logger: false })
const errorResult = (): Record<string, unknown> => {
  // Built by the error handler itself: its responses have their own object layout, which costs every reader.
  const request: HookRequest = { event: {}, response: undefined, error: createError(404, 'Order not found') }
  void errorHandler.onError!(request as Parameters<NonNullable<typeof errorHandler.onError>>[0])
  return request.response as Record<string, unknown>
}

/**
 * Case 1b: the hooks alone, without middy. For each request kind, each
 * middleware's hooks are called as middy would call them for one
 * invocation: `before`, then (unless `before` answered) `after`, or
 * `onError` for the error kind, with the response the handler or the error
 * handler would have set. No promise is awaited: every hook here does its
 * work synchronously (@middy/http-cors's are async functions, so the
 * promise each returns is part of its time). Events are parsed fresh for
 * every sample, off the clock, as in the logic-cost case.
 *
 * The logic-cost case subtracts two whole invocations of 1-12 µs to find a
 * few hundred nanoseconds, so a row moves with the noise of both; this case
 * times only the hooks, a smaller and steadier number for the same work.
 */
export async function measureHooks(settings: Settings): Promise<HooksResult> {
  const policies = { lambdaCors: lambdaCorsPolicy, httpCors: httpCorsPolicy }
  const tasks: TimedTask[] = []
  for (const kind of requestKinds) {
    const payloads = kindRequests(kind).map((request) => JSON.stringify(request.event))
    const failing = kind === 'error'
    for (const contender of hookContenders) {
      // Each kind and contender with its own instance of the middleware's module, as each stack in the logic-cost case.
      const hooks = (await isolatedMiddleware(contender, policies, `hooks/${kind}/${contender}`)) as Hooks
      tasks.push(hooksTask(taskId(kind, contender), hooks, payloads, failing, settings.hooks.batch))
      checkHooks(kind, contender, hooks, payloads, failing)
    }
  }
  const rounds = await runInterleaved(tasks, settings.hooks)
  const rows = requestKinds.map((kind): HooksRow => {
    const hooksNs = Object.fromEntries(
      hookContenders.map((contender) => [contender, median(roundValues(rounds, taskId(kind, contender)))]),
    ) as Record<HookContender, number>
    return {
      kind,
      hooksNs,
      ratioToHttpCors: ratio(hooksNs['lambda-cors'], hooksNs['http-cors']),
      ratioToLimit: ratio(hooksNs['lambda-cors'], hooksNs.limit),
      ratioToCopy: ratio(hooksNs['lambda-cors'], hooksNs['lambda-cors copy']),
    }
  })
  return { rows }
}

function prepared(payload: string, failing: boolean): Invocation {
  return { request: { event: JSON.parse(payload), response: undefined, error: undefined }, result: failing ? errorResult() : okResult() }
}

/**
 * One invocation's hooks, in middy's order; returns what the client would
 * get. `before` may answer (a preflight): lambda-cors and the limit return
 * the answer, @middy/http-cors sets `request.response` and returns a
 * promise. Otherwise the handler's result (or the error handler's response)
 * is set and `after` (or `onError`) runs.
 */
function invoke(hooks: Hooks, { request, result }: Invocation, failing: boolean): unknown {
  const early = hooks.before?.(request)
  if (early !== undefined && !(early instanceof Promise)) return early
  if (request.response !== undefined) return request.response
  request.response = result
  if (failing) hooks.onError?.(request)
  else hooks.after?.(request)
  return request.response
}

function hooksTask(id: string, hooks: Hooks, payloads: readonly string[], failing: boolean, batch: number): TimedTask {
  const ready: Invocation[] = []
  let next = 0
  return {
    id,
    batch,
    kind: 'sync',
    prepare: () => {
      ready.length = 0
      for (let i = 0; i < batch; i++) ready.push(prepared(payloads[next++ % payloads.length]!, failing))
    },
    run: () => void invoke(hooks, ready.pop()!, failing),
  }
}

/**
 * Before timing: called this way, every middleware answers with a response
 * (no hook threw, nothing was left unanswered), so the timed calls do the
 * work they do in a stack.
 */
function checkHooks(kind: RequestKind, contender: HookContender, hooks: Hooks, payloads: readonly string[], failing: boolean): void {
  for (const payload of payloads) {
    const answer = invoke(hooks, prepared(payload, failing), failing) as { statusCode?: unknown } | undefined
    const expected = preflightKinds.has(kind) ? 204 : failing ? 404 : 200
    if (answer?.statusCode !== expected) throw new Error(`hooks ${kind}, ${contender}: answered ${String(answer?.statusCode)}, expected ${expected}`)
  }
}

function taskId(kind: RequestKind, contender: HookContender): string {
  return `hooks ${kind} ${contender}`
}
