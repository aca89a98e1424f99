/** A deployable without globs: must work in every delivery and never load micromatch. */
import middy from '@middy/core'
import { CorsConfigError, cors } from '../../src/index.js'

const handler = middy(async () => ({ statusCode: 200, headers: { 'Content-Type': 'text/plain' }, body: 'ok' })).use(
  cors({ origins: ['https://app.example.com', 'https://*.example.com', 'http://localhost:*'], credentials: true }),
)

const event = (origin: string) => ({
  httpMethod: 'GET',
  path: '/',
  headers: { Origin: origin },
  multiValueHeaders: { Origin: [origin] },
  requestContext: {},
})

async function main(): Promise<void> {
const answers: Record<string, string | null> = {}
for (const origin of ['https://app.example.com', 'https://api.example.com', 'http://localhost:3000', 'https://evil.example.net']) {
  const response = (await handler(event(origin) as never, {} as never)) as { headers: Record<string, string> }
  answers[origin] = response.headers['Access-Control-Allow-Origin'] ?? null
}

// A glob written as a plain string is refused at once, with the fix.
let refusal = ''
try {
  cors({ origins: ['https://{app,admin}.example.com'] })
} catch (error) {
  if (error instanceof CorsConfigError) refusal = error.message
}

process.stdout.write(JSON.stringify({ answers, refusal }))
}

// No top-level await: the same file is also bundled to CommonJS.
void main()
