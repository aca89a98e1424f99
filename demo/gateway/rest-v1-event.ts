import type { APIGatewayProxyEvent } from 'aws-lambda'
import type { InvocationIds } from './invocation-ids.js'
import { gatewayTime } from './invocation-ids.js'
import type { ReceivedRequest } from './received-request.js'
import { encodeBody, groupHeaderLines, groupQuery, headerValue } from './received-request.js'

/** Where the request landed: the API, its stage and the `{proxy+}` resource. */
export interface RouteTarget {
  apiId: string
  stage: string
  /** Mount prefix, e.g. `/rest/credentials`; the resource is `${prefix}/{proxy+}`. */
  prefix: string
}

/**
 * API Gateway appends these to every proxied request; handlers (and CORS code)
 * must cope with them being there.
 */
export function forwardingHeaders(request: ReceivedRequest, ids: InvocationIds): Array<[string, string]> {
  const forwardedFor = headerValue(request, 'x-forwarded-for')
  return [
    ['X-Amzn-Trace-Id', ids.traceId],
    ['X-Forwarded-For', forwardedFor ? `${forwardedFor}, ${request.sourceIp}` : request.sourceIp],
    ['X-Forwarded-Port', String(request.port)],
    ['X-Forwarded-Proto', request.scheme],
  ]
}

/** The `{proxy+}` part of the path, or null when the request hit the prefix itself. */
export function proxyParameter(path: string, prefix: string): string | null {
  const rest = path.slice(prefix.length).replace(/^\/+/, '')
  return rest === '' ? null : decodeURIComponent(rest)
}

/**
 * A REST API (payload format 1.0) proxy event, shaped like the ones API
 * Gateway sends: header names as the client spelled them, `headers` holding
 * the last value of a repeated header and `multiValueHeaders` all of them.
 */
export function restV1Event(request: ReceivedRequest, target: RouteTarget, ids: InvocationIds): APIGatewayProxyEvent {
  const ownNames = new Set(forwardingHeaders(request, ids).map(([name]) => name.toLowerCase()))
  const lines = [
    ...request.headerLines.filter(([name]) => !ownNames.has(name.toLowerCase())),
    ...forwardingHeaders(request, ids),
  ]
  const headers: Record<string, string> = {}
  const multiValueHeaders: Record<string, string[]> = {}
  for (const { name, values } of groupHeaderLines(lines)) {
    headers[name] = values[values.length - 1] ?? ''
    multiValueHeaders[name] = values
  }
  const query = groupQuery(request.rawQuery)
  const proxy = proxyParameter(request.path, target.prefix)
  const resource = `${target.prefix}/{proxy+}`
  const host = headerValue(request, 'host') ?? 'localhost'
  const encoded = encodeBody(request)
  return {
    resource,
    path: request.path,
    httpMethod: request.method,
    headers,
    multiValueHeaders,
    queryStringParameters:
      query.length === 0 ? null : Object.fromEntries(query.map(({ name, values }) => [name, values[values.length - 1]])),
    multiValueQueryStringParameters:
      query.length === 0 ? null : Object.fromEntries(query.map(({ name, values }) => [name, values])),
    pathParameters: proxy === null ? null : { proxy },
    stageVariables: null,
    requestContext: {
      accountId: '123456789012',
      apiId: target.apiId,
      authorizer: undefined,
      domainName: host,
      domainPrefix: host.split('.')[0] ?? host,
      extendedRequestId: ids.extendedRequestId,
      httpMethod: request.method,
      identity: {
        accessKey: null,
        accountId: null,
        apiKey: null,
        apiKeyId: null,
        caller: null,
        clientCert: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: request.sourceIp,
        user: null,
        userAgent: headerValue(request, 'user-agent') ?? null,
        userArn: null,
      },
      path: `/${target.stage}${request.path}`,
      protocol: 'HTTP/1.1',
      requestId: ids.requestId,
      requestTime: gatewayTime(ids.epochMillis),
      requestTimeEpoch: ids.epochMillis,
      resourceId: 'proxy1',
      resourcePath: resource,
      stage: target.stage,
    },
    body: encoded?.body ?? null,
    isBase64Encoded: encoded?.isBase64Encoded ?? false,
  }
}
