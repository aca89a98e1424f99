import { bundleHandler, bundleProbe, type HandlerBundle } from '../cold-start/bundle.js'
import { runProbe, type ProbeRun } from '../cold-start/spawn-probe.js'
import { allowedOrigin } from '../fixtures/requests.js'
import { median, ratio } from '../harness/stats.js'
import type { Settings } from '../settings.js'
import { contenders, type Contender } from '../stacks.js'
import { verdict, type TargetVerdict } from '../target.js'

export interface ColdStartRow {
  contender: Contender
  /** Medians over the repetitions, in ms. Node's own startup, before the probe imports anything (the same for all). */
  nodeStartMs: number
  importMs: number
  buildMs: number
  firstRequestMs: number
  /** import + build + first request, in the child: what the package costs at cold start. */
  inProcessMs: number
  /** The whole process, spawn to exit, including Node's own startup (the same for all). */
  processMs: number
  bundle: Omit<HandlerBundle, 'path' | 'contender'>
}

export interface ColdStartResult {
  repetitions: number
  rows: ColdStartRow[]
  /** lambda-cors / http-cors. */
  ratios: { inProcess: number | null; process: number | null; gzipped: number | null }
  target: TargetVerdict
}

/**
 * Case 4: bundle a small handler per contender with esbuild (minified,
 * @middy/core included), then time fresh Node processes that import the
 * bundle, build the handler and serve one allowed GET. Contenders take turns
 * in every repetition; one untimed run each first warms the file cache.
 */
export async function measureColdStart(settings: Settings): Promise<ColdStartResult> {
  const probe = await bundleProbe()
  const bundles = new Map<Contender, HandlerBundle>()
  for (const contender of contenders) bundles.set(contender, await bundleHandler(contender))

  const runs = new Map<Contender, ProbeRun[]>(contenders.map((contender) => [contender, []]))
  for (const contender of contenders) checkResponse(contender, await runProbe(probe, bundles.get(contender)!.path))
  for (let repetition = 0; repetition < settings.coldStart.repetitions; repetition++) {
    const order = repetition % 2 === 0 ? contenders : [...contenders].reverse()
    for (const contender of order) runs.get(contender)!.push(await runProbe(probe, bundles.get(contender)!.path))
  }

  const rows: ColdStartRow[] = contenders.map((contender) => {
    const samples = runs.get(contender)!
    const { withMiddy, withoutMiddy } = bundles.get(contender)!
    return {
      contender,
      nodeStartMs: median(samples.map((s) => s.nodeStartMs)),
      importMs: median(samples.map((s) => s.importMs)),
      buildMs: median(samples.map((s) => s.buildMs)),
      firstRequestMs: median(samples.map((s) => s.firstRequestMs)),
      inProcessMs: median(samples.map((s) => s.importMs + s.buildMs + s.firstRequestMs)),
      processMs: median(samples.map((s) => s.processMs)),
      bundle: { withMiddy, withoutMiddy },
    }
  })
  const of = (contender: Contender): ColdStartRow => rows.find((row) => row.contender === contender)!
  const inProcess = ratio(of('lambda-cors').inProcessMs, of('http-cors').inProcessMs)
  return {
    repetitions: settings.coldStart.repetitions,
    rows,
    ratios: {
      inProcess,
      process: ratio(of('lambda-cors').processMs, of('http-cors').processMs),
      gzipped: ratio(of('lambda-cors').bundle.withMiddy.gzipped, of('http-cors').bundle.withMiddy.gzipped),
    },
    target: verdict('Cold start (import + build + first request in a fresh process) within 1.5x @middy/http-cors', inProcess, 'x', 1.5),
  }
}

/** The bundled handler must actually work: 200, and CORS headers from the CORS contenders. */
function checkResponse(contender: Contender, run: ProbeRun): void {
  const expectedOrigin = contender === 'bare' ? null : allowedOrigin
  if (run.status !== 200 || run.allowOrigin !== expectedOrigin) {
    throw new Error(`cold-start ${contender}: answered ${run.status} with Access-Control-Allow-Origin ${String(run.allowOrigin)}`)
  }
}
