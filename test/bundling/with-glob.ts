/** A deployable with globs from lambda-cors/glob: must work in every delivery. */
import middy from '@middy/core'
import { CorsConfigError, cors, createOriginMatcher } from '../../src/index.js'
import { glob } from '../../src/glob.js'

const handler = middy(async () => ({ statusCode: 200, headers: { 'Content-Type': 'text/plain' }, body: 'ok' })).use(
  cors({ origins: [glob('https://{app,admin}.example.com'), glob('https://pr-*.preview.example.com')], credentials: true }),
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
for (const origin of ['https://admin.example.com', 'https://pr-42.preview.example.com', 'https://x.pr-1.preview.example.com', 'https://apps.example.com']) {
  const response = (await handler(event(origin) as never, {} as never)) as { headers: Record<string, string> }
  answers[origin] = response.headers['Access-Control-Allow-Origin'] ?? null
}

// Configuration errors in globs still throw from cors() at once.
let refusal = ''
try {
  cors({ origins: [glob('https://{app,admin.example.com')] })
} catch (error) {
  if (error instanceof CorsConfigError) refusal = error.message
}

const matcher = createOriginMatcher([glob('http://localhost:{3000,5173}')])
process.stdout.write(JSON.stringify({ answers, refusal, matcher: [matcher('http://localhost:5173'), matcher('http://localhost:5174')] }))
}

// No top-level await: the same file is also bundled to CommonJS.
void main()
