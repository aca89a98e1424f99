/**
 * The streaming sample of docs/middleware.md, run through middy's streaming
 * mode over a stand-in Lambda runtime. The sample uses middy 5-6's
 * `streamifyResponse` option, so the matrix (which swaps @middy/core for each
 * major) leaves this file out; test/streaming.test.ts covers every major.
 */
import type { Context } from 'aws-lambda'
import { describe, expect, it } from 'vitest'
import { importSample, writeSamples } from './samples.js'
import { functionUrlEvent } from '../support/events.js'
import { installStreamingRuntime, type Streamed } from '../support/lambda-streaming.js'

const GUIDE = 'middleware'
const APP = 'https://app.example.com'
const EVIL = 'https://app.example.com.evil.net'
const context = {} as Context

describe('docs/middleware.md: streaming.ts', () => {
  it('streams the body untouched, with the CORS headers in the prelude', async () => {
    const uninstall = installStreamingRuntime()
    try {
      const folder = writeSamples(GUIDE, 'streaming')
      const { handler: streaming } = await importSample<{ handler: (event: unknown, context: unknown) => Promise<Streamed> }>(folder, 'streaming.ts')
      const streamed = await streaming(functionUrlEvent('GET', { Origin: APP }), context)
      expect(streamed.body).toBe('{"items":[1,2,3]}')
      // Status and headers exactly; other prelude fields are middy's own and differ between majors.
      const statusAndHeaders = ({ prelude }: Streamed): unknown => ({ statusCode: prelude?.statusCode, headers: prelude?.headers })
      expect(statusAndHeaders(streamed)).toEqual({
        statusCode: 200,
        headers: { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': APP, Vary: 'Origin' },
      })
      const refused = await streaming(functionUrlEvent('GET', { Origin: EVIL }), context)
      expect(statusAndHeaders(refused)).toEqual({ statusCode: 200, headers: { 'Content-Type': 'application/json', Vary: 'Origin' } })
    } finally {
      uninstall()
    }
  })
})
