/**
 * The middleware against every supported major of @middy/core. Their
 * early-return mechanisms differ (4 and 5 assign request.response; 6 and 7
 * use request.earlyResponse), so the short-circuit and error paths are
 * exercised on each.
 */
import middy4 from 'middy4'
import middy5 from 'middy5'
import middy6 from '@middy/core'
import middy7 from 'middy7'
import httpErrorHandler from '@middy/http-error-handler'
import { createError } from '@middy/util'
import { describe, expect, it, vi } from 'vitest'
import { cors, type CorsOptions } from '../src/index.js'
import { header, lambdaContext, restEvent } from './support/events.js'

const APP = 'https://app.example.com'
const policy: CorsOptions = { origins: [APP], credentials: true }

type Wrapped = (event: unknown, context: unknown) => Promise<unknown>
type Use = { use: (middleware: unknown) => Use } & Wrapped
type Middy = (handler: (...args: never[]) => unknown) => Use

const versions: [string, Middy][] = [
  ['4', middy4 as unknown as Middy],
  ['5', middy5 as unknown as Middy],
  ['6', middy6 as unknown as Middy],
  ['7', middy7 as unknown as Middy],
]

describe.each(versions)('@middy/core %s', (_, middy) => {
  it('short-circuits a preflight in before: the handler never runs', async () => {
    const business = vi.fn(async () => ({ statusCode: 200, body: 'business' }))
    const handler = middy(business).use(cors(policy))
    const response = await handler(restEvent('OPTIONS', { Origin: APP, 'Access-Control-Request-Method': 'PUT' }), lambdaContext())
    expect(business).not.toHaveBeenCalled()
    expect(response).toMatchObject({ statusCode: 204, body: '' })
    expect(header(response, 'Access-Control-Allow-Origin')).toBe(APP)
  })

  it('adds headers to an actual response', async () => {
    const handler = middy(async () => ({ statusCode: 200, body: 'ok' })).use(cors(policy))
    const response = await handler(restEvent('GET', { Origin: APP }), lambdaContext())
    expect(header(response, 'Access-Control-Allow-Origin')).toBe(APP)
  })

  it('adds headers to an http-error-handler response in either order', async () => {
    const fail = async () => { throw createError(401, 'nope') }
    for (const handler of [
      middy(fail).use(cors(policy)).use(httpErrorHandler({ logger: false })),
      middy(fail).use(httpErrorHandler({ logger: false })).use(cors(policy)),
    ]) {
      const response = await handler(restEvent('GET', { Origin: APP }), lambdaContext())
      expect(response).toMatchObject({ statusCode: 401, body: 'nope' })
      expect(header(response, 'Access-Control-Allow-Origin')).toBe(APP)
    }
  })

  it('lets an unhandled error propagate unchanged', async () => {
    const error = new Error('boom')
    const handler = middy(async () => { throw error }).use(cors(policy))
    await expect(handler(restEvent('GET', { Origin: APP }), lambdaContext())).rejects.toBe(error)
  })
})
