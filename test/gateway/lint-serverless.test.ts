/**
 * Reading a serverless.yml into the lint's model: which files are
 * serverless.yml files, the routes of `http` and `httpApi` events (shorthand
 * and mapping forms), their authorizers and API keys, the implicit APIs, and
 * the gateway CORS settings; and the findings that come out of them.
 */
import { describe, expect, it } from 'vitest'
import { lintTemplate } from '../../src/gateway/lint/index.js'
import { CORS_EFFECT } from '../../src/gateway/lint/model.js'
import { isServerlessFile, readServerless } from '../../src/gateway/lint/serverless.js'
import { readTemplate } from '../../src/gateway/lint/yaml-tree.js'

const model = (yaml: string) => readServerless(readTemplate(yaml))
const service = (events: string, more = '') => `service: shop\nprovider:\n  name: aws\n${more}functions:\n  api:\n    handler: src/api.handler\n    events:\n${events}`

describe('isServerlessFile', () => {
  it.each([
    ['functions:\n  api:\n    handler: h.handler\n', true],
    // The functions may live in other files (functions: ${file(...)}) or be added later.
    ['service: shop\nprovider:\n  name: aws\n', true],
    ['service: shop\nResources: {}\n', false],
    ['provider:\n  name: aws\nResources: {}\n', false],
    ['AWSTemplateFormatVersion: "2010-09-09"\nResources: {}\n', false],
  ])('%j: %s', (yaml, expected) => {
    expect(isServerlessFile(readTemplate(yaml))).toBe(expected)
  })

  it('a service without functions is linted as a serverless.yml, clean', () => {
    expect(lintTemplate('service: shop\nprovider:\n  name: aws\n')).toEqual({ tool: 'serverless', findings: [] })
    expect(lintTemplate('service: shop\nprovider:\n  name: aws\nfunctions:\n')).toEqual({ tool: 'serverless', findings: [] })
    expect(() => lintTemplate('service: shop\n')).toThrow(/neither a serverless.yml/)
  })
})

describe('readServerless: routes', () => {
  it('shorthand and mapping events, methods in any case, paths with or without a slash, catch-alls', () => {
    const read = model(service(`      - http: GET items
      - http:
          method: put
          path: /items/{id}
      - httpApi: '*'
      - httpApi:
          method: '*'
          path: /orders/{proxy+}
      - httpApi:
          method: PATCH
          path: '*'
      - sqs: arn:aws:sqs:eu-west-1:123456789012:jobs
`))
    expect(read.routes.map((r) => [r.api, r.method, r.path, r.at.line, r.label])).toEqual([
      ['ApiGatewayRestApi', 'GET', '/items', 8, 'http event GET /items of function api'],
      ['ApiGatewayRestApi', 'PUT', '/items/{id}', 9, 'http event PUT /items/{id} of function api'],
      ['HttpApi', 'ANY', '$default', 12, 'httpApi event ANY $default of function api'],
      ['HttpApi', 'ANY', '/orders/{proxy+}', 13, 'httpApi event ANY /orders/{proxy+} of function api'],
      ['HttpApi', 'PATCH', '$default', 16, 'httpApi event PATCH $default of function api'],
    ])
    expect(read.routes.every((r) => r.guard === undefined && !r.gatewayCors)).toBe(true)
    // Each implicit API is declared at its first event.
    expect(read.apis).toEqual([
      { kind: 'rest', id: 'ApiGatewayRestApi', at: { line: 8, column: 9 }, gatewayCors: false, responses: new Map(), external: false },
      { kind: 'http', id: 'HttpApi', at: { line: 12, column: 9 }, gatewayCors: false, responses: new Map(), external: false },
    ])
  })

  it('events it cannot read (an unresolved variable, no method, no path) are skipped', () => {
    const read = model(service(`      - http: \${self:custom.healthRoute}
      - http:
          path: /no-method
      - httpApi:
          method: POST
      - http: !Ref SomeParameter
      - httpApi: POST /orders
`))
    expect(read.routes.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /orders'])
    expect(read.apis.map((a) => a.kind)).toEqual(['http'])
  })

  it('functions without events, events that are not a list, and an empty functions key read as no routes', () => {
    const yaml = 'service: shop\nprovider:\n  name: aws\nfunctions:\n  worker:\n    handler: src/worker.handler\n  cron:\n    handler: src/cron.handler\n    events:\n  odd:\n    handler: src/odd.handler\n    events:\n      http: GET /a\n'
    expect(model(yaml)).toEqual({ tool: 'serverless', apis: [], routes: [], corsSettings: [], optionsMethods: [] })
    expect(model('service: shop\nprovider:\n  name: aws\nfunctions:\n').routes).toEqual([])
    expect(model('service: shop\nprovider:\n  name: aws\n').apis).toEqual([])
  })

  it('only http events make the REST API, only httpApi events the HTTP API', () => {
    expect(model(service('      - http: POST /a\n')).apis.map((a) => a.id)).toEqual(['ApiGatewayRestApi'])
    expect(model(service('      - httpApi: POST /a\n')).apis.map((a) => a.id)).toEqual(['HttpApi'])
  })

  it.each([
    ['authorizer: aws_iam', 'the authorizer "aws_iam"'],
    ['authorizer:\n            name: jwt', 'the authorizer "jwt"'],
    ['authorizer:\n            type: COGNITO_USER_POOLS\n            authorizerId: !Ref ApiGatewayAuthorizer', 'the authorizer "COGNITO_USER_POOLS"'],
    ['authorizer:\n            arn: arn:aws:lambda:eu-west-1:123456789012:function:authorizer-xy', 'the authorizer "arn:aws:lambda:eu-west-1:123456789012:function:authorizer-xy"'],
    // Over 60 characters, the name is cut to 57 and an ellipsis.
    ['authorizer:\n            arn: arn:aws:lambda:eu-west-1:123456789012:function:authorizer-xyz', 'the authorizer "arn:aws:lambda:eu-west-1:123456789012:function:authorizer..."'],
    ['authorizer:\n            arn: arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_AbCdEfGhI', 'the authorizer "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-we..."'],
    // A name the lint cannot read (an intrinsic function) is left out.
    ['authorizer:\n            arn: !GetAtt CognitoUserPool.Arn', 'the authorizer'],
    ['authorizer:\n            arn:\n              Fn::GetAtt: [CognitoUserPool, Arn]', 'the authorizer'],
    ['private: true', 'the API key requirement (private: true)'],
    ['authorizer: aws_iam\n          private: true', 'the authorizer "aws_iam" and the API key requirement (private: true)'],
    ['private: false', undefined],
    ["private: 'true'", undefined],
    ['authorizer:', undefined],
    ['authorizer: false', undefined],
  ])('http event with %j: guard %j', (setting, guard) => {
    const read = model(service(`      - http:\n          method: PUT\n          path: /items\n          ${setting}\n`))
    expect(read.routes[0]?.guard).toBe(guard)
  })

  it('private: true means nothing on an httpApi event (HTTP APIs have no API keys); an authorizer does', () => {
    const read = model(service('      - httpApi:\n          method: PUT\n          path: /items\n          private: true\n      - httpApi:\n          method: PUT\n          path: /orders\n          authorizer:\n            name: jwt\n'))
    expect(read.routes.map((r) => r.guard)).toEqual([undefined, 'the authorizer "jwt"'])
  })

  it('an authorizer shared through a YAML anchor guards every event that aliases it', () => {
    const text = `service: shop
provider:
  name: aws
custom:
  auth: &auth
    name: jwt
functions:
  api:
    handler: src/api.handler
    events:
      - httpApi:
          method: OPTIONS
          path: /{proxy+}
          authorizer: *auth
      - httpApi:
          method: PUT
          path: /items
          authorizer: *auth
`
    expect(model(text).routes.map((r) => r.guard)).toEqual(['the authorizer "jwt"', 'the authorizer "jwt"'])
    expect(lintTemplate(text).findings.map((f) => `${f.code}@${f.line}:${f.column}`)).toEqual(['options-behind-authorizer@11:9'])
  })

  it('an API defined elsewhere (provider.apiGateway.restApiId) has its gateway responses elsewhere too', () => {
    const external = (id: string) => service('      - http: PUT /items\n      - http: OPTIONS /items\n', `  apiGateway:\n    restApiId: ${id}\n    restApiRootResourceId: abc\n`)
    for (const id of ['xz12ab34cd', '\n      Fn::ImportValue: shared-api-id', '!ImportValue shared-api-id']) {
      expect(model(external(id)).apis[0]?.external).toBe(true)
      expect(lintTemplate(external(id)).findings).toEqual([])
    }
    expect(model(service('      - http: PUT /items\n', '  apiGateway:\n    minimumCompressionSize: 1024\n')).apis[0]?.external).toBe(false)
  })
})

describe('readServerless: gateway CORS settings', () => {
  const lint = (yaml: string) => lintTemplate(yaml).findings.filter((f) => f.code === 'gateway-cors-conflict')

  it('provider.httpApi.cors turns the HTTP API\'s own CORS on', () => {
    const text = service('      - httpApi: PUT /items\n', '  httpApi:\n    cors: true\n')
    expect(model(text).apis[0]?.gatewayCors).toBe(true)
    const [conflict, ...others] = lint(text)
    expect(others).toEqual([])
    expect(conflict).toMatchObject({ line: 5, column: 5 })
    expect(conflict?.reason).toBe('provider.httpApi.cors: API Gateway then answers every preflight itself and replaces the CORS headers the function returns with its own. The function already answers CORS from its policy.')
    expect(conflict?.fix).toBe('remove provider.httpApi.cors; route preflights to the function (the middleware, or preflightHandler on OPTIONS routes); HTTP APIs have no gateway responses, so their own rare errors stay unreadable to the browser.')
  })

  it.each(['cors: false', 'cors:', "cors: ''", 'authorizers: {}'])('provider.httpApi with %j: no gateway CORS', (setting) => {
    const text = service('      - httpApi: PUT /items\n      - httpApi: OPTIONS /{proxy+}\n', `  httpApi:\n    ${setting}\n`)
    expect(model(text).apis[0]?.gatewayCors).toBe(false)
    expect(lintTemplate(text).findings).toEqual([])
  })

  it('cors on an event: the REST API\'s mock OPTIONS method, or the HTTP API\'s CORS', () => {
    const text = service('      - http:\n          method: PUT\n          path: /items\n          cors: true\n      - httpApi:\n          method: PUT\n          path: /orders\n          cors:\n            origin: https://app.example.com\n')
    const read = model(text)
    expect(read.corsSettings.map((s) => [s.at.line, s.what, s.remove, s.endpoint])).toEqual([
      [11, 'cors on the http event PUT /items of function api', 'cors from this http event', 'rest'],
      [15, 'cors on the httpApi event PUT /orders of function api', 'cors from this httpApi event', 'http'],
    ])
    // cors: on an http event makes the gateway answer that path's preflights; on an httpApi event the route still needs its OPTIONS route.
    expect(read.routes.map((r) => r.gatewayCors)).toEqual([true, false])
    const [rest, http] = lint(text)
    expect(rest?.reason).toMatch(/^cors on the http event PUT \/items of function api: API Gateway then answers preflights with a mock OPTIONS method/)
    expect(http?.reason).toMatch(/^cors on the httpApi event PUT \/orders of function api: API Gateway then answers every preflight itself/)
    expect(http?.fix).toMatch(/^remove cors from this httpApi event; .*; HTTP APIs have no gateway responses/)
  })

  it('cors on a function URL: Lambda answers the preflights', () => {
    const text = 'service: shop\nprovider:\n  name: aws\nfunctions:\n  api:\n    handler: src/api.handler\n    url:\n      cors: true\n'
    expect(model(text).corsSettings).toEqual([{ at: { line: 8, column: 7 }, what: 'cors on the function URL of api', effect: CORS_EFFECT.url, remove: 'url.cors', endpoint: 'url' }])
    expect(lint(text)).toEqual([{
      code: 'gateway-cors-conflict',
      line: 8,
      column: 7,
      reason: 'cors on the function URL of api: Lambda then answers preflights itself and replaces the CORS headers the function returns with its own. The function already answers CORS from its policy.',
      fix: 'remove url.cors; route preflights to the function (the middleware, or preflightHandler on OPTIONS routes).',
    }])
    for (const url of ['url: true', 'url:\n      cors: false', 'url:\n      authorizer: aws_iam']) {
      expect(lintTemplate(text.replace('url:\n      cors: true', url)).findings).toEqual([])
    }
  })
})

describe('YAML merge keys in a serverless.yml', () => {
  it('gateway CORS lent by `<<: *defaults` to an http event is reported, as the framework reads the merged event', () => {
    const yaml = service(
      '      - http:\n          <<: *httpDefaults\n          method: put\n          path: /items\n',
      'custom:\n  httpDefaults: &httpDefaults\n    cors: true\n',
    )
    const { findings } = lintTemplate(yaml)
    expect(findings.map((finding) => finding.code)).toContain('gateway-cors-conflict')
  })
})
