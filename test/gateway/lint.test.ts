/**
 * The lint on realistic templates: what it reports, where, and that fixed
 * templates come out clean.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { lintTemplate, TemplateReadError } from '../../src/gateway/lint/index.js'

const template = (name: string) => readFileSync(new URL(`templates/${name}`, import.meta.url), 'utf8')

/** `code@line:column` of each finding, in order. */
function codes(text: string): string[] {
  return lintTemplate(text).findings.map((f) => `${f.code}@${f.line}:${f.column}`)
}

describe('lint: Serverless Framework', () => {
  it('cors: true on http events, an authorizer on an OPTIONS event, no gateway responses', () => {
    const report = lintTemplate(template('serverless-rest-cors.yml'))
    expect(report.tool).toBe('serverless')
    expect(report.findings.map((f) => `${f.code}@${f.line}:${f.column}`)).toEqual([
      'missing-gateway-responses@15:9', // the first http event: the REST API is implicit
      'gateway-cors-conflict@18:11', // cors: true
      'options-behind-authorizer@36:9', // the OPTIONS event with the cognito authorizer
    ])
    const conflict = report.findings[1]
    expect(conflict?.reason).toMatch(/mock OPTIONS method/)
    expect(conflict?.fix).toMatch(/remove cors from this http event/)
    expect(report.findings[0]?.fix).toContain('--format serverless')
    expect(report.findings[2]?.reason).toContain('"cognito"')
  })

  it('cors: with origins on httpApi is a conflict; the catch-all route it shields is not reported twice', () => {
    const report = lintTemplate(template('serverless-http-api-cors.yml'))
    expect(report.findings.map((f) => `${f.code}@${f.line}:${f.column}`)).toEqual(['gateway-cors-conflict@10:5'])
    expect(report.findings[0]?.reason).toMatch(/replaces the CORS headers the function returns/)
    // HTTP APIs have no gateway responses: the fix does not send the user to generate some.
    expect(report.findings[0]?.fix).toContain('HTTP APIs have no gateway responses')
    expect(report.findings[0]?.fix).not.toContain('--format')
  })

  it('an authorizer on a catch-all ANY route of an HTTP API receives the preflights', () => {
    const report = lintTemplate(template('serverless-http-api-any-authorizer.yml'))
    expect(report.findings.map((f) => `${f.code}@${f.line}:${f.column}`)).toEqual(['options-behind-authorizer@22:9'])
    expect(report.findings[0]?.fix).toMatch(/add an OPTIONS route on \/\{proxy\+\} without authorizer/)
    // With that route, the template is clean.
    const fixed = template('serverless-http-api-any-authorizer.yml') + '  preflight:\n    handler: src/preflight.options\n    events:\n      - httpApi:\n          method: OPTIONS\n          path: /{proxy+}\n'
    expect(codes(fixed)).toEqual([])
  })

  it('a REST resource with PUT and no OPTIONS method; a /{proxy+} OPTIONS does not cover it', () => {
    const text = `service: s
provider:
  name: aws
functions:
  api:
    handler: h.handler
    events:
      - http: GET /items
      - http: PUT items/{id}
      - http: OPTIONS /{proxy+}
resources:
  Resources:
    Default4xx:
      Type: AWS::ApiGateway::GatewayResponse
      Properties:
        RestApiId: !Ref ApiGatewayRestApi
        ResponseType: DEFAULT_4XX
        ResponseParameters:
          gatewayresponse.header.Access-Control-Allow-Origin: "'https://app.example.com'"
    Default5xx:
      Type: AWS::ApiGateway::GatewayResponse
      Properties:
        RestApiId:
          Ref: ApiGatewayRestApi
        ResponseType: DEFAULT_5XX
        ResponseParameters:
          gatewayresponse.header.Access-Control-Allow-Origin: "'https://app.example.com'"
`
    const report = lintTemplate(text)
    expect(report.findings.map((f) => `${f.code}@${f.line}:${f.column}`)).toEqual(['missing-options-route@9:9'])
    expect(report.findings[0]?.reason).toContain('Missing Authentication Token')
    // GET without an authorizer can be a simple request: not reported.
    expect(codes(text.replace('      - http: OPTIONS /{proxy+}', '      - http: OPTIONS /items/{itemId}'))).toEqual([])
  })

  it('private: true on an OPTIONS event is an API key check preflights cannot pass', () => {
    const text = 'service: s\nprovider:\n  name: aws\n  httpApi:\n    cors: false\nfunctions:\n  f:\n    handler: h.h\n    events:\n      - http:\n          method: options\n          path: /a\n          private: true\n      - http:\n          method: any\n          path: /a\n'
    // Both at the first http event, where the implicit REST API is declared.
    expect(codes(text)).toEqual(['options-behind-authorizer@10:9', 'missing-gateway-responses@10:9'])
    expect(lintTemplate(text).findings[0]?.reason).toContain('API key requirement')
  })
})

describe('lint: AWS SAM and CloudFormation', () => {
  it("SAM's Cors with a default authorizer: a conflict, and the OPTIONS methods it creates get the authorizer", () => {
    const report = lintTemplate(template('sam-rest-cors.yaml'))
    expect(report.tool).toBe('sam')
    expect(report.findings.map((f) => `${f.code}@${f.line}:${f.column}`)).toEqual([
      'missing-gateway-responses@11:3',
      'gateway-cors-conflict@15:7',
      'options-behind-authorizer@15:7',
    ])
    expect(report.findings[2]?.fix).toContain('AddDefaultAuthorizerToCorsPreflight: false')
  })

  it('an authorizer on a catch-all ANY route, a PUT resource without OPTIONS, a named gateway response without CORS', () => {
    const report = lintTemplate(template('sam-any-authorizer.yaml'))
    expect(report.findings.map((f) => `${f.code}@${f.line}:${f.column}`)).toEqual([
      'missing-gateway-responses@9:3', // DEFAULT_5XX missing
      'missing-gateway-responses@23:9', // UNAUTHORIZED without headers
      'options-behind-authorizer@42:9', // ANY /{proxy+} behind TokenAuthorizer
      'missing-options-route@48:9', // PUT /items/{id}
    ])
    expect(report.findings[0]?.reason).toMatch(/for DEFAULT_5XX:/)
  })

  it('HTTP API CorsConfiguration, in Globals or on the API, and function URL Cors are conflicts', () => {
    const text = `Transform: AWS::Serverless-2016-10-31
Globals:
  HttpApi:
    CorsConfiguration:
      AllowOrigins:
        - https://app.example.com
Resources:
  Http:
    Type: AWS::Serverless::HttpApi
    Properties:
      CorsConfiguration: true
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: a.b
      Runtime: nodejs20.x
      FunctionUrlConfig:
        AuthType: NONE
        Cors:
          AllowOrigins: ['*']
      Events:
        Get:
          Type: HttpApi
          Properties:
            ApiId: !Ref Http
            Path: /items
            Method: PUT
`
    expect(codes(text)).toEqual(['gateway-cors-conflict@4:5', 'gateway-cors-conflict@11:7', 'gateway-cors-conflict@19:9'])
  })

  it('an HTTP API default authorizer: ANY /{proxy+} is reported until an OPTIONS /{proxy+} route without authorizer exists', () => {
    const base = `Transform: AWS::Serverless-2016-10-31
Resources:
  Http:
    Type: AWS::Serverless::HttpApi
    Properties:
      Auth:
        DefaultAuthorizer: Jwt
        Authorizers:
          Jwt:
            IdentitySource: $request.header.Authorization
            JwtConfiguration:
              issuer: https://issuer.example.com
              audience: [api]
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: a.b
      Runtime: nodejs20.x
      Events:
        All:
          Type: HttpApi
          Properties:
            ApiId: !Ref Http
            Path: /{proxy+}
            Method: ANY
`
    expect(codes(base)).toEqual(['options-behind-authorizer@20:9'])
    const withPreflight = `${base}        Preflight:
          Type: HttpApi
          Properties:
            ApiId: !Ref Http
            Path: /{proxy+}
            Method: OPTIONS
            Auth:
              Authorizer: NONE
`
    expect(codes(withPreflight)).toEqual([])
  })

  it('plain CloudFormation: a mock OPTIONS method with an authorizer, and a REST API without gateway responses', () => {
    const text = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: api
  ItemsOptions:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      ResourceId: !GetAtt Api.RootResourceId
      HttpMethod: OPTIONS
      AuthorizationType: COGNITO_USER_POOLS
      Integration:
        Type: MOCK
`
    const report = lintTemplate(text)
    expect(report.tool).toBe('cloudformation')
    expect(report.findings.map((f) => `${f.code}@${f.line}:${f.column}`)).toEqual([
      'missing-gateway-responses@3:3', 'gateway-cors-conflict@7:3', 'options-behind-authorizer@7:3',
    ])
    expect(report.findings[0]?.fix).toContain('--format cloudformation')
  })
})

describe('lint: input', () => {
  it('refuses text that is not YAML, or not a template, with a position', () => {
    expect(() => lintTemplate('functions: [')).toThrow(TemplateReadError)
    expect(() => lintTemplate('- a\n- b\n')).toThrow(/not a YAML mapping/)
    expect(() => lintTemplate('name: my-app\nversion: 1\n')).toThrow(/neither a serverless.yml/)
    try {
      lintTemplate('Resources:\n  A: 1\n  A: 2\n')
    } catch (error) {
      expect((error as TemplateReadError).at?.line).toBe(3)
    }
  })

  it('reads CloudFormation short forms (!Ref, !GetAtt, !Sub, !If...) on scalars, sequences and mappings', () => {
    const text = `Resources:
  R:
    Type: AWS::ApiGateway::GatewayResponse
    Properties:
      RestApiId: !Ref Api
      ResponseType: !If [IsProd, DEFAULT_4XX, DEFAULT_5XX]
      ResponseParameters:
        gatewayresponse.header.Access-Control-Allow-Origin: !Sub "'\${Origin}'"
        gatewayresponse.header.X-Id: !Join ['', [a, !GetAtt B.Arn]]
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Body: !Transform { Name: AWS::Include, Parameters: { Location: s3://b/k } }
`
    expect(lintTemplate(text).findings.map((f) => f.code)).toEqual(['missing-gateway-responses'])
  })
})
