import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { createServer } from 'node:net'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { flavorNames } from '../../demo/api/mounts.js'
import { scenarios } from '../../demo/scenarios.js'
import { launchChromium } from './support/chromium.js'

// `npm run demo` itself, driven in Chromium with no flags: its page runs
// every scenario (from other *.localhost origins through runner frames),
// marks each row as expected or not, fits a 1280-pixel window, and is
// photographed into .tmp/demo.png (untracked: a run of the suite changes no
// tracked file; docs/demo.png is taken by hand from `npm run demo`).

const repoRoot = fileURLToPath(new URL('../../', import.meta.url))
const screenshotPath = fileURLToPath(new URL('../../.tmp/demo.png', import.meta.url))

interface RunningDemo {
  child: ChildProcessWithoutNullStreams
  output: () => string
  exited: Promise<number | null>
}

/**
 * Starts demo/main.ts, the script `npm run demo` runs, and waits for "Press
 * Ctrl-C", or for it to exit. It runs under node with tsx as a loader rather
 * than under the tsx CLI: the CLI relays a SIGINT sent to it alone a second
 * time when the child does not confirm within 30 ms (as on a loaded CI
 * machine), and a second Ctrl-C means "exit now".
 */
async function startNpmDemo(env: Record<string, string>): Promise<RunningDemo> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'demo/main.ts'], { cwd: repoRoot, env: { ...process.env, ...env } })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString() })
  child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString() })
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the demo did not start:\n${output}`)), 30_000)
    const check = setInterval(() => {
      if (output.includes('Press Ctrl-C') || child.exitCode !== null) {
        clearTimeout(timer)
        clearInterval(check)
        resolve()
      }
    }, 50)
  })
  return { child, output: () => output, exited }
}

/** Clicks "Run all scenarios" for a flavor and returns the page's summary. */
async function runAllOnPage(page: Page, flavor: string): Promise<{ verdict: string | null; summary: string; unexpected: string[] }> {
  await page.check(`input[name=flavor][value=${flavor}]`)
  await page.click('#run-all')
  await page.waitForSelector('#summary[data-done]', { timeout: 90_000 })
  return {
    verdict: await page.getAttribute('#summary', 'data-done'),
    summary: await page.innerText('#summary'),
    unexpected: await page.locator('#rows tr.fail').allInnerTexts(),
  }
}

describe('npm run demo in a plain Chromium (no flags, no hosts file)', () => {
  let demo: RunningDemo
  let browser: Browser
  let pageUrl: string
  let apiUrl: string

  beforeAll(async () => {
    demo = await startNpmDemo({ DEMO_API_PORT: '0', DEMO_PAGE_PORT: '0', DEMO_OTHER_PAGE_PORT: '0' })
    pageUrl = /page \(open this\): (\S+)/.exec(demo.output())?.[1] ?? ''
    apiUrl = /API: +(\S+)/.exec(demo.output())?.[1] ?? ''
    browser = await launchChromium()
  }, 60_000)

  afterAll(async () => {
    await browser?.close()
    if (demo?.child.exitCode === null) demo.child.kill('SIGKILL')
  })

  it('prints the page and API URLs on *.localhost names', () => {
    expect(pageUrl).toMatch(/^http:\/\/app\.example\.localhost:\d+$/)
    expect(apiUrl).toMatch(/^http:\/\/api\.example\.localhost:\d+$/)
  })

  it('runs every scenario as expected through each route, fits 1280 pixels, and is photographed', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    try {
      await page.goto(pageUrl)
      expect(await page.locator('#rows tr').count()).toBe(scenarios.length)
      expect(await page.locator('#rows tr.na').count()).toBe(0)
      for (const flavor of flavorNames) {
        const result = await runAllOnPage(page, flavor)
        expect(result.unexpected, result.summary).toEqual([])
        expect(result.verdict).toBe('pass')
        expect(result.summary).toBe(`${scenarios.length} as expected, 0 unexpected (/${flavor})`)
        const width = await page.evaluate('document.documentElement.scrollWidth') as number
        expect(width, 'the table fits a 1280-pixel window').toBeLessThanOrEqual(1280)
        if (flavor === 'rest') await page.screenshot({ path: screenshotPath, fullPage: true })
      }
      // Each row shows the origin the browser really sent from.
      const froms = await page.locator('#rows td.from').allInnerTexts()
      for (const from of froms) expect(from).toMatch(/^(http:\/\/[a-z.]*localhost:\d+|null \(sandboxed iframe on http:\/\/app\.example\.localhost:\d+\))$/)
    } finally {
      await page.close()
    }
  }, 300_000)

  it('stops cleanly on Ctrl-C', async () => {
    demo.child.kill('SIGINT')
    expect(await demo.exited).toBe(0)
  }, 30_000)
})

describe('npm run demo on a busy port', () => {
  it('says which port is busy and which variable to change', async () => {
    const blocker = createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    const port = (blocker.address() as AddressInfo).port
    try {
      const demo = await startNpmDemo({ DEMO_API_PORT: String(port), DEMO_PAGE_PORT: '0', DEMO_OTHER_PAGE_PORT: '0' })
      expect(await demo.exited).toBe(1)
      expect(demo.output()).toContain(`lambda-cors demo: port ${port} (the API) is already in use. Stop what is using it, or pick another port: DEMO_API_PORT=<port> npm run demo (0 picks a free one).`)
    } finally {
      blocker.close()
    }
  }, 60_000)
})
