import type { APIGatewayProxyEvent, APIGatewayProxyEventV2, APIGatewayProxyResult, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { lintTemplate } from '../../src/gateway/lint/index.js'
import { CorsConfigError, cors, type CorsOptions } from '../../src/index.js'
import { gatewayResponses, renderSam, renderServerless, type GatewayResponseSettings } from '../../src/gateway/index.js'
import { httpEvent, restEvent } from './events.js'
import { importSample, sample, writeSamples, yamlSample } from './samples.js'
import { findKeys, parseYamlSubset, type YamlObject } from './yaml-subset.js'

type Fields = YamlObject
type AllowedOrigins = (env: Record<string, string | undefined>) => string[]
type HttpHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>
type RestHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>
type Preflight = (event: unknown) => Promise<{ statusCode: number; headers?: Record<string, string> }>

const GUIDE = 'recipes'
const context = {} as Context
let folder: string
let allowedOrigins: AllowedOrigins
let httpHandler: HttpHandler
let restHandler: RestHandler
let options: Preflight
let corsPolicy: CorsOptions

beforeAll(async () => {
  folder = writeSamples(GUIDE, 'run')
  ;({ allowedOrigins } = await importSample<{ allowedOrigins: AllowedOrigins }>(folder, 'allowlist.ts'))
  // cors-policy.ts reads process.env when it loads: load it as a dev stage with one extra origin.
  vi.stubEnv('STAGE', 'dev')
  vi.stubEnv('CORS_EXTRA_ORIGINS', 'https://preview-7.example.org')
  ;({ handler: httpHandler } = await importSample<{ handler: HttpHandler }>(folder, 'http-api-handler.ts'))
  ;({ handler: restHandler } = await importSample<{ handler: RestHandler }>(folder, 'rest-handler.ts'))
  ;({ options } = await importSample<{ options: Preflight }>(folder, 'preflight.ts'))
  ;({ default: corsPolicy } = await importSample<{ default: CorsOptions }>(folder, 'cors-policy.ts'))
  vi.unstubAllEnvs()
})

afterEach(() => {
  vi.restoreAllMocks()
})

/** `src/<module>.<export>` or `<module>.<export>`: the recipes sample that module names exports a function of that name. */
async function expectHandlerExists(reference: unknown): Promise<void> {
  expect(reference).toBeTypeOf('string')
  const match = /^(?:src\/)?([\w-]+)\.(\w+)$/.exec(reference as string)
  expect(match, String(reference)).not.toBeNull()
  const [, module, exported] = match as RegExpExecArray
  const loaded = await importSample<Record<string, unknown>>(folder, `${module}.ts`)
  expect(loaded[exported as string], `${module}.ts exports ${exported}`).toBeTypeOf('function')
}

describe('docs/recipes.md: the functions', () => {
  it('allowlist.ts: production unless STAGE names a development stage', () => {
    const production = ['https://app.example.com', 'https://*.example.com']
    expect(allowedOrigins({})).toEqual(production)
    expect(allowedOrigins({ STAGE: 'prod' })).toEqual(production)
    expect(allowedOrigins({ STAGE: 'Dev' })).toEqual(production) // mistyped: fail closed
    expect(allowedOrigins({ STAGE: 'dev' })).toEqual([...production, 'http://localhost:*', 'https://localhost:*', 'http://127.0.0.1:*', 'http://[::1]:*'])
    expect(allowedOrigins({ STAGE: 'local' })).toContain('http://localhost:*')
    expect(allowedOrigins({ CORS_EXTRA_ORIGINS: ' https://a.example.org, ,https://b.example.org ' }))
      .toEqual([...production, 'https://a.example.org', 'https://b.example.org'])
  })

  it('allowlist.ts: a malformed extra origin fails the cold start, naming it', () => {
    const build = () => cors({ origins: allowedOrigins({ CORS_EXTRA_ORIGINS: 'https://ok.example.org https://preview.example.org/' }), credentials: true })
    expect(build).toThrow(CorsConfigError)
    try {
      build()
    } catch (error) {
      expect((error as CorsConfigError).problems.map((p) => p.option)).toEqual(['CORS_EXTRA_ORIGINS[1]'])
    }
  })

  it('allowlist.ts: passing the variable itself is refused with the real fix', () => {
    expect(() => cors({ origins: 'https://a.example.org,https://b.example.org' })).toThrow(
      "Fix: split it into a list: origins: ['https://a.example.org', 'https://b.example.org']")
  })

  it('http-api-handler.ts: allowed, dev and extra origins get headers; others do not', async () => {
    for (const origin of ['https://app.example.com', 'https://a.b.example.com', 'http://localhost:3000', 'https://preview-7.example.org']) {
      const response = await httpHandler(httpEvent('GET', '/items', { origin }), context)
      expect(response.headers?.['Access-Control-Allow-Origin'], origin).toBe(origin)
      expect(response.headers?.['Access-Control-Allow-Credentials']).toBe('true')
      expect(response.headers?.['Access-Control-Expose-Headers']).toBe('X-Request-Id')
    }
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const refused = await httpHandler(httpEvent('GET', '/items', { origin: 'https://example.com.evil.net' }), context)
    expect(refused.headers?.['Access-Control-Allow-Origin']).toBeUndefined()
    expect(refused.headers?.Vary).toBe('Origin')
    // The logger writes one JSON line per refusal.
    expect(warn).toHaveBeenCalledTimes(1)
    expect(JSON.parse(warn.mock.calls[0]?.[0] as string)).toMatchObject({ reason: 'origin-not-allowed', origin: 'https://example.com.evil.net', request: 'actual' })
  })

  it('rest-handler.ts answers REST events, preflights included', async () => {
    const response = await restHandler(restEvent('GET', '/items', { Origin: 'https://app.example.com' }), context)
    expect(response.statusCode).toBe(200)
    expect(response.headers?.['Access-Control-Allow-Origin']).toBe('https://app.example.com')
    const preflight = await restHandler(restEvent('OPTIONS', '/items', { Origin: 'https://app.example.com', 'Access-Control-Request-Method': 'PUT', 'Access-Control-Request-Headers': 'authorization, content-type' }), context)
    expect(preflight.statusCode).toBe(204)
    expect(preflight.headers?.['Access-Control-Allow-Headers']).toBe('Content-Type, Authorization')
  })

  it('preflight.ts answers REST and HTTP API preflights like the middleware', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {}) // the policy's logger reports the refused header
    const headers = { Origin: 'https://shop.example.com', 'Access-Control-Request-Method': 'PUT', 'Access-Control-Request-Headers': 'content-type' }
    const rest = await options(restEvent('OPTIONS', '/items/42', headers))
    expect(rest).toEqual(await restHandler(restEvent('OPTIONS', '/items/42', headers), context))
    const http = await options(httpEvent('OPTIONS', '/items/42', headers))
    expect(http).toEqual(await httpHandler(httpEvent('OPTIONS', '/items/42', headers), context))
    expect(http.statusCode).toBe(204)
    // A header the policy does not list is not granted.
    const refused = await options(httpEvent('OPTIONS', '/items/42', { ...headers, 'Access-Control-Request-Headers': 'x-debug' }))
    expect(refused.headers?.['Access-Control-Allow-Headers']).toBe('Content-Type, Authorization')
  })
})

describe('docs/recipes.md: Serverless Framework', () => {
  it('serverless.http-api.yml: no gateway CORS; OPTIONS /{proxy+} goes to the preflight function', async () => {
    const doc = yamlSample(GUIDE, 'serverless.http-api.yml')
    expect(findKeys(doc, 'cors')).toEqual([])
    const functions = doc.functions as Fields
    for (const fn of Object.values(functions)) await expectHandlerExists((fn as Fields).handler)
    const preflight = functions.preflight as Fields
    expect(preflight.handler).toBe('src/preflight.options')
    expect(preflight.events).toEqual([{ httpApi: { method: 'OPTIONS', path: '/{proxy+}' } }])
    expect(findKeys(preflight, 'authorizer')).toEqual([])
    expect((doc.provider as Fields).environment).toEqual({ STAGE: '${sls:stage}' })
  })

  it('serverless.rest.yml: every resource has an OPTIONS method without authorizer, and gateway responses carry CORS', async () => {
    const doc = yamlSample(GUIDE, 'serverless.rest.yml')
    expect(findKeys(doc, 'cors')).toEqual([])
    const functions = doc.functions as Fields
    for (const fn of Object.values(functions)) await expectHandlerExists((fn as Fields).handler)
    const events = (name: string): Fields[] => ((functions[name] as Fields).events as Fields[]).map((event) => event.http as Fields)
    const businessPaths = new Set(events('api').map((http) => http.path))
    const preflights = events('preflight')
    expect(preflights.every((http) => http.method === 'OPTIONS' && http.authorizer === undefined)).toBe(true)
    expect(new Set(preflights.map((http) => http.path))).toEqual(businessPaths)
    expect(events('api').every((http) => http.authorizer !== undefined)).toBe(true)
    expect(doc.resources).toEqual(generated('serverless.rest.yml', renderServerless).resources)
    expectLintClean('serverless.rest.yml')
  })

  it('serverless.http-api.yml passes lambda-cors lint', () => {
    expectLintClean('serverless.http-api.yml')
  })
})

/**
 * The gateway responses a sample shows are what the generator writes for the
 * production policy (STAGE unset), with the flags of the command its comment
 * names, so they cannot drift from the policy.
 */
function generated(sampleName: string, render: typeof renderSam): YamlObject {
  const code = sample(GUIDE, sampleName).code
  const command = /npx lambda-cors gateway --policy dist\/cors-policy\.js --format (\w+)\s*(?:\\\n#)?\s*(?:#\s*)?--gateway-origin (\w+) --types ([\w,]+)/.exec(code)
  expect(command, `${sampleName} names the command that generated it`).not.toBeNull()
  const [, format, gatewayOrigin, types] = command as RegExpExecArray
  expect(render).toBe(format === 'sam' ? renderSam : renderServerless)
  const settings = { gatewayOrigin, types: (types as string).split(',') } as GatewayResponseSettings
  return parseYamlSubset(render(gatewayResponses({ ...corsPolicy, origins: allowedOrigins({}) }, settings))) as YamlObject
}

/** The sample passes lambda-cors lint. */
function expectLintClean(sampleName: string): void {
  expect(lintTemplate(sample(GUIDE, sampleName).code).findings).toEqual([])
}

describe('docs/recipes.md: AWS SAM', () => {
  it('template.yaml: no Cors; preflights without authorizer on every path; gateway responses', async () => {
    const doc = yamlSample(GUIDE, 'template.yaml')
    expect(doc.Transform).toBe('AWS::Serverless-2016-10-31')
    expect(findKeys(doc, 'cors')).toEqual([])
    expect(findKeys(doc, 'CorsConfiguration')).toEqual([])
    const resources = doc.Resources as Fields
    const api = (resources.Api as Fields).Properties as Fields
    expect((api.Auth as Fields).DefaultAuthorizer).toBe('Cognito')
    expect(api.GatewayResponses).toEqual(generated('template.yaml', renderSam).GatewayResponses)
    expectLintClean('template.yaml')
    const apiEvents = (name: string): Fields[] => Object.values(((resources[name] as Fields).Properties as Fields).Events as Fields).map((e) => (e as Fields).Properties as Fields)
    for (const name of ['ItemsFunction', 'PreflightFunction']) {
      await expectHandlerExists(((resources[name] as Fields).Properties as Fields).Handler)
      for (const event of apiEvents(name)) expect(event.RestApiId).toEqual({ '!Ref': 'Api' })
    }
    const preflights = apiEvents('PreflightFunction')
    expect(preflights.every((event) => event.Method === 'OPTIONS')).toBe(true)
    expect(preflights.every((event) => (event.Auth as Fields | undefined)?.Authorizer === 'NONE')).toBe(true)
    expect(new Set(preflights.map((event) => event.Path))).toEqual(new Set(apiEvents('ItemsFunction').map((event) => event.Path)))
  })
})

describe('docs/recipes.md: AWS CDK', () => {
  it('cdk-stack.ts sets no gateway CORS and no authorizer on OPTIONS (compiled and synthesized by npm run test:docs-cdk)', () => {
    const code = sample(GUIDE, 'cdk-stack.ts').code.replace(/\/\/.*$/gm, '')
    expect(code).not.toMatch(/defaultCorsPreflightOptions|corsPreflight|addCorsPreflight/)
    expect(code).toMatch(/addMethod\('OPTIONS', new LambdaIntegration\(preflight\), \{ authorizationType: AuthorizationType\.NONE \}\)/)
    // The gateway responses come from the same policy as the functions.
    expect(code).toMatch(/addGatewayResponses\(rest, gatewayResponses\(corsPolicy, \{ gatewayOrigin: 'reflect', types: \['DEFAULT_4XX', 'DEFAULT_5XX'\] \}\)\)/)
    expect(code).toMatch(/import \{ corsPolicy \} from '\.\/src\/cors-policy\.js'/)
    for (const entry of code.matchAll(/entry: 'src\/([\w-]+)\.ts', handler: '(\w+)'/g)) {
      expect(sample(GUIDE, `${entry[1]}.ts`).code).toMatch(new RegExp(`export const ${entry[2]}\\b`))
    }
  })
})

describe('docs/recipes.md: local checks and CloudFront', () => {
  it('check-refusal.ts runs and its assertions hold', async () => {
    const printed: string[] = []
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => { printed.push(args.join(' ')) })
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    await importSample(folder, 'check-refusal.ts')
    expect(printed).toEqual(['refusals work'])
  })

  it('cloudfront-policy.ts: Cache-Control on preflight answers only, next to Vary on the three request headers', async () => {
    const { options } = await importSample<{ options: Preflight }>(folder, 'cloudfront-policy.ts')
    const answer = await options(restEvent('OPTIONS', '/items', { Origin: 'https://app.example.com', 'Access-Control-Request-Method': 'PUT' })) as unknown as { headers: Record<string, string> }
    expect(answer.headers['Cache-Control']).toBe('public, max-age=3600')
    expect(answer.headers['Access-Control-Max-Age']).toBe('600')
    expect(answer.headers.Vary).toBe('Origin, Access-Control-Request-Method, Access-Control-Request-Headers')
  })
})
