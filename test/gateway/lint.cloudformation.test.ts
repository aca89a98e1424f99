/**
 * The lint on plain CloudFormation resources (a template without SAM, or
 * serverless.yml's `resources.Resources`): HTTP API and function URL CORS,
 * OPTIONS methods and routes and what guards them, gateway responses and the
 * API each belongs to.
 */
import { describe, expect, it } from 'vitest'
import { lintTemplate, type LintFinding } from '../../src/gateway/lint/index.js'
import { readCloudFormationResources } from '../../src/gateway/lint/cloudformation.js'
import { CORS_EFFECT } from '../../src/gateway/lint/model.js'
import { get, readTemplate } from '../../src/gateway/lint/yaml-tree.js'

const HEADER = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n'

/** `code@line:column` of each finding, in order. */
const where = (findings: readonly LintFinding[]) => findings.map((f) => `${f.code}@${f.line}:${f.column}`)

/** The reader's view of a template's `Resources`. */
const read = (text: string) => readCloudFormationResources(get(readTemplate(text), 'Resources'))

describe('lint: plain CloudFormation CORS settings', () => {
  const text = `${HEADER}  HttpApi:
    Type: AWS::ApiGatewayV2::Api
    Properties:
      Name: orders
      ProtocolType: HTTP
      CorsConfiguration:
        AllowOrigins: [https://app.example.com]
  BareApi:
    Type: AWS::ApiGatewayV2::Api
    Properties:
      Name: internal
      ProtocolType: HTTP
  OffApi:
    Type: AWS::ApiGatewayV2::Api
    Properties:
      Name: legacy
      ProtocolType: HTTP
      CorsConfiguration: false
  OrdersUrl:
    Type: AWS::Lambda::Url
    Properties:
      AuthType: NONE
      TargetFunctionArn: !GetAtt Orders.Arn
      Cors:
        AllowOrigins: ['*']
  AdminUrl:
    Type: AWS::Lambda::Url
    Properties:
      AuthType: AWS_IAM
      TargetFunctionArn: !GetAtt Admin.Arn
  NullCorsUrl:
    Type: AWS::Lambda::Url
    Properties:
      AuthType: NONE
      TargetFunctionArn: !GetAtt Other.Arn
      Cors:
`

  it('CorsConfiguration on an AWS::ApiGatewayV2::Api and Cors on an AWS::Lambda::Url are conflicts, at the key; absent or off, nothing', () => {
    const report = lintTemplate(text)
    expect(report.tool).toBe('cloudformation')
    expect(where(report.findings)).toEqual(['gateway-cors-conflict@8:7', 'gateway-cors-conflict@26:7'])
    const [http, url] = report.findings
    expect(http?.reason).toBe(`CorsConfiguration on the HTTP API HttpApi: ${CORS_EFFECT.http}. The function already answers CORS from its policy.`)
    expect(http?.fix).toMatch(/^remove CorsConfiguration; route preflights to the function .*; HTTP APIs have no gateway responses/)
    expect(url?.reason).toBe(`Cors on the function URL OrdersUrl: ${CORS_EFFECT.url}. The function already answers CORS from its policy.`)
    // A function URL has no gateway responses to add, and none to miss.
    expect(url?.fix).toBe('remove Cors; route preflights to the function (the middleware, or preflightHandler on OPTIONS routes).')
  })

  it('reads each setting with the kind of endpoint it configures', () => {
    expect(read(text).corsSettings).toEqual([
      { at: { line: 8, column: 7 }, what: 'CorsConfiguration on the HTTP API HttpApi', effect: CORS_EFFECT.http, remove: 'CorsConfiguration', endpoint: 'http' },
      { at: { line: 26, column: 7 }, what: 'Cors on the function URL OrdersUrl', effect: CORS_EFFECT.url, remove: 'Cors', endpoint: 'url' },
    ])
  })
})

describe('lint: plain CloudFormation OPTIONS methods (REST APIs)', () => {
  const method = (name: string, httpMethod: string, properties: string) => `  ${name}:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      ResourceId: !Ref ItemsResource
      HttpMethod: ${httpMethod}
${properties}`
  const proxy = '      Integration:\n        Type: AWS_PROXY\n        IntegrationHttpMethod: POST\n        Uri: !Sub arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Fn.Arn}/invocations\n'
  const mock = '      Integration:\n        Type: MOCK\n        RequestTemplates:\n          application/json: \'{"statusCode": 200}\'\n'
  /** A REST API with gateway responses, so that only the methods can be reported. */
  const api = `${HEADER}  Api:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: items
  Default4xx:
    Type: AWS::ApiGateway::GatewayResponse
    Properties:
      RestApiId: !Ref Api
      ResponseType: DEFAULT_4XX
      ResponseParameters:
        gatewayresponse.header.Access-Control-Allow-Origin: "'https://app.example.com'"
  Default5xx:
    Type: AWS::ApiGateway::GatewayResponse
    Properties:
      RestApiId: !Ref Api
      ResponseType: DEFAULT_5XX
      ResponseParameters:
        gatewayresponse.header.Access-Control-Allow-Origin: "'https://app.example.com'"
`
  /** The findings of the API with one method added, the method's line numbers starting at 1. */
  const lint = (added: string) => {
    const offset = api.split('\n').length - 1
    return lintTemplate(api + added).findings.map((f) => ({ ...f, line: f.line - offset }))
  }

  it('a MOCK OPTIONS method is gateway CORS; one that proxies to the function is not', () => {
    const [conflict, ...rest] = lint(method('ItemsOptions', 'OPTIONS', `      AuthorizationType: NONE\n${mock}`))
    expect(rest).toEqual([])
    expect(conflict).toMatchObject({ code: 'gateway-cors-conflict', line: 1, column: 3 })
    expect(conflict?.reason).toBe(`the mock OPTIONS method ItemsOptions: ${CORS_EFFECT.rest}. The function already answers CORS from its policy.`)
    expect(conflict?.fix).toMatch(/^remove ItemsOptions \(or point it at the function\); route preflights .* and add gateway responses for the gateway's own errors \(.*--format cloudformation\)\.$/)
    expect(lint(method('ItemsOptions', 'options', `      AuthorizationType: NONE\n${mock.replace('MOCK', 'mock')}`)).map((f) => f.code)).toEqual(['gateway-cors-conflict'])
    expect(lint(method('ItemsOptions', 'OPTIONS', `      AuthorizationType: NONE\n${proxy}`))).toEqual([])
    // An integration type decided at deploy time is not taken for a mock.
    expect(lint(method('ItemsOptions', 'OPTIONS', '      AuthorizationType: NONE\n      Integration:\n        Type: !If [UseMock, MOCK, AWS_PROXY]\n'))).toEqual([])
  })

  it('only OPTIONS methods are looked at: a mock GET behind an authorizer is no CORS matter', () => {
    expect(lint(method('Health', 'GET', `      AuthorizationType: COGNITO_USER_POOLS\n      AuthorizerId: !Ref Cognito\n${mock}`))).toEqual([])
    // Neither is a method whose verb comes from a parameter.
    expect(lint(method('Dynamic', '!Ref MethodParameter', `      AuthorizationType: AWS_IAM\n${mock}`))).toEqual([])
  })

  it.each([
    ['AuthorizationType: COGNITO_USER_POOLS', 'AuthorizationType COGNITO_USER_POOLS'],
    ['AuthorizationType: aws_iam', 'AuthorizationType aws_iam'],
    ['AuthorizationType: CUSTOM\n      ApiKeyRequired: true', 'AuthorizationType CUSTOM'],
    ['AuthorizationType: NONE\n      ApiKeyRequired: true', 'the API key requirement'],
    ['ApiKeyRequired: true', 'the API key requirement'],
  ])('an OPTIONS method with %s: preflights are refused by %s', (properties, guard) => {
    const findings = lint(method('ItemsOptions', 'OPTIONS', `      ${properties}\n${proxy}`))
    expect(findings.map((f) => `${f.code}@${f.line}:${f.column}`)).toEqual(['options-behind-authorizer@1:3'])
    expect(findings[0]?.reason).toContain(`so ${guard} answers every preflight to the OPTIONS method ItemsOptions with 401 or 403`)
    expect(findings[0]?.fix).toBe('set AuthorizationType: NONE and ApiKeyRequired: false on OPTIONS methods.')
  })

  it.each([
    'AuthorizationType: NONE',
    'AuthorizationType: none',
    'AuthorizationType: NONE\n      ApiKeyRequired: false',
    'ApiKeyRequired: false',
    'ApiKeyRequired: !Ref RequireKey',
    '',
  ])('an OPTIONS method with %j lets preflights through', (properties) => {
    expect(lint(method('ItemsOptions', 'OPTIONS', `${properties === '' ? '' : `      ${properties}\n`}${proxy}`))).toEqual([])
  })

  it('reads OPTIONS methods with their guards, and nothing else', () => {
    const model = read(api + method('Get', 'GET', `      AuthorizationType: AWS_IAM\n${proxy}`) + method('Options', 'OPTIONS', `      AuthorizationType: NONE\n${proxy}`))
    expect(model.optionsMethods).toEqual([{ at: expect.objectContaining({ column: 3 }), label: 'OPTIONS method Options', guard: undefined }])
    expect(model.corsSettings).toEqual([])
  })
})

describe('lint: plain CloudFormation OPTIONS routes (HTTP APIs)', () => {
  const route = (name: string, properties: string) => `  ${name}:
    Type: AWS::ApiGatewayV2::Route
    Properties:
      ApiId: !Ref HttpApi
${properties}      Target: !Sub integrations/\${Integration}
`
  const api = `${HEADER}  HttpApi:
    Type: AWS::ApiGatewayV2::Api
    Properties:
      Name: orders
      ProtocolType: HTTP
`
  const offset = api.split('\n').length - 1

  it.each([
    ['JWT', 'AuthorizationType JWT'],
    ['AWS_IAM', 'AuthorizationType AWS_IAM'],
    ['custom', 'AuthorizationType custom'],
  ])('an OPTIONS route with AuthorizationType %s: preflights are refused', (type, guard) => {
    const findings = lintTemplate(api + route('Preflight', `      RouteKey: OPTIONS /{proxy+}\n      AuthorizationType: ${type}\n      AuthorizerId: !Ref Jwt\n`)).findings
    expect(findings.map((f) => `${f.code}@${f.line - offset}:${f.column}`)).toEqual(['options-behind-authorizer@1:3'])
    expect(findings[0]?.reason).toContain(`so ${guard} answers every preflight to the OPTIONS route Preflight with 401 or 403`)
  })

  it.each([
    ['OPTIONS /{proxy+} without authorizer', '      RouteKey: OPTIONS /{proxy+}\n'],
    ['OPTIONS /{proxy+} with AuthorizationType NONE', '      RouteKey: options /{proxy+}\n      AuthorizationType: NONE\n'],
    ['GET /orders behind a JWT authorizer', '      RouteKey: GET /orders\n      AuthorizationType: JWT\n'],
    ['OPTIONSX /orders behind a JWT authorizer', '      RouteKey: OPTIONSX /orders\n      AuthorizationType: JWT\n'],
    ['$default behind a JWT authorizer', '      RouteKey: $default\n      AuthorizationType: JWT\n'],
    ['a route key from a parameter', '      RouteKey: !Sub "OPTIONS ${Path}"\n      AuthorizationType: JWT\n'],
  ])('%s: nothing to report', (_, properties) => {
    expect(lintTemplate(api + route('R', properties)).findings).toEqual([])
  })

  it('reads OPTIONS routes with their guards, and nothing else', () => {
    const model = read(api + route('Get', '      RouteKey: GET /orders\n      AuthorizationType: JWT\n') + route('Options', '      RouteKey: OPTIONS /orders\n      AuthorizationType: JWT\n'))
    expect(model.optionsMethods).toEqual([{ at: expect.objectContaining({ column: 3 }), label: 'OPTIONS route Options', guard: 'AuthorizationType JWT' }])
  })
})

describe('lint: plain CloudFormation gateway responses', () => {
  const response = (name: string, api: string, type: string, parameters: string) => `  ${name}:
    Type: AWS::ApiGateway::GatewayResponse
    Properties:
      RestApiId: ${api}
      ResponseType: ${type}
${parameters}`
  const allowOrigin = '      ResponseParameters:\n        gatewayresponse.header.Access-Control-Allow-Origin: "\'https://app.example.com\'"\n        gatewayresponse.header.Access-Control-Allow-Credentials: "\'true\'"\n'
  const apis = `${HEADER}  Api:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: items
  Admin:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: admin
`
  const defaults = response('Default4xx', '!Ref Api', 'DEFAULT_4XX', allowOrigin)
    // Vary alone: the origin is deliberately left out of the gateway's own errors.
    + response('Default5xx', '{ Ref: Api }', 'DEFAULT_5XX', '      ResponseParameters:\n        GatewayResponse.Header.Vary: "\'Origin\'"\n')

  it("gateway responses count for the API they name, not for another one", () => {
    const text = apis + defaults
    const findings = lintTemplate(text).findings
    expect(where(findings)).toEqual(['missing-gateway-responses@7:3'])
    expect(findings[0]?.reason).toMatch(/^the REST API Admin has no gateway responses with CORS headers for DEFAULT_4XX and DEFAULT_5XX:/)
    expect([...read(text).responsesOf('Admin')]).toEqual([])
    expect([...read(text).responsesOf('Api')].map(([type, r]) => [type, r.cors])).toEqual([['DEFAULT_4XX', true], ['DEFAULT_5XX', true]])
  })

  it.each([
    ['no ResponseParameters', '      StatusCode: "401"\n'],
    ['other headers only', '      ResponseParameters:\n        gatewayresponse.header.WWW-Authenticate: "\'Bearer\'"\n'],
    ["a method response's key instead of a gateway response's", '      ResponseParameters:\n        method.response.header.Access-Control-Allow-Origin: "\'https://app.example.com\'"\n'],
    ['the header name without its gatewayresponse.header. prefix', '      ResponseParameters:\n        Access-Control-Allow-Origin: "\'https://app.example.com\'"\n'],
    ['a misspelt Access-Control-Allow-Origins', '      ResponseParameters:\n        gatewayresponse.header.Access-Control-Allow-Origins: "\'https://app.example.com\'"\n'],
  ])('a gateway response type configured on its own with %s has no CORS headers', (_, parameters) => {
    const text = apis.replace(/ {2}Admin:[^]*$/, '') + defaults + response('Unauthorized', '!Ref Api', 'UNAUTHORIZED', parameters)
    const findings = lintTemplate(text).findings
    expect(findings.map((f) => f.code)).toEqual(['missing-gateway-responses'])
    expect(findings[0]?.reason).toMatch(/^the gateway response UNAUTHORIZED of Api has no CORS headers/)
    expect(findings[0]?.line).toBe(text.split('\n').indexOf('  Unauthorized:') + 1)
  })

  it('a gateway response whose type comes from a parameter is left out: the lint cannot tell which type it replaces', () => {
    const text = apis.replace(/ {2}Admin:[^]*$/, '') + response('Chosen', '!Ref Api', '!Ref ResponseTypeParameter', '      StatusCode: "403"\n')
    expect(where(lintTemplate(text).findings)).toEqual(['missing-gateway-responses@3:3'])
    expect([...read(text).responsesOf('Api')]).toEqual([])
  })
})

describe('lint: plain CloudFormation without resources', () => {
  it('a template with no Resources (yet) is read, and clean', () => {
    const report = lintTemplate('AWSTemplateFormatVersion: "2010-09-09"\nDescription: nothing yet\n')
    expect(report).toEqual({ tool: 'cloudformation', findings: [] })
    const model = readCloudFormationResources(undefined)
    expect([model.restApis, model.corsSettings, model.optionsMethods, [...model.responsesOf('Api')]]).toEqual([[], [], [], []])
  })
})
