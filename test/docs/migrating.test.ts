import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import middy from '@middy/core'
import httpCors from '@middy/http-cors'
import httpErrorHandler from '@middy/http-error-handler'
import { createError } from '@middy/util'
import type { ALBEvent, APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda'
import { beforeAll, describe, expect, it } from 'vitest'
import { CorsConfigError, compilePolicy, cors } from '../../src/index.js'
import { restEvent } from './events.js'
import { docsDir, importSample, writeSamples } from './samples.js'

/**
 * The guide's claims about @middy/http-cors are checked against the real
 * package (a dev dependency), side by side with lambda-cors.
 */
type Handler = (event: unknown, context: Context) => Promise<APIGatewayProxyResult & { multiValueHeaders?: Record<string, string[]> }>

const GUIDE = 'migrating'
const APP = 'https://app.example.com'
const EVIL = 'https://evil.example.net'
const context = {} as Context
let before: Handler
let after: Handler
let folder: string

beforeAll(async () => {
  folder = writeSamples(GUIDE, 'run')
  ;({ handler: before } = await importSample<{ handler: Handler }>(folder, 'before.ts'))
  ;({ handler: after } = await importSample<{ handler: Handler }>(folder, 'after.ts'))
})

const allowOrigin = (response: { headers?: Record<string, unknown> }): unknown => response.headers?.['Access-Control-Allow-Origin']
const business = (headers: Record<string, string> = {}) => async () => ({ statusCode: 200, headers: { 'Content-Type': 'text/plain', ...headers }, body: 'business ran' })
const wrap = (m: { before?: unknown; after?: unknown; onError?: unknown }, base: () => Promise<unknown> = business()): Handler => middy(base).use(m as never) as unknown as Handler

describe('docs/migrating.md: from @middy/http-cors', () => {
  it('before.ts and after.ts agree on an ordinary allowed request', async () => {
    const event = restEvent('GET', '/items', { Origin: 'https://shop.example.com' })
    const [old, now] = [await before(event, context), await after(event, context)]
    expect(allowOrigin(old)).toBe('https://shop.example.com')
    expect(allowOrigin(now)).toBe('https://shop.example.com')
    expect(now.headers?.['Access-Control-Allow-Credentials']).toBe(old.headers?.['Access-Control-Allow-Credentials'])
    expect(now.headers?.['Access-Control-Expose-Headers']).toBe(old.headers?.['Access-Control-Expose-Headers'])
  })

  it('wildcards: http-cors matches one label, lambda-cors any depth', async () => {
    const event = restEvent('GET', '/items', { Origin: 'https://a.b.example.com' })
    expect(allowOrigin(await before(event, context))).toBeUndefined()
    expect(allowOrigin(await after(event, context))).toBe('https://a.b.example.com')
  })

  it('the option table covers every @middy/http-cors option, and each renamed one is named by CorsConfigError', () => {
    const source = readFileSync(join(process.cwd(), 'node_modules', '@middy', 'http-cors', 'index.js'), 'utf8')
    const defaults = /const defaults = \{([^}]*)\}/.exec(source)?.[1] ?? ''
    const options = [...defaults.matchAll(/^\s*(\w+):/gm)].map((m) => m[1] as string)
    expect(options).toContain('disableBeforePreflightResponse')
    const text = readFileSync(join(docsDir, `${GUIDE}.md`), 'utf8')
    // Rows of the option table: | `old` ... | `new` ... or "none" / "a predicate" | what changes |
    const rows = new Map<string, string | undefined>()
    for (const line of text.split('\n').filter((l) => l.startsWith('| `'))) {
      const [first = '', second = ''] = line.slice(2).split(' | ')
      const old = /^`(\w+)/.exec(first)?.[1]
      if (old !== undefined) rows.set(old, /^`(\w+)`/.exec(second)?.[1])
    }
    for (const option of options) {
      expect(rows.has(option), `the table has a row for ${option}`).toBe(true)
      const renamed = rows.get(option)
      if (renamed === undefined || renamed === option) continue
      try {
        compilePolicy({ origins: [APP], [option]: 'x' } as never)
        expect.unreachable(`${option} should be refused`)
      } catch (error) {
        expect(error).toBeInstanceOf(CorsConfigError)
        const problem = (error as CorsConfigError).problems.find((p) => p.option === option)
        // A string value gets the list it stands for: `call it allowedHeaders, as a list: ...`.
        expect(problem?.fix, option).toMatch(new RegExp(`^call it ${renamed}[.,:]`))
      }
    }
  })

  it("origin: a single origin is sent to every request by http-cors, only to that origin by lambda-cors, with Vary", async () => {
    const old = wrap(httpCors({ origin: APP }))
    const now = wrap(cors({ origins: [APP] }))
    const evil = restEvent('GET', '/', { Origin: EVIL })
    expect(allowOrigin(await old(evil, context))).toBe(APP)
    expect((await old(evil, context)).headers?.Vary).toBeUndefined()
    expect(allowOrigin(await now(evil, context))).toBeUndefined()
    expect((await now(evil, context)).headers?.Vary).toBe('Origin')
  })

  it("origin: '*' with credentials: http-cors reflects any origin, lambda-cors refuses the configuration", async () => {
    const old = wrap(httpCors({ origin: '*', credentials: true }))
    const response = await old(restEvent('GET', '/', { Origin: EVIL }), context)
    expect(allowOrigin(response)).toBe(EVIL)
    expect(response.headers?.['Access-Control-Allow-Credentials']).toBe('true')
    expect(() => cors({ origins: '*', credentials: true })).toThrow(CorsConfigError)
  })

  it('headers, methods and maxAge: http-cors sends none unless told; lambda-cors has defaults', async () => {
    const preflight = restEvent('OPTIONS', '/', { Origin: APP, 'Access-Control-Request-Method': 'PUT' })
    const old = await wrap(httpCors({ origins: [APP], disableBeforePreflightResponse: false }))(preflight, context)
    expect(old.headers?.['Access-Control-Allow-Methods']).toBeUndefined()
    expect(old.headers?.['Access-Control-Allow-Headers']).toBeUndefined()
    expect(old.headers?.['Access-Control-Max-Age']).toBeUndefined()
    const now = await wrap(cors({ origins: [APP] }))(preflight, context)
    expect(now.headers?.['Access-Control-Allow-Methods']).toBe('GET, HEAD, PUT, PATCH, POST, DELETE')
    expect(now.headers?.['Access-Control-Allow-Headers']).toBe('Content-Type, X-Amz-Date, Authorization, X-Api-Key, X-Amz-Security-Token, X-Amz-User-Agent')
    expect(now.headers?.['Access-Control-Max-Age']).toBe('600')
  })

  it('preflights: by default http-cors passes them to the handler; lambda-cors answers them', async () => {
    const preflight = restEvent('OPTIONS', '/', { Origin: APP, 'Access-Control-Request-Method': 'PUT' })
    expect((await wrap(httpCors({ origins: [APP] }))(preflight, context)).body).toBe('business ran')
    const now = await wrap(cors({ origins: [APP] }))(preflight, context)
    expect(now.statusCode).toBe(204)
    expect(now.body).toBe('')
  })

  it('preflights: with disableBeforePreflightResponse: false, http-cors answers every OPTIONS and grants any method; lambda-cors only real preflights, truthfully', async () => {
    const old = wrap(httpCors({ origins: [APP], methods: 'GET', disableBeforePreflightResponse: false }))
    const now = wrap(cors({ origins: [APP], methods: ['GET'] }))
    const plainOptions = restEvent('OPTIONS', '/', { Origin: APP })
    expect((await old(plainOptions, context)).statusCode).toBe(204)
    expect((await now(plainOptions, context)).body).toBe('business ran')
    const deletePreflight = restEvent('OPTIONS', '/', { Origin: APP, 'Access-Control-Request-Method': 'DELETE' })
    expect((await old(deletePreflight, context)).statusCode).toBe(204)
    const answer = await now(deletePreflight, context)
    expect(answer.statusCode).toBe(204)
    expect(answer.headers?.['Access-Control-Allow-Methods']).toBe('GET') // DELETE not granted: the browser names the method
  })

  it('errors: in the reverse order http-cors adds nothing, lambda-cors still adds its headers', async () => {
    const failing = async (): Promise<never> => { throw createError(404, 'Not here') }
    const event = restEvent('GET', '/', { Origin: APP })
    const old = middy(failing).use(httpErrorHandler({ logger: false })).use(httpCors({ origins: [APP] })) as unknown as Handler
    const now = middy(failing).use(httpErrorHandler({ logger: false })).use(cors({ origins: [APP] })) as unknown as Handler
    expect((await old(event, context)).statusCode).toBe(404)
    expect(allowOrigin(await old(event, context))).toBeUndefined()
    expect(allowOrigin(await now(event, context))).toBe(APP)
    // In the documented order both work.
    const documented = middy(failing).use(httpCors({ origins: [APP] })).use(httpErrorHandler({ logger: false })) as unknown as Handler
    expect(allowOrigin(await documented(event, context))).toBe(APP)
  })

  it("handler headers: http-cors keeps the handler's Allow-Origin, lambda-cors replaces it", async () => {
    const own = business({ 'access-control-allow-origin': '*', 'Access-Control-Allow-Origin': '*' })
    const event = restEvent('GET', '/', { Origin: APP })
    const old = await wrap(httpCors({ origins: [APP] }), own)(event, context)
    expect(old.headers?.['Access-Control-Allow-Origin']).toBe('*')
    const now = await wrap(cors({ origins: [APP] }), own)(event, context)
    expect(Object.entries(now.headers ?? {}).filter(([name]) => name.toLowerCase() === 'access-control-allow-origin')).toEqual([['Access-Control-Allow-Origin', APP]])
  })

  it('event shapes: an ALB in multi-value mode gets no headers from http-cors, and the right ones from lambda-cors', async () => {
    const alb: ALBEvent = {
      requestContext: { elb: { targetGroupArn: 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/api/0123456789abcdef' } },
      httpMethod: 'GET', path: '/', queryStringParameters: undefined, body: '', isBase64Encoded: false,
      multiValueHeaders: { origin: [APP], host: ['api.example.com'] },
    }
    const albBusiness = async () => ({ statusCode: 200, statusDescription: '200 OK', multiValueHeaders: { 'content-type': ['text/plain'] }, body: 'ok' })
    const old = await wrap(httpCors({ origins: [APP] }), albBusiness)(alb, context)
    expect(old.multiValueHeaders?.['Access-Control-Allow-Origin']).toBeUndefined()
    expect(allowOrigin(old)).toBeUndefined()
    const now = await wrap(cors({ origins: [APP] }), albBusiness)(alb, context)
    expect(now.multiValueHeaders?.['Access-Control-Allow-Origin']).toEqual([APP])
  })

  it('cache-control.ts adds Cache-Control to the same preflight answer', async () => {
    const { options } = await importSample<{ options: (event: unknown) => Promise<{ statusCode: number; headers?: Record<string, string> }> }>(folder, 'cache-control.ts')
    const preflight = restEvent('OPTIONS', '/items', { Origin: APP, 'Access-Control-Request-Method': 'PUT' })
    const answer = await options(preflight)
    const middleware = await after(preflight, context)
    expect(answer).toEqual({ ...middleware, headers: { ...middleware.headers, 'Cache-Control': 'public, max-age=600' } })
  })
})

describe('docs/migrating.md: from hand-written headers', () => {
  it('handwritten-before.ts has the problems the guide names', async () => {
    const { handler } = await importSample<{ handler: (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult> }>(folder, 'handwritten-before.ts')
    const ok = await handler(restEvent('GET', '/items/1', { Origin: EVIL }, { pathParameters: { id: '1' } }))
    expect(ok.headers?.['Access-Control-Allow-Origin']).toBe('*')
    expect(ok.headers?.['Access-Control-Allow-Credentials']).toBe('true') // refused by browsers for credentialed requests
    expect(ok.headers?.Vary).toBeUndefined()
    // A preflight for anything, from anyone, is granted.
    const preflight = await handler(restEvent('OPTIONS', '/items/1', { Origin: EVIL, 'Access-Control-Request-Method': 'DELETE' }))
    expect(preflight.statusCode).toBe(200)
    // The error path has no response at all: Lambda fails, API Gateway answers 502 without headers.
    await expect(handler(restEvent('GET', '/items', { Origin: EVIL }, { pathParameters: null }))).rejects.toThrow('missing id')
  })

  it('handwritten-after.ts: the error is a readable 400 with CORS headers; other origins get none', async () => {
    const { handler } = await importSample<{ handler: (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult> }>(folder, 'handwritten-after.ts')
    const missing = await handler(restEvent('GET', '/items', { Origin: APP }, { pathParameters: null }), context)
    expect(missing.statusCode).toBe(400)
    expect(missing.headers?.['Access-Control-Allow-Origin']).toBe(APP)
    expect(missing.headers?.['Access-Control-Allow-Credentials']).toBe('true')
    const evil = await handler(restEvent('GET', '/items/1', { Origin: EVIL }, { pathParameters: { id: '1' } }), context)
    expect(evil.headers?.['Access-Control-Allow-Origin']).toBeUndefined()
    expect(evil.headers?.Vary).toBe('Origin')
  })
})
