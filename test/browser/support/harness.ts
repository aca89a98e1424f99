import { randomBytes } from 'node:crypto'
import type { Browser, BrowserContext } from 'playwright-core'
import type { Flavor } from '../../../demo/api/mounts.js'
import type { SeenRequest } from '../../../demo/gateway/request-log.js'
import type { OriginRole } from '../../../demo/origins.js'
import type { DemoPageApi, ScenarioObservation } from '../../../demo/scenarios.js'
import { scenarioById } from '../../../demo/scenarios.js'
import type { DemoHandle } from '../../../demo/server.js'
import { startDemo } from '../../../demo/server.js'
import { launchChromium } from './chromium.js'

/** The demo, as `npm run demo` starts it (on free ports), plus a plain headless Chromium. */
export interface Harness {
  demo: DemoHandle
  browser: Browser
  /** A fresh browser context: its own cookies and its own preflight cache. */
  newContext(): Promise<BrowserContext>
  /** Page origin for a role. */
  originOf(role: OriginRole): string
  close(): Promise<void>
}

export async function startHarness(): Promise<Harness> {
  const demo = await startDemo()
  let browser: Browser
  try {
    browser = await launchChromium()
  } catch (error) {
    await demo.close()
    throw error
  }
  return {
    demo,
    browser,
    newContext: () => browser.newContext(),
    originOf: (role) => demo.origins.pages[role],
    async close() {
      await browser.close()
      await demo.close()
    },
  }
}

/** One scenario as run by the browser, and the server's side of it. */
export interface ScenarioRun {
  observation: ScenarioObservation
  /** The requests the API front answered for this run, in order. */
  seen: SeenRequest[]
  /** Every console message the page (and its frames) printed. */
  console: string[]
}

const corsConsoleMessage = /blocked by CORS policy/

/**
 * Opens the demo page at the scenario's origin in a fresh context and has the
 * page's own script perform the scenario: exactly what a user's button click
 * does, observed from JavaScript.
 */
export async function runScenario(harness: Harness, scenarioId: string, flavor: Flavor): Promise<ScenarioRun> {
  const scenario = scenarioById(scenarioId)
  const tag = `${scenarioId}.${flavor}.${randomBytes(4).toString('hex')}`
  const context = await harness.newContext()
  const messages: string[] = []
  try {
    const page = await context.newPage()
    page.on('console', (message) => messages.push(message.text()))
    await page.goto(`${harness.originOf(scenario.from)}/`)
    const observation = await page.evaluate(
      ([id, flavorName, runTag]) => (globalThis as unknown as { corsDemo: DemoPageApi }).corsDemo.runHere(id, flavorName, runTag),
      [scenarioId, flavor, tag] as const,
    )
    // Chromium may print its CORS error after fetch has rejected: give it a
    // moment, while the page is still open, when something was blocked.
    const blockedSteps = observation.steps.filter((step) => step.outcome === 'blocked').length
    for (let waited = 0; waited < 2_000; waited += 50) {
      if (messages.filter((message) => corsConsoleMessage.test(message)).length >= blockedSteps) break
      await page.waitForTimeout(50)
    }
    return { observation, seen: harness.demo.log.withTag(tag), console: messages }
  } finally {
    await context.close()
  }
}
