/** How long the interleaved rounds of one case run. */
export interface RoundSettings {
  rounds: number
  /** tinybench time budget per task per round. */
  timeMs: number
  warmupMs: number
  /** tinybench minimum samples per task per round. */
  minSamples: number
}

export interface Settings {
  mode: 'full' | 'quick'
  overhead: RoundSettings & { batch: number }
  /**
   * The hooks alone: a sample's hooks take a few microseconds while parsing
   * its fresh events (off the clock) takes far longer, so the timed budget
   * per task is much shorter than the logic-cost case's for the same wall time.
   */
  hooks: RoundSettings & { batch: number }
  scaling: RoundSettings & { matcherBatch: number; invocationBatch: number; sizes: readonly number[]; buildRepetitions: number }
  hostile: RoundSettings
  /** Timed repetitions (quick mode: none, its one checking run per deployable is the sample). */
  coldStart: { repetitions: number }
}

const scalingSizes = [1, 10, 100, 1_000, 10_000] as const

/**
 * Full mode is what the published numbers come from (a few minutes). Quick
 * mode runs every case and every code path with a handful of samples, so CI
 * notices when the harness breaks; its numbers mean nothing (run.ts writes
 * its JSON under .tmp/, never over the committed full results).
 */
export function settingsFor(mode: 'full' | 'quick'): Settings {
  if (mode === 'quick') {
    const brief: RoundSettings = { rounds: 1, timeMs: 5, warmupMs: 2, minSamples: 4 }
    return {
      mode,
      overhead: { ...brief, batch: 8 },
      hooks: { ...brief, timeMs: 1, batch: 8 },
      scaling: { ...brief, matcherBatch: 64, invocationBatch: 4, sizes: scalingSizes, buildRepetitions: 1 },
      hostile: { rounds: 1, timeMs: 0.05, warmupMs: 0.01, minSamples: 4 },
      coldStart: { repetitions: 0 },
    }
  }
  return {
    mode,
    overhead: { rounds: 24, timeMs: 15, warmupMs: 5, minSamples: 16, batch: 64 },
    hooks: { rounds: 24, timeMs: 2, warmupMs: 1, minSamples: 16, batch: 64 },
    scaling: {
      rounds: 6,
      timeMs: 80,
      warmupMs: 20,
      minSamples: 32,
      matcherBatch: 512,
      invocationBatch: 16,
      sizes: scalingSizes,
      buildRepetitions: 5,
    },
    // The budgets count only timed work; parsing each sample's fresh
    // megabyte-sized event is off the clock but not free, so the hostile
    // case is bounded by sample count rather than by time.
    hostile: { rounds: 8, timeMs: 1, warmupMs: 0.2, minSamples: 40 },
    coldStart: { repetitions: 15 },
  }
}
