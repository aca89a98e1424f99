/**
 * The program a cold-start measurement runs in a fresh `node` process:
 * import one handler bundle, build the handler, serve one request, and print
 * the timings as one JSON line. Bundled on its own, so that nothing but Node
 * itself (and what the Lambda runtime loads, below) runs before the clock
 * starts.
 *
 * Usage: node probe.mjs <file URL of a handler bundle>
 */
import { createRequire } from 'node:module'
import { PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks'
import { getHeapSpaceStatistics } from 'node:v8'
import { fileURLToPath } from 'node:url'
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda'
import { lambdaContext } from '../fixtures/context.js'
import { allowedOrigin, actualRequest } from '../fixtures/requests.js'

/** What a probe prints; the parent parses it. */
export interface ProbeReport {
  /** ms from the process's time origin to the start of the import: Node's own startup. */
  nodeStartMs: number
  importMs: number
  buildMs: number
  firstRequestMs: number
  /**
   * ms of garbage collection that started between the start of the import
   * and the end of the first request: a pause the handler's allocations
   * brought into its window (the first scavenge of a fresh process costs a
   * few ms, and whichever handler fills the young generation first pays it).
   */
  gcMs: number
  /**
   * Bytes the import, build and first request allocated in V8's young
   * generation; `null` when a collection ran in between (the count is then
   * meaningless). The parent asks for it in a run whose young generation is
   * too large to fill.
   */
  youngAllocatedBytes: number | null
  /** Bytes free in the young generation when the clock started: how much the handler may allocate before the first scavenge. */
  youngFreeAtStartBytes: number
  status: number
  allowOrigin: string | null
}

type CreateHandler = () => (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>

const bundleUrl = process.argv[2]
if (!bundleUrl) throw new Error('usage: probe.mjs <handler bundle URL>')
const event = actualRequest(allowedOrigin)
const context = lambdaContext()

// The Lambda Node.js runtime has loaded node:http (and with it node:net)
// before it loads the handler: its Runtime API client calls require('http')
// and builds an http.Agent at start-up (aws-lambda-nodejs-runtime-interface-
// client, src/RAPIDClient.js). A handler importing them pays nothing there,
// while in a bare `node` it would pay 2 ms (Node 20) to 20-30 ms (Node 22,
// 24). Load them here, off the clock, as the runtime does.
await import('node:http')

// Garbage collections are observed from before the clock starts; the entries
// arrive asynchronously and are read after the request.
const collections: PerformanceEntry[] = []
const gcObserver = new PerformanceObserver((list) => collections.push(...list.getEntries()))
gcObserver.observe({ entryTypes: ['gc'] })

// The young generation: the semi-space, and the space young objects too large for it go to.
const youngSpaces = new Set(['new_space', 'new_large_object_space'])
const youngGeneration = (): { used: number; free: number } => {
  let used = 0
  let free = 0
  for (const space of getHeapSpaceStatistics()) {
    if (!youngSpaces.has(space.space_name)) continue
    used += space.space_used_size
    if (space.space_name === 'new_space') free = space.space_available_size
  }
  return { used, free }
}
const youngAtStart = youngGeneration()
const start = performance.now()
// A CommonJS bundle is loaded with require(), as the Lambda runtime does for CommonJS handlers.
const { createHandler } = (bundleUrl.endsWith('.cjs') ? createRequire(import.meta.url)(fileURLToPath(bundleUrl)) : await import(bundleUrl)) as {
  createHandler: CreateHandler
}
const imported = performance.now()
const handler = createHandler()
const built = performance.now()
const response = await handler(event, context)
const served = performance.now()
const youngAtEnd = youngGeneration()
// The observer's callback runs on a later turn of the event loop.
await new Promise((resolve) => setTimeout(resolve, 20))
gcObserver.disconnect()
const inWindow = collections.filter((entry) => entry.startTime >= start && entry.startTime < served)
const gcMs = inWindow.reduce((sum, entry) => sum + entry.duration, 0)

const report: ProbeReport = {
  nodeStartMs: start,
  importMs: imported - start,
  buildMs: built - imported,
  firstRequestMs: served - built,
  gcMs,
  youngAllocatedBytes: inWindow.length === 0 ? youngAtEnd.used - youngAtStart.used : null,
  youngFreeAtStartBytes: youngAtStart.free,
  status: response.statusCode,
  allowOrigin: allowOriginOf(response),
}
process.stdout.write(`${JSON.stringify(report)}\n`)

function allowOriginOf(response: APIGatewayProxyResult): string | null {
  for (const [name, value] of Object.entries(response.headers ?? {})) {
    if (name.toLowerCase() === 'access-control-allow-origin') return String(value)
  }
  return null
}
