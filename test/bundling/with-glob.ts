/** A deployable with globs from lambda-cors/glob: must work in every delivery. */
import middy from '@middy/core'
import { allowOriginAnswers, refusalOf } from './deployable.js'
import { CorsConfigError, cors, createOriginMatcher } from '../../src/index.js'
import { glob } from '../../src/glob.js'

const handler = middy(async () => ({ statusCode: 200, headers: { 'Content-Type': 'text/plain' }, body: 'ok' })).use(
  cors({ origins: [glob('https://{app,admin}.example.com'), glob('https://pr-*.preview.example.com')], credentials: true }),
)

async function main(): Promise<void> {
  const answers = await allowOriginAnswers(handler, ['https://admin.example.com', 'https://pr-42.preview.example.com', 'https://x.pr-1.preview.example.com', 'https://apps.example.com'])

  // Configuration errors in globs still throw from cors() at once.
  const refusal = refusalOf(() => cors({ origins: [glob('https://{app,admin.example.com')] }), CorsConfigError)

  const matcher = createOriginMatcher([glob('http://localhost:{3000,5173}')])
  process.stdout.write(JSON.stringify({ answers, refusal, matcher: [matcher('http://localhost:5173'), matcher('http://localhost:5174')] }))
}

// No top-level await: the same file is also bundled to CommonJS.
void main()
