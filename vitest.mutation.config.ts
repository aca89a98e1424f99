import { defineConfig } from 'vitest/config'

// The unit and integration tests as Stryker runs them (npm run test:mutation).
// Left out: the type tests and the doc-sample compile test, which run the
// TypeScript compiler over src/ and so cannot see a mutant (Stryker's
// instrumented src/ is not meant to type-check), and would only slow each run.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/browser/**', 'node_modules/**', 'test/docs/compile.test.ts'],
  },
})
