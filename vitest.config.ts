import { defineConfig } from 'vitest/config'

// Unit and integration tests. The browser suite has its own config
// (vitest.browser.config.ts) because it needs Chromium and real servers.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/browser/**', 'node_modules/**'],
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'] },
  },
})
