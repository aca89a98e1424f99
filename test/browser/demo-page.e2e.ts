import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { flavorNames } from '../../demo/api/mounts.js'
import { startDemo } from '../../demo/server.js'
import { launchChromium } from './support/chromium.js'
import type { Harness } from './support/harness.js'
import { startHarness } from './support/harness.js'

// The demo page itself: its buttons run every scenario (from other origins
// through runner frames and popups) and mark each row as expected or not.

const repoRoot = fileURLToPath(new URL('../../', import.meta.url))
const screenshotPath = fileURLToPath(new URL('../../docs/demo.png', import.meta.url))

/** Clicks "Run all scenarios" for a flavor and returns the page's summary. */
async function runAllOnPage(page: Page, flavor: string): Promise<{ verdict: string | null; summary: string; unexpected: string[] }> {
  await page.check(`input[name=flavor][value=${flavor}]`)
  await page.click('#run-all')
  await page.waitForSelector('#summary[data-done]', { timeout: 60_000 })
  const unexpected = await page.locator('#rows tr.fail').allInnerTexts()
  return {
    verdict: await page.getAttribute('#summary', 'data-done'),
    summary: await page.innerText('#summary'),
    unexpected,
  }
}

describe('the demo page with the .test hostnames (as the suite runs it)', () => {
  let harness: Harness

  beforeAll(async () => {
    harness = await startHarness()
  })

  afterAll(async () => {
    await harness?.close()
  })

  it('runs every scenario as expected through each route, and is photographed for the README', async () => {
    const context = await harness.newContext()
    try {
      const page = await context.newPage()
      await page.setViewportSize({ width: 1500, height: 900 })
      await page.goto(`${harness.originOf('app')}/`)
      for (const flavor of flavorNames) {
        const result = await runAllOnPage(page, flavor)
        expect(result.unexpected, result.summary).toEqual([])
        expect(result.verdict).toBe('pass')
        if (flavor === 'rest') await page.screenshot({ path: screenshotPath, fullPage: true })
      }
    } finally {
      await context.close()
    }
  }, 180_000)
})

describe('npm run demo (localhost mode, no browser set-up)', () => {
  it('runs the scenarios that need no hostnames in a plain Chromium', async () => {
    const demo = await startDemo({ mode: 'localhost' })
    const browser = await launchChromium()
    try {
      const page = await browser.newPage()
      await page.goto(demo.pageUrl)
      const result = await runAllOnPage(page, 'rest')
      expect(result.unexpected, result.summary).toEqual([])
      expect(result.verdict).toBe('pass')
      expect(result.summary).toMatch(/not available here/)
    } finally {
      await browser.close()
      await demo.close()
    }
  }, 120_000)

  it('prints both URLs and stops cleanly on Ctrl-C', async () => {
    // What `npm run demo` runs (the script is `tsx demo/main.ts`).
    const child = spawn(join(repoRoot, 'node_modules', '.bin', 'tsx'), ['demo/main.ts'], {
      cwd: repoRoot,
      env: { ...process.env, DEMO_API_PORT: '0', DEMO_PAGE_PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
    try {
      let output = ''
      child.stderr.on('data', (chunk: Buffer) => {
        output += chunk.toString()
      })
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the demo did not start:\n${output}`)), 30_000)
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString()
          if (output.includes('Press Ctrl-C')) {
            clearTimeout(timer)
            resolve()
          }
        })
      })
      const pageUrl = /page \(open this\): (\S+)/.exec(output)?.[1]
      const apiUrl = /API: +(\S+)/.exec(output)?.[1]
      expect(pageUrl).toMatch(/^http:\/\/localhost:\d+$/)
      expect(apiUrl).toMatch(/^http:\/\/localhost:\d+$/)
      expect((await fetch(`${pageUrl}/`)).status).toBe(200)
      expect((await fetch(`${apiUrl}/rest/credentials/items`)).status).toBe(200)
      child.kill('SIGINT')
      expect(await exited).toBe(0)
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL')
    }
  }, 60_000)
})
