import { defineConfig, mergeConfig } from 'vitest/config'
import base from '../vitest.config.js'

/**
 * The unit suite, as one cell of the matrix (scripts/matrix.mjs) runs it:
 * the project's vitest.config.ts, with
 * - `@middy/core` resolved to the package named by MIDDY_CORE (the npm
 *   aliases `middy4`, `middy5`, `@middy/core` itself for 6, or the absolute
 *   path of .tmp/middy7/node_modules/@middy/core for 7), so
 *   every test and doc sample that imports `@middy/core` gets that version;
 * - an environment test that proves the cell runs the Node and middy it says;
 * - the suites that import every major themselves (middy-versions,
 *   streaming, the whole-middleware properties) left out: `npm test` runs
 *   them, and aliasing @middy/core would only mislabel their majors; and
 *   the streaming doc sample, written for middy 5-6's streamifyResponse option;
 * - type checking off: types do not depend on the Node binary or on which
 *   middy runs, and `npm test` checks them once (tsc and vitest typecheck).
 *   The doc samples' compile test is left out for the same reason.
 */
const middyCore = process.env.MIDDY_CORE ?? '@middy/core'

export default mergeConfig(base, defineConfig({
  resolve: {
    alias: middyCore === '@middy/core' ? [] : [{ find: /^@middy\/core$/, replacement: middyCore }],
  },
  test: {
    include: ['scripts/matrix/*.test.ts'],
    exclude: ['test/docs/compile.test.ts', 'test/middy-versions.test.ts', 'test/streaming.test.ts', 'test/middleware.property.test.ts', 'test/docs/middleware-streaming.test.ts'],
    typecheck: { enabled: false },
  },
}))
