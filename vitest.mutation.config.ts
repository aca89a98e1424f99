import { defineConfig, mergeConfig } from 'vitest/config'
import base from './vitest.config.js'

// The unit and integration tests as Stryker runs them (npm run test:mutation).
// Left out: the type tests and the doc-sample compile test, which run the
// TypeScript compiler over src/ and so cannot see a mutant (Stryker's
// instrumented src/ is not meant to type-check), and would only slow each run.
export default mergeConfig(base, defineConfig({
  test: {
    // Also left out: suites that run the benchmark, bundle with esbuild or
    // install a project, which test tooling rather than src/ and take minutes.
    exclude: ['test/docs/compile.test.ts', 'test/bench-quick.test.ts', 'test/bundling.test.ts', 'test/docs/getting-started-project.test.ts'],
    typecheck: { enabled: false },
    // Mutants run beside other work; a slow machine must not pass for a killed mutant.
    testTimeout: 60_000,
    // One module graph for all files: two to three times faster per mutant. The
    // suite does not depend on per-file isolation (it passes either way). But
    // code that runs once and caches its result (the Public Suffix List index,
    // built on first use) then runs before any mutant is active, so mutants
    // in it look like survivors: STRYKER_ISOLATE=1 re-imports per test file.
    isolate: process.env.STRYKER_ISOLATE === '1',
    // Every module of src/ is loaded before the tests, so that module-level
    // code is static for Stryker whichever test file would load it first.
    setupFiles: ['test/support/load-modules.ts'],
  },
}))
