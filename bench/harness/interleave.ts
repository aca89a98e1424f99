import { Bench, type FnReturnedObject } from 'tinybench'
import type { RoundSettings } from '../settings.js'

/**
 * One thing to time. `run` performs one operation and is called `batch`
 * times per sample; results are per operation. Batching keeps each sample
 * well above the timer's resolution for sub-microsecond operations. Sync
 * tasks are not awaited, so no promise turn is timed for them.
 */
export type TimedTask = TaskBase & ({ kind: 'sync'; run: () => void } | { kind: 'async'; run: () => Promise<unknown> })

interface TaskBase {
  id: string
  batch: number
  /** Runs before each sample, off the clock (e.g. to parse that sample's events). */
  prepare?: () => void
}

/** One task's samples in one round, in nanoseconds per operation. */
export interface RoundStats {
  p50: number
  p99: number
}

/** Per task id, its statistics in each round. */
export type RoundStatsByTask = Map<string, RoundStats[]>

/**
 * Run all tasks in `rounds` rounds; in each round every task runs once, for
 * the round's time budget, in an order that changes from round to round.
 *
 * Why rounds: the machine is shared. A burst of noise then lands on one short
 * slice of every contender instead of on the whole run of one of them, and
 * per-round comparisons (A - B in the same round) cancel slow drifts. Callers
 * report the median over rounds of these per-round medians.
 */
export async function runInterleaved(tasks: readonly TimedTask[], settings: RoundSettings): Promise<RoundStatsByTask> {
  const byTask: RoundStatsByTask = new Map(tasks.map((task) => [task.id, []]))
  for (let round = 0; round < settings.rounds; round++) {
    const bench = new Bench({
      time: settings.timeMs,
      iterations: settings.minSamples,
      warmupTime: settings.warmupMs,
      warmupIterations: Math.min(settings.minSamples, 16),
      throws: true,
    })
    for (const task of roundOrder(tasks, round)) {
      bench.add(task.id, timedBatch(task), { async: task.kind === 'async', ...(task.prepare ? { beforeEach: task.prepare } : {}) })
    }
    await bench.run()
    for (const task of bench.tasks) {
      const result = task.result
      if (result.state !== 'completed') throw new Error(`benchmark task ${task.name} ended ${result.state}`)
      byTask.get(task.name)!.push({ p50: result.latency.p50 * 1e6, p99: result.latency.p99 * 1e6 })
    }
  }
  return byTask
}

/** The per-round medians (or another percentile) of one task, in nanoseconds per operation. */
export function roundValues(byTask: RoundStatsByTask, id: string, percentile: keyof RoundStats = 'p50'): number[] {
  const values = byTask.get(id)
  if (!values || values.length === 0) throw new Error(`no benchmark results for ${id}`)
  return values.map((stats) => stats[percentile])
}

/** Rotate by the round number and reverse every other round, so no task always runs first or right after the same one. */
function roundOrder<T>(tasks: readonly T[], round: number): T[] {
  const shift = round % Math.max(tasks.length, 1)
  const rotated = [...tasks.slice(shift), ...tasks.slice(0, shift)]
  return round % 2 === 1 ? rotated.reverse() : rotated
}

function timedBatch(task: TimedTask): () => FnReturnedObject | Promise<FnReturnedObject> {
  const { batch } = task
  const sample = (start: number): FnReturnedObject => {
    const elapsed = performance.now() - start
    return { overriddenDuration: elapsed / batch, overriddenIterationCost: elapsed }
  }
  if (task.kind === 'async') {
    const { run } = task
    return async () => {
      const start = performance.now()
      for (let i = 0; i < batch; i++) await run()
      return sample(start)
    }
  }
  const { run } = task
  return () => {
    const start = performance.now()
    for (let i = 0; i < batch; i++) run()
    return sample(start)
  }
}
