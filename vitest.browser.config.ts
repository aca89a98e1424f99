import { defineConfig } from 'vitest/config'

// The end-to-end suite: real servers on 127.0.0.1 and headless Chromium driven
// by playwright-core. Files run one at a time in a single fork because each
// starts its own servers and browser.
export default defineConfig({
  test: {
    include: ['test/browser/**/*.e2e.ts'],
    globalSetup: ['test/browser/support/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 30_000,
    // Starting Chromium and the servers; installing Chromium happens in globalSetup.
    hookTimeout: 60_000,
    teardownTimeout: 15_000,
  },
})
