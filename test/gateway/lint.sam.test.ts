/**
 * The lint on AWS SAM templates: which file is SAM, Globals, the CORS settings
 * of APIs and function URLs, default and per-event authorizers and API keys,
 * the OPTIONS methods SAM's Cors creates, gateway responses (SAM's and
 * OpenAPI's), and the routes of Api and HttpApi events on explicit, implicit
 * and plain APIs.
 */
import { describe, expect, it } from 'vitest'
import { lintTemplate, type LintFinding } from '../../src/gateway/lint/index.js'
import { CORS_EFFECT } from '../../src/gateway/lint/model.js'
import { readSamOrCloudFormation } from '../../src/gateway/lint/sam.js'
import { readTemplate } from '../../src/gateway/lint/yaml-tree.js'

const SAM = 'AWSTemplateFormatVersion: "2010-09-09"\nTransform: AWS::Serverless-2016-10-31\n'

/** The 1-based line of the first line of `text` that contains `needle`. */
function lineOf(text: string, needle: string): number {
  const index = text.split('\n').findIndex((line) => line.includes(needle))
  if (index < 0) throw new Error(`no line with ${needle}`)
  return index + 1
}

/** `code@line` of each finding, in order. */
const where = (findings: readonly LintFinding[]) => findings.map((f) => `${f.code}@${f.line}`)

/** Gateway responses with CORS headers, as SAM writes them, under an API's Properties or Globals.Api. */
const GATEWAY_RESPONSES = `      GatewayResponses:
        DEFAULT_4XX:
          ResponseParameters:
            Headers:
              Access-Control-Allow-Origin: "'https://app.example.com'"
        DEFAULT_5XX:
          ResponseParameters:
            Headers:
              Access-Control-Allow-Origin: "'https://app.example.com'"
              Access-Control-Allow-Credentials: "'true'"
`

/** A function with the given events (already indented under Events). */
const fn = (name: string, events: string) => `  ${name}:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs20.x
      Events:
${events}`

/** An Api or HttpApi event. */
const event = (name: string, type: 'Api' | 'HttpApi', properties: string) => `        ${name}:
          Type: ${type}
          Properties:
${properties.split('\n').filter((l) => l !== '').map((l) => `            ${l}`).join('\n')}
`

describe('lint: which templates are SAM', () => {
  const body = 'Resources:\n  Api:\n    Type: AWS::ApiGateway::RestApi\n    Properties:\n      Name: api\n'

  it.each([
    ['Transform: AWS::Serverless-2016-10-31\n', 'sam'],
    ['Transform:\n  - AWS::LanguageExtensions\n  - AWS::Serverless-2016-10-31\n', 'sam'],
    ['Transform: AWS::LanguageExtensions\n', 'cloudformation'],
    ['Transform: [AWS::LanguageExtensions]\n', 'cloudformation'],
    ['', 'cloudformation'],
  ] as const)('%j: %s, and the fix names that format', (transform, tool) => {
    const report = lintTemplate(`AWSTemplateFormatVersion: "2010-09-09"\n${transform}${body}`)
    expect(report.tool).toBe(tool)
    expect(report.findings.map((f) => f.code)).toEqual(['missing-gateway-responses'])
    expect(report.findings[0]?.fix).toMatch(new RegExp(`--format ${tool}\\.$`))
  })
})

describe('lint: SAM CORS settings', () => {
  it('Globals.Api.Cors, Globals.HttpApi.CorsConfiguration and Globals.Function.FunctionUrlConfig.Cors are conflicts, at the key', () => {
    const text = `${SAM}Globals:
  Api:
    Cors: "'https://app.example.com'"
${GATEWAY_RESPONSES.replace(/^ {2}/gm, '')}  HttpApi:
    CorsConfiguration:
      AllowOrigins: [https://app.example.com]
  Function:
    FunctionUrlConfig:
      AuthType: NONE
      Cors:
        AllowOrigins: [https://app.example.com]
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
${fn('Items', event('Update', 'HttpApi', 'Path: /items\nMethod: PUT'))}`
    // The implicit HTTP API gets Globals.HttpApi's CorsConfiguration: its preflights are answered (by the gateway), so PUT /items is no missing-options-route.
    const findings = lintTemplate(text).findings
    expect(where(findings)).toEqual([
      `gateway-cors-conflict@${lineOf(text, 'Cors: "')}`,
      `gateway-cors-conflict@${lineOf(text, 'CorsConfiguration:')}`,
      `gateway-cors-conflict@${lineOf(text, '      Cors:')}`,
    ])
    const effects = [CORS_EFFECT.rest, CORS_EFFECT.http, CORS_EFFECT.url]
    expect(findings.map((f) => f.reason)).toEqual(['Globals.Api.Cors', 'Globals.HttpApi.CorsConfiguration', 'Globals.Function.FunctionUrlConfig.Cors']
      .map((what, i) => `${what}: ${effects[i]}. The function already answers CORS from its policy.`))
    expect(findings.map((f) => f.fix.slice(0, 'remove it; '.length))).toEqual(['remove it; ', 'remove it; ', 'remove it; '])
    expect(findings[0]?.fix).toContain('--format sam')
    expect(findings[1]?.fix).toContain('HTTP APIs have no gateway responses')
    expect(readSamOrCloudFormation(readTemplate(text)).corsSettings.map((s) => s.endpoint)).toEqual(['rest', 'http', 'url'])
    // Switched off, they are not.
    const off = text.replace(`Cors: "'https://app.example.com'"`, 'Cors: false').replace(/ {2}HttpApi:\n[^]*?Resources:\n/, 'Resources:\n')
    expect(where(lintTemplate(off).findings)).toEqual([`missing-options-route@${lineOf(off, 'Update:')}`])
  })

  it('Cors on a REST API, CorsConfiguration on an HTTP API and Cors on a function URL: conflicts named after what carries them', () => {
    const text = `${SAM}Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      Cors:
        AllowOrigin: "'https://app.example.com'"
${GATEWAY_RESPONSES}  Http:
    Type: AWS::Serverless::HttpApi
    Properties:
      CorsConfiguration:
        AllowOrigins: [https://app.example.com]
  Plain:
    Type: AWS::Serverless::HttpApi
  Orders:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs20.x
      FunctionUrlConfig:
        AuthType: NONE
        Cors:
          AllowOrigins: [https://app.example.com]
  Admin:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs20.x
      FunctionUrlConfig:
        AuthType: AWS_IAM
`
    const findings = lintTemplate(text).findings
    expect(where(findings)).toEqual([
      `gateway-cors-conflict@${lineOf(text, '      Cors:')}`,
      `gateway-cors-conflict@${lineOf(text, 'CorsConfiguration:')}`,
      `gateway-cors-conflict@${lineOf(text, '        Cors:')}`,
    ])
    expect(findings.map((f) => f.reason.split(':')[0])).toEqual(['Cors on the REST API Api', 'CorsConfiguration on the HTTP API Http', 'Cors on the function URL of Orders'])
    expect(findings.map((f) => f.reason.slice(f.reason.indexOf(':') + 2, -'. The function already answers CORS from its policy.'.length)))
      .toEqual([CORS_EFFECT.rest, CORS_EFFECT.http, CORS_EFFECT.url])
    expect(findings.map((f) => f.fix.split(';')[0])).toEqual(['remove Cors', 'remove CorsConfiguration', 'remove FunctionUrlConfig.Cors'])
    expect(readSamOrCloudFormation(readTemplate(text)).corsSettings.map((s) => s.endpoint)).toEqual(['rest', 'http', 'url'])
  })
})

describe('lint: SAM authorizers and API keys on routes', () => {
  /** A REST API with `auth` (indented under Properties) and gateway responses, and an ANY /{proxy+} event with `eventAuth`. */
  const template = (auth: string, eventAuth = '') => `${SAM}Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
${auth}${GATEWAY_RESPONSES}${fn('Items', event('CatchAll', 'Api', `RestApiId: !Ref Api\nPath: /{proxy+}\nMethod: ANY\n${eventAuth}`))}`
  const authorizer = '      Auth:\n        DefaultAuthorizer: Lambda\n        Authorizers:\n          Lambda:\n            FunctionArn: !GetAtt AuthFn.Arn\n'
  const apiKey = '      Auth:\n        ApiKeyRequired: true\n'
  const both = `${authorizer}        ApiKeyRequired: true\n`

  it.each([
    ['a default authorizer', authorizer, '', 'the default authorizer Lambda'],
    ['an API key requirement', apiKey, '', 'the API key requirement'],
    ['both', both, '', 'the default authorizer Lambda and the API key requirement'],
    ["the event's own authorizer", '', 'Auth:\n  Authorizer: Cognito', 'the authorizer Cognito'],
    ["the event's own authorizer over the default one", authorizer, 'Auth:\n  Authorizer: Cognito', 'the authorizer Cognito'],
    ["the event's API key", '', 'Auth:\n  ApiKeyRequired: true', 'the API key requirement'],
    ["the event's API key, also required by the API", apiKey, 'Auth:\n  ApiKeyRequired: true', 'the API key requirement'],
    ["the event's authorizer and API key", '', 'Auth:\n  Authorizer: Cognito\n  ApiKeyRequired: true', 'the authorizer Cognito and the API key requirement'],
    ["the default authorizer, the event's API key switched off", both, 'Auth:\n  ApiKeyRequired: false', 'the default authorizer Lambda'],
    // The API's key requirement stays whatever authorizer the event names.
    ['the API key, the event opting out of the default authorizer', both, 'Auth:\n  Authorizer: NONE', 'the API key requirement'],
    ["the event's authorizer and the API's key", both, 'Auth:\n  Authorizer: Cognito', 'the authorizer Cognito and the API key requirement'],
  ])('an ANY route behind %s receives the preflights', (_, auth, eventAuth, guard) => {
    const text = template(auth, eventAuth)
    const findings = lintTemplate(text).findings
    expect(where(findings)).toEqual([`options-behind-authorizer@${lineOf(text, 'CatchAll:')}`])
    expect(findings[0]?.reason).toContain(`so ${guard} answers every preflight to the Api event CatchAll (ANY /{proxy+}) of Items (an ANY route also receives its path's OPTIONS preflights) with 401 or 403`)
  })

  it.each([
    ['no Auth', '', ''],
    ['DefaultAuthorizer: NONE', '      Auth:\n        DefaultAuthorizer: NONE\n', ''],
    ['ApiKeyRequired: false', '      Auth:\n        ApiKeyRequired: false\n', ''],
    ['ApiKeyRequired from a parameter', '      Auth:\n        ApiKeyRequired: !Ref RequireKey\n', ''],
    ['a default authorizer the event opts out of', authorizer, 'Auth:\n  Authorizer: NONE'],
    ['an API key the event opts out of', apiKey, 'Auth:\n  ApiKeyRequired: false'],
    ['no key, the event deciding with a parameter', '', 'Auth:\n  ApiKeyRequired: !Ref RequireKey'],
  ])('an ANY route on an API with %s lets preflights through', (_, auth, eventAuth) => {
    expect(lintTemplate(template(auth, eventAuth)).findings).toEqual([])
  })

  it('Globals.Api and Globals.HttpApi give their Auth and GatewayResponses to the APIs of their kind only', () => {
    const text = `${SAM}Globals:
  Api:
${authorizer.replace(/^ {2}/gm, '')}${GATEWAY_RESPONSES.replace(/^ {2}/gm, '')}  HttpApi:
    Auth:
      DefaultAuthorizer: Jwt
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
  Http:
    Type: AWS::Serverless::HttpApi
${fn('Items', event('Rest', 'Api', 'RestApiId: !Ref Api\nPath: /{proxy+}\nMethod: ANY') + event('Http', 'HttpApi', 'ApiId: !Ref Http\nPath: /{proxy+}\nMethod: ANY'))}`
    const findings = lintTemplate(text).findings
    expect(where(findings)).toEqual([`options-behind-authorizer@${lineOf(text, '        Rest:')}`, `options-behind-authorizer@${lineOf(text, '        Http:')}`])
    expect(findings[0]?.reason).toContain('so the default authorizer Lambda answers every preflight to the Api event Rest (ANY /{proxy+}) of Items')
    expect(findings[1]?.reason).toContain('so the default authorizer Jwt answers every preflight to the HttpApi event Http (ANY /{proxy+}) of Items')
    // An API's own Auth replaces the global one.
    expect(lintTemplate(text.replace('      StageName: prod\n', '      StageName: prod\n      Auth:\n        ApiKeyRequired: false\n')).findings.map((f) => f.reason))
      .toEqual([expect.stringContaining('the default authorizer Jwt')])
  })
})

describe("lint: the OPTIONS methods SAM's Cors creates", () => {
  const template = (auth: string, cors = '      Cors: "\'https://app.example.com\'"\n', globals = '') => `${SAM}${globals}Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
${cors}${auth}${GATEWAY_RESPONSES}`
  const authorizer = '      Auth:\n        DefaultAuthorizer: Lambda\n        Authorizers:\n          Lambda:\n            FunctionArn: !GetAtt AuthFn.Arn\n'
  const behind = (text: string) => lintTemplate(text).findings.filter((f) => f.code === 'options-behind-authorizer')

  it('get the default authorizer: reported at Cors, with the SAM fix', () => {
    const text = template(authorizer)
    const findings = behind(text)
    expect(findings.map((f) => f.line)).toEqual([lineOf(text, 'Cors:')])
    expect(findings[0]?.reason).toContain("so the default authorizer Lambda answers every preflight to the OPTIONS methods SAM's Cors creates on Api with 401 or 403")
    expect(findings[0]?.fix).toBe('remove Cors and route preflights to the function; while Cors stays, set Auth.AddDefaultAuthorizerToCorsPreflight: false.')
    expect(behind(`${text.replace('Api:\n    Type: AWS::Serverless::Api', 'Api:\n    Type: AWS::Serverless::Api')}`.replace('        Authorizers:', '        AddDefaultAuthorizerToCorsPreflight: true\n        Authorizers:'))).toHaveLength(1)
  })

  it('Globals.Api.Cors creates them too', () => {
    const text = template(authorizer, '', 'Globals:\n  Api:\n    Cors: "\'https://app.example.com\'"\n')
    expect(behind(text).map((f) => f.line)).toEqual([lineOf(text, 'Cors:')])
  })

  it.each([
    ['AddDefaultAuthorizerToCorsPreflight: false', template(authorizer.replace('        Authorizers:', '        AddDefaultAuthorizerToCorsPreflight: false\n        Authorizers:'))],
    ['no authorizer', template('')],
    ['DefaultAuthorizer: NONE', template('      Auth:\n        DefaultAuthorizer: NONE\n')],
    ['Cors: false', template(authorizer, '      Cors: false\n')],
  ])('with %s they do not', (_, text) => {
    expect(behind(text)).toEqual([])
  })

  it("an HTTP API's CorsConfiguration answers preflights before its authorizer: only the conflict", () => {
    const text = `${SAM}Resources:
  Http:
    Type: AWS::Serverless::HttpApi
    Properties:
      CorsConfiguration: true
      Auth:
        DefaultAuthorizer: Jwt
`
    expect(lintTemplate(text).findings.map((f) => f.code)).toEqual(['gateway-cors-conflict'])
  })
})

describe('lint: SAM gateway responses', () => {
  const api = (properties: string) => `${SAM}Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
${properties}`

  it("a header written with CloudFormation's gatewayresponse.header. prefix under SAM's Headers is not a CORS header", () => {
    const text = api(GATEWAY_RESPONSES.replace('              Access-Control-Allow-Origin: "\'https://app.example.com\'"\n        DEFAULT_5XX',
      '              gatewayresponse.header.Access-Control-Allow-Origin: "\'https://app.example.com\'"\n        DEFAULT_5XX'))
    const findings = lintTemplate(text).findings
    expect(where(findings)).toEqual([`missing-gateway-responses@${lineOf(text, '  Api:')}`])
    expect(findings[0]?.reason).toContain('for DEFAULT_4XX:')
  })

  it('gateway responses in an OpenAPI DefinitionBody count, with the gatewayresponse.header. prefix', () => {
    const openApi = (unauthorized: string) => api(`      DefinitionBody:
        openapi: 3.0.1
        info: { title: items, version: '1' }
        paths: {}
        x-amazon-apigateway-gateway-responses:
          DEFAULT_4XX:
            responseParameters:
              gatewayresponse.header.Access-Control-Allow-Origin: "'https://app.example.com'"
          DEFAULT_5XX:
            responseParameters:
              gatewayresponse.header.Vary: "'Origin'"
          UNAUTHORIZED:
            statusCode: 401
${unauthorized}`)
    expect(lintTemplate(openApi('            responseParameters:\n              gatewayresponse.header.Access-Control-Allow-Origin: "\'https://app.example.com\'"\n')).findings).toEqual([])
    for (const unauthorized of ['', '            responseParameters:\n              Access-Control-Allow-Origin: "\'https://app.example.com\'"\n']) {
      const text = openApi(unauthorized)
      const findings = lintTemplate(text).findings
      expect(where(findings)).toEqual([`missing-gateway-responses@${lineOf(text, 'UNAUTHORIZED:')}`])
      expect(findings[0]?.reason).toMatch(/^the gateway response UNAUTHORIZED of Api has no CORS headers/)
    }
  })
})

describe('lint: routes of SAM events', () => {
  it('an Api event without RestApiId goes to the implicit ServerlessRestApi, declared at its first event', () => {
    const text = `${SAM}Resources:\n${fn('Items', event('Create', 'Api', 'Path: /items\nMethod: post'))}`
    const findings = lintTemplate(text).findings
    const at = lineOf(text, 'Create:')
    expect(where(findings)).toEqual([`missing-gateway-responses@${at}`, `missing-options-route@${at}`])
    expect(findings[0]?.reason).toMatch(/^the REST API ServerlessRestApi has no gateway responses/)
    expect(findings[1]?.reason).toMatch(/^browsers send a preflight before POST \/items;/)
  })

  it('an HttpApi event without Path and Method is the catch-all $default route of the implicit ServerlessHttpApi', () => {
    const text = `${SAM}Globals:\n  HttpApi:\n    Auth:\n      DefaultAuthorizer: Jwt\nResources:\n${fn('Items', '        All:\n          Type: HttpApi\n')}`
    const findings = lintTemplate(text).findings
    expect(where(findings)).toEqual([`options-behind-authorizer@${lineOf(text, 'All:')}`])
    expect(findings[0]?.reason).toContain('every preflight to the HttpApi event All (ANY $default) of Items')
  })

  it('an HttpApi route on the implicit API is checked whatever other events the function has', () => {
    const text = `${SAM}Resources:\n${fn('Items', `${event('Update', 'HttpApi', 'Path: /items\nMethod: PUT')}        Nightly:\n          Type: Schedule\n          Properties:\n            Schedule: rate(1 day)\n`)}`
    const findings = lintTemplate(text).findings
    expect(where(findings)).toEqual([`missing-options-route@${lineOf(text, 'Update:')}`])
    expect(findings[0]?.reason).toContain('no OPTIONS or ANY route matches /items, so its preflights get 404')
  })

  it('a path or method an intrinsic computes is not guessed at: no route, and no catch-all', () => {
    const options = event('Preflight', 'HttpApi', "Path: !Sub '/${Stage}/{proxy+}'\nMethod: OPTIONS")
    const put = event('Update', 'HttpApi', 'Path: /items\nMethod: PUT')
    const text = `${SAM}Resources:\n${fn('Items', options + put)}`
    // The OPTIONS route's path is unknown: it does not stand for $default, which would cover /items.
    expect(where(lintTemplate(text).findings)).toEqual([`missing-options-route@${lineOf(text, 'Update:')}`])
    const rest = `${SAM}Resources:\n${fn('Items', event('Dynamic', 'Api', "Path: !Sub '/${Stage}/items'\nMethod: PUT") + event('Chosen', 'Api', 'Path: /items\nMethod: !Ref ItemsMethod'))}`
    expect(readSamOrCloudFormation(readTemplate(rest)).routes).toEqual([])
  })

  it('an Api event without Path or Method (which SAM refuses) has no catch-all default: no route', () => {
    const text = `${SAM}Resources:\n${fn('Items', event('NoMethod', 'Api', 'Path: /items') + event('NoPath', 'Api', 'Method: PUT'))}`
    expect(readSamOrCloudFormation(readTemplate(text)).routes).toEqual([])
  })

  it.each(['ANY', 'any', '*'])('Method: %j is every method: an OPTIONS preflight reaches its authorizer', (method) => {
    const text = `${SAM}Resources:\n${fn('Items', event('All', 'Api', `Path: /items\nMethod: "${method}"\nAuth:\n  Authorizer: Cognito`))}`
    const findings = lintTemplate(text).findings.filter((f) => f.code !== 'missing-gateway-responses')
    expect(where(findings)).toEqual([`options-behind-authorizer@${lineOf(text, 'All:')}`])
    expect(findings[0]?.reason).toContain(`the Api event All (${method.toUpperCase()} /items) of Items (an ANY route also receives`)
  })

  it('an Api event on a plain AWS::ApiGateway::RestApi: the API is reported once, where it is declared, and its routes are checked', () => {
    const text = `${SAM}Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: items
${fn('Items', event('Update', 'Api', 'RestApiId: !Ref Api\nPath: /items/{id}\nMethod: PUT'))}`
    expect(where(lintTemplate(text).findings)).toEqual([`missing-gateway-responses@${lineOf(text, '  Api:')}`, `missing-options-route@${lineOf(text, 'Update:')}`])
  })

  it('reads each event as a route: API, method, path, guard, position and label', () => {
    const text = `${SAM}Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
${fn('Items', event('Get', 'Api', 'RestApiId: !Ref Api\nPath: /items\nMethod: get') + event('Delete', 'HttpApi', 'Path: /items/{id}\nMethod: DELETE\nAuth:\n  Authorizer: Jwt'))}`
    expect(readSamOrCloudFormation(readTemplate(text)).routes).toEqual([
      { api: 'Api', method: 'GET', path: '/items', guard: undefined, gatewayCors: false, at: { line: lineOf(text, 'Get:'), column: 9 }, label: 'Api event Get (GET /items) of Items' },
      { api: 'ServerlessHttpApi', method: 'DELETE', path: '/items/{id}', guard: 'the authorizer Jwt', gatewayCors: false, at: { line: lineOf(text, 'Delete:'), column: 9 }, label: 'HttpApi event Delete (DELETE /items/{id}) of Items' },
    ])
  })
})
