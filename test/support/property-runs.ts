/**
 * fast-check settings for whole-middleware properties: a fixed seed, so
 * `npm test` is deterministic, and more runs when `FC_RUNS` is set (CI sets
 * it). A failure prints its seed and path, so it can be replayed.
 */
export function propertyRuns(defaultRuns: number): { seed: number; numRuns: number } {
  return { seed: 0x1ace_c025, numRuns: runCount(defaultRuns) }
}

function runCount(defaultRuns: number): number {
  const fromEnv = Number(process.env.FC_RUNS)
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : defaultRuns
}

/** A vitest timeout for a property: generous per run, since CI machines are slow and shared. */
export function propertyTimeout(defaultRuns: number, msPerRun = 100): number {
  return 30_000 + runCount(defaultRuns) * msPerRun
}
