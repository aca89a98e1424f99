/**
 * Response streaming end to end: real middy 5, 6 and 7 in their streaming
 * modes, over a stand-in for the Lambda Node runtime's `awslambda` global
 * (test/support/lambda-streaming.ts), checking the bytes the client gets and
 * the prelude that carries the status and headers.
 */
import middy5 from 'middy5'
import middy6 from '@middy/core'
import middy7 from 'middy7'
import { executionModeStreamifyResponse } from 'middy7/StreamifyResponse'
import { Readable } from 'node:stream'
import { ReadableStream } from 'node:stream/web'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cors, type CorsOptions } from '../src/index.js'
import { functionUrlEvent, lambdaContext } from './support/events.js'
import { installStreamingRuntime, type Streamed } from './support/lambda-streaming.js'

const APP = 'https://app.example.com'
const policy: CorsOptions = { origins: [APP], credentials: true, exposedHeaders: ['X-Request-Id'] }
type Business = (event: unknown) => Promise<unknown>
type Invoke = (event: unknown, context: unknown) => Promise<Streamed>
type Use = { use: (middleware: unknown) => Use } & Invoke

const versions: [string, (business: Business) => Invoke][] = [
  ['5', (business) => (middy5 as unknown as (h: Business, plugin: object) => Use)(business, { streamifyResponse: true }).use(cors(policy))],
  ['6', (business) => (middy6 as unknown as (h: Business, plugin: object) => Use)(business, { streamifyResponse: true }).use(cors(policy))],
  ['7', (business) => (middy7 as unknown as (h: Business, plugin: object) => Use)(business, { executionMode: executionModeStreamifyResponse }).use(cors(policy))],
]

let uninstall: () => void
beforeAll(() => {
  uninstall = installStreamingRuntime()
})
afterAll(() => uninstall())

const chunks = ['{"items":[', '1,2,3', ']}', 'é'.repeat(20_000)]
const bodies: [string, () => unknown][] = [
  ['a Node Readable', () => Readable.from(chunks)],
  ['a web ReadableStream', () => new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk))
      controller.close()
    },
  })],
]

describe.each(versions)('@middy/core %s, streaming mode', (version, build) => {
  // middy 5 pipes Node streams only; 6 and 7 take web streams too.
  describe.each(version === '5' ? bodies.slice(0, 1) : bodies)('with %s as body', (_name, makeBody) => {
    it('streams { statusCode, headers, body } with the CORS headers in the prelude and the bytes untouched', async () => {
      const handler = build(async () => ({ statusCode: 200, headers: { 'Content-Type': 'application/json' }, cookies: ['a=1'], body: makeBody() }))
      const streamed = await handler(functionUrlEvent('GET', { Origin: APP }), lambdaContext())
      expect(streamed.body).toBe(chunks.join(''))
      expect(streamed.prelude).toEqual({
        statusCode: 200,
        cookies: ['a=1'],
        headers: {
          'Content-Type': 'application/json',
          'Access-Control-Allow-Origin': APP,
          'Access-Control-Allow-Credentials': 'true',
          'Access-Control-Expose-Headers': 'X-Request-Id',
          Vary: 'Origin',
        },
      })
    })

    it('streams a bare stream as it is, with no prelude invented', async () => {
      const handler = build(async () => makeBody())
      const streamed = await handler(functionUrlEvent('GET', { Origin: APP }), lambdaContext())
      expect(streamed).toEqual({ prelude: undefined, body: chunks.join('') })
    })
  })

  it('gives a refused origin no Access-Control-* header in the prelude, and the body untouched', async () => {
    const handler = build(async () => ({ statusCode: 200, headers: { 'access-control-allow-origin': '*' }, body: Readable.from(chunks) }))
    const streamed = await handler(functionUrlEvent('GET', { Origin: 'https://evil.test' }), lambdaContext())
    expect(streamed.prelude).toEqual({ statusCode: 200, headers: { Vary: 'Origin' } })
    expect(streamed.body).toBe(chunks.join(''))
  })

  it('answers a preflight in the prelude with an empty body; the handler never runs', async () => {
    let ran = false
    const handler = build(async () => { ran = true; return { statusCode: 200, body: Readable.from(['x']) } })
    const streamed = await handler(functionUrlEvent('OPTIONS', { Origin: APP, 'Access-Control-Request-Method': 'PUT' }), lambdaContext())
    expect(ran).toBe(false)
    expect(streamed.prelude).toMatchObject({ statusCode: 204, headers: { 'Access-Control-Allow-Origin': APP, 'Access-Control-Allow-Methods': expect.any(String) } })
    expect(streamed.body).toBe('')
  })
})
