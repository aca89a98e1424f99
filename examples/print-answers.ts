/**
 * Prints the policy, then, for a few typical requests through a real middy
 * handler and realistic API Gateway REST events: what the browser sends,
 * what the middleware answers, and what the browser decides.
 *
 *   npm run example
 */
import middy from '@middy/core'
import httpErrorHandler from '@middy/http-error-handler'
import { createError } from '@middy/util'
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda'
import { cors, CorsConfigError, type CorsOptions, type CorsRefusal } from '../src/index.js'
import { browserVerdict } from './browser-verdict.js'

const refusals: CorsRefusal[] = []
const policy: CorsOptions = {
  origins: ['https://app.example.com', 'https://*.example.com', 'http://localhost:*'],
  credentials: true,
  exposedHeaders: ['X-Request-Id'],
  logger: (refusal: CorsRefusal) => refusals.push(refusal),
}

const business = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  if (event.path === '/fail') throw createError(401, 'Sign in first')
  return { statusCode: 200, headers: { 'Content-Type': 'application/json', 'X-Request-Id': 'req-1' }, body: '{"items":[]}' }
}

export const handler = middy(business).use(cors(policy)).use(httpErrorHandler({ logger: false }))

function event(method: string, path: string, headers: Record<string, string>): APIGatewayProxyEvent {
  return {
    resource: '/{proxy+}', path, httpMethod: method, body: null, isBase64Encoded: false,
    headers, multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
    queryStringParameters: null, multiValueQueryStringParameters: null, pathParameters: null, stageVariables: null,
    requestContext: {
      accountId: '123456789012', apiId: 'abc123', authorizer: null, httpMethod: method, path: `/prod${path}`, protocol: 'HTTP/1.1',
      requestId: 'example', requestTimeEpoch: Date.now(), resourceId: 'a1b2c3', resourcePath: '/{proxy+}', stage: 'prod',
      identity: {
        accessKey: null, accountId: null, apiKey: null, apiKeyId: null, caller: null, clientCert: null, cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null, cognitoIdentityId: null, cognitoIdentityPoolId: null, principalOrgId: null,
        sourceIp: '203.0.113.10', user: null, userAgent: 'example', userArn: null,
      },
    },
  }
}

const preflight = (origin: string, method: string, headers?: string): Record<string, string> => ({
  Origin: origin,
  'Access-Control-Request-Method': method,
  ...(headers === undefined ? {} : { 'Access-Control-Request-Headers': headers }),
})

/** What a page does, and the request the browser makes for it. All fetches use credentials: 'include'. */
const requests: [string, APIGatewayProxyEvent][] = [
  ['fetch(GET /items) from the app', event('GET', '/items', { Origin: 'https://app.example.com' })],
  ['fetch(GET /items) from a preview subdomain', event('GET', '/items', { Origin: 'https://pr-42.preview.example.com' })],
  ['fetch(GET /items) from a lookalike origin', event('GET', '/items', { Origin: 'https://example.com.evil.net' })],
  ['the preflight before a JSON PUT from a dev server', event('OPTIONS', '/items', preflight('http://localhost:5173', 'PUT', 'content-type'))],
  ['the preflight before a PUT with an X-Debug header', event('OPTIONS', '/items', preflight('https://app.example.com', 'PUT', 'x-debug'))],
  ['the preflight before a PROPFIND, a method the policy does not list', event('OPTIONS', '/items', preflight('https://app.example.com', 'PROPFIND'))],
  ['fetch(GET /fail): the handler throws a 401', event('GET', '/fail', { Origin: 'https://app.example.com' })],
]

const { logger: _logger, ...shown } = policy
console.log('The policy (cors(policy), with a logger that collects refusals):')
console.log(`  ${JSON.stringify(shown, null, 2).replace(/\n/g, '\n  ')}`)

const context = { awsRequestId: 'example', getRemainingTimeInMillis: () => 30000 } as unknown as Parameters<typeof handler>[1]
for (const [title, request] of requests) {
  refusals.length = 0
  const response = await handler(request, context)
  const sent = request.headers
  const isPreflight = request.httpMethod === 'OPTIONS'
  console.log(`\n${title}`)
  console.log(`  request:  ${request.httpMethod} ${request.path}`)
  console.log(`            Origin: ${sent.Origin}`)
  if (isPreflight) {
    console.log(`            Access-Control-Request-Method: ${sent['Access-Control-Request-Method']}`)
    console.log(`            Access-Control-Request-Headers: ${sent['Access-Control-Request-Headers'] ?? '(none)'}`)
  }
  console.log(`  response: ${response.statusCode}`)
  for (const [name, value] of Object.entries(response.headers ?? {})) {
    if (/^(access-control-|vary$)/i.test(name)) console.log(`            ${name}: ${value}`)
  }
  for (const refusal of refusals) console.log(`  logger:   ${refusal.reason}: ${refusal.message}`)
  const verdict = browserVerdict({
    origin: sent.Origin ?? '',
    credentials: true,
    preflight: isPreflight
      ? { method: sent['Access-Control-Request-Method'] ?? '', headers: sent['Access-Control-Request-Headers'] }
      : undefined,
  }, { status: response.statusCode, headers: response.headers ?? {} })
  console.log(`  browser:  ${verdict.allowed ? 'ALLOWED' : 'BLOCKED'}: ${verdict.why}`)
}

console.log('\nAn unsafe configuration is refused when the middleware is built:')
try {
  cors({ origins: ['*', 'https://app.example.com/', 'https://*example.com'], credentials: true })
} catch (error) {
  if (!(error instanceof CorsConfigError)) throw error
  console.log(error.message)
}
