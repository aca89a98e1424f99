/**
 * Lambda events for the doc tests: realistic API Gateway REST (payload 1.0)
 * and HTTP API (payload 2.0) requests, built from a method, a path and the
 * request headers, with the fields API Gateway fills in.
 */
import type { APIGatewayProxyEvent, APIGatewayProxyEventV2 } from 'aws-lambda'

export function restEvent(method: string, path: string, headers: Record<string, string>, extra: Partial<APIGatewayProxyEvent> = {}): APIGatewayProxyEvent {
  const multiValueHeaders: Record<string, string[]> = {}
  for (const [name, value] of Object.entries(headers)) multiValueHeaders[name] = [value]
  return {
    resource: '/{proxy+}',
    path,
    httpMethod: method,
    headers: { Host: 'abc123.execute-api.eu-west-1.amazonaws.com', 'X-Forwarded-Proto': 'https', ...headers },
    multiValueHeaders: { Host: ['abc123.execute-api.eu-west-1.amazonaws.com'], 'X-Forwarded-Proto': ['https'], ...multiValueHeaders },
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: { proxy: path.slice(1) },
    stageVariables: null,
    body: null,
    isBase64Encoded: false,
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      authorizer: undefined,
      protocol: 'HTTP/1.1',
      httpMethod: method,
      path: `/prod${path}`,
      stage: 'prod',
      requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
      requestTimeEpoch: 1795254300000,
      resourceId: 'a1b2c3',
      resourcePath: '/{proxy+}',
      identity: {
        accessKey: null, accountId: null, apiKey: null, apiKeyId: null, caller: null, clientCert: null,
        cognitoAuthenticationProvider: null, cognitoAuthenticationType: null, cognitoIdentityId: null,
        cognitoIdentityPoolId: null, principalOrgId: null, sourceIp: '203.0.113.10', user: null,
        userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0', userArn: null,
      },
    },
    ...extra,
  }
}

export function httpEvent(method: string, path: string, headers: Record<string, string>, extra: Partial<APIGatewayProxyEventV2> = {}): APIGatewayProxyEventV2 {
  const lower: Record<string, string> = { host: 'abc123.execute-api.eu-west-1.amazonaws.com' }
  for (const [name, value] of Object.entries(headers)) lower[name.toLowerCase()] = value
  return {
    version: '2.0',
    routeKey: `${method} ${path}`,
    rawPath: path,
    rawQueryString: '',
    headers: lower,
    isBase64Encoded: false,
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      domainName: 'abc123.execute-api.eu-west-1.amazonaws.com',
      domainPrefix: 'abc123',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.10', userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0' },
      requestId: 'JKJaXmPLvHcESHA=',
      routeKey: `${method} ${path}`,
      stage: '$default',
      time: '21/Nov/2026:09:45:00 +0000',
      timeEpoch: 1795254300000,
    },
    ...extra,
  }
}
