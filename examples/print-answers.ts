/**
 * Prints what the middleware answers to a few typical requests, through a
 * real middy handler and realistic API Gateway REST events:
 *
 *   npm run example
 */
import middy from '@middy/core'
import httpErrorHandler from '@middy/http-error-handler'
import { createError } from '@middy/util'
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda'
import { cors, CorsConfigError, type CorsRefusal } from '../src/index.js'

const refusals: CorsRefusal[] = []
const policy = {
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

const requests: [string, APIGatewayProxyEvent][] = [
  ['GET from an allowed origin', event('GET', '/items', { Origin: 'https://app.example.com' })],
  ['GET from a preview subdomain', event('GET', '/items', { Origin: 'https://pr-42.preview.example.com' })],
  ['GET from a lookalike origin', event('GET', '/items', { Origin: 'https://example.com.evil.net' })],
  ['Preflight for PUT with JSON', event('OPTIONS', '/items', { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'PUT', 'Access-Control-Request-Headers': 'content-type' })],
  ['Preflight asking for a header that is not allowed', event('OPTIONS', '/items', { Origin: 'https://app.example.com', 'Access-Control-Request-Method': 'PUT', 'Access-Control-Request-Headers': 'x-debug' })],
  ['A thrown 401 through http-error-handler', event('GET', '/fail', { Origin: 'https://app.example.com' })],
]

const context = { awsRequestId: 'example', getRemainingTimeInMillis: () => 30000 } as unknown as Parameters<typeof handler>[1]
for (const [title, request] of requests) {
  refusals.length = 0
  const response = await handler(request, context)
  const origin = request.headers.Origin
  console.log(`\n${title}\n  ${request.httpMethod} ${request.path}  Origin: ${origin}`)
  console.log(`  -> ${response.statusCode}`)
  for (const [name, value] of Object.entries(response.headers ?? {})) console.log(`     ${name}: ${value}`)
  for (const refusal of refusals) console.log(`  logger: ${refusal.message}`)
}

console.log('\nAn unsafe configuration is refused when the middleware is built:')
try {
  cors({ origins: ['*', 'https://app.example.com/', 'https://*example.com'], credentials: true })
} catch (error) {
  if (!(error instanceof CorsConfigError)) throw error
  console.log(error.message)
}
