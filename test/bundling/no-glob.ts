/** A deployable without globs: must work in every delivery and never load micromatch. */
import middy from '@middy/core'
import { allowOriginAnswers, refusalOf } from './deployable.js'
import { CorsConfigError, cors } from '../../src/index.js'

const handler = middy(async () => ({ statusCode: 200, headers: { 'Content-Type': 'text/plain' }, body: 'ok' })).use(
  cors({ origins: ['https://app.example.com', 'https://*.example.com', 'http://localhost:*'], credentials: true }),
)

async function main(): Promise<void> {
  const answers = await allowOriginAnswers(handler, ['https://app.example.com', 'https://api.example.com', 'http://localhost:3000', 'https://evil.example.net'])

  // A glob written as a plain string is refused at once, with the fix.
  const refusal = refusalOf(() => cors({ origins: ['https://{app,admin}.example.com'] }), CorsConfigError)

  process.stdout.write(JSON.stringify({ answers, refusal }))
}

// No top-level await: the same file is also bundled to CommonJS.
void main()
