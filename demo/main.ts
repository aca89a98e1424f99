import { PortInUseError, startDemo } from './server.js'
import type { SeenRequest } from './gateway/request-log.js'

// `npm run demo`: the demo on *.localhost names, for any Chromium or Firefox, until Ctrl-C.
// DEMO_API_PORT / DEMO_PAGE_PORT / DEMO_OTHER_PAGE_PORT override the ports (0 picks free ones).
function portFromEnv(name: string, fallback: number): number {
  const value = process.env[name]
  if (value === undefined || value === '') return fallback
  const port = Number(value)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`${name} must be a port number from 0 to 65535, not ${value}.`)
    process.exit(2)
  }
  return port
}

function describe(entry: SeenRequest): string {
  const handler = entry.handler === 'middy' ? (entry.businessRan ? 'business ran' : 'answered by cors') : entry.handler
  const refusal = entry.refusals.map((note) => `  refused: ${note.reason}`).join('')
  return `${entry.method} ${entry.path} from ${entry.origin ?? '(no Origin)'} -> ${entry.status} (${handler})${refusal}`
}

let demo: Awaited<ReturnType<typeof startDemo>>
try {
  demo = await startDemo({
    apiPort: portFromEnv('DEMO_API_PORT', 8787),
    pagePort: portFromEnv('DEMO_PAGE_PORT', 8788),
    otherPagePort: portFromEnv('DEMO_OTHER_PAGE_PORT', 8789),
  })
} catch (error) {
  if (!(error instanceof PortInUseError)) throw error
  console.error(`lambda-cors demo: ${error.message}`)
  process.exit(1)
}
demo.log.onRecord((entry) => console.log(describe(entry)))

console.log(`lambda-cors demo
  page (open this): ${demo.pageUrl}
  API:              ${demo.apiUrl}  (routes /rest/..., /http/..., /split/...)
The *.localhost names resolve to this machine in Chromium and Firefox; no set-up needed.
Press Ctrl-C to stop.`)

let stopping = false
async function stop(signal: string): Promise<void> {
  if (stopping) {
    // A second Ctrl-C means "now", whatever is still closing.
    process.exit(130)
  }
  stopping = true
  console.log(`\n${signal}: stopping the demo`)
  await demo.close()
  // Nothing else holds the event loop, so the process ends here by itself.
}
process.on('SIGINT', () => void stop('SIGINT'))
process.on('SIGTERM', () => void stop('SIGTERM'))
