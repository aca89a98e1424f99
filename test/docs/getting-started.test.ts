import { format } from 'node:util'
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { importSample, sample, writeSamples } from './samples.js'
import { restEvent } from './events.js'

type Handler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>
type Preflight = (event: unknown) => Promise<{ statusCode: number; headers?: Record<string, string>; body: string }>

const APP = 'https://app.example.com'
let folder: string
let handler: Handler
let options: Preflight

beforeAll(async () => {
  folder = writeSamples('getting-started', 'run')
  ;({ handler } = await importSample<{ handler: Handler }>(folder, 'handler.ts'))
  ;({ options } = await importSample<{ options: Preflight }>(folder, 'preflight.ts'))
})

afterEach(() => {
  vi.restoreAllMocks()
})

const context = {} as Context

describe('docs/getting-started.md', () => {
  it('handler.ts: an allowed origin gets its origin, credentials, the exposed header and Vary', async () => {
    const response = await handler(restEvent('GET', '/items/42', { Origin: APP }, { pathParameters: { id: '42' } }), context)
    expect(response.statusCode).toBe(200)
    expect(JSON.parse(response.body)).toEqual({ id: '42', name: 'Cortado' })
    expect(response.headers).toMatchObject({
      'Access-Control-Allow-Origin': APP,
      'Access-Control-Allow-Credentials': 'true',
      'Access-Control-Expose-Headers': 'X-Request-Id',
      Vary: 'Origin',
    })
  })

  it('handler.ts: subdomains at any depth match *.example.com; the apex and lookalikes do not', async () => {
    for (const origin of ['https://shop.example.com', 'https://a.b.example.com', 'http://localhost:5173']) {
      const response = await handler(restEvent('GET', '/items/42', { Origin: origin }, { pathParameters: { id: '42' } }), context)
      expect(response.headers?.['Access-Control-Allow-Origin'], origin).toBe(origin)
    }
    for (const origin of ['https://example.com', 'https://evilexample.com', 'https://example.com.evil.net']) {
      const response = await handler(restEvent('GET', '/items/42', { Origin: origin }, { pathParameters: { id: '42' } }), context)
      expect(Object.keys(response.headers ?? {}).filter((h) => h.toLowerCase().startsWith('access-control-')), origin).toEqual([])
      expect(response.headers?.Vary).toBe('Origin')
    }
  })

  it('handler.ts: the 404 thrown by business code carries the CORS headers', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const response = await handler(restEvent('GET', '/items/7', { Origin: APP }, { pathParameters: { id: '7' } }), context)
    expect(response.statusCode).toBe(404)
    expect(response.body).toBe('No such item')
    expect(response.headers?.['Access-Control-Allow-Origin']).toBe(APP)
  })

  it('handler.ts: a preflight reaching the function is answered before business code runs', async () => {
    const response = await handler(restEvent('OPTIONS', '/items/7', {
      Origin: APP, 'Access-Control-Request-Method': 'PUT', 'Access-Control-Request-Headers': 'content-type',
    }, { pathParameters: { id: '7' } }), context)
    expect(response.statusCode).toBe(204) // getItem would have thrown a 404
    expect(response.headers?.['Access-Control-Allow-Methods']).toContain('PUT')
  })

  it('preflight.ts answers exactly as the middleware does', async () => {
    const headers = { Origin: APP, 'Access-Control-Request-Method': 'DELETE', 'Access-Control-Request-Headers': 'authorization' }
    const viaMiddleware = await handler(restEvent('OPTIONS', '/items/42', headers), context)
    const viaPreflight = await options(restEvent('OPTIONS', '/items/42', headers))
    expect(viaPreflight).toEqual(viaMiddleware)
  })

  it('try-it.ts prints exactly what the guide shows', async () => {
    const printed: string[] = []
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => { printed.push(format(...args)) })
    vi.spyOn(console, 'error').mockImplementation(() => {})
    await importSample(folder, 'try-it.ts')
    expect(printed.join('\n') + '\n').toBe(sample('getting-started', 'try-it.output.txt').code)
  })
})
