import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Context } from 'aws-lambda'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import cors, { cors as namedCors } from '../../src/index.js'
import { httpEvent, restEvent } from './events.js'
import { importSample, runnableSource, sample, writeSamples } from './samples.js'

/**
 * README.md's quick start: the handler and the preflight handler it exports
 * answer real API Gateway events, and every `isAllowed(...) // true|false`
 * line of the matcher sample says what the matcher really returns.
 */
type Response = { statusCode: number; headers?: Record<string, string>; body?: string }
type Handler = (event: unknown, context: Context) => Promise<Response>

const GUIDE = 'README'
const APP = 'https://app.example.com'
const context = {} as Context
let folder: string
let handler: Handler
let options: (event: unknown) => Promise<Response>

beforeAll(async () => {
  folder = writeSamples(GUIDE, 'run')
  ;({ handler, options } = await importSample<{ handler: Handler; options: (event: unknown) => Promise<Response> }>(folder, 'quick-start.ts'))
})

afterEach(() => {
  vi.restoreAllMocks()
})

describe('README.md: quick start', () => {
  it('quick-start.ts: allowed origins get the CORS headers, lookalikes do not', async () => {
    for (const origin of [APP, 'https://shop.example.com', 'http://localhost:3000']) {
      const response = await handler(restEvent('GET', '/hello', { Origin: origin }), context)
      expect(response.statusCode).toBe(200)
      expect(response.body).toBe('Hello from the handler')
      expect(response.headers).toMatchObject({ 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Credentials': 'true', Vary: 'Origin' })
    }
    for (const origin of ['https://evilexample.com', 'https://example.com.evil.net']) {
      const response = await handler(httpEvent('GET', '/hello', { Origin: origin }), context)
      expect(response.headers?.['Access-Control-Allow-Origin'], origin).toBeUndefined()
      expect(response.headers?.Vary).toBe('Origin')
    }
  })

  it('quick-start.ts: `options` answers a preflight exactly as the wrapped handler', async () => {
    const headers = { Origin: APP, 'Access-Control-Request-Method': 'DELETE', 'Access-Control-Request-Headers': 'authorization' }
    const viaPreflight = await options(httpEvent('OPTIONS', '/items/42', headers))
    expect(viaPreflight.statusCode).toBe(204)
    expect(viaPreflight.headers?.['Access-Control-Allow-Origin']).toBe(APP)
    expect(viaPreflight).toEqual(await handler(httpEvent('OPTIONS', '/items/42', headers), context))
  })

  it('cors is also the default export', () => {
    expect(cors).toBe(namedCors)
    expect(sample(GUIDE, 'quick-start.ts').code).toContain('// cors is also the default export')
  })

  it('matcher.ts: each isAllowed(...) comment is what the matcher returns', async () => {
    const code = sample(GUIDE, 'matcher.ts').code
    const claims = [...code.matchAll(/^isAllowed\('([^']+)'\)\s*\/\/ (true|false)$/gm)].map((m) => [m[1] as string, m[2] === 'true'] as const)
    expect(claims.length).toBeGreaterThanOrEqual(2)
    // The sample as a reader has it, plus an export so the test can call its matcher.
    writeFileSync(join(folder, 'matcher-exported.ts'), runnableSource(`${code}export { isAllowed }\n`, folder))
    const { isAllowed } = await importSample<{ isAllowed: (origin: string) => boolean }>(folder, 'matcher-exported.ts')
    for (const [origin, expected] of claims) expect(isAllowed(origin), origin).toBe(expected)
  })
})
