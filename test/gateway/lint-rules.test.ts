/**
 * The lint's rules on small templates: when an authorizer meets preflights,
 * which routes are preflighted and which OPTIONS or catch-all route receives
 * their preflights (REST and HTTP APIs), gateway responses, the order and the
 * words of the findings.
 */
import { describe, expect, it } from 'vitest'
import { lintTemplate, type LintFinding } from '../../src/gateway/lint/index.js'
import type { TemplateModel } from '../../src/gateway/lint/model.js'
import { lintModel, normalizePath } from '../../src/gateway/lint/rules.js'

/** A serverless.yml with these events on function `api`, and optional `resources.Resources`. */
const service = (events: string, resources = '') =>
  `service: shop\nprovider:\n  name: aws\nfunctions:\n  api:\n    handler: src/api.handler\n    events:\n${events}${resources === '' ? '' : `resources:\n  Resources:\n${resources}`}`

const findings = (text: string, code: LintFinding['code']) => lintTemplate(text).findings.filter((f) => f.code === code)
const lines = (text: string, code: LintFinding['code']) => findings(text, code).map((f) => f.line)

/** A REST event in mapping form, at 6 spaces. */
const http = (method: string, path: string, extra = '') => `      - http:\n          method: ${method}\n          path: ${path}\n${extra === '' ? '' : `          ${extra}\n`}`
const httpApi = (method: string, path: string, extra = '') => http(method, path, extra).replace('- http:', '- httpApi:')

const REASON = (guard: string, label: string) =>
  `browsers send preflights without cookies, Authorization or API keys, so ${guard} answers every preflight to ${label} with 401 or 403, and the browser reports a failed preflight instead of the real answer.`

describe('options-behind-authorizer', () => {
  it('an OPTIONS event with an authorizer: the reason names the guard and the event, the fix the event setting', () => {
    expect(findings(service(http('OPTIONS', '/items', 'authorizer: aws_iam')), 'options-behind-authorizer')).toEqual([{
      code: 'options-behind-authorizer',
      line: 8,
      column: 9,
      reason: REASON('the authorizer "aws_iam"', 'the http event OPTIONS /items of function api'),
      fix: 'remove the authorizer from this OPTIONS route (no authorizer and no private: true on the event).',
    }])
  })

  it('an ANY event with an authorizer receives its path\'s preflights unless an OPTIONS route without authorizer is there', () => {
    const any = http('ANY', '/items', 'authorizer: aws_iam')
    const [reported] = findings(service(any), 'options-behind-authorizer')
    expect(reported?.reason).toBe(REASON('the authorizer "aws_iam"', "the http event ANY /items of function api (an ANY route also receives its path's OPTIONS preflights)"))
    expect(reported?.fix).toBe('add an OPTIONS route on /items without authorizer (to the same function or to preflightHandler): it takes precedence over ANY for preflights.')
    // Which other event takes the preflights away from the ANY route (line 8).
    expect(lines(service(any + http('OPTIONS', '/items')), 'options-behind-authorizer')).toEqual([])
    expect(lines(service(any + http('OPTIONS', 'items/')), 'options-behind-authorizer')).toEqual([])
    expect(lines(service(any + http('OPTIONS', '/orders')), 'options-behind-authorizer')).toEqual([8])
    expect(lines(service(any + http('GET', '/items')), 'options-behind-authorizer')).toEqual([8])
    expect(lines(service(any + http('OPTIONS', '/items', 'private: true')), 'options-behind-authorizer')).toEqual([8, 12])
    // An OPTIONS route of the HTTP API does not answer the REST API's preflights.
    expect(lines(service(any + httpApi('OPTIONS', '/items')), 'options-behind-authorizer')).toEqual([8])
  })

  it('no finding for routes whose preflights the gateway answers itself, nor for unguarded OPTIONS or ANY routes', () => {
    expect(lintTemplate(service(http('OPTIONS', '/items', 'authorizer: aws_iam\n          cors: true'))).findings.map((f) => f.code)).toEqual(['missing-gateway-responses', 'gateway-cors-conflict'])
    expect(findings(service(httpApi('ANY', '/{proxy+}', 'authorizer:\n            name: jwt')), 'options-behind-authorizer')).toHaveLength(1)
    const gatewayCors = service(httpApi('ANY', '/{proxy+}', 'authorizer:\n            name: jwt')).replace('  name: aws\n', '  name: aws\n  httpApi:\n    cors: true\n')
    expect(findings(gatewayCors, 'options-behind-authorizer')).toEqual([])
    expect(lintTemplate(service(httpApi('OPTIONS', '/{proxy+}') + httpApi('ANY', '/{proxy+}'))).findings).toEqual([])
  })

  it('OPTIONS methods among the resources: reported when they have an authorizer, with the method\'s fix', () => {
    const method = (authorization: string) => `    ItemsOptions:
      Type: AWS::ApiGateway::Method
      Properties:
        RestApiId: !Ref ApiGatewayRestApi
        ResourceId: !Ref ItemsResource
        HttpMethod: OPTIONS
        AuthorizationType: ${authorization}
        Integration:
          Type: AWS_PROXY
          IntegrationHttpMethod: POST
          Uri: !Sub arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${PreflightLambdaFunction.Arn}/invocations
`
    expect(findings(service(http('GET', '/items'), method('COGNITO_USER_POOLS')), 'options-behind-authorizer')).toEqual([{
      code: 'options-behind-authorizer',
      line: 13,
      column: 5,
      reason: REASON('AuthorizationType COGNITO_USER_POOLS', 'the OPTIONS method ItemsOptions'),
      fix: 'set AuthorizationType: NONE and ApiKeyRequired: false on OPTIONS methods.',
    }])
    expect(findings(service(http('GET', '/items'), method('NONE')), 'options-behind-authorizer')).toEqual([])
  })

  it('SAM: an OPTIONS event with an authorizer, on an API passed in as a parameter; the fix is SAM\'s Auth setting', () => {
    const event = (name: string, method: string) => `        ${name}:
          Type: Api
          Properties:
            RestApiId: !Ref ApiId
            Path: /items
            Method: ${method}
            Auth:
              Authorizer: Cognito
`
    const template = (events: string) => `Transform: AWS::Serverless-2016-10-31
Parameters:
  ApiId:
    Type: String
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs20.x
      Events:
${events}`
    // The API is not in the file: its OPTIONS routes and gateway responses are not known.
    expect(lintTemplate(template(event('Put', 'PUT'))).findings).toEqual([])
    const [found, ...others] = lintTemplate(template(event('Put', 'PUT') + event('Preflight', 'OPTIONS'))).findings
    expect(others).toEqual([])
    expect(found).toMatchObject({ code: 'options-behind-authorizer', line: 20 })
    expect(found?.fix).toBe('remove the authorizer from this OPTIONS route (Auth: { Authorizer: NONE, ApiKeyRequired: false } on the event).')
  })
})

describe('missing-options-route', () => {
  it('REST: which routes are preflighted', () => {
    // GET and HEAD without a credential header can be simple requests; any other method, or a guard, is preflighted.
    expect(lines(service(http('GET', '/items') + http('HEAD', '/items')), 'missing-options-route')).toEqual([])
    expect(lines(service(http('HEAD', '/items', 'authorizer: aws_iam')), 'missing-options-route')).toEqual([8])
    expect(lines(service(http('GET', '/items', 'private: true')), 'missing-options-route')).toEqual([8])
    expect(lines(service(http('DELETE', '/items')), 'missing-options-route')).toEqual([8])
    // One finding per path of an API.
    expect(lines(service(http('PUT', '/items') + http('POST', 'items/')), 'missing-options-route')).toEqual([8])
    expect(lines(service(http('PUT', '/items') + http('PUT', '/orders')), 'missing-options-route')).toEqual([8, 11])
    expect(lines(service(http('PUT', '/items') + httpApi('PUT', '/items')), 'missing-options-route')).toEqual([8, 11])
  })

  it('REST: the reason, with and without a guard', () => {
    const why = 'API Gateway picks a REST resource before its method, so a preflight to /items finds no OPTIONS method there and gets 403 "Missing Authentication Token" (a /{proxy+} resource does not cover paths that have a resource of their own)'
    expect(findings(service(http('PUT', '/items')), 'missing-options-route')).toEqual([{
      code: 'missing-options-route',
      line: 8,
      column: 9,
      reason: `browsers send a preflight before PUT /items; ${why}.`,
      fix: 'add an OPTIONS method on /items, without authorizer, to the function or to preflightHandler.',
    }])
    expect(findings(service(http('GET', '/items', 'authorizer: aws_iam')), 'missing-options-route')[0]?.reason)
      .toBe(`browsers send a preflight before GET /items (the authorizer "aws_iam" means a credential header); ${why}.`)
  })

  it('REST: only an OPTIONS or ANY route of the same API on the same resource receives the preflights', () => {
    const put = http('PUT', '/items/{id}')
    expect(lines(service(put + http('OPTIONS', 'items/{itemId}/')), 'missing-options-route')).toEqual([])
    expect(lines(service(put + http('ANY', '/items/{id}')), 'missing-options-route')).toEqual([])
    expect(lines(service(put + http('OPTIONS', '/{proxy+}')), 'missing-options-route')).toEqual([8])
    expect(lines(service(put + http('OPTIONS', '/items')), 'missing-options-route')).toEqual([8])
    expect(lines(service(put + httpApi('OPTIONS', '/items/{id}')), 'missing-options-route')).toEqual([8])
    expect(lines(service(http('PUT', '/{id}') + http('OPTIONS', '/')), 'missing-options-route')).toEqual([8])
  })

  it('HTTP API: the reason, and the catch-all fix', () => {
    expect(findings(service(httpApi('PUT', '/items')), 'missing-options-route')).toEqual([{
      code: 'missing-options-route',
      line: 8,
      column: 9,
      reason: 'browsers send a preflight before PUT /items; no OPTIONS or ANY route matches /items, so its preflights get 404.',
      fix: 'add an OPTIONS /{proxy+} route without authorizer, to the function or to preflightHandler.',
    }])
  })

  it.each([
    ['OPTIONS /{proxy+}', []],
    ['ANY /{proxy+}', []],
    ["'*'", []],
    ['OPTIONS /items/{proxy+}', []],
    ['OPTIONS /items', [8]],
    ['OPTIONS /items/{id}', [8]],
    ['OPTIONS /items/{id}/{proxy+}', []],
    ['OPTIONS /items/{id}/lines/{proxy+}', []],
    ['OPTIONS /item/{proxy+}', [8]],
    ['OPTIONS /items/{proxy+}/lines', [8]],
    ['OPTIONS /orders/{id}/lines', [8]],
  ])('HTTP API: %s in front of PUT /items/{id}/lines/{n}: missing-options-route at %j', (catcher, expected) => {
    const text = service(`${httpApi('PUT', '/items/{id}/lines/{n}')}      - httpApi: ${catcher}\n`)
    expect(lines(text, 'missing-options-route')).toEqual(expected)
  })

  it.each([
    ['OPTIONS /{proxy+}', [8]],
    ['ANY /{proxy+}', [8]],
    ["'*'", []],
    ['OPTIONS /', []],
  ])('HTTP API: %s in front of PUT / (a greedy variable catches child paths only): missing-options-route at %j', (catcher, expected) => {
    // AWS: "A greedy path variable catches all child resources of a route", so
    // /{proxy+} does not receive the preflights of the root path itself.
    const text = service(`${httpApi('PUT', '/')}      - httpApi: ${catcher}\n`)
    expect(lines(text, 'missing-options-route')).toEqual(expected)
  })

  it('HTTP API: routes on `$default` or `*` receive every preflight', () => {
    const model = (catcher: string): TemplateModel => ({
      tool: 'sam',
      apis: [{ kind: 'http', id: 'Http', at: { line: 3, column: 3 }, gatewayCors: false, responses: new Map(), external: false }],
      routes: [
        { api: 'Http', method: 'PUT', path: '/items', guard: undefined, gatewayCors: false, at: { line: 10, column: 9 }, label: 'HttpApi event Put (PUT /items) of Fn' },
        { api: 'Http', method: 'OPTIONS', path: catcher, guard: undefined, gatewayCors: false, at: { line: 16, column: 9 }, label: `HttpApi event Preflight (OPTIONS ${catcher}) of Fn` },
      ],
      corsSettings: [],
      optionsMethods: [],
    })
    expect(lintModel(model('$default'))).toEqual([])
    expect(lintModel(model('*'))).toEqual([])
    expect(lintModel(model('/orders')).map((f) => f.code)).toEqual(['missing-options-route'])
  })
})

describe('missing-gateway-responses', () => {
  const response = (name: string, type: string, headers: boolean) => `    ${name}:
      Type: AWS::ApiGateway::GatewayResponse
      Properties:
        RestApiId: !Ref ApiGatewayRestApi
        ResponseType: ${type}
${headers ? `        ResponseParameters:\n          gatewayresponse.header.Access-Control-Allow-Origin: "'https://app.example.com'"\n` : ''}`
  const events = http('GET', '/items')

  it('DEFAULT_4XX without CORS headers is reported once, as missing, at the API', () => {
    const text = service(events, response('Default4xx', 'DEFAULT_4XX', false) + response('Default5xx', 'DEFAULT_5XX', true))
    const found = findings(text, 'missing-gateway-responses')
    expect(found.map((f) => f.line)).toEqual([8])
    expect(found[0]?.reason).toMatch(/^the REST API ApiGatewayRestApi has no gateway responses with CORS headers for DEFAULT_4XX: /)
  })

  it('a type configured on its own needs CORS headers too', () => {
    const defaults = response('Default4xx', 'DEFAULT_4XX', true) + response('Default5xx', 'DEFAULT_5XX', true)
    expect(lintTemplate(service(events, defaults + response('Unauthorized', 'UNAUTHORIZED', true))).findings).toEqual([])
    const found = findings(service(events, defaults + response('AccessDenied', 'ACCESS_DENIED', false)), 'missing-gateway-responses')
    expect(found).toEqual([{
      code: 'missing-gateway-responses',
      line: 27,
      column: 5,
      reason: "the gateway response ACCESS_DENIED of ApiGatewayRestApi has no CORS headers, and a type configured on its own no longer inherits DEFAULT_4XX's or DEFAULT_5XX's, so browsers hide this error behind a CORS error.",
      fix: 'give it the headers of the generated gateway responses (npx lambda-cors gateway --policy <your policy module> --format serverless), or remove it.',
    }])
  })

  it('the fix names the generator format of the tool: sam for a SAM template', () => {
    const sam = `Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs20.x
      Events:
        List:
          Type: Api
          Properties:
            Path: /items
            Method: GET
`
    expect(lintTemplate(sam).findings.map((f) => f.fix)).toEqual(['add gateway responses generated from the policy: npx lambda-cors gateway --policy <your policy module> --format sam.'])
  })
})

describe('gateway-cors-conflict', () => {
  it('only a REST API\'s fix sends to the gateway responses; an HTTP API\'s says it has none; a function URL\'s says neither', () => {
    const text = service(http('GET', '/items', 'cors: true') + httpApi('GET', '/orders', 'cors: true')).replace('    events:', '    url:\n      cors: true\n    events:')
    const fixes = findings(text, 'gateway-cors-conflict').map((f) => f.fix.replace(/^remove ([^;]+); route preflights to the function \(the middleware, or preflightHandler on OPTIONS routes\)/, '<$1>'))
    expect(fixes).toEqual([
      '<url.cors>.',
      "<cors from this http event> and add gateway responses for the gateway's own errors (npx lambda-cors gateway --policy <your policy module> --format serverless).",
      '<cors from this httpApi event>; HTTP APIs have no gateway responses, so their own rare errors stay unreadable to the browser.',
    ])
  })
})

describe('findings', () => {
  it('come in file order, by line then column', () => {
    const text = "service: shop\nprovider:\n  name: aws\nfunctions:\n  api:\n    handler: src/api.handler\n    events: [{ http: 'PUT /a' }, { http: { method: GET, path: /b, cors: true } }]\n"
    expect(lintTemplate(text).findings.map((f) => `${f.code}@${f.line}:${f.column}`)).toEqual([
      'missing-gateway-responses@7:16', 'missing-options-route@7:16', 'gateway-cors-conflict@7:67',
    ])
  })
})

describe('normalizePath', () => {
  it.each([
    ['/items/{id}', 'items/{itemId}/'],
    ['/items', ' /items '],
    ['/items', '//items//'],
    ['/{proxy+}', '{path+}'],
    ['/', ''],
  ])('%j and %j are the same route', (a, b) => {
    expect(normalizePath(a)).toBe(normalizePath(b))
  })

  it.each([
    ['/items/{id}', '/items'],
    ['/{id}', '/'],
    ['/items/{id}', '/items/{proxy+}'],
    ['/items/lines', '/itemslines'],
    ['/a//b', '/a/b'],
    ['/items/', '/items/x'],
  ])('%j and %j are different routes', (a, b) => {
    expect(normalizePath(a)).not.toBe(normalizePath(b))
  })
})
