import { defineConfig } from 'vitest/config'

// The unit and integration tests as Stryker runs them (npm run test:mutation).
// Left out: the type tests and the doc-sample compile test, which run the
// TypeScript compiler over src/ and so cannot see a mutant (Stryker's
// instrumented src/ is not meant to type-check), and would only slow each run.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/browser/**', 'node_modules/**', 'test/docs/compile.test.ts'],
    // Mutants run beside other work; a slow machine must not pass for a killed mutant.
    testTimeout: 60_000,
    // One module graph for all files: two to three times faster per mutant. The
    // suite does not depend on per-file isolation (it passes either way). But
    // code that runs once and caches its result (the Public Suffix List index,
    // built on first use) then runs before any mutant is active, so mutants
    // in it look like survivors: STRYKER_ISOLATE=1 re-imports per test file.
    isolate: process.env.STRYKER_ISOLATE === '1',
  },
})
