import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

// @middy/core 7 lives in .tmp/middy7 (scripts/lib/middy7.mjs installs it
// before `npm test`), not in devDependencies: it declares Node >=22.
// Stryker runs the suite from a sandbox copy without .tmp/: scripts/mutation.mjs
// then names the project's copy in LAMBDA_CORS_MIDDY7_DIR.
const middy7 = process.env.LAMBDA_CORS_MIDDY7_DIR ?? fileURLToPath(new URL('./.tmp/middy7/node_modules/@middy/core/', import.meta.url))

// Unit and integration tests. The browser suite has its own config
// (vitest.browser.config.ts) because it needs Chromium and real servers.
export default defineConfig({
  resolve: {
    alias: [
      { find: /^middy7$/, replacement: `${middy7}index.js` },
      { find: /^middy7\/StreamifyResponse$/, replacement: `${middy7}executionModeStreamifyResponse.js` },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/browser/**', 'node_modules/**'],
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'] },
  },
})
