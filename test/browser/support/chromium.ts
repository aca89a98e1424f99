import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import type { Browser } from 'playwright-core'
import { chromium } from 'playwright-core'

/** Debian's Chromium; CHROMIUM_PATH points elsewhere (e.g. a local Chrome) if set. */
export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium'

const installHint =
  'The browser suite needs Chromium at /usr/bin/chromium. Install Debian\'s package as root:\n' +
  '  apt-get update && apt-get install -y chromium\n' +
  'or set CHROMIUM_PATH to a Chromium or Chrome binary.'

/**
 * Makes sure Chromium is there: installs Debian's package when running as
 * root (as CI does), otherwise fails saying exactly what to install.
 */
export function ensureChromium(): void {
  if (existsSync(chromiumPath)) return
  if (process.env.CHROMIUM_PATH) throw new Error(`CHROMIUM_PATH is ${chromiumPath}, which does not exist.\n${installHint}`)
  if (process.getuid?.() !== 0) throw new Error(`Chromium is missing and this user is not root, so the suite cannot install it.\n${installHint}`)
  console.log('[browser suite] /usr/bin/chromium is missing; installing Debian\'s chromium package with apt-get')
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  execFileSync('apt-get', ['update'], { stdio: 'inherit', env })
  execFileSync('apt-get', ['install', '-y', 'chromium'], { stdio: 'inherit', env })
  if (!existsSync(chromiumPath)) throw new Error(`apt-get finished but ${chromiumPath} is still missing.\n${installHint}`)
}

/**
 * Starts headless Chromium with the flags that work on this machine. Playwright
 * gives every launch a fresh temporary --user-data-dir and removes it on close.
 */
export async function launchChromium(): Promise<Browser> {
  const args = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    // Without these Chromium keeps calling home, and this machine refuses every such connection.
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    // The suite's HTTPS servers use a throwaway self-signed certificate.
    '--ignore-certificate-errors',
  ]
  return chromium.launch({ executablePath: chromiumPath, headless: true, args, timeout: 60_000 })
}
