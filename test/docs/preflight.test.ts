import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { httpEvent, restEvent } from './events.js'
import { importSample, sample, writeSamples, yamlSample } from './samples.js'
import { findKeys, type YamlObject, type YamlValue } from './yaml-subset.js'
import { albEvent, albMultiValueEvent, fixture, functionUrlEvent, header, latticeV1Event, latticeV2Event } from '../support/events.js'

/**
 * docs/preflight.md: the standalone preflight handler answers as the guide's
 * table says and exactly as the middleware of the business function sharing
 * its policy; the Serverless Framework and SAM files route OPTIONS to it
 * without gateway CORS or authorizer. The CDK stack is compiled and
 * synthesized by `npm run test:docs-cdk` (scripts/docs-cdk.ts).
 */
type Fields = YamlObject
type Api = (event: unknown, context: Context) => Promise<APIGatewayProxyStructuredResultV2>
type Preflight = (event: unknown) => Promise<{ statusCode: number; headers?: Record<string, string>; body: string }>

const GUIDE = 'preflight'
const APP = 'https://app.example.com'
const context = {} as Context
let folder: string
let options: Preflight
let api: Api

beforeAll(async () => {
  folder = writeSamples(GUIDE, 'run')
  ;({ options } = await importSample<{ options: Preflight }>(folder, 'preflight.ts'))
  ;({ handler: api } = await importSample<{ handler: Api }>(folder, 'api.ts'))
})

afterEach(() => {
  vi.restoreAllMocks()
})

const asking = { Origin: APP, 'Access-Control-Request-Method': 'PUT', 'Access-Control-Request-Headers': 'content-type, authorization' }

describe('docs/preflight.md: the handler', () => {
  it('preflight.ts answers a preflight with 204 and the CORS headers of cors-policy.ts', async () => {
    const answer = await options(httpEvent('OPTIONS', '/items/42', asking))
    expect(answer.statusCode).toBe(204)
    expect(answer.body).toBe('')
    expect(answer.headers).toMatchObject({
      'Access-Control-Allow-Origin': APP,
      'Access-Control-Allow-Credentials': 'true',
      'Access-Control-Max-Age': '600',
      Vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
    })
    expect(answer.headers?.['Access-Control-Allow-Methods']).toContain('PUT')
    expect(answer.headers?.['Access-Control-Allow-Headers']).toContain('Authorization')
    const dev = await options(restEvent('OPTIONS', '/items/42', { ...asking, Origin: 'http://localhost:5173' }))
    expect(dev.headers?.['Access-Control-Allow-Origin']).toBe('http://localhost:5173')
  })

  it('preflight.ts and the middleware of api.ts (one policy module) answer byte for byte alike, on every event shape', async () => {
    const events: [string, () => unknown][] = [
      ['REST', () => restEvent('OPTIONS', '/items/42', asking)],
      ['HTTP API', () => httpEvent('OPTIONS', '/items/42', asking)],
      ['Function URL', () => functionUrlEvent('OPTIONS', asking)],
      ['ALB', () => albEvent('OPTIONS', asking)],
      ['ALB multi-value', () => albMultiValueEvent('OPTIONS', asking)],
      ['VPC Lattice v1', () => latticeV1Event('OPTIONS', asking)],
      ['VPC Lattice v2', () => latticeV2Event('OPTIONS', asking)],
    ]
    for (const [shape, event] of events) {
      for (const origin of [APP, 'https://app.example.com.evil.net']) {
        const withOrigin = (): unknown => JSON.parse(JSON.stringify(event()).replaceAll(APP, origin))
        const viaPreflight = await options(withOrigin())
        expect(JSON.stringify(viaPreflight), `${shape} from ${origin}`).toBe(JSON.stringify(await api(withOrigin(), context)))
        expect(viaPreflight.statusCode, shape).toBe(204)
        expect(header(viaPreflight, 'Access-Control-Allow-Origin'), `${shape} from ${origin}`).toBe(origin === APP ? APP : undefined)
      }
    }
  })

  it('OPTIONS without Origin or Access-Control-Request-Method: 400 with a plain-text reason', async () => {
    for (const headers of [{ 'Access-Control-Request-Method': 'PUT' }, { Origin: APP }] as Record<string, string>[]) {
      const answer = await options(restEvent('OPTIONS', '/items/42', headers))
      expect(answer.statusCode).toBe(400)
      expect(answer.headers?.['Content-Type']).toMatch(/^text\/plain/)
      expect(answer.body).toMatch(/preflight/)
    }
  })

  it('another method: 405, Allow: OPTIONS, a plain-text reason', async () => {
    const answer = await options(httpEvent('GET', '/items', { Origin: APP }))
    expect(answer.statusCode).toBe(405)
    expect(answer.headers).toMatchObject({ Allow: 'OPTIONS' })
    expect(answer.headers?.['Content-Type']).toMatch(/^text\/plain/)
    expect(answer.body).toContain('GET')
  })

  it('not an HTTP event: 400, never an exception', async () => {
    for (const event of [fixture('sqs'), fixture('s3'), fixture('scheduled'), {}, null]) {
      const answer = await options(event)
      expect(answer.statusCode).toBe(400)
    }
  })

  it('api.ts runs its business code for the routes it serves', async () => {
    const response = await api(httpEvent('PUT', '/items/42', { Origin: APP }, { routeKey: 'PUT /items/{id}' }) as APIGatewayProxyEventV2, context)
    expect(response.statusCode).toBe(200)
    expect(JSON.parse(response.body ?? '')).toEqual({ route: 'PUT /items/{id}' })
    expect(response.headers?.['Access-Control-Allow-Origin']).toBe(APP)
  })
})

/** `dist/<module>.<export>`: the guide's sample `<module>.ts` exports a function of that name. */
async function expectHandlerExists(reference: YamlValue | undefined): Promise<void> {
  const match = /^dist\/([\w-]+)\.(\w+)$/.exec(String(reference))
  expect(match, String(reference)).not.toBeNull()
  const [, module, exported] = match as RegExpExecArray
  const loaded = await importSample<Record<string, unknown>>(folder, `${module}.ts`)
  expect(loaded[exported as string], `${module}.ts exports ${exported}`).toBeTypeOf('function')
}

describe('docs/preflight.md: routes', () => {
  it('serverless.yml: no gateway CORS; OPTIONS /{proxy+} goes to the preflight function, without authorizer', async () => {
    const doc = yamlSample(GUIDE, 'serverless.yml')
    expect(findKeys(doc, 'cors')).toEqual([])
    expect((doc.provider as Fields).name).toBe('aws')
    const functions = doc.functions as Fields
    for (const fn of Object.values(functions)) await expectHandlerExists((fn as Fields).handler)
    const preflight = functions.preflight as Fields
    expect(preflight.handler).toBe('dist/preflight.options')
    expect(preflight.events).toEqual([{ httpApi: 'OPTIONS /{proxy+}' }])
    expect(findKeys(preflight, 'authorizer')).toEqual([])
    // The business routes are not OPTIONS: the preflight function gets every preflight.
    const routes = ((functions.api as Fields).events as Fields[]).map((event) => String(event.httpApi))
    expect(routes).toEqual(['GET /items', 'PUT /items/{id}'])
  })

  it('template.yaml: no CorsConfiguration; an HttpApi OPTIONS /{proxy+} event on the preflight function, without Auth', async () => {
    const doc = yamlSample(GUIDE, 'template.yaml')
    expect(doc.Transform).toBe('AWS::Serverless-2016-10-31')
    expect(findKeys(doc, 'cors')).toEqual([])
    expect(findKeys(doc, 'CorsConfiguration')).toEqual([])
    const resources = doc.Resources as Fields
    expect(Object.values(resources).map((r) => (r as Fields).Type)).toEqual(['AWS::Serverless::Function', 'AWS::Serverless::Function'])
    const events = (name: string): Fields[] => Object.values(((resources[name] as Fields).Properties as Fields).Events as Fields).map((e) => e as Fields)
    for (const name of ['Api', 'Preflight']) {
      const properties = (resources[name] as Fields).Properties as Fields
      await expectHandlerExists(properties.Handler)
      expect(properties.Runtime).toBe('nodejs22.x')
      expect(events(name).every((event) => event.Type === 'HttpApi')).toBe(true)
    }
    expect(events('Preflight')).toEqual([{ Type: 'HttpApi', Properties: { Path: '/{proxy+}', Method: 'OPTIONS' } }])
    expect(events('Api').map((event) => (event.Properties as Fields).Method)).not.toContain('OPTIONS')
    expect(findKeys(doc, 'Auth')).toEqual([])
  })

  it('cdk-stack.ts: no corsPreflight; an OPTIONS /{proxy+} route to the preflight function (compiled and synthesized by npm run test:docs-cdk)', () => {
    const code = sample(GUIDE, 'cdk-stack.ts').code.replace(/\/\/.*$/gm, '')
    expect(code).not.toMatch(/corsPreflight|defaultCorsPreflightOptions|authorizer/i)
    expect(code).toMatch(/path: '\/\{proxy\+\}',\s*methods: \[HttpMethod\.OPTIONS\],\s*integration: new HttpLambdaIntegration\('\w+', preflight\)/)
    const entries = [...code.matchAll(/entry: 'src\/([\w-]+)\.ts'(?:, handler: '(\w+)')?/g)].map((m) => [m[1], m[2] ?? 'handler'])
    expect(entries).toEqual([['api', 'handler'], ['preflight', 'options']])
    // NodejsFunction's default handler is `handler`; the preflight module exports `options`, as in every guide.
    for (const [entry, exported] of entries) expect(sample(GUIDE, `${entry}.ts`).code).toMatch(new RegExp(`export const ${exported}\\b`))
  })
})
