import { buildDeployable, bundleProbe, coldStartContenders, deliveries, type ColdStartContender, type Delivery, type Deployable } from '../cold-start/bundle.js'
import { preparePackedConsumer } from '../cold-start/consumer.js'
import { runProbe, type ProbeRun } from '../cold-start/spawn-probe.js'
import { allowedOrigin } from '../fixtures/requests.js'
import { median, ratio } from '../harness/stats.js'
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
  /** The whole process, spawn to exit, including Node's own startup (the same for all). */
  processMs: number
  /** inProcessMs / http-cors's, same delivery. */
  ratioToHttpCors: number | null
  size: Deployable['size']
  sizeWithoutMiddy: Deployable['sizeWithoutMiddy']
}

export interface ColdStartResult {
  repetitions: number
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
  for (const deployable of deployables) {
    const first = await runProbe(probe, deployable.path)
    checkResponse(deployable, first)
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
  const of = (delivery: Delivery): ColdStartRow => rows.find((row) => row.delivery === delivery && row.contender === 'lambda-cors')!
  return {
    repetitions: settings.coldStart.repetitions,
    rows,
    targets: deliveries.map((delivery) =>
      verdict(
        `Cold start, ${delivery}, allowlist without glob (import + build + first request) at most ${thresholds[delivery]}x @middy/http-cors`,
        of(delivery).ratioToHttpCors,
        'x',
        thresholds[delivery],
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
