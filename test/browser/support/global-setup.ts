import { ensureChromium } from './chromium.js'

// Runs once before any browser test file: Chromium must exist before the
// files' beforeAll hooks try to launch it.
export default function setup(): void {
  ensureChromium()
}
