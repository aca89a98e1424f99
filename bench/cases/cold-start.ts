import { buildDeployable, bundleProbe, coldStartContenders, deliveries, type ColdStartContender, type Delivery, type Deployable } from '../cold-start/bundle.js'
import { preparePackedConsumer } from '../cold-start/consumer.js'
import { runProbe, type ProbeRun } from '../cold-start/spawn-probe.js'
import { allowedOrigin } from '../fixtures/requests.js'
import { median, ratio } from '../harness/stats.js'
import { formatMs, formatRatio } from '../report/format.js'
import type { Settings } from '../settings.js'
import { verdict, type TargetVerdict } from '../target.js'

export interface ColdStartRow {
  contender: ColdStartContender
  delivery: Delivery
  /** Medians over the repetitions, in ms. Node's own startup, before the probe imports anything (the same for all). */
  nodeStartMs: number
  importMs: number
  buildMs: number
  firstRequestMs: number
  /** import + build + first request, in the child: what the package costs at cold start. */
  inProcessMs: number
  /** Garbage collection that started inside import + build + first request (median; part of inProcessMs). */
  gcMs: number
  /** Young-generation bytes import + build + first request allocate, from one untimed run with a young generation too large to fill. */
  youngAllocatedBytes: number | null
  /** The whole process, spawn to exit, including Node's own startup (the same for all). */
  processMs: number
  /** inProcessMs / http-cors's, same delivery. */
  ratioToHttpCors: number | null
  size: Deployable['size']
  sizeWithoutMiddy: Deployable['sizeWithoutMiddy']
}

export interface ColdStartResult {
  repetitions: number
  /** Bytes free in the young generation when the clock started (median over every timed run): what a handler may allocate before the first scavenge. */
  youngFreeAtStartBytes: number
  rows: ColdStartRow[]
  targets: TargetVerdict[]
}

const thresholds: Record<Delivery, number> = { 'esbuild ESM': 1.5, 'esbuild CJS': 1.5, unbundled: 1.2 }

/**
 * Case 4: cold start of a small handler per contender, delivered three ways
 * from the packed package: an esbuild bundle with ESM output, one with
 * CommonJS output (both minified, @middy/core included), and unbundled files
 * with the package installed in a consumer's node_modules. Each repetition
 * times fresh Node processes that load the handler, build it and serve one
 * allowed GET; all deployables take turns in every repetition, and one
 * untimed run each first warms the file cache.
 */
export async function measureColdStart(settings: Settings): Promise<ColdStartResult> {
  await preparePackedConsumer()
  const probe = await bundleProbe()
  const deployables: Deployable[] = []
  for (const delivery of deliveries) {
    for (const contender of coldStartContenders) deployables.push(await buildDeployable(contender, delivery))
  }

  const runs = new Map<Deployable, ProbeRun[]>(deployables.map((deployable) => [deployable, []]))
  const young = new Map<Deployable, number | null>()
  for (const deployable of deployables) {
    const first = await runProbe(probe, deployable.path)
    checkResponse(deployable, first)
    // Untimed: a 16 MiB young generation (Node starts with 1 MiB) never fills here, so the count is whole.
    young.set(deployable, (await runProbe(probe, deployable.path, ['--min-semi-space-size=16'])).youngAllocatedBytes)
    // Quick mode keeps this first run as its only sample; a full run discards it (it warmed the file cache).
    if (settings.mode === 'quick') runs.get(deployable)!.push(first)
  }
  for (let repetition = 0; repetition < settings.coldStart.repetitions; repetition++) {
    const order = repetition % 2 === 0 ? deployables : [...deployables].reverse()
    for (const deployable of order) runs.get(deployable)!.push(await runProbe(probe, deployable.path))
  }

  const rows: ColdStartRow[] = deployables.map((deployable) => {
    const samples = runs.get(deployable)!
    return {
      contender: deployable.contender,
      delivery: deployable.delivery,
      nodeStartMs: median(samples.map((s) => s.nodeStartMs)),
      importMs: median(samples.map((s) => s.importMs)),
      buildMs: median(samples.map((s) => s.buildMs)),
      firstRequestMs: median(samples.map((s) => s.firstRequestMs)),
      inProcessMs: median(samples.map((s) => s.importMs + s.buildMs + s.firstRequestMs)),
      gcMs: median(samples.map((s) => s.gcMs)),
      youngAllocatedBytes: young.get(deployable) ?? null,
      processMs: median(samples.map((s) => s.processMs)),
      ratioToHttpCors: null,
      size: deployable.size,
      sizeWithoutMiddy: deployable.sizeWithoutMiddy,
    }
  })
  for (const row of rows) {
    const incumbent = rows.find((other) => other.delivery === row.delivery && other.contender === 'http-cors')!
    row.ratioToHttpCors = ratio(row.inProcessMs, incumbent.inProcessMs)
  }
  const find = (delivery: Delivery, contender: ColdStartContender): ColdStartRow => rows.find((row) => row.delivery === delivery && row.contender === contender)!
  const of = (delivery: Delivery): ColdStartRow => find(delivery, 'lambda-cors')
  // What the same run says about the gap: the list's share (the reference
  // row) and a garbage collection inside one window but not the other.
  const context = (delivery: Delivery): string => {
    const reference = find(delivery, 'lambda-cors without PSL')
    const incumbent = find(delivery, 'http-cors')
    return `without PSL: ${formatRatio(reference.ratioToHttpCors)}; GC inside the window: ${formatMs(of(delivery).gcMs)} (http-cors: ${formatMs(incumbent.gcMs)})`
  }
  return {
    repetitions: settings.coldStart.repetitions,
    youngFreeAtStartBytes: median([...runs.values()].flat().map((run) => run.youngFreeAtStartBytes)),
    rows,
    targets: deliveries.map((delivery) =>
      verdict(
        `Cold start, ${delivery}, allowlist without glob (import + build + first request) at most ${thresholds[delivery]}x @middy/http-cors`,
        of(delivery).ratioToHttpCors,
        'x',
        thresholds[delivery],
        false,
        context(delivery),
      ),
    ),
  }
}

/** The handler must actually work: 200, and CORS headers from the CORS contenders. */
function checkResponse(deployable: Deployable, run: ProbeRun): void {
  const expectedOrigin = deployable.contender === 'bare' ? null : allowedOrigin
  if (run.status !== 200 || run.allowOrigin !== expectedOrigin) {
    throw new Error(
      `cold-start ${deployable.contender} (${deployable.delivery}): answered ${run.status} with Access-Control-Allow-Origin ${String(run.allowOrigin)}`,
    )
  }
}
