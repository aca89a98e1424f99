import middy from '@middy/core'
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda'
import { beforeAll, describe, expect, it } from 'vitest'
import { cors } from '../../src/index.js'
import { restEvent } from './events.js'
import { importSample, writeSamples } from './samples.js'

/**
 * docs/without-middy.md: the withCors sample answers as middy with the
 * middleware would, and the hono origin function allows what the matcher does.
 */
type Handler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>
const APP = 'https://app.example.com'
const context = {} as Context
let folder: string
let handler: Handler

beforeAll(async () => {
  folder = writeSamples('without-middy', 'run')
  ;({ handler } = await importSample<{ handler: Handler }>(folder, 'handler.ts'))
})

describe('docs/without-middy.md', () => {
  it('handler.ts: the 200 and the returned 404 both carry the CORS headers', async () => {
    const ok = await handler(restEvent('GET', '/items/42', { Origin: APP }, { pathParameters: { id: '42' } }), context)
    expect(ok.statusCode).toBe(200)
    expect(ok.headers).toMatchObject({ 'Access-Control-Allow-Origin': APP, 'Access-Control-Allow-Credentials': 'true', Vary: 'Origin' })
    const missing = await handler(restEvent('GET', '/items/7', { Origin: APP }, { pathParameters: { id: '7' } }), context)
    expect(missing.statusCode).toBe(404)
    expect(missing.headers).toMatchObject({ 'Access-Control-Allow-Origin': APP, 'Access-Control-Allow-Credentials': 'true' })
  })

  it('handler.ts: answers exactly as middy(handler).use(cors(options))', async () => {
    const business = async (): Promise<APIGatewayProxyResult> => ({ statusCode: 404, headers: { 'Content-Type': 'text/plain' }, body: 'No such item' })
    const viaMiddy = middy<APIGatewayProxyEvent, APIGatewayProxyResult>(business).use(cors({ origins: [APP], credentials: true }))
    for (const event of [
      restEvent('GET', '/items/7', { Origin: APP }, { pathParameters: { id: '7' } }),
      restEvent('GET', '/items/7', { Origin: 'https://evil.example.net' }, { pathParameters: { id: '7' } }),
      restEvent('OPTIONS', '/items/7', { Origin: APP, 'Access-Control-Request-Method': 'PUT', 'Access-Control-Request-Headers': 'content-type' }),
    ]) {
      expect(await handler(structuredClone(event), context)).toEqual(await viaMiddy(structuredClone(event), context))
    }
  })

  it('hono-origin.ts: returns the origin to allow, or null', async () => {
    const { allowedOrigin } = await importSample<{ allowedOrigin: (origin: string) => string | null }>(folder, 'hono-origin.ts')
    expect(allowedOrigin(APP)).toBe(APP)
    expect(allowedOrigin('https://pr-7.preview.example.com')).toBe('https://pr-7.preview.example.com')
    expect(allowedOrigin('https://preview.example.com.evil.net')).toBeNull()
    expect(allowedOrigin('null')).toBeNull()
  })
})
