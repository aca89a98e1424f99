import { CorsConfigError, type CorsConfigProblem } from '../../src/index.js'

/** The problems a CorsConfigError lists; fails when nothing (or something else) is thrown. */
export function problemsOf(run: () => unknown): readonly CorsConfigProblem[] {
  try {
    run()
  } catch (error) {
    if (error instanceof CorsConfigError) return error.problems
    throw error
  }
  throw new Error('expected a CorsConfigError, but nothing was thrown')
}
